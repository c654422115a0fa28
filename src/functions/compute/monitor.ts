/** POOL.MONITOR: one pool projected at one period (monitoring.md), as `poolshare monitor` gives it. */
import type { RawRow } from '../../engine/types';
import { monitor } from '../../engine/monitor/index';
import { isMonitorPool } from '../../engine/monitor/types';
import { parseYearMonth } from '../../engine/settings';
import { contentKey, memo } from '../cache';
import {
  InputProblem, asGrid, emptyArrivesAsNull, isBlankLike, omitted, single, tableRows, textOf, toCell, toNumber,
} from '../convert';
import { completeTables, describe, distinct } from './tables';

type Out = (number | string)[][];

export const MONITOR_HEADER = ['Period', 'Outturn', 'Variance', 'Movement', 'Reserve used'];
export const MONITOR_PARTNER_HEADER = ['Partner', 'Savings charge', 'Risk share', 'Final cost', ''];

/**
 * In-year monitoring (monitoring.md) for one pool at one period from its tables (ranges with
 * header rows): the projection the command line's `monitor` gives, its period figures then each
 * partner's projected savings charge, risk share and final cost. Pools and Partners, unless given,
 * come from the contributions as for RISKSHARE, and a penny the partner order decides is refused.
 */
export function monitorPool(
  pool: unknown, period: unknown, forecasts: unknown, contributions: unknown, lines: unknown, risk?: unknown,
  savings?: unknown, partners?: unknown,
): Out {
  const args = [pool, period, forecasts, contributions, lines, risk, savings, partners];
  return memo(contentKey('MONITOR', args), () => {
    const nulls = emptyArrivesAsNull(...args);
    const tables: Record<string, RawRow[]> = {
      Forecasts: tableRows(forecasts, 'Forecasts', 'forecasts_range', nulls),
      Contributions: tableRows(contributions, 'Contributions', 'contributions_range', nulls),
      Lines: tableRows(lines, 'Lines', 'lines_range', nulls),
    };
    if (!omitted(risk)) tables.RiskShare = tableRows(risk, 'RiskShare', 'riskshare_range', nulls);
    if (!omitted(savings)) tables.Savings = tableRows(savings, 'Savings', 'savings_range', nulls);
    if (!omitted(partners)) tables.Partners = tableRows(partners, 'Partners', 'partners_range', nulls);
    const poolGrid = asGrid(pool);
    if (poolGrid && (poolGrid.length > 1 || poolGrid[0].length > 1)) {
      tables.Pools = tableRows(pool, 'Pools', 'pool', nulls);
    }
    const named = tables.Pools ? distinct(tables.Pools, 'Pool') : [textOf(pool, 'pool') ?? ''].filter(Boolean);
    const all = distinct(tables.Contributions, 'Pool');
    const name = named.length === 1 ? named[0] : all.length === 1 ? all[0] : null;
    if (!name) throw new InputProblem(`give the pool: contributions_range holds ${all.join(', ') || 'no pool'}`);
    const p = single(period, 'period');
    const ym = isBlankLike(p) ? undefined : parseYearMonth(p);
    if (ym === null) throw new InputProblem(`period must be a date or YYYY-MM text, not "${String(toCell(p))}"`);
    completeTables(tables, 'Contributions');
    const project = (order: RawRow[]) => {
      const result = monitor({ tables: { ...tables, Partners: order } }, { period: ym });
      const found = result.pools.find((x) => x.pool.trim().toLowerCase() === name.trim().toLowerCase());
      const errors = result.warnings.filter((w) => w.severity === 'error' && (!w.pool || w.pool === found?.pool));
      if (!found || !isMonitorPool(found)) {
        throw new InputProblem(errors[0] ? describe(errors[0]) : `no pool named ${name} in contributions_range`);
      }
      // As at the period asked for: its figures are those of the latest Forecasts period up to it.
      const now = found.periods[found.periods.length - 1];
      if (!now) throw new InputProblem(`${found.pool}: forecasts_range has no period to project`);
      return now;
    };
    const now = project(tables.Partners);
    const key = (x: typeof now) => x.partners.map((y) => JSON.stringify(y)).sort().join();
    if (omitted(partners) && key(project([...tables.Partners].reverse())) !== key(now)) {
      throw new InputProblem(`${name}: the partner order decides a penny (a tie in the money rule): `
        + 'give partners_range');
    }
    return [
      MONITOR_HEADER,
      [now.period, toNumber(now.outturn), toNumber(now.variance), now.movement === null ? '' : toNumber(now.movement),
        toNumber(now.reserveUsed)],
      MONITOR_PARTNER_HEADER,
      ...now.partners.map((x) =>
        [x.partner, toNumber(x.savingsCharge), toNumber(x.riskShare), toNumber(x.finalCost), '']),
    ];
  }) as Out;
}

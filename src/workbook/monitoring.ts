/**
 * The `Monitoring` output sheet (monitoring.md, "What the user sees"), shared by the command line's
 * `monitor --out` and the add-in's Monitoring action. Pure: from the monitor's result to one 2-D
 * block with number formats and Excel tables:
 * - `tblMonitoringLines`: one row per pool, line and period (budget, forecast, variance, movement,
 *   and whether the line was taken on budget);
 * - `tblMonitoringPools`: one row per pool and period (the series a variance chart draws);
 * - `tblMonitoringPartners`: each partner's projected savings charge, risk share and final cost;
 * - `tblMonitoringSavings`: the savings at risk.
 * Amounts are numbers converted once from the result's exact strings; text cells carry "@".
 */
import type { MonitorResult } from '../engine/monitor/types';
import { isMonitorPool } from '../engine/monitor/types';
import { SheetBuilder, currencyFormat } from './output';
import type { Out } from './output';
import type { OutputSheet } from './types';

export const MONITORING_SHEET = 'Monitoring';

export function monitoringSheet(result: MonitorResult): OutputSheet {
  const fmt = currencyFormat(result.units);
  const b = new SheetBuilder(MONITORING_SHEET);
  const t = b.text.bind(b);
  const money = (s: string | null): Out => (s === null ? { v: null, f: null } : { v: Number(s), f: fmt });
  const ran = result.pools.filter(isMonitorPool);
  const each = <T>(f: (pool: (typeof ran)[number], p: (typeof ran)[number]['periods'][number]) => T[]): T[] =>
    ran.flatMap((pool) => pool.periods.flatMap((p) => f(pool, p)));

  b.line(t('Period reported on'), t(result.period ?? 'none (no Forecasts)'));
  b.line(t('Periods'), t(result.periods.join(', ') || 'none'));
  b.line(t('Financial year from'), t(`${result.year.start} (${result.year.from})`));
  b.line(t('Units'), t(result.units));
  b.section('Forecast by line and period', 'tblMonitoringLines',
    ['Pool', 'Period', 'Line', 'Budget', 'Forecast', 'Variance', 'Movement', 'Taken on budget'],
    each((pool, p) => p.lines.map((l) => [t(pool.pool), t(p.period), t(l.line), money(l.budget), money(l.forecast),
      money(l.variance), money(l.movement), t(l.assumed ? 'yes' : 'no')])),
    'No periods to report.');
  b.section('Pools by period', 'tblMonitoringPools',
    ['Pool', 'Period', 'Budget', 'Outturn', 'Variance', 'Movement', 'Reserve used', 'Reserve carried', 'Unallocated',
      'Status'],
    result.pools.flatMap((pool) => {
      if (!isMonitorPool(pool)) {
        const n = pool.errors.length;
        return [[t(pool.pool), t(null), ...Array.from({ length: 7 }, () => money(null)),
          t(`not run: ${n} error${n === 1 ? '' : 's'} (see Warnings)`)]];
      }
      return pool.periods.map((p) => [t(pool.pool), t(p.period), money(pool.budget), money(p.outturn),
        money(p.variance),
        money(p.movement), money(p.reserveUsed), money(p.reserveCarried), money(p.unallocated), t('ran')]);
    }), 'No pools.');
  b.section('Projected risk share by partner', 'tblMonitoringPartners',
    ['Pool', 'Period', 'Partner', 'Savings charge', 'Risk share', 'Final cost'],
    each((pool, p) => p.partners.map((x) => [t(pool.pool), t(p.period), t(x.partner), money(x.savingsCharge),
      money(x.riskShare), money(x.finalCost)])));
  b.section('Savings at risk', 'tblMonitoringSavings',
    ['Pool', 'Period', 'Line', 'Partner', 'Planned', 'Delivered', 'Shortfall', 'Agreed'],
    each((pool, p) => p.savingsAtRisk.map((s) => [t(pool.pool), t(p.period), t(s.line), t(s.partner), money(s.planned),
      money(s.delivered), money(s.shortfall), t(s.agreed ? 'yes' : 'no')])), 'No savings at risk.');
  return b.build(new Map(), 0);
}

/**
 * The `Monitoring` output sheet (monitoring.md, "What the user sees"), shared by the command line's
 * `monitor --out` and the add-in's Monitoring action. Pure: from the monitor's result to one 2-D
 * block with number formats and Excel tables:
 * - `tblMonitoringLines`: one row per pool, line and period (budget, forecast, variance, movement,
 *   and whether the line was taken on budget);
 * - `tblMonitoringPools`: one row per pool and period (the series a variance chart draws);
 * - `tblMonitoringPartners`: each partner's projected savings charge, risk share and final cost;
 * - `tblMonitoringSavings`: the savings at risk.
 * Amounts are numbers converted once from the result's exact strings; periods are Excel dates (the
 * first of the month) shown as months ("May 2025"), so they sort, filter and chart as dates; text
 * cells carry "@". The rows down to the first table's header are frozen.
 */
import type { MonitorResult } from '../engine/monitor/types';
import { isMonitorPool } from '../engine/monitor/types';
import type { Warning } from '../engine/types';
import {
  MONTH_FORMAT, SheetBuilder, WriteNotes, currencyFormat, monthSerial, writeWarnings, type Out,
} from './output';
import { parseA1 } from './a1';
import type { OutputSheet } from './types';

export const MONITORING_SHEET = 'Monitoring';

/**
 * The Monitoring sheet. Text that had to change to be written (cut to a cell's 32,767 characters,
 * characters a workbook cannot hold left out) is added to `notes` as TEXT_CUT warnings.
 */
export function monitoringSheet(result: MonitorResult, notes: Warning[] = []): OutputSheet {
  const fmt = currencyFormat(result.units);
  const b = new SheetBuilder(MONITORING_SHEET);
  const t = b.text.bind(b);
  const money = (s: string | null): Out => (s === null ? { v: null, f: null } : { v: Number(s), f: fmt });
  // A period as an Excel date shown as its month; anything that is not YYYY-MM stays text.
  const month = (p: string | null): Out => {
    const serial = p === null ? null : monthSerial(p);
    return serial === null ? t(p) : { v: serial, f: MONTH_FORMAT };
  };
  const ran = result.pools.filter(isMonitorPool);
  const each = <T>(f: (pool: (typeof ran)[number], p: (typeof ran)[number]['periods'][number]) => T[]): T[] =>
    ran.flatMap((pool) => pool.periods.flatMap((p) => f(pool, p)));

  b.line(t('Period reported on'), result.period === null ? t('none (no Forecasts)') : month(result.period));
  const latest = result.periods[result.periods.length - 1];
  if (latest && latest !== result.period) b.line(t('Latest forecasts'), month(latest));
  b.line(t('Periods'), t(result.periods.join(', ') || 'none'));
  b.line(t('Financial year from'), t(`${result.year.start} (${result.year.from})`));
  b.line(t('Units'), t(result.units));
  b.section('Forecast by line and period', 'tblMonitoringLines',
    ['Pool', 'Period', 'Line', 'Budget', 'Forecast', 'Variance', 'Movement', 'Taken on budget'],
    each((pool, p) => p.lines.map((l) => [t(pool.pool), month(p.period), t(l.line), money(l.budget), money(l.forecast),
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
      return pool.periods.map((p) => [t(pool.pool), month(p.period), money(pool.budget), money(p.outturn),
        money(p.variance),
        money(p.movement), money(p.reserveUsed), money(p.reserveCarried), money(p.unallocated), t('ran')]);
    }), 'No pools.');
  b.section('Projected risk share by partner', 'tblMonitoringPartners',
    ['Pool', 'Period', 'Partner', 'Savings charge', 'Risk share', 'Final cost'],
    each((pool, p) => p.partners.map((x) => [t(pool.pool), month(p.period), t(x.partner), money(x.savingsCharge),
      money(x.riskShare), money(x.finalCost)])));
  b.section('Savings at risk', 'tblMonitoringSavings',
    ['Pool', 'Period', 'Line', 'Partner', 'Planned', 'Delivered', 'Shortfall', 'Agreed'],
    each((pool, p) => p.savingsAtRisk.map((s) => [t(pool.pool), month(p.period), t(s.line), t(s.partner),
      money(s.planned), money(s.delivered), money(s.shortfall), t(s.agreed ? 'yes' : 'no')])), 'No savings at risk.');
  const text = new WriteNotes();
  const sheet = b.build(text, 0);
  for (const w of writeWarnings(text)) notes.push(w);
  // Frozen down to the first table's header (the summary lines stay in view above it).
  const first = sheet.tables[0];
  return { ...sheet, freezeRows: first ? parseA1(first.range.split(':')[0]).row : 4 };
}

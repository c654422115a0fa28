/**
 * Generated workbooks with a year of Forecasts (and dated Savings) beside the year-end workbook on
 * the same latest figures: shared by the monitoring property and the options-as-at-P property.
 */
import fc from 'fast-check';
import type { RawRow } from '../../src/engine';

export const TODAY = new Date('2025-11-26T12:00:00Z');
export const PERIODS = ['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03'];

export type Tables = Record<string, RawRow[]>;

export function withForecasts(base: Tables, g: fc.GeneratorValue): { monitored: Tables; yearEnd: Tables } {
  const int = (min: number, max: number) => g(fc.integer, { min, max });
  const copy = (rows: RawRow[] = []) => rows.map((r) => ({ ...r }));
  const yearEnd: Tables = { ...base, Lines: copy(base.Lines), Contributions: copy(base.Contributions), Savings: copy(base.Savings) };
  const monitored: Tables = { ...base, Forecasts: [], Savings: copy(base.Savings) };
  const settings = (base.Settings ?? []).filter((r) => r.Setting !== 'Year start');
  yearEnd.Settings = monitored.Settings = [...settings, { Setting: 'Year start', Value: '2025-04' }];
  const kind = new Map(base.Pools.map((p) => [p.Pool, p.Kind]));
  /** Random rows for one key, in a random order; returns the latest value, or undefined. */
  const rows = (make: (period: string, value: number) => RawRow, around: number): number | undefined => {
    const chosen = PERIODS.filter(() => int(0, 2) === 0);
    let latest: number | undefined;
    for (const period of chosen) {
      latest = int(0, Math.max(1, Math.round(around * 150))) / 100;
      monitored.Forecasts.push(make(period, latest));
    }
    return latest;
  };
  for (const line of yearEnd.Lines) {
    if (kind.get(line.Pool) === 'aligned') continue;
    const latest = rows((Period, Forecast) => ({ Pool: line.Pool, Line: line.Line, Period, Forecast }), Number(line.Forecast ?? 0));
    if (latest !== undefined) line.Forecast = latest;
  }
  for (const c of yearEnd.Contributions) {
    if (kind.get(c.Pool) !== 'aligned') continue;
    const latest = rows((Period, Spend) => ({ Pool: c.Pool, Line: c.Line, Partner: c.Partner, Period, Spend }), Number(c.Gross));
    if (latest !== undefined) c.Spend = latest;
  }
  // Dated Savings rows for savings whose pool, line and partner are unique.
  const k = (s: RawRow) => `${s.Pool}|${s.Line}|${s.Partner}`;
  const count = new Map<string, number>();
  for (const s of yearEnd.Savings ?? []) count.set(k(s), (count.get(k(s)) ?? 0) + 1);
  for (const s of yearEnd.Savings ?? []) {
    if (count.get(k(s)) !== 1) continue;
    for (const period of PERIODS.filter(() => int(0, 3) === 0)) {
      const Delivered = int(0, Math.round(Number(s.Planned) * 120)) / 100;
      monitored.Savings.push({ ...s, Delivered, Period: period });
      s.Delivered = Delivered; // PERIODS ascend: the last pushed is the latest
    }
  }
  if (!base.Savings) {
    delete yearEnd.Savings;
    delete monitored.Savings;
  }
  // Shuffle the Forecasts rows: order must not matter.
  monitored.Forecasts = monitored.Forecasts.map((r) => ({ r, x: int(0, 1e6) })).sort((a, b) => a.x - b.x).map((o) => o.r);
  return { monitored, yearEnd };
}


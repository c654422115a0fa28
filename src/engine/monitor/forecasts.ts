/**
 * The `Forecasts` table (monitoring.md, "Input"): each line's forecast (aligned: each partner's
 * Spend) as at a period, checked row by row, as tracks in period order.
 */
import type { Decimal } from '../money';
import type { Model, PoolModel } from '../model';
import { Row, Table, amount, text } from '../tables';
import { periodsOf } from '../settings';
import { Warnings, place, suggester } from '../warnings';

/** One usable `Forecasts` row. */
export interface ForecastRow {
  row: number;
  period: string;
  /** A pooled line's forecast, or an aligned partner's Spend. */
  value: Decimal;
}

/** A pool's forecasts: pooled by line, aligned by line and partner; each list in period order. */
export type Track = ForecastRow[];
export const key = (line: string, partner: string | null) => (partner === null ? line : `${line}\u0000${partner}`);

/** Reads `Forecasts`: references, periods, duplicates and required amounts, each with its warning. */
export function readForecasts(
  t: Table, model: Model, w: Warnings,
): { tracks: Map<PoolModel, Map<string, Track>>; rows: Row[] } {
  const tracks = new Map<PoolModel, Map<string, Track>>();
  const rows: Row[] = [];
  const pools = new Map(model.pools.map((p) => [p.name, p]));
  const periods = periodsOf(t);
  const partners = new Set(model.partners);
  const seen = new Set<string>();
  const lineSets = new Map(model.pools.map((p) => [p, new Set(p.lines.map((l) => l.name))]));
  const didYouMean = suggester();
  for (const row of t.rows) {
    const name = text(row, 'Pool');
    if (row.bad || name === null) continue;
    const at = (column: string, pool?: string) =>
      ({ table: 'Forecasts', row: row.row, column, typedColumn: t.typed[column], pool });
    const pool = pools.get(name);
    if (!pool) {
      const hint = didYouMean('pool', name, () => pools.keys());
      const message = `${place(at('Pool'))}: pool ${name} is not in the Pools table.${hint} Correct the name.`;
      w.add('UNKNOWN_POOL', message, at('Pool'));
      continue;
    }
    const where = (column: string) => at(column, pool.name);
    const line = text(row, 'Line')!;
    if (!lineSets.get(pool)!.has(line)) {
      const hint = didYouMean(`line:${pool.name}`, line, () => pool.lines.map((l) => l.name));
      const message = `${place(where('Line'))}: line ${line} is not a line of pool ${pool.name}.${hint} ` +
        'Correct the name.';
      w.add('UNKNOWN_LINE', message, where('Line'));
      continue;
    }
    const period = periods.get(row.row) ?? null;
    if (period === null) {
      w.add('INVALID_VALUE', `${place(where('Period'))}: the period is not a month; type it as YYYY-MM, e.g. 2025-06.`,
        where('Period'));
      continue;
    }
    const aligned = pool.kind === 'aligned';
    let partner: string | null = null;
    if (aligned) {
      partner = text(row, 'Partner');
      if (partner === null) {
        w.add('BLANK_REQUIRED', `${place(where('Partner'))}: pool ${pool.name} is aligned, so each forecast row ` +
          'names the partner whose Spend it forecasts; type the partner.', where('Partner'));
        continue;
      }
      if (!partners.has(partner)) {
        w.add('UNKNOWN_PARTNER', `${place(where('Partner'))}: partner ${partner} is not in the Partners table.` +
          `${didYouMean('partner', partner, () => partners)} Correct the code.`, where('Partner'));
        continue;
      }
      if (!pool.contributions.some((c) => c.line === line && c.partner === partner)) {
        // Its Spend would count nowhere: an aligned line's outturn is its contributors' Spend.
        w.add('UNKNOWN_PARTNER', `${place(where('Partner'))}: partner ${partner} has no Contributions row on line ` +
          `${line} of pool ${pool.name}, so its forecast spend would count nowhere; add its contribution row ` +
          '(Gross 0 if it puts nothing in) or correct the partner.', where('Partner'));
        continue;
      }
    }
    const value = amount(row, aligned ? 'Spend' : 'Forecast');
    if (value === null) {
      const col = aligned ? 'Spend' : 'Forecast';
      const what = aligned ? "partner's forecast spend" : "line's forecast";
      w.add('BLANK_REQUIRED', `${place(where(col))}: the ${what} as at ` +
        `${period} is blank; type it (0 if nothing will be spent).`, where(col));
      continue;
    }
    const k = `${pool.name}\u0000${key(line, partner)}\u0000${period}`;
    if (seen.has(k)) {
      const what = `line ${line}${partner ? `, partner ${partner}` : ''}, period ${period}`;
      const message = `${place(where('Period'))}: pool ${pool.name}, ${what} appears twice; keep one row.`;
      w.add('DUPLICATE_ROW', message, where('Period'));
      continue;
    }
    seen.add(k);
    if (!tracks.has(pool)) tracks.set(pool, new Map());
    const byLine = tracks.get(pool)!;
    const lk = key(line, partner);
    if (!byLine.has(lk)) byLine.set(lk, []);
    byLine.get(lk)!.push({ row: row.row, period, value });
    rows.push(row);
  }
  const byPeriod = (a: ForecastRow, b: ForecastRow) => (a.period < b.period ? -1 : 1);
  for (const byLine of tracks.values()) for (const list of byLine.values()) list.sort(byPeriod);
  return { tracks, rows };
}

/**
 * The year end (`run`) on a workbook kept with Forecasts: a line whose Lines `Forecast` is blank
 * (aligned: a partner whose `Spend` is blank) takes its latest Forecasts row, as the last period's
 * projection does. The tracks come checked (periods.ts): a slip in them is an error at year end too.
 */
export function yearEndForecasts(model: Model, tracks: Map<PoolModel, Map<string, Track>>, contributions: Table): void {
  if (tracks.size === 0) return;
  const rows = new Map(contributions.rows.map((r) => [r.row, r]));
  for (const [pool, byLine] of tracks) {
    const last = (k: string) => {
      const t = byLine.get(k);
      return t && t.length > 0 ? t[t.length - 1].value : undefined;
    };
    if (pool.kind === 'aligned') {
      pool.contributions = pool.contributions.map((c) => {
        const spend = amount(rows.get(c.row)!, 'Spend') === null ? last(key(c.line, c.partner)) : undefined;
        return spend === undefined ? c : { ...c, spend };
      });
    } else {
      pool.lines = pool.lines.map((l) => {
        const forecast = l.forecast === null ? last(l.name) : undefined;
        return forecast === undefined ? l : { ...l, forecast };
      });
    }
  }
}

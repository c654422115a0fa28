/** The `Lines` table: each pool's lines, their lead partner and forecast (a blank one checked). */
import { show } from '../numbers';
import { Table, amount, text } from '../tables';
import { Warnings, place } from '../warnings';
import type { PoolModel } from './types';
import { Ctx, at, partnerRef, poolRef } from './context';

/**
 * A blank Forecast on a line that has contributions is BLANK_REQUIRED ("Readings decided" 13);
 * aligned pools are exempt (their outturn is the partners' Spend). A line without contributions
 * and a blank Forecast is BLANK_AS_ZERO (pool.ts). Year end only, after the latest `Forecasts` row
 * has filled a blank Forecast (run.ts); monitoring takes such a line on budget instead.
 */
export function checkForecasts(pools: PoolModel[], lines: Table, w: Warnings): void {
  for (const pool of pools) {
    if (pool.kind === 'aligned') continue;
    const funded = new Set(pool.contributions.map((c) => c.line));
    for (const l of pool.lines) {
      if (l.forecast !== null || !funded.has(l.name)) continue;
      const where = at(lines, l.row, 'Forecast', pool.name);
      w.add('BLANK_REQUIRED', `${place(where)}: line ${l.name} of pool ${pool.name} has contributions but no `
        + 'forecast; type its forecast outturn (0 if nothing will be spent, or - for zero).', where);
    }
  }
}

export function buildLines(ctx: Ctx): void {
  const { w } = ctx;
  const t = ctx.T.Lines;
  for (const row of t.rows) {
    const pool = poolRef(ctx, t, row);
    const name = text(row, 'Line');
    if (!pool || name === null) continue;
    const names = ctx.lineNames.get(pool)!;
    // A bad cell is an error of its own (the pool fails); its line is still known, so that the
    // rows naming it get no follow-on UNKNOWN_LINE.
    if (row.bad) {
      names.add(name);
      continue;
    }
    if (names.has(name)) {
      w.add('DUPLICATE_ROW', `Lines row ${row.row}: line ${show(name)} of pool ${pool.name} is listed twice; `
        + 'keep one row for it.', at(t, row.row, 'Line', pool.name));
      continue;
    }
    let lead = text(row, 'Lead');
    if (lead !== null) lead = partnerRef(ctx, lead, t, row, 'Lead', pool.name);
    else if (pool.method === 'lead') {
      const where = at(t, row.row, 'Lead', pool.name);
      w.add('NO_LEAD', `${place(where)}: pool ${pool.name} shares by lead partner, but line ${name} names no lead; `
        + 'type the partner that commissions it.', where);
    }
    pool.lines.push({ name, row: row.row, lead, forecast: amount(row, 'Forecast') });
    names.add(name);
  }
}

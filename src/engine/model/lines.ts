/** The `Lines` table: each pool's lines, their lead partner and forecast. */
import { show } from '../numbers';
import { amount, text } from '../tables';
import { place } from '../warnings';
import { Ctx, at, partnerRef, poolRef } from './context';

export function buildLines(ctx: Ctx): void {
  const { w } = ctx;
  const t = ctx.T.Lines;
  for (const row of t.rows) {
    const pool = poolRef(ctx, t, row);
    if (!pool || row.bad) continue;
    const name = text(row, 'Line')!;
    const names = ctx.lineNames.get(pool)!;
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

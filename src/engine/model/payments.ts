/** The `Payments` table: rule 8's payments of non-host partners to the host of a pooled pool. */
import { amount } from '../tables';
import { place } from '../warnings';
import { Ctx, at, partnerOf, poolRef } from './context';

export function buildPayments(ctx: Ctx): void {
  const t = ctx.T.Payments;
  for (const row of t.rows) {
    const pool = poolRef(ctx, t, row);
    if (!pool) continue;
    const partner = partnerOf(ctx, t, row, pool).code;
    if (row.bad || partner === null) continue;
    const where = at(t, row.row, 'Partner', pool.name);
    if (pool.kind === 'aligned') {
      ctx.w.add('IGNORED_ROW', `${place(where)}: pool ${pool.name} is aligned, so partners pay no contributions to `
        + "a host; this payment is ignored (each partner's own Spend is what it has put in).", where);
      continue;
    }
    if (partner === pool.host) {
      ctx.w.add('IGNORED_ROW', `${place(where)}: ${partner} is the host of pool ${pool.name}; what the host has put `
        + 'in is worked out from the outturn, so this payment is ignored.', where);
      continue;
    }
    pool.payments.push({ row: row.row, partner, amount: amount(row, 'Amount')! });
  }
}

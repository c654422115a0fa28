/**
 * The `Contributions` table: rule 1's net per row (Gross − Income − Grant), checked against a
 * typed Net; deductions typed negative (SIGN_READ).
 */
import {
  Decimal, HALF_PENNY, MAX_PENNIES, ZERO, compare, fromPennies, groupMoney, signedPennies,
} from '../money';
import { Row, Table, amount } from '../tables';
import { place } from '../warnings';
import { Ctx, at, refs } from './context';
import type { PoolModel } from './types';

/**
 * Rule 1, the one place it is worked out: net = Gross − Income − Grant, a deduction typed negative
 * counting by its size ("Readings decided" 12). Also used by POOL.NET and the report-block check.
 */
export function netOf(gross: Decimal, income: Decimal, grant: Decimal): Decimal {
  // All in whole pennies, with something to take off (most rows): worked out in whole numbers, which
  // gives the same Decimal as below, a net of 0 included (+0, as `minus` makes it).
  const g = signedPennies(gross);
  const i = signedPennies(income);
  const t = signedPennies(grant);
  if (g !== undefined && i !== undefined && t !== undefined && (i !== 0 || t !== 0)) {
    const net = g - Math.abs(i) - Math.abs(t);
    if (net <= MAX_PENNIES && net >= -MAX_PENNIES) return fromPennies(net);
  }
  // x − 0 is x (for −0 too): a zero Income or Grant, the common case, costs no arithmetic.
  const less = (x: Decimal, d: Decimal) => (d.isZero() ? x : x.minus(d.abs()));
  return less(less(gross, income), grant);
}

/**
 * An Income or Grant: a positive amount; typed negative (the sign a report prints) it is read as a
 * deduction of its size, with SIGN_READ on its cell ("Readings decided" 12).
 */
function deduction(ctx: Ctx, t: Table, row: Row, header: 'Income' | 'Grant', pool: string): Decimal {
  const v = amount(row, header) ?? ZERO;
  if (!v.isNegative() || v.isZero()) return v;
  const where = at(t, row.row, header, pool);
  ctx.w.add('SIGN_READ', `${place(where)}: ${header.toLowerCase()} ${groupMoney(v)} is typed negative, as a report `
    + `prints it; it is read as a deduction of ${groupMoney(v.abs())}. Type it as a positive amount.`, where);
  return v.abs();
}

export function buildContributions(ctx: Ctx): void {
  const { w } = ctx;
  const t = ctx.T.Contributions;
  // The partners seen on each line of each pool: no key string made per row (a million rows).
  const seen = new Map<PoolModel, Map<string, Set<string>>>();
  for (const row of t.rows) {
    const r = refs(ctx, t, row);
    if (!r) continue;
    const { pool, line, partner } = r;
    if (row.bad || line === null || partner === null) continue;
    let lines = seen.get(pool);
    if (!lines) seen.set(pool, (lines = new Map()));
    let partners = lines.get(line);
    if (!partners) lines.set(line, (partners = new Set()));
    if (partners.has(partner)) {
      w.add('DUPLICATE_ROW', `Contributions row ${row.row}: pool ${pool.name}, line ${line}, partner ${partner} `
        + 'appears twice; put the amounts on one row.', at(t, row.row, 'Partner', pool.name));
      continue;
    }
    partners.add(partner);
    const gross = amount(row, 'Gross')!;
    const income = deduction(ctx, t, row, 'Income', pool.name);
    const grant = deduction(ctx, t, row, 'Grant', pool.name);
    const worked = netOf(gross, income, grant); // rule 1
    const typed = amount(row, 'Net');
    // A typed Net equal to the net (the common case) is told by one comparison, with no arithmetic; equal
    // sign and all, it is kept in the net's place: one Decimal less held per row.
    const equal = typed !== null && compare(typed, worked) === 0;
    const net = equal && typed.s === worked.s ? typed : worked;
    if (typed !== null && !equal && typed.minus(net).abs().greaterThan(HALF_PENNY)) {
      w.add('NET_MISMATCH', `Net ${groupMoney(typed)} is not Gross less Income less Grant (${groupMoney(net)}): `
        + `difference ${groupMoney(typed.minus(net))}. (Contributions row ${row.row}: pool ${pool.name}, `
        + `line ${line}, partner ${partner}; correct Net or the amounts.)`, at(t, row.row, 'Net', pool.name));
    }
    if (compare(income, gross) > 0) {
      const where = at(t, row.row, 'Income', pool.name);
      w.add('INCOME_EXCEEDS_GROSS', `${place(where)}: income ${groupMoney(income)} exceeds gross `
        + `${groupMoney(gross)} for ${partner} on line ${line} of pool ${pool.name}; check both figures.`, where);
    }
    if (net.isNegative() && !net.isZero()) {
      const where = at(t, row.row, 'Gross', pool.name);
      w.add('NEGATIVE_NET', `${place(where)}: ${partner}'s net contribution to line ${line} of pool `
        + `${pool.name} is ${groupMoney(net)}, below zero; check Gross, Income and Grant.`, where);
    }
    const spend = amount(row, 'Spend') ?? ZERO;
    pool.contributions.push({ row: row.row, line, partner, gross, income, grant, net, spend });
  }
}

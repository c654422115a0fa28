/**
 * UNITS_SUSPECT ("Readings decided" 16): an amount 500 times or more the median of its pool's
 * others (absolute values; skipped when that median is 0) is flagged on its cell, a £ figure in
 * a £'000 book, say. A contribution's Gross is set against the pool's other contribution rows, a
 * line's Forecast against its other lines, a payment against its other payments (or, when it is
 * the only one, against the median contribution row).
 */
import { Decimal, compare, groupMoney } from '../money';
import { place } from '../warnings';
import { Ctx, at } from './context';
import type { PoolModel } from './types';

export const UNITS_FACTOR = 500;

interface Figure { row: number; value: Decimal }

/** The median of the absolute values, the one at index `skip` of `sorted` left out. */
function medianWithout(sorted: Decimal[], skip: number): Decimal | null {
  const n = sorted.length - (skip >= 0 ? 1 : 0);
  if (n === 0) return null;
  const get = (k: number) => sorted[skip >= 0 && k >= skip ? k + 1 : k];
  return n % 2 === 1 ? get((n - 1) / 2) : get(n / 2 - 1).plus(get(n / 2)).dividedBy(2);
}

/**
 * A quick test before sorting: some figure can be 500 times the median of the others only if the
 * largest is, and that needs about half of the others at or below a 500th of it.
 */
function mayStandOut(abs: Decimal[]): boolean {
  let top = 0;
  for (let i = 1; i < abs.length; i++) if (compare(abs[i], abs[top]) > 0) top = i;
  const limit = abs[top].dividedBy(UNITS_FACTOR);
  let below = 0;
  for (let i = 0; i < abs.length; i++) if (i !== top && compare(abs[i], limit) <= 0) below++;
  return below >= Math.floor((abs.length - 1) / 2);
}

/** The figures 500 times or more the median of the others, each with that median. */
export function suspects(figures: Figure[], fallback: Decimal[] = []): Array<Figure & { median: Decimal }> {
  if (figures.length === 0) return [];
  const abs = figures.map((f) => (f.value.isNegative() ? f.value.abs() : f.value));
  if (figures.length > 2 && !mayStandOut(abs)) return [];
  const order = abs.map((a, i) => ({ abs: a, i })).sort((a, b) => compare(a.abs, b.abs));
  const sorted = order.map((x) => x.abs);
  const out: Array<Figure & { median: Decimal }> = [];
  const alone = figures.length === 1;
  const others = alone ? fallback.map((d) => d.abs()).sort(compare) : sorted;
  order.forEach((x, k) => {
    const median = medianWithout(others, alone ? -1 : k);
    if (median === null || median.isZero()) return;
    if (compare(x.abs, median.times(UNITS_FACTOR)) >= 0) out.push({ ...figures[x.i], median });
  });
  return out.sort((a, b) => a.row - b.row);
}

export function checkUnits(ctx: Ctx): void {
  for (const pool of ctx.pools) {
    const gross = pool.contributions.map((c) => ({ row: c.row, value: c.gross }));
    flag(ctx, pool, 'Contributions', 'Gross', suspects(gross), 'other contribution rows');
    const forecasts = pool.lines.flatMap((l) => (l.forecast === null ? [] : [{ row: l.row, value: l.forecast }]));
    flag(ctx, pool, 'Lines', 'Forecast', suspects(forecasts), 'other lines');
    const payments = pool.payments.map((p) => ({ row: p.row, value: p.amount }));
    const what = payments.length === 1 ? 'contribution rows' : 'other payments';
    flag(ctx, pool, 'Payments', 'Amount', suspects(payments, gross.map((g) => g.value)), what);
  }
}

function flag(
  ctx: Ctx, pool: PoolModel, table: 'Contributions' | 'Lines' | 'Payments', column: string,
  found: Array<Figure & { median: Decimal }>, others: string,
): void {
  for (const f of found) {
    const where = at(ctx.T[table], f.row, column, pool.name);
    ctx.w.add('UNITS_SUSPECT', `${place(where)}: ${groupMoney(f.value)} is ${UNITS_FACTOR} times or more the median `
      + `of pool ${pool.name}'s ${others} (${groupMoney(f.median)}); check its units `
      + "(a £ figure in a £'000 book?) and correct it if so.", where);
  }
}

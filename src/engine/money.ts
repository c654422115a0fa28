/**
 * The spec's "Money" rule, in one place. Every amount is a Decimal; every split of an amount
 * over weights goes through `allocate`, so the parts always add up to the whole.
 */
import DecimalBase from 'decimal.js';

/** A Decimal configured for money: plenty of precision, no exponent notation in strings. */
export const Decimal = DecimalBase.clone({
  precision: 60, rounding: DecimalBase.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 60,
});
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
/** Figures that differ by more than half a penny do not tie (NET_MISMATCH, SPEND_MISMATCH, TOTAL_MISMATCH). */
export const HALF_PENNY = new Decimal('0.005');
const ONE = new Decimal(1);
const PENNY = new Decimal('0.01');

export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

/**
 * Splits `amount` over `weights` (spec, "Money"): each part amount·wᵢ/Σw is cut toward zero to
 * 2 decimals, and the pennies left over go one each to the parts with the largest cut-off
 * remainders, ties by position (callers order parts by partner order, then line order).
 * The parts always add up to `amount` exactly. A negative weight (a partner whose net
 * contribution is below zero) takes a part of the opposite sign, as the formula says; when such
 * parts leave the cut-off parts above the whole, the surplus pennies come back one each from the
 * parts with the lowest remainders.
 * Throws RangeError when the weights total zero or less (there is no proportion to take).
 */
export function allocate(amount: Decimal, weights: Decimal[]): Decimal[] {
  if (weights.length === 0) {
    if (!amount.isZero()) throw new RangeError('cannot split a non-zero amount over no parts');
    return [];
  }
  let total = ZERO;
  for (const w of weights) total = total.plus(w);
  if (!total.greaterThan(0)) {
    if (amount.isZero()) return weights.map(() => ZERO);
    throw new RangeError(total.isZero() ? 'weights total zero' : 'weights total below zero');
  }
  const sign = amount.isNegative() ? -1 : 1;
  const whole = amount.abs();
  const parts: Decimal[] = [];
  const remainders: Decimal[] = [];
  let allotted = ZERO;
  for (const w of weights) {
    const exact = whole.times(w).dividedBy(total);
    const cut = exact.toDecimalPlaces(2, Decimal.ROUND_DOWN);
    parts.push(cut);
    remainders.push(exact.minus(cut));
    allotted = allotted.plus(cut);
  }
  const pennies = whole.minus(allotted).dividedBy(PENNY).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (pennies !== 0) {
    // Largest remainders first for pennies left over; lowest first for pennies to take back.
    const dir = pennies > 0 ? 1 : -1;
    const order = remainders
      .map((r, i) => ({ r, i }))
      .sort((a, b) => dir * b.r.comparedTo(a.r) || a.i - b.i);
    for (let k = 0, left = Math.abs(pennies); left > 0; k = (k + 1) % order.length, left--) {
      parts[order[k].i] = dir > 0 ? parts[order[k].i].plus(PENNY) : parts[order[k].i].minus(PENNY);
    }
  }
  // An amount that is not itself to the penny (typed to a tenth of a penny, say) leaves a
  // sub-penny residue: it stays with the part of the largest weight, so nothing is dropped.
  const residue = whole.minus(sum(parts));
  if (!residue.isZero()) {
    let big = 0;
    weights.forEach((w, i) => { if (w.greaterThan(weights[big])) big = i; });
    parts[big] = parts[big].plus(residue);
  }
  return sign < 0 ? parts.map((p) => p.negated()) : parts;
}

/**
 * Splits `amount` into `n` equal parts by the money rule (extra pennies to the earliest): exactly
 * `allocate` over n equal weights, whose steps it takes once instead of n times (every part's
 * exact share and cut-off remainder are the same, so the pennies go in part order, and a
 * sub-penny residue to the first part). tests/engine/money.test.ts holds it to `allocate`.
 */
export function splitEqually(amount: Decimal, n: number): Decimal[] {
  if (n <= 0) return allocate(amount, []);
  const whole = amount.abs();
  const cut = whole.dividedBy(n).toDecimalPlaces(2, Decimal.ROUND_DOWN);
  const parts: Decimal[] = new Array<Decimal>(n).fill(cut);
  // Never below 0: the cut is at most the exact share, so n cuts are at most the whole.
  const pennies = whole.minus(cut.times(n)).dividedBy(PENNY).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  for (let k = 0; k < pennies; k++) parts[k % n] = parts[k % n].plus(PENNY);
  const residue = whole.minus(sum(parts));
  if (!residue.isZero()) parts[0] = parts[0].plus(residue);
  return amount.isNegative() ? parts.map((p) => p.negated()) : parts;
}

/** "1234.50": exactly two decimals, the JSON edge's form of an amount. */
export function toMoney(d: Decimal): string {
  if (d.isZero()) return '0.00'; // the common case (nothing paid yet, no reserve), -0 included
  const s = d.toFixed(2, Decimal.ROUND_HALF_UP);
  return s === '-0.00' ? '0.00' : s;
}

/** "1,234.50": for messages and the audit trail. */
export function groupMoney(d: Decimal): string {
  const s = toMoney(d);
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}${grouped}.${frac}`;
}

/** A fraction to 6 decimals, e.g. share = net / budget. */
export function toFraction(d: Decimal): string {
  const s = d.toFixed(6, Decimal.ROUND_HALF_UP);
  return s === '-0.000000' ? '0.000000' : s;
}

/** A number with up to `dp` decimals and no trailing zeros, e.g. a percent "45" or "33.5". */
export function plain(d: Decimal, dp = 4): string {
  return d.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).toString();
}

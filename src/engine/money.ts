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

/** The largest whole number of pennies `fromPennies` takes: 15 digits, all Excel keeps. */
export const MAX_PENNIES = 999_999_999_999_999;

/**
 * The amount of `c` pennies, c/100, for a whole number |c| <= MAX_PENNIES: the same Decimal that
 * `new Decimal(String(c / 100))` makes, built from the pennies' digits with no text in between (a
 * workbook's amounts are mostly whole pennies, and reading them from text was a tenth of a run).
 * decimal.js documents its value as three properties: `s` the sign, `e` the exponent of the
 * leading digit, and `d` the digits in base 1e7, each word aligned to a power of 1e7 (the word
 * after the units holds the first seven decimals), with no word of trailing zeros. They are set here
 * on a Decimal the constructor made, so every Decimal keeps one shape. tests/engine/money.test.ts
 * holds s, e and d to the constructor's over the whole range.
 */
export function fromPennies(c: number): Decimal {
  if (c === 0) return ZERO;
  const made = new Decimal(1);
  const x = made as unknown as { s: number; e: number; d: number[] }; // read-only to callers, not to its maker
  let n = c;
  if (c < 0) {
    n = -c;
    x.s = -1;
  }
  if (n > MAX_PENNIES) throw new RangeError(`fromPennies: ${c} pennies is past MAX_PENNIES`);
  const whole = Math.floor(n / 100);
  const cents = n - whole * 100;
  // Each digits array is made at its size (an array grown by push keeps room for 17 words).
  if (whole === 0) {
    x.e = cents >= 10 ? -1 : -2;
    x.d = [cents * 1e5];
    return made;
  }
  let e = 0;
  for (let p = 10; p <= whole; p *= 10) e++; // powers of ten below 1e14 are exact
  x.e = e;
  // whole < 1e13, so two words hold it: the units' word and, above 1e7, the one before it.
  const hi = Math.floor(whole / 1e7);
  const lo = whole - hi * 1e7;
  if (hi === 0) x.d = cents > 0 ? [lo, cents * 1e5] : [lo];
  else if (cents > 0) x.d = [hi, lo, cents * 1e5];
  else x.d = lo === 0 ? [hi] : [hi, lo];
  return made;
}

export function sum(values: Iterable<Decimal>): Decimal {
  const total = new Total();
  for (const v of values) total.add(v);
  return total.value;
}

/**
 * A running sum, exactly what adding each amount to ZERO with `plus` gives, sign of zero included (such a
 * sum is never -0). While every amount added is whole pennies, it keeps them as a plain whole number,
 * which is exact up to MAX_PENNIES and makes no Decimal per addition; past that, or at the first amount
 * that is not whole pennies, it goes on in Decimals. tests/engine/money.test.ts holds it to `plus`.
 */
export class Total {
  private pennies = 0;
  /** The sum in Decimals, once the pennies no longer hold it. */
  private exact: Decimal | undefined;

  add(x: Decimal): void {
    if (this.exact === undefined) {
      const p = wholePennies(x);
      if (p !== undefined) {
        const next = x.s < 0 ? this.pennies - p : this.pennies + p;
        if (next <= MAX_PENNIES && next >= -MAX_PENNIES) {
          this.pennies = next;
          return;
        }
      }
      this.exact = fromPennies(this.pennies);
    }
    this.exact = this.exact.plus(x);
  }

  get value(): Decimal {
    return this.exact ?? fromPennies(this.pennies);
  }
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
  const inPennies = wholePennies(amount);
  if (inPennies !== undefined) return splitPennies(inPennies, n, amount.isNegative());
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

/**
 * The whole number of pennies in `x`, or undefined when it is not whole pennies or is 1e13 or more
 * (its pennies would pass MAX_PENNIES). Read from the digits as `fromPennies` lays them out: word k
 * stands at 1e7^(b - k), where b = floor(e / 7) is the first word's place (0 the units, -1 the
 * first seven decimals). Whole pennies end at the decimals' word, and that word ends in five zeros.
 */
function wholePennies(x: Decimal): number | undefined {
  const { d, e } = x;
  if (!d) return undefined; // not finite
  const first = Math.floor(e / 7);
  if (first > 1 || first - (d.length - 1) < -1) return undefined;
  let whole = 0;
  let cents = 0;
  for (let k = 0; k < d.length; k++) {
    const place = first - k;
    if (place === 1) whole += d[k] * 1e7;
    else if (place === 0) whole += d[k];
    else if (d[k] % 1e5 === 0) cents = d[k] / 1e5;
    else return undefined;
  }
  return whole < 1e13 ? whole * 100 + cents : undefined;
}

const MINUS_ZERO = ZERO.negated();

/**
 * splitEqually for an amount of whole pennies (`pennies` its size): the same parts, worked out in whole
 * numbers. Each part is floor(pennies / n), and the first pennies % n parts a penny more; a negative
 * amount's parts are negated, so a part of nothing is -0 there, as `negated` makes it.
 */
function splitPennies(pennies: number, n: number, negative: boolean): Decimal[] {
  const cut = Math.floor(pennies / n);
  const extra = pennies - cut * n;
  const part = (p: number) => (p === 0 ? (negative ? MINUS_ZERO : ZERO) : fromPennies(negative ? -p : p));
  const [more, less] = [part(cut + 1), part(cut)];
  const parts = new Array<Decimal>(n);
  for (let k = 0; k < n; k++) parts[k] = k < extra ? more : less;
  return parts;
}

/** `x` in whole pennies, signed (0 for -0), or undefined when it is not whole pennies below £10 trillion. */
export function signedPennies(x: Decimal): number | undefined {
  const p = wholePennies(x);
  return p === undefined || p === 0 || x.s > 0 ? p : -p;
}

/**
 * a.comparedTo(b): -1, 0 or 1 (-0 equals 0). decimal.js copies `b` on every comparison, digits and
 * all; amounts in whole pennies (most) are compared as the numbers of pennies, with no copy.
 */
export function compare(a: Decimal, b: Decimal): number {
  const p = signedPennies(a);
  const q = p === undefined ? undefined : signedPennies(b);
  if (q === undefined) return a.comparedTo(b);
  return p! < q ? -1 : p! > q ? 1 : 0;
}

/**
 * a.plus(b), the very Decimal decimal.js gives (sign of zero included: x + 0 is x, 0 + y is y, a sum that
 * cancels is +0, and two zeros sum as IEEE 754 says), with whole pennies added as whole numbers and
 * nothing copied for a zero.
 */
export function plus(a: Decimal, b: Decimal): Decimal {
  return combine(a, b, false);
}

/** a.minus(b), as `plus` is a.plus(b): x − 0 is x, 0 − y is −y, a difference that cancels is +0. */
export function minus(a: Decimal, b: Decimal): Decimal {
  return combine(a, b, true);
}

/** `plus` (or, with `subtract`, `minus`): the one place both are worked out. */
function combine(a: Decimal, b: Decimal, subtract: boolean): Decimal {
  if (a.isZero() && b.isZero()) return subtract ? a.minus(b) : a.plus(b); // -0 only when IEEE 754 says so
  if (b.isZero()) return a;
  if (a.isZero()) return subtract ? b.negated() : b;
  const p = signedPennies(a);
  const q = p === undefined ? undefined : signedPennies(b);
  if (q !== undefined) {
    const r = subtract ? p! - q : p! + q;
    if (r <= MAX_PENNIES && r >= -MAX_PENNIES) return fromPennies(r);
  }
  return subtract ? a.minus(b) : a.plus(b);
}

/** x > 0, with no Decimal made (`x.greaterThan(0)` makes two). */
export const isPositive = (x: Decimal) => x.s > 0 && !x.isZero();

/** "1234.50": exactly two decimals, the JSON edge's form of an amount. */
export function toMoney(d: Decimal): string {
  if (d.isZero()) return '0.00'; // the common case (nothing paid yet, no reserve), -0 included
  const n = wholePennies(d);
  if (n !== undefined) { // most amounts: their digits as they stand, without decimal.js's rounding
    const whole = Math.floor(n / 100);
    const cents = n - whole * 100;
    return `${d.s < 0 ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
  }
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

/**
 * toFraction(part / whole), 0 when the whole is 0: a partner's share of a budget. For whole pennies it is
 * worked out in whole numbers (BigInt), rounded half away from zero at the 6th decimal as toFixed rounds:
 * the same text as the 60-digit division (which cannot carry a quotient of numbers below 1e15 across a
 * half), with no 60-digit division per partner and pool.
 */
export function fractionOf(part: Decimal, whole: Decimal): string {
  if (whole.isZero()) return toFraction(ZERO);
  const n = signedPennies(part);
  const d = n === undefined ? undefined : signedPennies(whole);
  if (d === undefined) return toFraction(part.dividedBy(whole));
  const num = BigInt(Math.abs(n!)) * 1_000_000n;
  const den = BigInt(Math.abs(d));
  let q = num / den;
  if ((num % den) * 2n >= den) q += 1n;
  const digits = q.toString().padStart(7, '0');
  const sign = q !== 0n && (n! < 0) !== (d < 0) ? '-' : '';
  return `${sign}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** A number with up to `dp` decimals and no trailing zeros, e.g. a percent "45" or "33.5". */
export function plain(d: Decimal, dp = 4): string {
  return d.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP).toString();
}

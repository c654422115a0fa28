/** Rule 1's net, worked out in whole pennies where it can be: the very Decimal the Decimal arithmetic gives. */
import fc from 'fast-check';
import { Decimal, ZERO, fromPennies } from '../../src/engine/money';
import { netOf } from '../../src/engine/model/contributions';

/** Gross − |Income| − |Grant|, a zero deduction taking nothing off (so a -0 Gross stays -0), in Decimals alone. */
const byDecimals = (gross: Decimal, income: Decimal, grant: Decimal) => {
  const less = (x: Decimal, d: Decimal) => (d.isZero() ? x : x.minus(d.abs()));
  return less(less(gross, income), grant);
};
const same = (a: Decimal, b: Decimal) => a.eq(b) && a.isNegative() === b.isNegative() && a.toString() === b.toString();

describe('netOf (rule 1)', () => {
  it('is Gross less Income less Grant, sign of zero included, whole pennies or not', () => {
    const amount = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }).map((c) => fromPennies(c)),
      fc.integer({ min: -999_999_999_999_999, max: 999_999_999_999_999 }).map((c) => fromPennies(c)),
      fc.integer({ min: -1e9, max: 1e9 }).map((c) => new Decimal(c).dividedBy(1000)),
      fc.constantFrom(ZERO, new Decimal('-0'), new Decimal('0.005'), new Decimal('-9999999999999.99')),
    );
    fc.assert(fc.property(amount, amount, amount, (g, i, t) => same(netOf(g, i, t), byDecimals(g, i, t))),
      { seed: 1206, numRuns: 20000 });
  });

  it('keeps a -0 Gross with nothing taken off, and nets equal amounts to +0', () => {
    expect(netOf(new Decimal('-0'), ZERO, ZERO).isNegative()).toBe(true);
    const nil = netOf(fromPennies(1050), fromPennies(-1000), fromPennies(50));
    expect([nil.toString(), nil.isNegative()]).toEqual(['0', false]);
    expect(netOf(fromPennies(100000), fromPennies(2550), ZERO).toString()).toBe('974.5');
  });
});

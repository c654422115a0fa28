import { Decimal, allocate, groupMoney, splitEqually, toFraction, toMoney } from '../../src/engine/money';

const d = (x: string | number) => new Decimal(x);
const s = (xs: Decimal[]) => xs.map(toMoney);

describe('the money rule: allocate', () => {
  it('splits 400.00 over 12 as the spec says: 33.34 four times, then 33.33', () => {
    expect(s(splitEqually(d(400), 12))).toEqual([...Array(4).fill('33.34'), ...Array(8).fill('33.33')]);
  });
  it('gives the left-over pennies to the largest cut-off remainders', () => {
    // 100 over 1:1:1 -> 33.333.. each, one penny over, to the first (tie by order)
    expect(s(allocate(d(100), [d(1), d(1), d(1)]))).toEqual(['33.34', '33.33', '33.33']);
    // 0.05 over 1:2 -> 0.01666, 0.03333 -> cut 0.01, 0.03; remainders .00666 > .00333 -> the first
    expect(s(allocate(d('0.05'), [d(1), d(2)]))).toEqual(['0.02', '0.03']);
    // 1.01 over 2:1 -> 0.67333, 0.33666 -> cut 0.67, 0.33; remainders .00333 < .00666 -> the second
    expect(s(allocate(d('1.01'), [d(2), d(1)]))).toEqual(['0.67', '0.34']);
    // largest remainder is the later part: 0.10 over 1:6 -> 0.01428, 0.08571 -> cut .01,.08; rem .00428,.00571 -> second
    expect(s(allocate(d('0.10'), [d(1), d(6)]))).toEqual(['0.01', '0.09']);
  });
  it('cuts toward zero and ties out for negative amounts', () => {
    expect(s(allocate(d(-100), [d(1), d(1), d(1)]))).toEqual(['-33.34', '-33.33', '-33.33']);
  });
  it('gives zero weights nothing and keeps the whole', () => {
    expect(s(allocate(d('10.01'), [d(0), d(1), d(1)]))).toEqual(['0.00', '5.01', '5.00']);
  });
  it('gives a negative weight a part of the opposite sign, and still ties out', () => {
    // 100 over 100 : -1 : 0.5 (total 99.5): exact 100.5025.., -1.00502.., 0.50251..
    expect(s(allocate(d(100), [d(100), d(-1), d('0.5')]))).toEqual(['100.50', '-1.00', '0.50']);
    // 1.00 over 2 : -1 (total 1): exact 2.00, -1.00
    expect(s(allocate(d(1), [d(2), d(-1)]))).toEqual(['2.00', '-1.00']);
    // 0.10 over 3 : 3 : -1 (total 5): exact 0.06, 0.06, -0.02
    expect(s(allocate(d('0.10'), [d(3), d(3), d(-1)]))).toEqual(['0.06', '0.06', '-0.02']);
    // 0.01 over 1 : 1 : -1 (total 1): exact 0.01, 0.01, -0.01
    expect(s(allocate(d('0.01'), [d(1), d(1), d(-1)]))).toEqual(['0.01', '0.01', '-0.01']);
    // cut-offs above the whole: 0.05 over 1 : 1 : -1.5 (total 0.5): exact 0.1, 0.1, -0.15 -> cut 0.10, 0.10, -0.15
    expect(s(allocate(d('0.05'), [d(1), d(1), d('-1.5')]))).toEqual(['0.10', '0.10', '-0.15']);
  });
  it('refuses weights that total zero or less for a non-zero amount', () => {
    expect(() => allocate(d(1), [d(-2), d(1)])).toThrow(RangeError);
    expect(() => allocate(d(1), [d(0), d(0)])).toThrow(RangeError);
    expect(s(allocate(d(0), [d(0), d(0)]))).toEqual(['0.00', '0.00']);
  });
  it('formats amounts, grouped amounts and fractions', () => {
    expect(toMoney(d('1234.5'))).toBe('1234.50');
    expect(toMoney(d('-0.001'))).toBe('0.00');
    expect(groupMoney(d('-1234567.891'))).toBe('-1,234,567.89');
    expect(groupMoney(d('999'))).toBe('999.00');
    expect(toFraction(d(6).dividedBy(10))).toBe('0.600000');
    expect(toFraction(d(2).dividedBy(3))).toBe('0.666667');
  });
});

describe('splitEqually is allocate over equal weights', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fc = require('fast-check') as typeof import('fast-check');
  it('gives the very same parts (value and sign) for any amount, to any number of decimals, over 1 to 13 parts', () => {
    const amount = fc.oneof(
      fc.bigInt({ min: -(10n ** 14n), max: 10n ** 14n }).map((c) => new Decimal(c.toString()).dividedBy(100)),
      fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((c) => new Decimal(c.toString()).dividedBy(100000)),
      fc.constantFrom(new Decimal(0), new Decimal('-0'), new Decimal('0.001'), new Decimal('-0.009')),
    );
    fc.assert(fc.property(amount, fc.integer({ min: 1, max: 13 }), (a, n) => {
      const want = allocate(a, Array.from({ length: n }, () => new Decimal(1)));
      const got = splitEqually(a, n);
      expect(got.map((x) => [x.toString(), x.isNegative()])).toEqual(want.map((x) => [x.toString(), x.isNegative()]));
    }), { numRuns: 3000 });
  });
});

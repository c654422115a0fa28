import fc from 'fast-check';
import {
  Decimal, MAX_PENNIES, Total, ZERO, allocate, compare, fractionOf, fromPennies, groupMoney, isPositive, minus, plus,
  splitEqually, toFraction, toMoney,
} from '../../src/engine/money';

/** The same Decimal: value, sign of zero and digits. */
const same = (a: Decimal, b: Decimal) =>
  a.eq(b) && a.isNegative() === b.isNegative() && a.toString() === b.toString();

const d = (x: string | number) => new Decimal(x);

/** Amounts of each kind the whole-penny paths meet: small and large whole pennies, sub-penny, 0, -0, `edges`. */
const amounts = (...edges: Decimal[]) => fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((c) => fromPennies(c)),
  fc.integer({ min: -MAX_PENNIES, max: MAX_PENNIES }).map((c) => fromPennies(c)),
  fc.integer({ min: -1e9, max: 1e9 }).map((c) => new Decimal(c).dividedBy(1000)),
  fc.constantFrom(ZERO, new Decimal('-0'), ...edges),
);
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

describe('fromPennies: an amount built from its pennies', () => {
  /** s, e and d as decimal.js keeps them: other methods rely on the form (no word of trailing zeros). */
  const form = (d: Decimal) => ({ s: d.s, e: d.e, d: [...d.d] });
  const viaText = (c: number) => new Decimal(String(c / 100));

  it('is the Decimal the constructor makes from the text, in sign, exponent and digits', () => {
    const edges = [1, 9, 10, 99, 100, 101, 999, 1000, 1e7, 1e7 + 1, 1e9, 1e9 + 5, 1e14, 1e14 + 50, 123456789012345,
      MAX_PENNIES, 1_000_000_000_00, 10_000_000_00, 10_000_000_01, 99_999_999_99, 5, 50, 500_000_000_000_000];
    for (const c of [...edges, ...edges.map((e) => -e)]) {
      expect([c, form(fromPennies(c))]).toEqual([c, form(viaText(c))]);
    }
    const pennies = fc.oneof(
      fc.integer({ min: -MAX_PENNIES, max: MAX_PENNIES }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.integer({ min: 0, max: 13 }).chain((k) => fc.integer({ min: -99, max: 99 }).map((m) => m * 10 ** k)),
    );
    fc.assert(fc.property(pennies, (c) => {
      const a = fromPennies(c);
      const b = viaText(c);
      return JSON.stringify(form(a)) === JSON.stringify(form(b)) && a.toString() === b.toString();
    }), { seed: 1975, numRuns: 20000 });
  });

  it('gives zero for no pennies, -0 included, and amounts that sum and compare as any other', () => {
    expect(fromPennies(0).toString()).toBe('0');
    expect(fromPennies(-0).isNegative()).toBe(false);
    expect(fromPennies(1999).plus(fromPennies(-1)).toString()).toBe('19.98');
    expect(fromPennies(123456789).times(3).toFixed(2)).toBe('3703703.67');
    expect(fromPennies(-5).comparedTo(new Decimal('-0.05'))).toBe(0);
    expect(toMoney(fromPennies(-12345678901))).toBe('-123456789.01');
  });
});

describe('toMoney: two decimals, rounded half up', () => {
  /** decimal.js's own rounding, which toMoney takes for amounts that are not whole pennies. */
  const want = (d: Decimal) => (d.isZero() ? '0.00' : d.toFixed(2, Decimal.ROUND_HALF_UP).replace(/^-0\.00$/, '0.00'));

  it('is decimal.js toFixed(2) at every size and number of decimals', () => {
    const digits = fc.stringMatching(/^[1-9]\d{0,17}$/);
    const amounts = fc.tuple(fc.boolean(), digits, fc.integer({ min: 0, max: 12 }))
      .map(([neg, ds, dp]) => new Decimal(`${neg ? '-' : ''}${ds}`).dividedBy(new Decimal(10).pow(dp)));
    fc.assert(fc.property(amounts, (d) => toMoney(d) === want(d)), { seed: 575, numRuns: 20000 });
    for (const t of ['0.001', '-0.004', '-0.005', '0.005', '9999999999999.99', '10000000000000.01', '99999999999999.99',
      '1e20', '-1234567.8', '0.1', '0.01', '10000000', '-10000000.5', '12345678901234567890.125']) {
      expect([t, toMoney(new Decimal(t))]).toEqual([t, want(new Decimal(t))]);
    }
  });
});

describe('Total: a running sum', () => {
  const fold = (xs: Decimal[]) => xs.reduce((a, x) => a.plus(x), ZERO);
  const total = (xs: Decimal[]) => {
    const t = new Total();
    for (const x of xs) t.add(x);
    return t.value;
  };

  it('is adding each amount to zero with plus, sign of zero included, at every size and number of decimals', () => {
    const amount = fc.oneof(
      fc.integer({ min: -1e11, max: 1e11 }).map((c) => fromPennies(c)),
      fc.integer({ min: -MAX_PENNIES, max: MAX_PENNIES }).map((c) => fromPennies(c)),
      fc.tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }))
        .map(([n, dp]) => new Decimal(n).dividedBy(new Decimal(10).pow(dp))),
      fc.constantFrom(new Decimal('-0'), ZERO, new Decimal('1e20'), new Decimal('-9999999999999.99'),
        new Decimal('10000000000000'), new Decimal('0.001')),
    );
    fc.assert(fc.property(fc.array(amount, { maxLength: 40 }), (xs) => same(total(xs), fold(xs))),
      { seed: 7575, numRuns: 5000 });
  });

  it('goes on in Decimals past the pennies a number holds exactly', () => {
    const big = fromPennies(MAX_PENNIES);
    expect(total([big, big, fromPennies(-1), fromPennies(1)]).toFixed(2)).toBe('19999999999999.98');
    expect(total([new Decimal('0.001'), fromPennies(1)]).toString()).toBe('0.011');
    expect(total([new Decimal('-0'), new Decimal('-0')]).isNegative()).toBe(false);
    expect(total([]).toString()).toBe('0');
  });
});

describe('fromPennies past its range', () => {
  it('refuses more than 15 digits of pennies rather than lay them out wrong', () => {
    expect(() => fromPennies(MAX_PENNIES + 1)).toThrow(RangeError);
    expect(() => fromPennies(-(MAX_PENNIES + 1))).toThrow(RangeError);
  });
});

describe('compare and isPositive', () => {
  it('are comparedTo and greaterThan(0), for whole pennies, sub-penny amounts, large ones and -0', () => {
    const amount = amounts(new Decimal('1e20'), new Decimal('-1e20'), new Decimal('0.001'));
    fc.assert(fc.property(amount, amount, (a, b) => compare(a, b) === a.comparedTo(b)
      && isPositive(a) === a.greaterThan(0)), { seed: 2026, numRuns: 20000 });
    expect(compare(new Decimal('-0'), ZERO)).toBe(0);
    expect(isPositive(new Decimal('-0'))).toBe(false);
  });
});

describe('fractionOf: a share to 6 decimals', () => {
  const want = (part: Decimal, whole: Decimal) => toFraction(whole.isZero() ? ZERO : part.dividedBy(whole));
  it('is toFraction of the 60-digit quotient, halves and signs included', () => {
    const amount = amounts(fromPennies(1), fromPennies(-1), fromPennies(2), fromPennies(2000000));
    fc.assert(fc.property(amount, amount, (a, b) => fractionOf(a, b) === want(a, b)), { seed: 6, numRuns: 30000 });
    // Exact halves at the 6th decimal round away from zero: 1/2000000 = 0.0000005.
    for (const [a, b] of [[1, 2000000], [-1, 2000000], [3, 2000000], [1, -2000000], [0, 5], [5, 5], [-7, 3]]) {
      expect(fractionOf(fromPennies(a), fromPennies(b))).toBe(want(fromPennies(a), fromPennies(b)));
    }
    expect(fractionOf(fromPennies(1), fromPennies(2000000))).toBe('0.000001');
    expect(fractionOf(fromPennies(-1), fromPennies(2000000))).toBe('-0.000001');
    expect(fractionOf(fromPennies(-1), fromPennies(3000000))).toBe('0.000000');
  });
});

describe('plus and minus', () => {
  it('are decimal.js plus and minus, sign of zero included, for whole pennies, sub-penny and large amounts', () => {
    const amount = amounts(new Decimal('1e20'), new Decimal('-1e20'), fromPennies(MAX_PENNIES));
    fc.assert(fc.property(amount, amount, (a, b) => same(plus(a, b), a.plus(b)) && same(minus(a, b), a.minus(b))
      && same(plus(a, a.negated()), a.plus(a.negated())) && same(minus(a, a), a.minus(a))),
    { seed: 1234, numRuns: 30000 });
    const z = new Decimal('-0');
    for (const [a, b] of [[z, ZERO], [ZERO, z], [z, z], [ZERO, ZERO]]) {
      expect([plus(a, b).isNegative(), minus(a, b).isNegative()])
        .toEqual([a.plus(b).isNegative(), a.minus(b).isNegative()]);
    }
  });
});

import { parseNumber } from '../../src/engine/numbers';

function n(v: unknown): string {
  const p = parseNumber(v as never);
  return p.kind === 'number' ? p.value.toString() : p.kind;
}

describe('numbers as cells hold them', () => {
  it.each([
    [1234.5, '1234.5'], ['1,234.50', '1234.5'], ['£1,234', '1234'], ['(1,234)', '-1234'], ['-1,234', '-1234'],
    ['£-1,234', '-1234'], ['-£1,234', '-1234'], ['(£1,234.56)', '-1234.56'], ['  42 ', '42'], ['45%', '45'], ['0.1', '0.1'],
    [0.1, '0.1'], ['1e3', '1000'], ['.5', '0.5'],
  ])('%p is %s', (v, want) => expect(n(v)).toBe(want));
  it.each([[null, 'blank'], [undefined, 'blank'], ['', 'blank'], ['   ', 'blank']])('%p is blank', (v, want) => expect(n(v)).toBe(want));
  it.each([['abc'], ['1,23'], ['12a'], ['#REF!'], [true], [NaN], [Infinity], ['1.2.3'], ['£'], ['--5']])('%p is not a number', (v) =>
    expect(n(v)).toBe('invalid'));
});

describe('amounts exact or refused (issue 22 item 7)', () => {
  it('reads typed text exactly at any number of decimals: 100.004999999999 stays, it is not 100.005', () => {
    expect(n('100.004999999999')).toBe('100.004999999999');
    expect(n('0.1234567890123456789')).toBe('0.1234567890123456789');
    // 40 significant digits is the most: the 41st is refused, not rounded away.
    expect(n(`1.${'2'.repeat(39)}`)).toBe(`1.${'2'.repeat(39)}`);
    const p = parseNumber(`1.${'2'.repeat(40)}`);
    expect(p).toMatchObject({ kind: 'invalid', why: expect.stringContaining('more than 40 significant digits') });
    // Trailing zeros and a large exponent are not digits anyone typed as figures.
    expect(n(`5.${'0'.repeat(60)}`)).toBe('5');
  });

  it.each([['(-5)'], ['(\u22125)'], ['(£-5)'], ['(-£5)'], ['-(5)']])('%p: a bracket and a minus sign too is refused', (v) => {
    const p = parseNumber(v);
    expect(p.kind).toBe('invalid');
  });

  it('says why a bracket and a minus sign are refused', () => {
    expect(parseNumber('(-5)')).toMatchObject({ kind: 'invalid', why: expect.stringContaining('brackets and a minus sign') });
  });

  it('still reads numbers from Excel at its 15 significant digits', () => {
    expect(n(0.1 + 0.2)).toBe('0.3');
    expect(n(97147.87000000005)).toBe('97147.87');
  });
});

describe('the money rule on a negative amount (docs/rules.md)', () => {
  it('splits its size and gives the parts its sign: -100 over 1:1:1 is -33.34, -33.33, -33.33', async () => {
    const { allocate, Decimal } = await import('../../src/engine/money');
    expect(allocate(new Decimal(-100), [1, 1, 1].map((x) => new Decimal(x))).map(String)).toEqual(['-33.34', '-33.33', '-33.33']);
  });
});

describe('a number from a cell, read from its shortest text', () => {
  // A cell's number is read from its shortest text when that text is plain (Excel's 15 digits and 9
  // decimals otherwise): the digits and the sign, on amounts of every size, pennies, negatives, integers.
  const fc = require('fast-check') as typeof import('fast-check');
  const { Decimal } = require('../../src/engine/money') as typeof import('../../src/engine/money');
  it('is the Decimal of String(v), sign and all', () => {
    const amounts = fc.oneof(
      fc.double({ min: -1e14, max: 1e14, noNaN: true }),
      fc.integer({ min: -1e12, max: 1e12 }).map((p) => p / 100),
      fc.integer({ min: -2e7, max: 2e7 }),
    );
    fc.assert(fc.property(amounts, (v) => {
      const p = parseNumber(v);
      if (p.kind !== 'number') return false;
      const short = String(v);
      const [whole, decimals = ''] = short.replace('-', '').split('.');
      const plain = !/e/i.test(short) && decimals.length <= 9
        && (whole.replace(/^0+/, '') + decimals).replace(/^0+/, '').length <= 15;
      // Past 15 digits or 9 decimals: Excel's 15 digits, then 9 decimals.
      const want = plain ? new Decimal(short) : new Decimal(v.toPrecision(15)).toDecimalPlaces(9);
      return p.value.eq(want) && p.value.isNegative() === want.isNegative() && p.value.toString() === want.toString();
    }), { seed: 2075, numRuns: 5000 });
    expect(n(-0)).toBe('0');
    expect(parseNumber(-0).kind === 'number' && (parseNumber(-0) as { value: { isNegative(): boolean } }).value
      .isNegative()).toBe(false);
  });
});

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

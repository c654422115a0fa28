/**
 * printJson (src/cli/json-out.ts) writes, in pieces, exactly what the command line printed before as
 * one string: jsonSafe(JSON.stringify(value, null, 2)) and a newline. Held to it on arbitrary values
 * (what JSON.stringify leaves out or writes as null, toJSON, boxed primitives, objects without a
 * prototype, sparse and long arrays, keys and text jsonSafe escapes) and on the example's results.
 */
import * as path from 'path';
import fc from 'fast-check';
import { printJson } from '../../src/cli/json-out';
import { jsonSafe } from '../../src/cli/summary';
import { main } from '../../src/cli/main';

/** What printJson writes, piece by piece. */
function pieces(value: unknown): string[] {
  const out: string[] = [];
  printJson({ out: (s) => { out.push(s); }, err: () => undefined }, value);
  return out;
}
const expected = (value: unknown) => `${jsonSafe(JSON.stringify(value, null, 2))}\n`;

const text = fc.oneof(fc.string(), fc.constantFrom('\u2028', '\u2029', '\x7f', '\x9f', '\u202e', 'a\nb', '"', '\\', '£–€🙂'));
const key = fc.oneof(text, fc.constantFrom('__proto__', '0', '10', '-1', 'toJSON', 'constructor'));
const leaf = fc.oneof(
  text, fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined),
  fc.constant(() => 1), fc.constant(Symbol('s')), fc.date({ noInvalidDate: true }),
  fc.constant(new Number(5)), fc.constant(new String('boxed')), fc.constant({ toJSON: () => 'toJSON' }),
  fc.constant({ toJSON: () => undefined }), fc.constant(Object.create(null) as object),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object'), tie('bare')),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 6 }), fc.sparseArray(tie('value'), { maxLength: 6 })),
  // Own keys as JSON.parse makes them (a "__proto__" key is an own key, not the prototype).
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }).map((o) => {
    const own: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) Object.defineProperty(own, k, { value: v, enumerable: true, writable: true, configurable: true });
    return own;
  }),
  bare: fc.dictionary(key, tie('value'), { maxKeys: 4 }).map((o) => Object.assign(Object.create(null) as object, o)),
}));

test('arbitrary values: what JSON.stringify and jsonSafe give, character for character', () => {
  fc.assert(fc.property(value, (v) => {
    fc.pre(JSON.stringify(v, null, 2) !== undefined);
    expect(pieces(v).join('')).toBe(expected(v));
  }), { numRuns: 1500 });
});

test('arrays longer than a batch, at every level written here, and items that are null', () => {
  const item = (i: number) => (i % 7 === 0 ? undefined : { n: i, s: `x\u2028${i}`, a: [i, { b: [] }], f: () => i });
  const long = Array.from({ length: 1300 }, (_, i) => item(i));
  for (const v of [long, { a: long, b: { c: long, d: { e: long } } }, [[long]]]) expect(pieces(v).join('')).toBe(expected(v));
});

test('a large result goes out in pieces, none of them the whole', () => {
  const v = { rows: Array.from({ length: 40_000 }, (_, i) => ({ pool: `P${i}`, amount: `${i}.00`, note: 'x'.repeat(40) })) };
  const out = pieces(v);
  expect(out.join('')).toBe(expected(v));
  expect(out.length).toBeGreaterThan(3);
  expect(Math.max(...out.map((s) => s.length))).toBeLessThan(expected(v).length / 2);
});

test.each([['run'], ['monitor'], ['options']])('%s --json on the example prints what JSON.stringify gives', async (command) => {
  const example = path.join(__dirname, '..', '..', 'examples', 'poolshare-example.xlsx');
  let out = '';
  const code = await main([command, example, '--json'], { out: (s) => { out += s; }, err: () => undefined });
  expect(code).toBe(0);
  expect(out).toBe(expected(JSON.parse(out)));
});

/**
 * A sheet read as a table gives the engine one raw row per sheet row below its header, keyed by the
 * headers as typed (the first of each spelling), in column order. TableRows (src/workbook/rows.ts) makes
 * each row as a copy of one row of the table's keys (so that it is made at its size); these properties hold
 * that to the plain reading, a row built key by key, on hostile headers (`__proto__`, `constructor`,
 * numbers, one header in two spellings, blanks) and sparse rows: the same keys in the same order, the
 * same values and the same prototype.
 */
import fc from 'fast-check';
import { readWorkbook } from '../../src/workbook';
import type { CellValue } from '../../src/workbook';
import { norm } from '../../src/engine/tables';
import { isBlank } from '../../src/engine/numbers';

const HEADERS = ['Line', 'Partner', 'Gross', 'gross ', '__proto__', 'constructor', 'toString', '1', '10', '0', '', ' ', 'Net'];
const cell: fc.Arbitrary<CellValue | undefined> = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.constantFrom('', ' ', 'x', '__proto__', 'Pool 1', '#REF!'),
  fc.double({ noNaN: true }), fc.integer(), fc.boolean(),
);

/** The plain reading: each data row built key by key, up to the last row holding anything in a kept column. */
function expected(values: CellValue[][]): Array<Record<string, CellValue>> {
  const header = values[0];
  const kept: Array<[number, string]> = [];
  const seen = new Set<string>();
  header.forEach((h, i) => {
    if (isBlank(h) || seen.has(norm(String(h)))) return;
    seen.add(norm(String(h)));
    kept.push([i, String(h)]);
  });
  let end = 1;
  values.forEach((row, r) => {
    if (r > 0 && row !== undefined && kept.some(([i]) => !isBlank(row[i]))) end = r + 1;
  });
  const rows: Array<Record<string, CellValue>> = [];
  for (let r = 1; r < end; r++) {
    const row: Record<string, CellValue> = {};
    for (const [i, key] of kept) row[key] = values[r]?.[i] ?? null;
    rows.push(row);
  }
  return rows;
}

test('raw rows from a sheet are the plain reading: keys, order, values and prototype', () => {
  fc.assert(fc.property(
    fc.array(fc.constantFrom(...HEADERS), { maxLength: 8 }),
    fc.array(fc.option(fc.array(cell, { maxLength: 10 }), { nil: undefined }), { maxLength: 12 }),
    (headers, body) => {
      const values: CellValue[][] = [['Pool', ...headers]];
      body.forEach((row, r) => {
        if (row === undefined) return; // a row that does not exist: a hole
        const sparse: CellValue[] = [];
        row.forEach((v, c) => {
          if (v !== undefined) sparse[c] = v;
        });
        values[r + 1] = sparse;
      });
      const rows = readWorkbook([{ name: 'Contributions', values }]).input.tables.Contributions;
      const want = expected(values);
      expect(rows).toHaveLength(want.length);
      rows.forEach((row, i) => {
        expect(Object.getPrototypeOf(row)).toBe(Object.getPrototypeOf(want[i]));
        expect(Reflect.ownKeys(row)).toEqual(Reflect.ownKeys(want[i]));
        for (const k of Object.keys(want[i])) expect(Object.is(row[k], want[i][k])).toBe(true);
      });
    },
  ), { numRuns: 300 });
});

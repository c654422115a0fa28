/**
 * An Excel table's rows as the .xlsx reader gives them (src/cli/xlsx/tables.ts): up to its last row
 * holding anything in its columns (a cell of '' or null holds nothing), grown by filled rows just
 * beneath it (an Excel table the producer did not resize), on narrow tables (each cell looked at)
 * and wide ones (past 64 columns only the cells a sparse row holds are looked at); and the row
 * numbers of a sparse sheet, holes skipped.
 */
import { listObjects, rowNumbers, type TableDef } from '../../src/cli/xlsx/tables';
import type { CellValue } from '../../src/workbook';

const def = (right: number, bottom: number): TableDef => ({ name: 'T', top: 1, left: 1, bottom, right, totalsRow: false });

/** A sparse sheet from rows of [column (1-based), value] pairs; undefined rows are holes. */
function sheet(rows: Array<Array<[number, CellValue]> | undefined>): CellValue[][] {
  const values: CellValue[][] = [];
  rows.forEach((cells, r) => {
    if (cells === undefined) return;
    const row: CellValue[] = [];
    for (const [c, v] of cells) row[c - 1] = v;
    values[r] = row;
  });
  return values;
}

const rowsOf = (values: CellValue[][], t: TableDef) =>
  Object.keys(listObjects('S', [t], values, rowNumbers(values))[0].values).map((k) => Number(k) + 1);

test('rowNumbers gives the rows that exist, holes skipped', () => {
  const values: CellValue[][] = [];
  values[2] = ['a'];
  values[9] = [];
  values[70_000] = [1];
  expect(rowNumbers(values)).toEqual([3, 10, 70_001]);
  expect(rowNumbers([])).toEqual([]);
});

describe.each([['narrow', 3], ['wide', 100]])('a %s table', (_, width) => {
  const at = width; // the one cell each data row holds, in the table's last column

  test('ends at its last row holding anything; blank text and null hold nothing', () => {
    const values = sheet([[[1, 'H']], [[at, 5]], [[at, '']], [[at, null]], undefined]);
    expect(rowsOf(values, def(width, 5))).toEqual([1, 2]);
  });

  test('takes in a filled row just beneath it, not a blank one nor one past a gap', () => {
    const values = sheet([[[1, 'H']], [[at, 5]], [[at, 'x']], [[at, '']], [[at, 7]]]);
    expect(rowsOf(values, def(width, 2))).toEqual([1, 2, 3]);
    // A cell outside the table's columns does not grow it.
    const outside = sheet([[[1, 'H']], [[at, 5]], [[width + 1, 'x']]]);
    expect(rowsOf(outside, def(width, 2))).toEqual([1, 2]);
  });
});

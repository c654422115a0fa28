/**
 * The streaming .xlsx reader (src/cli/xlsx-read.ts) reads what the reader before it read: every
 * workbook under tests/fixtures and examples/, one written by our own writer, and hand-made ones
 * (a prefixed namespace, hidden sheets, values under merges, shared formulas, dates as ISO text),
 * through both, compared cell for cell and through readWorkbook (tables, figures, warnings).
 */
import { promises as fs, readFileSync, readdirSync, statSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readWorkbook, type CellValue, type ListObjectData, type SheetData } from '../../src/workbook';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { writeTablesXlsx } from '../../src/cli/xlsx-write';
import { handXlsx, xlsxParts, zip } from '../workbook/zip';
import { xlsxSheets as referenceSheets } from './exceljs-reader';

const ROOT = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? files(full) : f.endsWith('.xlsx') ? [full] : [];
  });
}

/** A sparse grid as rows of cells that hold something: "r,c" -> value. */
function cells(values: CellValue[][]): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  values.forEach((row, r) => row?.forEach((v, c) => {
    if (v !== null && v !== undefined) out[`${r},${c}`] = v;
  }));
  return out;
}

const sheetView = (s: SheetData) => ({ name: s.name, visibility: s.visibility, merges: [...(s.merges ?? [])].sort(),
  cells: cells(s.values) });
const tableView = (t: ListObjectData) => ({ name: t.name, sheet: t.sheet, top: t.top, left: t.left, rows: t.values.length,
  cells: cells(t.values) });

async function same(file: string): Promise<void> {
  const mine = await xlsxSheets(file);
  const ref = await referenceSheets(file);
  expect(mine.sheets.map(sheetView)).toEqual(ref.sheets.map(sheetView));
  expect(mine.tables.map(tableView)).toEqual(ref.tables.map(tableView));
  expect(mine.warnings).toEqual(ref.warnings);
  const a = readWorkbook(mine.sheets, mine.tables);
  const b = readWorkbook(ref.sheets, ref.tables);
  // (input.locate is a function: the figures, warnings and what each locates are compared instead.)
  const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
  expect(plain(a.input)).toEqual(plain(b.input));
  for (const [table, rows] of Object.entries(a.input.tables ?? {})) {
    for (let r = 1; r <= Math.min(rows.length, 5); r++) {
      for (const column of Object.keys(rows[r - 1] ?? {})) {
        expect(a.input.locate?.(table, r, column)).toEqual(b.input.locate?.(table, r, column));
      }
    }
  }
  expect(a.warnings).toEqual(b.warnings);
}

let dir = '';
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-reader-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

const write = async (name: string, bytes: Buffer) => {
  const f = path.join(dir, name);
  await fs.writeFile(f, bytes);
  return f;
};

describe('the streaming reader reads what the exceljs reader read', () => {
  const all = [...files(path.join(ROOT, 'tests/fixtures')), ...files(path.join(ROOT, 'examples'))];

  it('has workbooks to compare', () => expect(all.length).toBeGreaterThanOrEqual(8));

  it.each(all.map((f) => [path.relative(ROOT, f)]))('%s', async (rel) => {
    await same(path.join(ROOT, rel));
  });

  it('the example written by our own writer (an Excel table per input table)', async () => {
    const f = path.join(dir, 'ours.xlsx');
    const example = JSON.parse(readFileSync(path.join(ROOT, 'examples/poolshare-example.json'), 'utf8'));
    await writeTablesXlsx(f, example.tables, {});
    await same(f);
  });

  it('hand-made: a prefixed namespace, a hidden and a very hidden sheet, values under a merge', async () => {
    const merged = `<mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:B4"/></mergeCells>`;
    const f = await write('hand.xlsx', handXlsx([
      { name: 'Partners', rows: [['Partner', 'Name'], ['CC', 'County'], ['ICB', true]] },
      { name: 'Notes', rows: [['Title', 'under', 'merge'], [1, 2, 3], ['x', 'y', 'z'], [4, 5, 6]], after: merged },
      { name: 'Old', rows: [['a']], state: 'hidden' },
      { name: 'Secret', rows: [['b']], state: 'veryHidden' },
    ], 'x'));
    await same(f);
    const mine = await xlsxSheets(f);
    const notes = mine.sheets.find((s) => s.name === 'Notes')!;
    expect(cells(notes.values)).toEqual({ '0,0': 'Title', '1,0': 1, '1,1': 2, '1,2': 3, '2,0': 'x', '2,1': 'y', '2,2': 'z',
      '3,0': 4, '3,2': 6 });
  });

  it('hand-made: shared formulas, one with no saved result, errors, booleans, formula text', async () => {
    const rows = '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B3" si="0">A1*2</f><v>2</v></c></row>'
      + '<row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row>'
      + '<row r="3"><c r="A3"><v>3</v></c><c r="B3"><f t="shared" si="0"/></c></row>'
      + '<row r="4"><c r="A4" t="e"><v>#REF!</v></c><c r="B4" t="b"><v>1</v></c>'
      + '<c r="C4" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>';
    const f = await write('formulas.xlsx', zip(xlsxParts([{ name: 'Calc', rows }])));
    await same(f);
    const mine = await xlsxSheets(f);
    expect(cells(mine.sheets[0].values)).toEqual({ '0,0': 1, '0,1': 2, '1,0': 2, '1,1': 4, '2,0': 3, '3,0': '#REF!',
      '3,1': true, '3,2': 'ab' });
    expect(mine.warnings.map((w) => [w.code, w.cell])).toEqual([['INVALID_VALUE', 'B3']]);
  });
});

/**
 * Text written in the cells themselves (t="inlineStr", and a formula's t="str" result), as SheetJS
 * writes every text cell (issue 20: the bench's other producer). The parser hands a cell's text as a
 * slice of the chunk of XML it was read from, and a slice keeps its whole chunk alive: the reader
 * copies each such text once (ownText), so what it returns holds the cells' text, not the sheet's XML.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { esc, xlsxParts, zip } from '../workbook/zip';
import { gc } from '../gc';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-inline-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const ROWS = 20_000;
/** Long names, as service lines are, fifty of them repeated down the sheet; the row's own number in C. */
const name = (r: number) => `Residential and nursing care for older people with dementia, placement ${r % 50} `
  + 'commissioned under the section 75 agreement (pooled), with the county council as host';

function sheetXml(): string {
  const rows: string[] = [];
  for (let r = 1; r <= ROWS; r++) {
    rows.push(`<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${esc(name(r))}</t></is></c>`
      + `<c r="B${r}" t="str"><f>A${r}</f><v>${esc(name(r + 1))}</v></c><c r="C${r}"><v>${r}</v></c></row>`);
  }
  return rows.join('');
}

it('reads text written in the cells exactly, holding one copy of each text rather than the XML', async () => {
  const rows = sheetXml();
  const file = path.join(dir, 'inline.xlsx');
  await fs.writeFile(file, zip(xlsxParts([{ name: 'Notes', rows }])));
  gc();
  const before = process.memoryUsage().heapUsed;
  const read = await xlsxSheets(file);
  gc();
  const held = process.memoryUsage().heapUsed - before;
  const values = read.sheets[0].values;
  expect(values.length).toBe(ROWS);
  for (const r of [1, 2, 49, 50, 777, ROWS]) expect(values[r - 1]).toEqual([name(r), name(r + 1), r]);
  // Held: 20,000 rows of three cells (about 4.5 MB of arrays) and fifty texts, less than the sheet's
  // 9 MB of XML. Were the texts slices, they would keep that XML too (14.7 MB held, measured).
  expect(rows.length).toBeGreaterThan(9_000_000);
  expect(held).toBeLessThan(rows.length);
});

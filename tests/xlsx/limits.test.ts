/**
 * Limits counted by the code that reads (issue 22 items 1-3): merges, tables, rows and cells are
 * counted as the XML is parsed, so no spelling gets round them, and a merge or a table covering
 * the whole sheet costs what its filled cells cost. Each file is made here, small. The timeouts
 * are hang guards (the first round's bound: 20 s), not speed targets (those are in the bench).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { columnLetters } from '../../src/workbook/a1';
import { xlsxParts, zip, type ZipPart } from '../workbook/zip';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const GUARD = 20_000;

let dir = '';
let n = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-limits-'));
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function file(parts: ZipPart[]): Promise<string> {
  const f = path.join(dir, `f${++n}.xlsx`);
  await fs.writeFile(f, zip(parts));
  return f;
}

const refusal = (f: string) => xlsxSheets(f).then(() => 'read', (e: Error) => e.message);

/** One sheet "Notes" with these rows and `after` (XML after sheetData), plus table parts. */
function withTables(rows: string, tables: Array<{ ref: string; name: string }>, after = ''): ZipPart[] {
  const parts = xlsxParts([{ name: 'Notes', rows,
    after: `${after}${tables.length ? `<tableParts count="${tables.length}">${tables.map((_, i) =>
      `<tablePart xmlns:r="${REL}" r:id="rId${i + 1}"/>`).join('')}</tableParts>` : ''}` }]);
  if (tables.length) {
    parts.push({ name: 'xl/worksheets/_rels/sheet1.xml.rels', data: `<Relationships xmlns="${PKG}">${tables.map((_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/table" Target="../tables/table${i + 1}.xml"/>`).join('')}</Relationships>` });
    tables.forEach((t, i) => parts.push({ name: `xl/tables/table${i + 1}.xml`,
      data: `<table xmlns="${MAIN}" id="${i + 1}" name="${t.name}" displayName="${t.name}" ref="${t.ref}"/>` }));
  }
  return parts;
}

const row = (r: number, values: Array<string | number>) => `<row r="${r}">${values.map((v, c) =>
  typeof v === 'number' ? `<c r="${columnLetters(c + 1)}${r}"><v>${v}</v></c>`
    : `<c r="${columnLetters(c + 1)}${r}" t="inlineStr"><is><t>${v}</t></is></c>`).join('')}</row>`;

describe('merged areas: counted as they are parsed, however they are spelled', () => {
  it.each([
    ['single quotes', `<mergeCells count="1"><mergeCell ref='A1:XFD1048576'/></mergeCells>`],
    ['whitespace around =', '<mergeCells count="1"><mergeCell ref = "A1:XFD1048576" /></mergeCells>'],
    ['a prefix', `<x:mergeCells xmlns:x="${MAIN}" count="1"><x:mergeCell ref="A1:XFD1048576"/></x:mergeCells>`],
    ['a long tag', `<mergeCells count="1"><mergeCell ${'a'.repeat(70_000)}="1" ref="A1:XFD1048576"/></mergeCells>`],
  ])('a whole-sheet merge with %s is refused in one line', async (_, after) => {
    const f = await file(xlsxParts([{ name: 'Notes', rows: [['Note']], after }]));
    expect(await refusal(f)).toBe(`${f}: xl/worksheets/sheet1.xml merges more than 1,048,576 cells (A1:XFD1048576); `
      + 'unmerge them, then run again.');
  }, GUARD);

  it('parts that are not the workbook\'s sheets are not read as sheets (sheet11.xmlx, xl/xl/worksheets/...)', async () => {
    const parts = xlsxParts([{ name: 'Notes', rows: [['Note']] }]);
    const bomb = `<worksheet xmlns="${MAIN}"><sheetData/><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`;
    parts.push({ name: 'xl/worksheets/sheet11.xmlx', data: bomb }, { name: 'xl/xl/worksheets/sheet11.xml', data: bomb });
    const read = await xlsxSheets(await file(parts));
    expect(read.sheets.map((s) => s.name)).toEqual(['Notes']);
  }, GUARD);

  it('20,000 single-cell merges are read in linear time, each kept', async () => {
    const merges = Array.from({ length: 20_000 }, (_, i) => `<mergeCell ref="A${i + 1}:A${i + 1}"/>`).join('');
    const f = await file(xlsxParts([{ name: 'Notes', rows: [['Note']], after: `<mergeCells>${merges}</mergeCells>` }]));
    const read = await xlsxSheets(f);
    expect(read.sheets[0].merges).toHaveLength(20_000);
  }, GUARD);
});

describe('tables: sparse, whatever their declared size', () => {
  it('a table declared over the whole sheet holds the rows that exist', async () => {
    const rows = row(1, ['Partner', 'Name']) + row(2, ['CC', 'County']) + row(3, ['ICB', 'Board']);
    const f = await file(withTables(rows, [{ ref: 'A1:XFD1048576', name: 'Partners' }]));
    const read = await xlsxSheets(f);
    expect(read.tables).toHaveLength(1);
    expect(read.tables[0].values.map((r) => [...r])).toEqual([['Partner', 'Name'], ['CC', 'County'], ['ICB', 'Board']]);
  }, GUARD);

  it('a table A1:XFD1 grown over 100,000 typed rows beneath it', async () => {
    const body = [row(1, ['Pool', 'Line'])];
    for (let r = 2; r <= 100_001; r++) body.push(row(r, ['P', `L${r}`]));
    const f = await file(withTables(body.join(''), [{ ref: 'A1:XFD1', name: 'Lines' }]));
    const read = await xlsxSheets(f);
    expect(read.tables[0].values).toHaveLength(100_001);
    expect(read.tables[0].values[100_000][1]).toBe('L100001');
  }, GUARD);

  it('10,000 stacked tables are read; one more is refused in one line', async () => {
    const rows: string[] = [];
    const tables: Array<{ ref: string; name: string }> = [];
    for (let i = 0; i < 10_000; i++) {
      rows.push(row(2 * i + 1, ['H']), row(2 * i + 2, [i]));
      tables.push({ ref: `A${2 * i + 1}:A${2 * i + 2}`, name: `T${i}` });
    }
    const read = await xlsxSheets(await file(withTables(rows.join(''), tables)));
    expect(read.tables).toHaveLength(10_000);
    expect(read.tables[9_999].values.map((r) => [...r])).toEqual([['H'], [9_999]]);
    tables.push({ ref: 'B1:B2', name: 'One_more' });
    const f = await file(withTables(rows.join(''), tables));
    expect(await refusal(f)).toBe(`${f} has more than 10,000 Excel tables; the reader stops there.`);
  }, 2 * GUARD);
});

describe('parts that are not as Excel writes them: refused plainly, never read with a guess', () => {
  it('a part that is not UTF-8 (Latin-1 bytes) is refused, not read with U+FFFD', async () => {
    const parts = xlsxParts([{ name: 'Notes', rows: [['Note']] }]);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml') as { name: string; data: string | Buffer };
    sheet.data = Buffer.concat([Buffer.from(String(sheet.data).replace('Note', 'Caf')), Buffer.from([0xe9])]);
    const f = await file(parts);
    expect(await refusal(f)).toBe(`${f} is damaged: the part xl/worksheets/sheet1.xml is not UTF-8 text as Excel writes `
      + 'it; open it in Excel and save it again.');
  }, GUARD);

  it('a zip with two parts of one name is refused, not read as the last of them', async () => {
    const parts = xlsxParts([{ name: 'Notes', rows: [['Note']] }]);
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml') as { name: string; data: string };
    parts.push({ name: sheet.name, data: sheet.data });
    const f = await file(parts);
    expect(await refusal(f)).toBe(`${f} is damaged: its zip holds two parts named xl/worksheets/sheet1.xml; open it in `
      + 'Excel and save it again.');
  }, GUARD);
});

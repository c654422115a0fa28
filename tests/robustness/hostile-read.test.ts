/**
 * Hostile and pathological .xlsx files (issue 10), each made by the test (small, in memory): the
 * reader reads only the cells that exist, checks its limits before inflating, and answers past them,
 * and for files it cannot read, with one plain line (the command line exits 2 with it). No timing
 * assertions: the sparse reading is checked by what is held (a row is not padded to its last column).
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { readXlsx } from '../../src/cli/xlsx';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { LIMITS } from '../../src/cli/xlsx-zip';
import { handXlsx, rowsXml, xlsxParts, zip, type HandSheet, type ZipPart } from '../workbook/zip';

let dir: string;
let n = 0;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poolshare-hostile-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(bytes: Buffer | string, ext = 'xlsx'): Promise<string> {
  const f = path.join(dir, `f${++n}.${ext}`);
  await fs.writeFile(f, bytes);
  return f;
}

/** Runs the command line on a file: exit code and what it wrote to stderr. */
async function cli(f: string): Promise<{ code: number; err: string }> {
  let err = '';
  const code = await main(['run', f], { out: () => undefined, err: (s) => (err += s) });
  return { code, err };
}

/** A real-looking Partners table with something else on another sheet. */
const PARTNERS: HandSheet = { name: 'Partners', rows: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'NHS commissioner']] };
const book = (other: HandSheet, extra: ZipPart[] = []) => zip([...xlsxParts([PARTNERS, other]), ...extra]);

/** The message readXlsx refuses the file with (it must refuse it). */
async function refusal(f: string): Promise<string> {
  const e = await readXlsx(f).then(() => undefined, (x: Error) => x);
  expect(e).toBeInstanceOf(Error);
  return (e as Error).message;
}

/** One line, naming the file, no internals. */
function plainLine(message: string, f: string): void {
  expect(message).not.toMatch(/\n|Cannot read prop|undefined|TypeError|at Object\./);
  expect(message).toContain(f);
}

describe('rows and columns: only the cells that exist', () => {
  test('one cell at row 99,999,999 (a 1.5 KB file): one line, exit 2', async () => {
    const bytes = book({ name: 'Notes', rows: '<row r="99999999"><c r="A99999999"><v>1</v></c></row>' });
    expect(bytes.length).toBeLessThan(4096);
    const f = await file(bytes);
    const message = await refusal(f);
    expect(message).toBe(`${f}: sheet Notes has a cell at row 99,999,999, past Excel's last row (1,048,576); the reader stops there.`);
    expect(await cli(f)).toEqual({ code: 2, err: `poolshare: ${message}\n` });
  });

  test('a cell at row 1,048,576 is within the limits: read, and the row held alone', async () => {
    const f = await file(book({ name: 'Notes', rows: '<row r="1048576"><c r="B1048576" t="inlineStr"><is><t>end</t></is></c></row>' }));
    const { sheets } = await xlsxSheets(f);
    const notes = sheets.find((s) => s.name === 'Notes')!;
    expect(Object.keys(notes.values)).toEqual(['1048575']);
    expect(notes.values[1_048_575][1]).toBe('end');
    const read = await readXlsx(f);
    expect(read.input.tables.Partners).toHaveLength(2);
  });

  test('10,000 rows with a cell in column XFD: each row holds one cell, not 16,384', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>${i}</v></c></row>`).join('');
    const f = await file(book({ name: 'Wide', rows }));
    const { sheets } = await xlsxSheets(f);
    const wide = sheets.find((s) => s.name === 'Wide')!;
    expect(Object.keys(wide.values)).toHaveLength(10_000);
    expect(wide.values.every((row) => Object.keys(row).join() === '16383')).toBe(true);
    expect(wide.values[9_999][16_383]).toBe(9_999);
    const read = await readXlsx(f);
    expect(read.input.tables.Partners).toHaveLength(2);
  });

  test('a cell past column XFD: one line', async () => {
    const f = await file(book({ name: 'Wide', rows: '<row r="3"><c r="XFE3"><v>1</v></c></row>' }));
    expect(await refusal(f)).toBe(`${f}: a sheet has a cell past Excel's last column XFD (16,384); the reader stops there.`);
  });

  test("a cell of 32,768 characters (one past Excel's limit): one line; 32,767 is read", async () => {
    const at = (len: number) => book({ name: 'Notes', rows: [['Note'], ['x'.repeat(len)]] });
    const f = await file(at(LIMITS.cellText + 1));
    expect(await refusal(f)).toBe(`${f}: Notes!A2 holds 32,768 characters, more than a cell can hold (32,767); the reader stops there.`);
    const ok = await xlsxSheets(await file(at(LIMITS.cellText)));
    expect(String(ok.sheets[1].values[1][0])).toHaveLength(LIMITS.cellText);
  });

  test('a merge over the whole sheet (A1:XFD1048576) is refused before exceljs visits its cells', async () => {
    const f = await file(book({ name: 'Notes', rows: [['Note']], after: '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }));
    const message = await refusal(f);
    expect(message).toBe(`${f}: xl/worksheets/sheet2.xml merges more than 1,048,576 cells (A1:XFD1048576); unmerge them, then run again.`);
  });
});

describe('zip bombs: sizes checked before inflating', () => {
  const sheetPart = (size: number): ZipPart => ({ name: 'xl/sharedStrings.xml', data: '<sst/>', declaredSize: size });

  test('a part declared at 400 MB (a 1.5 KB file): refused from the central directory', async () => {
    const f = await file(book({ name: 'Notes', rows: [['a']] }, [sheetPart(400 * 1024 * 1024)]));
    const message = await refusal(f);
    expect(message).toBe(`${f}: the part xl/sharedStrings.xml would inflate to 400 MB, more than the 320 MB limit.`);
    expect(await cli(f)).toEqual({ code: 2, err: `poolshare: ${message}\n` });
  });

  test('parts within the part limit but over the total: refused', async () => {
    const big = (name: string): ZipPart => ({ name, data: '<x/>', declaredSize: 250 * 1024 * 1024 });
    const f = await file(book({ name: 'Notes', rows: [['a']] }, [big('xl/media/a.bin'), big('xl/media/b.bin')]));
    expect(await refusal(f)).toBe(`${f} would inflate to more than 400 MB, the limit for a workbook.`);
  });

  test('a shared string of 4 MB of spaces compressed ~1,000 to 1: refused as a possible zip bomb', async () => {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${' '.repeat(4 * 1024 * 1024)}</t></si></sst>`;
    const bytes = book({ name: 'Notes', rows: [['a']] }, [{ name: 'xl/sharedStrings.xml', data: sst }]);
    expect(bytes.length).toBeLessThan(16 * 1024);
    const f = await file(bytes);
    expect(await refusal(f)).toMatch(new RegExp(`^${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: the part xl/sharedStrings.xml is `
      + 'compressed [\\d,]+ to 1 \\(more than 100 to 1\\): refused as a possible zip bomb\\.$'));
  });

  test('a part that inflates past the size its zip declares: refused while inflating', async () => {
    const data = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'a'.repeat(20_000)}</t></si></sst>`;
    const f = await file(book({ name: 'Notes', rows: [['a']] }, [{ name: 'xl/sharedStrings.xml', data, declaredSize: 100 }]));
    expect(await refusal(f)).toBe(`${f}: a part inflates past the size its zip declares: refused as damaged or a zip bomb.`);
  });
});

describe('files that cannot be read: the problem named plainly', () => {
  const ole = (stream: string) => {
    const b = Buffer.alloc(2048);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b);
    Buffer.from(stream, 'utf16le').copy(b, 1024);
    return b;
  };

  test('an encrypted workbook (OLE with an EncryptedPackage stream)', async () => {
    const f = await file(ole('EncryptedPackage'));
    expect(await refusal(f)).toBe(`${f} is password-protected: save it without a password (File > Info > Protect Workbook), then run again.`);
    const { code, err } = await cli(f);
    expect(code).toBe(2);
    expect(err.split('\n')).toHaveLength(2);
  });

  test('an Excel 97-2003 .xls (OLE without it), even named .xlsx', async () => {
    const f = await file(ole('Workbook'));
    expect(await refusal(f)).toBe(`${f} is an Excel 97-2003 .xls: save it as .xlsx (File > Save As > Excel Workbook), then run again.`);
  });

  test('not a workbook: text, and a zip that is a Word document', async () => {
    const text = await file('Pool,Line\nBCF,Care\n');
    expect(await refusal(text)).toBe(`${text} is not an Excel workbook (.xlsx): open it in Excel and save it as .xlsx, then run again.`);
    const docx = await file(zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]));
    expect(await refusal(docx)).toBe(`${docx} is not an Excel workbook (.xlsx): it has no workbook part; open it in Excel and save it as .xlsx.`);
    const cut = await file(handXlsx([PARTNERS]).subarray(0, 300));
    expect(await refusal(cut)).toBe(`${cut} is damaged: its zip structure cannot be read; open it in Excel and save it again.`);
  });

  test('a bad shared-string index', async () => {
    const sst = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Pool</t></si></sst>';
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>7</v></c></row>';
    const f = await file(book({ name: 'Notes', rows }, [{ name: 'xl/sharedStrings.xml', data: sst }]));
    const message = await refusal(f);
    plainLine(message, f);
    expect(message).toBe(`${f} is damaged: a cell refers to a shared string that is not in the workbook (a bad shared-string index); `
      + 'open it in Excel and save it again.');
  });

  test("a part the workbook refers to and does not hold is named plainly (a table part that is not there)", async () => {
    const parts = xlsxParts([PARTNERS]);
    parts.push({
      name: 'xl/worksheets/_rels/sheet1.xml.rels',
      data: '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" '
        + 'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/table" Target="../tables/table9.xml"/></Relationships>',
    });
    const sheet = parts.find((p) => p.name === 'xl/worksheets/sheet1.xml') as { data: string };
    sheet.data = sheet.data.replace('</worksheet>', '<tableParts count="1"><tablePart r:id="rId9" '
      + 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></tableParts></worksheet>');
    const f = await file(zip(parts));
    const message = await refusal(f);
    plainLine(message, f);
    expect(message).toBe(`${f} could not be read as an .xlsx workbook: the part xl/tables/table9.xml it refers to is `
      + 'missing; open it in Excel and save it again.');
  });
});

test('the rows shown are generated: a real-looking table still reads alongside (control)', async () => {
  const f = await file(handXlsx([PARTNERS, { name: 'Notes', rows: rowsXml([['fine']]) }]));
  const read = await readXlsx(f);
  expect(read.input.tables.Partners).toEqual([{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB', Name: 'NHS commissioner' }]);
  expect(read.warnings).toEqual([]);
});

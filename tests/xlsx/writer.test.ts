/**
 * The streaming .xlsx writer (src/cli/xlsx/write.ts) on its own: any text comes back exactly as
 * written (characters XML cannot hold as `_xHHHH_`, a typed `_xHHHH_` escaped), through our reader
 * and SheetJS; every part is well-formed XML with the styles made after the sheets that use them; a
 * failed write rejects and leaves no file behind.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { SaxesParser } from 'saxes';
import { writeXlsx, xstring, type XSheet } from '../../src/cli/xlsx/write';
import { writeTablesXlsx } from '../../src/cli/xlsx-write';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { openXlsx } from '../../src/cli/xlsx-zip';

const dir = mkdtempSync(join(tmpdir(), 'poolshare-xwriter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One sheet of given rows, all text formatted as text. */
const sheet = (name: string, rows: (string | number | boolean | null)[][], extra: Partial<XSheet> = {}): XSheet => ({
  name, rowCount: rows.length, width: Math.max(1, ...rows.map((r) => r.length)),
  row: (r) => ({ values: rows[r] }), ...extra,
});

describe('xstring', () => {
  /** Text in, as it is stored: what XML cannot hold and a typed _xHHHH_ escaped, nothing else. */
  const cases: Array<[string, string]> = [
    ['plain £ text', 'plain £ text'],
    ['a<b & "c"', 'a&lt;b &amp; &quot;c&quot;'],
    ['line\r\nnext\ttab', 'line_x000D_\nnext\ttab'],
    ['\u0001\ufffe', '_x0001__xFFFE_'],
    ['_x0041_', '_x005F_x0041_'],
    ['\ud800 alone', '_xD800_ alone'],
    ['\ud83d\ude00 pair', '\ud83d\ude00 pair'],
  ];
  test.each(cases)('%j is stored as %j', (text, stored) => expect(xstring(text)).toBe(stored));
});

describe('round trip', () => {
  test('any text in a cell reads back as written, by our reader and by SheetJS', async () => {
    let n = 0;
    await fc.assert(fc.asyncProperty(
      fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 8 }),
      async (texts) => {
        const file = join(dir, `rt-${n++}.xlsx`);
        await writeXlsx(file, [sheet('Texts', texts.map((t) => [t, 1]))]);
        const ours = (await xlsxSheets(file)).sheets[0].values.map((r) => r[0]);
        expect(ours).toEqual(texts);
        const book = XLSX.readFile(file, { dense: true });
        const theirs = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Texts, { header: 1, raw: true })
          .map((r) => r[0]);
        // SheetJS turns a lone surrogate into U+FFFD when it decodes UTF-16 from _xHHHH_; all else is exact.
        const whole = (s: string) => !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, ''));
        texts.forEach((t, i) => {
          if (whole(t)) expect(theirs[i]).toBe(t);
        });
        rmSync(file);
      },
    ), { numRuns: 40 });
  });

  test('numbers, booleans, blanks, formats, tables and frozen rows as written; styles.xml holds the last sheet\'s format', async () => {
    const file = join(dir, 'kinds.xlsx');
    await writeXlsx(file, [
      sheet('First', [['Name', 'Amount'], ['a', 1.5], ['b', -0.1]], {
        tables: [{ name: 'tblFirst', range: 'A1:B3', columns: ['Name', 'Amount'] }], freezeRows: 1,
      }),
      { ...sheet('Second', [[true, null, 12345678901.23]]), row: () => ({ values: [true, null, 12345678901.23],
        formats: [null, null, '#,##0.00 "only here"'] }) },
    ]);
    const read = await xlsxSheets(file);
    expect(read.sheets.map((s) => s.name)).toEqual(['First', 'Second']);
    expect(read.sheets[0].values).toEqual([['Name', 'Amount'], ['a', 1.5], ['b', -0.1]]);
    expect(Array.from(read.sheets[1].values[0], (v) => v ?? null)).toEqual([true, null, 12345678901.23]); // sparse: a blank is a hole
    expect(read.tables.map((t) => t.name)).toEqual(['tblFirst']);
    const book = XLSX.readFile(file, { cellStyles: true });
    expect(book.Sheets.Second.C1.z).toBe('#,##0.00 "only here"');
    // Every part is well-formed XML.
    const pkg = await openXlsx(file);
    try {
      const parts = ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels',
        'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/tables/table1.xml', 'xl/worksheets/sheet2.xml',
        'xl/styles.xml', 'xl/sharedStrings.xml'];
      for (const part of parts) {
        expect({ part, there: pkg.has(part) }).toEqual({ part, there: true });
        const p = new SaxesParser();
        let bad: unknown;
        p.on('error', (e) => { bad = e; });
        for await (const chunk of pkg.text(part)) p.write(chunk);
        p.close();
        expect({ part, bad }).toEqual({ part, bad: undefined });
      }
    } finally {
      pkg.close();
    }
  });
});

test('a number Excel cannot hold (NaN, an infinity) is written as #NUM!, never as a figure', async () => {
  const file = join(dir, 'nonfinite.xlsx');
  await writeXlsx(file, [sheet('N', [[Infinity, NaN, -Infinity, 2.5]])]);
  expect((await xlsxSheets(file)).sheets[0].values[0]).toEqual(['#NUM!', '#NUM!', '#NUM!', 2.5]);
});

describe('failure', () => {
  test('a folder that does not exist: the write rejects, no file is left', async () => {
    const file = join(dir, 'missing', 'out.xlsx');
    await expect(writeTablesXlsx(file, { Partners: [{ Partner: 'A' }] }, {})).rejects.toThrow(/ENOENT/);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  test('a sheet whose rows throw part way: the write rejects and the temporary file is removed', async () => {
    const before = readdirSync(dir);
    const broken: XSheet = { name: 'Broken', rowCount: 100_000, width: 1, row: (r) => {
      if (r === 50_000) throw new Error('row 50,000 could not be made');
      return { values: [`row ${r}`] };
    } };
    const { save } = await import('../../src/cli/xlsx-write');
    await expect(save((tmp) => writeXlsx(tmp, [broken]), join(dir, 'broken.xlsx'))).rejects.toThrow(/row 50,000/);
    expect(readdirSync(dir)).toEqual(before);
  });
});

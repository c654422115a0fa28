/**
 * Writers hold for any size the reader accepts: a results sheet of 200,000+ rows is built and
 * written (no spread or apply over rows), and the workbook reads back with exceljs. Text a
 * workbook cannot hold is dropped or cut with a TEXT_CUT warning, and the file stays readable.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import type { RunResult, ScheduleEntry } from '../../src/engine/types';
import { buildOutputSheets, CELL_LIMIT, workbookText } from '../../src/workbook/output';
import { writeResultsXlsx } from '../../src/cli/xlsx';
import { checkRowLimit, EXCEL_ROWS } from '../../src/cli/xlsx-write';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { writeWithExceljs } from '../xlsx/exceljs-writer';

const dir = mkdtempSync(join(tmpdir(), 'poolshare-writers-'));

/**
 * A result whose partner B pays `n` instalments of 1.00 to a host X that has no sheet of its own
 * (so one sheet holds every row; the writer is the same for two).
 */
function bigResult(n: number): RunResult {
  const schedules: ScheduleEntry[] = [];
  for (let i = 0; i < n; i++) {
    const m = i % 12;
    schedules.push({ pool: 'P', partner: 'B', to: 'X', due: `${2025 + Math.floor(i / 12) % 50}-${String(m + 1).padStart(2, '0')}`,
      kind: 'instalment', amount: '1.00' });
  }
  return {
    units: '£',
    year: { start: '2025-04', from: 'setting' },
    pools: [{ pool: 'P', kind: 'pooled', host: 'A', method: 'proportional', budget: `${n}.00`, outturn: `${n}.00`,
      variance: '0.00', reserveUsed: '0.00', reserveCarried: '0.00', unallocated: '0.00', steps: [],
      partners: [
        { partner: 'A', net: '0.00', share: '0.000000', savingsCharge: '0.00', riskShare: '0.00', finalCost: '0.00', paid: '0.00', balance: '0.00' },
        { partner: 'B', net: `${n}.00`, share: '1.000000', savingsCharge: '0.00', riskShare: '0.00', finalCost: `${n}.00`,
          paid: `${n}.00`, balance: '0.00' },
      ] }],
    positions: [{ partner: 'A', position: '0.00' }, { partner: 'B', position: '0.00' }],
    netting: { mode: 'multilateral', grossCount: 0, grossValue: '0.00', payments: [], netCount: 0, netValue: '0.00', grossPayments: [] },
    schedules,
    warnings: [],
  };
}

/**
 * Rows of one worksheet, read back with the command line's own streaming reader, which names each
 * sheet from workbook.xml whatever the order of the parts in the zip. (exceljs's streaming
 * WorkbookReader names a worksheet only if workbook.xml came before it in the zip; when the writer
 * put it after, the sheet read as "Sheet2" and 0 rows were counted: the cause of this test's
 * occasional failure.)
 */
async function countRows(file: string, sheet: string): Promise<{ rows: number; last: unknown[] }> {
  const { sheets } = await xlsxSheets(file);
  const values = sheets.find((s) => s.name === sheet)?.values ?? [];
  let rows = 0;
  let last: unknown[] = [];
  values.forEach((row) => {
    rows++;
    last = row.filter((v) => v !== undefined);
  });
  return { rows, last };
}

describe('writers at the reader\'s sizes', () => {
  const N = 210_000;
  test(`a partner sheet of ${N.toLocaleString('en-GB')} schedule rows is built and written, and reads back`, async () => {
    const result = bigResult(N);
    const sheets = buildOutputSheets(result);
    const b = sheets.find((s) => s.name === 'B')!;
    expect(b.values.length).toBeGreaterThan(N);
    expect(b.columnWidths!.length).toBe(b.values[0].length);
    const file = join(dir, 'big.xlsx');
    expect(await writeResultsXlsx(file, result, {})).toEqual([]);
    const back = await countRows(file, 'B');
    expect(back.rows).toBeGreaterThan(N);
    expect(back.last[0]).toBe('Nothing to pay or receive.'); // the sheet is whole: its last row is written
  }, 300_000);
});

/** A one-pool result: host A and a partner named `partner`, in a pool named `pool`; one warning quoting both. */
function namedResult(pool: string, partner: string): RunResult {
  const r = bigResult(2);
  r.pools = [{ ...(r.pools[0] as Extract<RunResult['pools'][number], { budget: string }>), pool, partners: [
    { partner: 'A', net: '0.00', share: '0.000000', savingsCharge: '0.00', riskShare: '0.00', finalCost: '0.00', paid: '0.00', balance: '0.00' },
    { partner, net: '2.00', share: '1.000000', savingsCharge: '0.00', riskShare: '0.00', finalCost: '2.00', paid: '2.00', balance: '0.00' },
  ] }];
  r.positions = [{ partner: 'A', position: '0.00' }, { partner, position: '0.00' }];
  r.schedules = r.schedules.map((s) => ({ ...s, pool, partner }));
  r.warnings = [{ code: 'OVERPAID', severity: 'warning', message: `Partner ${partner} in pool ${pool} paid more than its net.` }];
  return r;
}

async function readBack(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Every text cell of a workbook. */
function texts(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string') out.push(c.value); })));
  return out;
}

const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('text a workbook can hold', () => {
  test('workbookText: any string in, XML 1.0 text of at most 32,767 characters out; clean text unchanged', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) })),
      (s) => {
        const w = workbookText(s);
        expect(NOT_XML.test(w.text)).toBe(false);
        expect(w.text.length).toBeLessThanOrEqual(CELL_LIMIT);
        if (!NOT_XML.test(s) && s.length <= CELL_LIMIT) expect(w).toEqual({ text: s.replace(/\r\n?/g, '\n'), dropped: false, cut: false });
      }), { numRuns: 500 });
    // A cut never leaves half a surrogate pair.
    const w = workbookText('a'.repeat(CELL_LIMIT - 1) + '😀😀');
    expect(w).toMatchObject({ cut: true, text: 'a'.repeat(CELL_LIMIT - 1) });
  });

  test('U+FFFE and a 100,000-character name: the workbook re-reads, the text is dropped or cut, with TEXT_CUT', async () => {
    const long = 'L'.repeat(100_000);
    const file = join(dir, 'names.xlsx');
    const notes = await writeResultsXlsx(file, namedResult(`Pool\uFFFE\u0007`, long), {});
    expect(notes.map((n) => n.code)).toEqual(['TEXT_CUT', 'TEXT_CUT', 'TEXT_CUT']);
    expect(notes[0].message).toMatch(/^Results sheet Pool results, cell A2 \(and \d+ more cells\): text "Pool\.\.\."/);
    expect(notes.find((n) => /100,000 to 32,767 characters/.test(n.message))).toBeDefined();
    const wb = await readBack(file);
    const all = texts(wb);
    expect(all).toContain('Pool');
    expect(all).toContain(long.slice(0, CELL_LIMIT));
    expect(all.every((t) => t.length <= CELL_LIMIT && !NOT_XML.test(t))).toBe(true);
    const warned = texts({ eachSheet: (f: (ws: ExcelJS.Worksheet) => void) => f(wb.getWorksheet('Warnings')!) } as ExcelJS.Workbook);
    expect(warned.filter((t) => t === 'TEXT_CUT')).toHaveLength(3);
  });

  test('fuzz: any pool and partner name gives a workbook exceljs re-reads, holding the names as written', async () => {
    const name = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 });
    let i = 0;
    await fc.assert(fc.asyncProperty(name, name, async (pool, partner) => {
      fc.pre(partner !== 'A');
      const file = join(dir, `fuzz-${i++}.xlsx`);
      await writeResultsXlsx(file, namedResult(pool, partner), {});
      const wb = await readBack(file);
      const written = workbookText(pool).text;
      if (written.trim() !== '') expect(texts(wb)).toContain(written);
      expect(wb.worksheets.map((ws) => ws.name)[0]).toBe('Pool results');
    }), { numRuns: 80 });
  });
});

describe('the streamed writer', () => {
  /** Every cell of a workbook: sheet, address, value and number format; each sheet's frozen rows and widths; its tables. */
  async function cells(file: string) {
    const wb = await readBack(file);
    const out: string[] = [];
    wb.eachSheet((ws) => {
      // exceljs leaves out a column of width 9 (its default width); we write it as asked.
      const widths = ws.columns.map((c) => (c.width === 9 ? undefined : c.width)).join(',');
      out.push(`${ws.name} frozen ${(ws.views[0] as { ySplit?: number } | undefined)?.ySplit ?? 0} widths ${widths}`);
      ws.eachRow((row) => row.eachCell((c) => {
        const v = c.value instanceof Date ? c.value.toISOString() : JSON.stringify(c.value);
        out.push(`${ws.name}!${c.address} ${v} ${c.numFmt}`);
      }));
      for (const t of ws.getTables()) {
        const m = (t as unknown as { table: { name: string; tableRef: string; columns: Array<{ name: string }> } }).table;
        out.push(`${ws.name} table ${m.name} ${m.tableRef} ${m.columns.map((c) => c.name).join('|')}`);
      }
    });
    return out;
  }

  test('writes the same cells, formats, widths, frozen headers and Excel tables as exceljs\'s in-memory writer', async () => {
    const result = namedResult('BCF', 'ICB');
    result.units = "£'000";
    const reference = join(dir, 'reference.xlsx');
    const streamed = join(dir, 'streamed.xlsx');
    await writeWithExceljs(reference, buildOutputSheets(result));
    await writeResultsXlsx(streamed, result, {});
    const a = await cells(reference);
    const b = await cells(streamed);
    expect(b).toEqual(a);
    expect(a.some((x) => / mmm yyyy$/.test(x))).toBe(true);
    const tables = a.filter((x) => / table /.test(x)).map((x) => x.split(' table ')[1].split(' ')[0]);
    expect(tables.length).toBeGreaterThan(3);
    // And our own reader (as the command line reads a workbook) finds the same tables.
    const ours = await xlsxSheets(streamed);
    expect(ours.tables.map((t) => t.name).sort()).toEqual(tables.sort());
  });

  test('a sheet past Excel\'s 1,048,576 rows is refused with one plain line, before anything is written', () => {
    const sheet = { name: 'B', values: Array.from({ length: EXCEL_ROWS + 1 }, () => []), numberFormats: [], tables: [] };
    expect(() => checkRowLimit([sheet])).toThrow(
      /^the results sheet B would have 1,048,577 rows, more than an Excel sheet holds \(1,048,576\); use --json/);
    expect(() => checkRowLimit([{ ...sheet, values: sheet.values.slice(1) }])).not.toThrow();
  });
});

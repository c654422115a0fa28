/**
 * One reading on every surface (issue 16, item 3): each workbook below is built once, written as
 * .xlsx and read by the command line's reader (readXlsx), and its same cells are loaded into the
 * strict Excel fake (as Excel's Range.values gives them: a date as its serial number, the cells a
 * merge covers as "") and read by the add-in (Validate). Every figure and every warning (code,
 * sheet, cell, message) must be the same.
 */
import ExcelJS from 'exceljs';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readXlsx } from '../../src/cli/xlsx-read';
import { run } from '../../src/engine/run';
import { optionsWorkbook, validateWorkbook } from '../../src/excel/adapter';
import { options } from '../../src/engine/options';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

/** A cell: a value, or a date (ISO) that Excel holds as a serial number formatted as a date. */
type Cell = string | number | null | { date: string };
interface SheetSpec {
  name: string;
  rows: Cell[][];
  /** The rows from A1 are an Excel table of this name; `totals`: with a totals row ("Total") below. */
  table?: { name: string; totals?: boolean };
  state?: 'hidden' | 'veryHidden';
  merges?: string[];
}

/** Excel's serial number of a date (days since 1899-12-30). */
const serial = (iso: string) => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
const asExcel = (v: Cell) => (v !== null && typeof v === 'object' ? serial(v.date) : v ?? '');
const asJs = (v: Cell) => (v !== null && typeof v === 'object' ? new Date(`${v.date}T00:00:00Z`) : v);

async function writeXlsx(sheets: SheetSpec[], file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state ?? 'visible' });
    if (s.table) {
      const [head, ...rows] = s.rows;
      ws.addTable({
        name: s.table.name, ref: 'A1', headerRow: true, totalsRow: !!s.table.totals,
        columns: head.map((h, i) => (s.table!.totals && i === 0 ? { name: String(h), totalsRowLabel: 'Total' }
          : { name: String(h) })),
        rows: rows.map((r) => r.map(asJs)),
      });
    } else {
      s.rows.forEach((row, r) => row.forEach((v, c) => {
        if (v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = asJs(v) as ExcelJS.CellValue;
        if (typeof v === 'object') cell.numFmt = 'yyyy-mm-dd';
      }));
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
}

/** The same cells in the fake, as Excel would hold them. */
function fakeBook(sheets: SheetSpec[]) {
  const wb = new fake.Workbook();
  for (const s of sheets) {
    const width = Math.max(...s.rows.map((r) => r.length));
    const rows = s.rows.map((r) => Array.from({ length: width }, (_, i) => asExcel(r[i] ?? null)));
    if (s.table?.totals) rows.push(['Total', ...new Array(width - 1).fill('')]);
    wb.addSheet(s.name, rows, s.table ? { table: s.table.name } : {});
    if (s.table?.totals) wb.tables.find((t: { name: string }) => t.name === s.table!.name).showTotals = true;
    for (const m of s.merges ?? []) wb.merge(s.name, m);
    if (s.state) wb.hide(s.name, s.state === 'hidden' ? 'Hidden' : 'VeryHidden');
  }
  return wb;
}

const PARTNERS: SheetSpec = { name: 'Partners', table: { name: 'Partners' }, rows: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']] };
const POOLS: SheetSpec = { name: 'Pools', table: { name: 'Pools' }, rows: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']] };
const LINES: SheetSpec = { name: 'Lines', table: { name: 'Lines' }, rows: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1200]] };
const CONTRIBUTIONS: Cell[][] = [
  ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'],
  ['BCF', 'Care homes', 'CC', 700, 100, 0],
  ['BCF', 'Care homes', 'ICB', 400, 0, 0],
];
const SETTINGS: Cell[][] = [['Setting', 'Value'], ['Year start', '2025-04']];
const base = (contributions: SheetSpec[], settings: Cell[][] = SETTINGS, more: SheetSpec[] = []): SheetSpec[] =>
  [PARTNERS, POOLS, LINES, ...contributions, { name: 'Settings', rows: settings }, ...more];

/** Each workbook, and a warning code its reading must give (so the case is what it says it is). */
const BOOKS: Array<[string, SheetSpec[], string | null]> = [
  ['a merged header (Gross merged over Income)', base([{ name: 'Contributions', rows: CONTRIBUTIONS, merges: ['D1:E1'] }]),
    'MERGED_HEADER'],
  ['tables on hidden and very hidden sheets', base([{ name: 'Contributions', rows: CONTRIBUTIONS, state: 'hidden' }], SETTINGS,
    [{ name: 'Payments', state: 'veryHidden', rows: [['Pool', 'Partner', 'Period', 'Amount'], ['BCF', 'ICB', '2025-05', 400]] }]),
  'SOURCE_NOTE'],
  ['identical copies (Contributions and Contributions (2), one hidden)', base([
    { name: 'Contributions', table: { name: 'Contributions' }, rows: CONTRIBUTIONS },
    { name: 'Contributions (2)', rows: CONTRIBUTIONS, state: 'hidden' },
  ]), 'SOURCE_NOTE'],
  ['differing copies', base([
    { name: 'Contributions', table: { name: 'Contributions' }, rows: CONTRIBUTIONS },
    { name: 'Contributions (2)', rows: CONTRIBUTIONS.map((r, i) => (i === 2 ? [...r.slice(0, 3), 450, 0, 0] : r)) },
  ]), 'AMBIGUOUS_TABLE'],
  ['a table with a totals row', base([{ name: 'Contributions', table: { name: 'Contributions', totals: true }, rows: CONTRIBUTIONS }]),
    null],
  // 1,000,000 is 500 times or more the median of the pool's others (700 and 400: 550; 500 x 550 = 275,000).
  ['a £ figure in a £\'000 book', [PARTNERS, POOLS,
    { ...LINES, rows: [...LINES.rows, ['BCF', 'Day care', 'CC', 1_000_000]] },
    { name: 'Contributions', rows: [...CONTRIBUTIONS, ['BCF', 'Day care', 'CC', 1_000_000, 0, 0]] },
    { name: 'Settings', rows: [...SETTINGS, ['Units', '£\'000']] }], 'UNITS_SUSPECT'],
  ['report blocks on another sheet (no Contributions table)', [PARTNERS, POOLS, LINES, { name: 'Settings', rows: SETTINGS },
    { name: 'Committee report', rows: [
      ['Pool 1: BCF', 'CC', 'ICB'],
      [null, '£', '£'],
      ['Care homes', 700, 400],
      ['Gross contribution', 700, 400],
      ['Less service user income', -100, 0],
      ['Net contribution', 600, 450], // ICB: 400 + 0 is 400, not 450: NET_MISMATCH on C6
    ] }], 'NET_MISMATCH'],
  ['numbers typed as text', base([{ name: 'Contributions', rows: [CONTRIBUTIONS[0],
    ['BCF', 'Care homes', 'CC', '£1,234.50', '(100)', '-'], ['BCF', 'Care homes', 'ICB', '400', '0', ' 12.5 ']] }]), 'SIGN_READ'],
  ['dates held as serial numbers', base([{ name: 'Contributions', rows: CONTRIBUTIONS }],
    [['Setting', 'Value'], ['Year start', { date: '2025-04-01' }]],
    [{ name: 'Payments', table: { name: 'Payments' }, rows: [['Pool', 'Partner', 'Date', 'Amount'],
      ['BCF', 'ICB', { date: '2025-05-15' }, 200], ['BCF', 'ICB', { date: '2025-08-15' }, 200]] }]), null],
];

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poolshare-surfaces-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

const where = (w: { code: string; sheet?: string; cell?: string; table?: string; row?: number }) =>
  `${w.code} ${w.table ?? ''} ${w.row ?? ''} ${w.sheet ?? ''}!${w.cell ?? ''}`;

describe('the command line and the add-in read the same workbook the same way', () => {
  test.each(BOOKS)('%s', async (label, sheets, code) => {
    const file = path.join(dir, `${BOOKS.findIndex((b) => b[0] === label)}.xlsx`);
    await writeXlsx(sheets, file);
    const cli = run((await readXlsx(file)).input);

    const wb = fakeBook(sheets);
    fake.install(globalThis, wb, { office: true });
    const addin = await validateWorkbook();

    if (code) expect(cli.warnings.map((w) => w.code)).toContain(code);
    // Every warning: code, place and words; then every figure of the run.
    expect(addin.warnings.map(where)).toEqual(cli.warnings.map(where));
    expect(addin.warnings).toEqual(cli.warnings);
    expect(addin.result).toEqual(cli);
  });
});

describe('the command line and the add-in compare options the same way', () => {
  test('Options and Scenarios sheets, with a mistake on one cell: the same figures and warnings', async () => {
    const sheets = base([{ name: 'Contributions', rows: CONTRIBUTIONS }], SETTINGS, [
      { name: 'Options', table: { name: 'Options' }, rows: [['Option', 'Pool', 'Method', 'Partner', 'Percent'],
        ['Even', 'BCF', 'fixed', 'CC', 50], ['Even', 'BCF', null, 'ICB', 50], ['Odd', 'BCF', 'fixed', 'CC', 'abc']] },
      { name: 'Scenarios', rows: [['Scenario', 'Pool', 'Line', 'Forecast'], ['Better', 'BCF', 'Care homes', 900]] },
    ]);
    const file = path.join(dir, 'options.xlsx');
    await writeXlsx(sheets, file);
    const cli = options((await readXlsx(file)).input);
    fake.install(globalThis, fakeBook(sheets), { office: true });
    const { named, ...addin } = (await optionsWorkbook()).result;
    expect(named).toEqual(['BCF']);
    expect(cli.warnings.map(where)).toContain('NOT_A_NUMBER Options 3 Options!E4');
    expect(addin.warnings.map(where)).toEqual(cli.warnings.map(where));
    expect(addin).toEqual(cli);
  });
});

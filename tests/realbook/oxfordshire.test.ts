/**
 * Issue 9 from the finance user's side: a real-looking 2017/18 Oxfordshire workbook (£'000) run
 * through the command line exactly as a user runs it, then once per mutation people make.
 * Figures are hand-worked (see book.ts): pool 1 gross 151,956 less income 11,004 = 140,952.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import ExcelJS from 'exceljs';
import { cli } from '../cli/run-cli';
import { readWorkbook } from '../../src/workbook';
import { run } from '../../src/engine/run';
import { isFailedPool, type CellValue, type PoolResult, type RunResult, type Warning } from '../../src/engine/types';
import { xlsxParts, zip } from '../workbook/zip';
import { POOL1, POOL2, oxfordshire, sheet, writeBook, type Book, type Cell } from './book';

let dir: string;
beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'realbook-')); });
afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

let n = 0;
async function save(book: Book): Promise<string> {
  const f = path.join(dir, `book${++n}.xlsx`);
  await writeBook(f, book);
  return f;
}

/** `poolshare run BOOK.xlsx --json`, as a user types it. */
async function runJson(book: Book): Promise<{ code: number; result: RunResult; err: string }> {
  const r = await cli('run', await save(book), '--json');
  return { code: r.code, result: JSON.parse(r.out) as RunResult, err: r.err };
}

/** A pool's figures as the JSON gives them; a failed pool has none (its budget is undefined). */
type PoolOut = Partial<PoolResult> & { pool: string };
const pool = (r: RunResult, name: string) => r.pools.find((p) => p.pool === name) as PoolOut | undefined;
const figures = (r: RunResult, name: string) => {
  const p = r.pools.find((x) => x.pool === name);
  if (!p || isFailedPool(p)) throw new Error(`pool ${name} has no figures`);
  return p;
};
const at = (r: RunResult, code: string) => r.warnings.filter((w: Warning) => w.code === code)
  .map((w) => `${w.sheet}!${w.cell}`);
const errors = (r: RunResult) => r.warnings.filter((w) => w.severity === 'error');
const set = (book: Book, name: string, row: number, col: number, v: Cell) => {
  const s = sheet(book, name);
  while (s.rows.length < row) s.rows.push([]);
  s.rows[row - 1][col - 1] = v;
};

/** Runs the book; the one warning `code` is on `place` (sheet!cell), the exit is `exit`; the result. */
async function flagged(book: Book, code: string, place: string, exit: number): Promise<RunResult> {
  const r = await runJson(book);
  expect(at(r.result, code)).toEqual([place]);
  expect(r.code).toBe(exit);
  return r.result;
}

function expectBaseline(r: RunResult): void {
  const p1 = figures(r, POOL1);
  expect([p1.budget, p1.outturn, p1.variance]).toEqual(['140952.00', '142650.00', '1698.00']);
  // 1,698 x 85,452 / 140,952 = 1,029.4139 and x 55,500 / 140,952 = 668.5861: cut 1,029.41 / 668.58, the penny to OCCG
  expect(p1.partners.map((x) => [x.partner, x.net, x.riskShare, x.paid, x.balance])).toEqual([
    ['OCC', '85452.00', '1029.41', '128775.00', '-42293.59'],
    ['OCCG', '55500.00', '668.59', '13875.00', '42293.59']]);
  const p2 = figures(r, POOL2);
  expect([p2.budget, p2.outturn, p2.variance]).toEqual(['88000.00', '87600.00', '-400.00']);
  // -400 x 63/88 = -286.3636, x 25/88 = -113.6363: cut -286.36 / -113.63, the penny to the larger remainder
  expect(p2.partners.map((x) => x.riskShare)).toEqual(['-286.36', '-113.64']);
}

describe('the Oxfordshire 2017/18 book as typed', () => {
  test('reads with no warnings, exit 0, and the hand-worked figures', async () => {
    const { code, result } = await runJson(oxfordshire());
    expect(code).toBe(0);
    expect(result.warnings).toEqual([]);
    expectBaseline(result);
    expect(result.positions).toEqual([
      { partner: 'OCC', position: '-60929.96' }, { partner: 'OCCG', position: '60929.96' }]);
    const s = result.schedules.filter((x) => x.pool === POOL1);
    expect(s[0]).toMatchObject({ partner: 'OCCG', to: 'OCC', due: '2017-04', kind: 'instalment', amount: '4625.00' });
    expect(s[s.length - 1]).toMatchObject({ due: '2018-04', kind: 'balancing', amount: '668.59' });
  });

  test('the summary states the year and its source', async () => {
    const r = await cli('run', await save(oxfordshire()));
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('Year 2017-04 to 2018-03, from Settings (Year start)');
  });
});

describe('mutations people make', () => {
  test('income typed negative (-6,200, a report sign): SIGN_READ on Contributions!E2, budget unchanged', async () => {
    const b = oxfordshire();
    set(b, 'Contributions', 2, 5, -6200);
    expectBaseline(await flagged(b, 'SIGN_READ', 'Contributions!E2', 0));
  });

  test('all pool-1 income on one row typed as text "(11,004)": SIGN_READ on its cell, budget 140,952', async () => {
    const b = oxfordshire();
    for (const r of [2, 4, 6]) set(b, 'Contributions', r, 5, null);
    set(b, 'Contributions', 8, 5, '(11,004)');
    expect(pool(await flagged(b, 'SIGN_READ', 'Contributions!E8', 0), POOL1)!.budget).toBe('140952.00');
  });

  test('a Grant typed negative (-400): SIGN_READ on Contributions!F4, read as a deduction', async () => {
    const b = oxfordshire();
    const c = sheet(b, 'Contributions');
    c.rows[0][5] = 'Grant';
    c.rows[3][4] = null; // the 400 of income on Mental health, OCC, typed as a grant instead
    c.rows[3][5] = -400;
    expectBaseline(await flagged(b, 'SIGN_READ', 'Contributions!F4', 0));
  });

  test('a header merged over Gross and Income: MERGED_HEADER on Contributions!D1, exit 1, no figures', async () => {
    const b = oxfordshire();
    set(b, 'Contributions', 1, 5, null);
    sheet(b, 'Contributions').merges = ['D1:E1'];
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    expect(at(result, 'MERGED_HEADER')).toEqual(['Contributions!D1']);
    expect(result.pools.every((p) => (p as PoolOut).budget === undefined)).toBe(true);
  });

  test('a Total row at the foot of Lines (key cell "Total"): TOTAL_ROW on Lines!A8, outturn unchanged', async () => {
    const b = oxfordshire();
    sheet(b, 'Lines').rows.push(['Total', null, null, 230250]);
    expectBaseline(await flagged(b, 'TOTAL_ROW', 'Lines!A8', 0));
  });

  test('a pool sub-total typed in the Line column: TOTAL_ROW on Lines!B6, outturn unchanged', async () => {
    const b = oxfordshire();
    sheet(b, 'Lines').rows.splice(5, 0, [POOL1, 'Sub-total', null, 142650]);
    expectBaseline(await flagged(b, 'TOTAL_ROW', 'Lines!B6', 0));
  });

  test('one contribution typed in £ (13,800,000) in the £\'000 book: UNITS_SUSPECT on Contributions!D3', async () => {
    const b = oxfordshire();
    set(b, 'Contributions', 3, 4, 13800000);
    const { result } = await runJson(b);
    expect(at(result, 'UNITS_SUSPECT')).toEqual(['Contributions!D3']);
  });

  test('a payment typed in £ (13,500,000) in the £\'000 book: UNITS_SUSPECT on Payments!D2', async () => {
    const b = oxfordshire();
    set(b, 'Payments', 2, 4, 13500000);
    const { result } = await runJson(b);
    expect(at(result, 'UNITS_SUSPECT')).toEqual(['Payments!D2']);
  });

  test('a blank Forecast on a funded line: BLANK_REQUIRED on Lines!D3, exit 1, pool 1 left out', async () => {
    const b = oxfordshire();
    set(b, 'Lines', 3, 4, null);
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    expect(at(result, 'BLANK_REQUIRED')).toEqual(['Lines!D3']);
    expect(errors(result)).toHaveLength(1);
    expect(pool(result, POOL1)!.budget).toBeUndefined();
    expect(pool(result, POOL2)!.budget).toBe('88000.00');
    const s = await cli('run', await save(b));
    expect(s.code).toBe(1);
    expect(s.out).toContain(`Left out: ${POOL1} (1 error)`);
    expect(result.schedules.some((x) => x.pool === POOL1)).toBe(false);
  });

  test('"-" typed for zero in Income and in the report block: 0, no warnings at all', async () => {
    const b = oxfordshire();
    set(b, 'Contributions', 3, 5, '-');
    set(b, 'Contributions', 9, 5, ' - ');
    set(b, 'Committee report', 11, 3, '-');
    const { code, result } = await runJson(b);
    expect(result.warnings).toEqual([]);
    expect(code).toBe(0);
    expectBaseline(result);
  });

  test('"-" in a Forecast is 0, not a blank: the line is forecast at nil', async () => {
    const b = oxfordshire();
    set(b, 'Lines', 4, 4, '-');
    const { code, result } = await runJson(b);
    expect(errors(result)).toEqual([]);
    expect(code).toBe(0);
    expect(pool(result, POOL1)!.outturn).toBe(String(142650 - 3950) + '.00');
  });
});

describe('the results workbook a finance team would send', () => {
  test('failed pool named, £\'000 headers, due months as dates, the host\'s refund worded as a refund', async () => {
    const b = oxfordshire();
    set(b, 'Lines', 3, 4, null);
    const out = path.join(dir, 'results.xlsx');
    const r = await cli('run', await save(b), '--out', out);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const settlement = wb.getWorksheet('Settlement')!;
    expect(settlement.getCell('A4').value).toBe('Left out');
    expect(String(settlement.getCell('B4').value)).toMatch(new RegExp(`^${POOL1} \\(1 error\\)`));
    const occg = wb.getWorksheet('OCCG')!;
    const rows: ExcelJS.CellValue[][] = [];
    occg.eachRow((row) => { rows.push((row.values as ExcelJS.CellValue[]).slice(1)); });
    expect(rows.find((x) => x[0] === 'Pool' && x[3] === 'Net contribution (£\'000)')).toBeDefined();
    const refund = rows.find((x) => x[4] === 'refund from host')!;
    // Older people: OCCG's risk share -113.64 is paid back by the host OCC in the month after the year
    expect(refund.slice(0, 4)).toEqual([POOL2, 'OCC', 'OCCG', new Date(Date.UTC(2018, 3, 1))]);
    expect(refund[5]).toBe(113.64);
    expect(rows.some((x) => x[0] === POOL1)).toBe(false);
  });
});

describe('one table, one source', () => {
  const changed = () => {
    const rows = oxfordshire().find((s) => s.name === 'Contributions')!.rows.map((r) => [...r]);
    rows[1][3] = 68000;
    return rows;
  };

  test('an Excel table Contributions elsewhere, with different figures: AMBIGUOUS_TABLE naming both', async () => {
    const b = oxfordshire();
    b.push({ name: 'Working', rows: changed(), table: 'Contributions' });
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    const w = result.warnings.filter((x) => x.code === 'AMBIGUOUS_TABLE');
    expect(w).toHaveLength(1);
    expect(w[0].message).toMatch(/Working/);
    expect(w[0].message).toMatch(/sheet Contributions|'Contributions'|Contributions!/);
    expect(result.pools.every((p) => (p as PoolOut).budget === undefined)).toBe(true);
  });

  test('an identical "Contributions (2)" copy: read once with SOURCE_NOTE, figures unchanged', async () => {
    const b = oxfordshire();
    b.push({ name: 'Contributions (2)', rows: sheet(oxfordshire(), 'Contributions').rows });
    const { code, result } = await runJson(b);
    expect(code).toBe(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['SOURCE_NOTE']);
    expect(result.warnings[0].message).toMatch(/Contributions \(2\)/);
    expectBaseline(result);
  });

  test('a "Contributions (2)" copy with a changed figure: AMBIGUOUS_TABLE', async () => {
    const b = oxfordshire();
    b.push({ name: 'Contributions (2)', rows: changed() });
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    expect(result.warnings.filter((x) => x.code === 'AMBIGUOUS_TABLE')[0].message).toMatch(/Contributions \(2\)/);
  });

  test('a very hidden old copy with different figures is not read silently', async () => {
    const b = oxfordshire();
    b.push({ name: 'Contributions_2', rows: changed(), state: 'veryHidden' });
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    expect(result.warnings.filter((x) => x.code === 'AMBIGUOUS_TABLE')[0].message).toMatch(/hidden/i);
  });

  test('the only Contributions sheet hidden: read, with a SOURCE_NOTE saying so', async () => {
    const b = oxfordshire();
    sheet(b, 'Contributions').state = 'hidden';
    const { code, result } = await runJson(b);
    expect(code).toBe(0);
    expect(result.warnings.map((w) => w.code)).toEqual(['SOURCE_NOTE']);
    expect(result.warnings[0].message).toMatch(/hidden/i);
    expectBaseline(result);
  });
});

describe('missing tables and columns, the year, failed pools', () => {
  test('no Lines table: exactly one error, MISSING_TABLE, exit 1', async () => {
    const b = oxfordshire().filter((s) => s.name !== 'Lines');
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    expect(errors(result).map((w) => w.code)).toEqual(['MISSING_TABLE']);
  });

  test('"Line" typed "Service line": MISSING_COLUMN on Contributions!A1 naming the headers found', async () => {
    const b = oxfordshire();
    set(b, 'Contributions', 1, 2, 'Service line');
    const { code, result } = await runJson(b);
    expect(code).toBe(1);
    const w = result.warnings.filter((x) => x.code === 'MISSING_COLUMN');
    expect(w).toHaveLength(1);
    expect(w[0].sheet).toBe('Contributions');
    expect(w[0].cell).toMatch(/^[A-E]1$/);
    expect(w[0].message).toMatch(/Service line/);
  });

  test('no Year start: the year taken from the Payments periods (2017-04), said in the summary', async () => {
    const b = oxfordshire();
    sheet(b, 'Settings').rows.splice(2, 1);
    const { code, result } = await runJson(b);
    expect(code).toBe(0);
    expect(result.schedules[0].due).toBe('2017-04');
    expectBaseline(result);
    const s = await cli('run', await save(b));
    expect(s.out.split('\n')[0]).toBe('Year 2017-04 to 2018-03, from the Payments periods');
  });
});

describe('what Excel does to 2017-04 when typed', () => {
  // Typing 2017-04 into a General cell gives a date (1 Apr 2017), not the text 2017-04.
  const april = (m: number) => new Date(Date.UTC(2017, 3 + m, 1));

  test('Year start saved as a date: read as 2017-04 from Settings, no warning', async () => {
    const b = oxfordshire();
    set(b, 'Settings', 3, 2, april(0));
    const { code, result } = await runJson(b);
    expect(code).toBe(0);
    expect(result.warnings).toEqual([]);
    expect((result as RunResult & { year: unknown }).year).toEqual({ start: '2017-04', from: 'setting' });
  });

  test('no Year start and Payments periods saved as dates: the year from the periods', async () => {
    const b = oxfordshire();
    sheet(b, 'Settings').rows.splice(2, 1);
    sheet(b, 'Payments').rows.slice(1).forEach((r, i) => { r[2] = april(i % 3); });
    const { code, result } = await runJson(b);
    expect(code).toBe(0);
    expect((result as RunResult & { year: unknown }).year).toEqual({ start: '2017-04', from: 'periods' });
    expectBaseline(result);
  });
});

describe('files a user may hand over', () => {
  const refusal = async (f: string) => {
    const r = await cli('run', f);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(r.err).not.toMatch(/\bat \S+ \(|TypeError|undefined|Cannot read/);
    return lines[0];
  };

  test('a password-protected workbook (an OLE compound file named .xlsx): one plain line, exit 2', async () => {
    const f = path.join(dir, 'locked.xlsx');
    // Office keeps an encrypted .xlsx as an OLE file with an EncryptedPackage stream.
    await fs.writeFile(f, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512),
      Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(512)]));
    expect(await refusal(f)).toMatch(/password-protected/);
  });

  test('an Excel 97-2003 .xls: one plain line, exit 2', async () => {
    const f = path.join(dir, 'old.xls');
    await fs.writeFile(f, Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]));
    expect(await refusal(f)).toMatch(/97-2003|\.xls\b/);
  });

  test('a bad shared-string index: one plain line, exit 2', async () => {
    const sst = '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
      + '<si><t>Partner</t></si></sst>';
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>9</v></c></row>';
    const f = path.join(dir, 'sst.xlsx');
    await fs.writeFile(f, zip([...xlsxParts([{ name: 'Partners', rows }]),
      { name: 'xl/sharedStrings.xml', data: sst }]));
    expect(await refusal(f)).toMatch(/shared string/);
  });

  test('a CSV renamed .xlsx: one plain line, exit 2', async () => {
    const f = path.join(dir, 'csv.xlsx');
    await fs.writeFile(f, 'Pool,Line\nOP,Care homes\n');
    expect(await refusal(f)).toMatch(/not an? .*workbook|not .*xlsx|zip/i);
  });

  const hasOpenpyxl = (() => {
    try {
      execFileSync('python3', ['-c', 'import openpyxl'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const openpyxlName = 'a book saved by openpyxl with Excel tables: same figures as exceljs'
    + (hasOpenpyxl ? '' : ' (skipped: python3 has no openpyxl here)');
  (hasOpenpyxl ? test : test.skip)(openpyxlName, async () => {
    const src = path.join(dir, 'src.json');
    const f = path.join(dir, 'openpyxl.xlsx');
    const book = oxfordshire().filter((s) => s.name !== 'Committee report');
    await fs.writeFile(src, JSON.stringify(book));
    execFileSync('python3', ['-c', `
import json, sys
from openpyxl import Workbook
from openpyxl.worksheet.table import Table
from openpyxl.utils import get_column_letter
book = json.load(open(sys.argv[1]))
wb = Workbook(); wb.remove(wb.active)
for s in book:
    ws = wb.create_sheet(s['name'])
    for r in s['rows']: ws.append(r)
    ref = 'A1:%s%d' % (get_column_letter(max(len(r) for r in s['rows'])), len(s['rows']))
    ws.add_table(Table(displayName=s['name'], ref=ref))
wb.save(sys.argv[2])
`, src, f], { stdio: 'pipe' });
    const r = await cli('run', f, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expectBaseline(JSON.parse(r.out) as RunResult);
  });
});

describe('one reading: the add-in on the same cells', () => {
  /** The sheets as Office.js Range.values gives a used range: rectangular, "" for blank. */
  const asAdapter = (book: Book) => book.map((s) => {
    const width = Math.max(...s.rows.map((r) => r.length));
    return { name: s.name, top: 1, left: 1, visibility: s.state ?? 'visible' as const,
      values: s.rows.map((r) => Array.from({ length: width }, (_, i) => (r[i] ?? '') as CellValue)) };
  });

  test.each([
    ['as typed', (b: Book) => b],
    ['income negative', (b: Book) => { set(b, 'Contributions', 2, 5, -6200); return b; }],
    ['a Total row', (b: Book) => { sheet(b, 'Lines').rows.push(['Total', null, null, 230250]); return b; }],
    ['a blank forecast', (b: Book) => { set(b, 'Lines', 3, 4, null); return b; }],
    ['dashes', (b: Book) => { set(b, 'Contributions', 3, 5, '-'); set(b, 'Committee report', 11, 3, '-'); return b; }],
  ])('%s: readWorkbook + run gives the CLI\'s figures and warnings', async (_, mutate) => {
    const b = mutate(oxfordshire());
    const { result: fromCli } = await runJson(b);
    const fromAddin = run(readWorkbook(asAdapter(b)).input, {});
    expect(JSON.parse(JSON.stringify(fromAddin))).toEqual(fromCli);
  });
});

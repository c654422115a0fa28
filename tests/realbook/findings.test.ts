/**
 * Findings from trying the Oxfordshire book as a finance user: each test states what a finance
 * user is owed. Each was a bug when found (named in the comment above it) and is mended now.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../cli/run-cli';
import type { RunResult } from '../../src/engine/types';
import { POOL2, oxfordshire, sheet, writeBook, type Book } from './book';

let dir: string;
beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'realbook-f-')); });
afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

let n = 0;
async function runJson(book: Book): Promise<{ code: number; result: RunResult; file: string }> {
  const file = path.join(dir, `f${++n}.xlsx`);
  await writeBook(file, book);
  const r = await cli('run', file, '--json');
  return { code: r.code, result: JSON.parse(r.out) as RunResult, file };
}
const places = (r: RunResult) => r.warnings.map((w) => `${w.code} ${w.sheet}!${w.cell}`);

// Was a bug: the committee report (the figures the board approved) and the Contributions table disagree
// (Learning disabilities, OCC: 68,500 in the report, 68,000 in the table) and nothing is said: the
// budget is silently 140,452, exit 0. Reading 15 (one table, one source) or a TOTAL_MISMATCH-style
// check should flag the report cell Committee report!B6.
it('the report block and the Contributions table disagree: flagged on the block\'s cell', async () => {
  const b = oxfordshire();
  sheet(b, 'Contributions').rows[1][3] = 68000;
  const { result } = await runJson(b);
  expect(result.warnings.some((w) => w.sheet === 'Committee report' && w.cell === 'B6')).toBe(true);
});

// Was a bug: a title row above the header ("Contributions 2017/18 (£'000)" in A1, header in A3), the
// commonest real layout, made the Contributions sheet silently not a table. Now the header is found
// below its title and the figures are the book's own.
it('a title row above the Contributions header: read as the table, the same figures', async () => {
  const plain = await runJson(oxfordshire());
  const b = oxfordshire();
  sheet(b, 'Contributions').rows.unshift(["Contributions 2017/18 (£'000)"], []);
  const { code, result } = await runJson(b);
  expect(code).toBe(plain.code);
  expect(result.pools).toEqual(plain.result.pools);
  expect(result.warnings.filter((w) => w.severity === 'error')).toEqual([]);
});

// Was a bug: with no Contributions table, report blocks supply the contributions (as the spec says), but
// silently: the user is never told where the figures came from, and a pool with no block gets a
// zero budget and NO_BASIS instead of "no contributions for this pool".
it('contributions taken from report blocks are said so; a pool with no block is named', async () => {
  const b = oxfordshire().filter((s) => s.name !== 'Contributions');
  const { result } = await runJson(b);
  expect(result.warnings.some((w) => w.sheet === 'Committee report' && /Contributions/.test(w.message))).toBe(true);
  // The pool with no block is named for what it lacks: no contribution rows.
  expect(result.warnings.filter((w) => w.code === 'NO_BASIS').map((w) => w.message))
    .toEqual([expect.stringMatching(/has no contribution rows/)]);
});

// Was a bug (one error per cause): a formula never calculated gives INVALID_VALUE and BLANK_REQUIRED on
// the same cell Contributions!D2.
it('a formula with no saved result: one error on its cell', async () => {
  const b = oxfordshire();
  sheet(b, 'Contributions').rows[1][3] = { formula: '68000+500' };
  const { code, result } = await runJson(b);
  expect(code).toBe(1);
  expect(places(result)).toEqual(['INVALID_VALUE Contributions!D2']);
});

// Was unclear: Year start typed "2017/18" (how UK finance writes a year) said "The default is used".
// Now a financial year so written is read as its April.
it('Year start "2017/18" is the year starting 2017-04, from the setting', async () => {
  const b = oxfordshire();
  sheet(b, 'Settings').rows[2][1] = '2017/18';
  const { result } = await runJson(b);
  expect((result as RunResult & { year: { start: string; from: string } }).year)
    .toEqual({ start: '2017-04', from: 'setting' });
  expect(result.warnings.filter((x) => x.table === 'Settings')).toEqual([]);
});

// Reading 14 by the letter: only Total, Sub-total and Grand total are total rows, so "Totals" (or
// "Pool 1 total") at the foot of Lines gives two errors for one cause, BLANK_REQUIRED and
// UNKNOWN_POOL "Did you mean Older people?", and exit 1 (the pools still run). A spec question.
it('a "Totals" row at the foot of Lines is a TOTAL_ROW, outturn unchanged', async () => {
  const b = oxfordshire();
  sheet(b, 'Lines').rows.push(['Totals', null, null, 230250]);
  const { code, result } = await runJson(b);
  expect(places(result)).toEqual(['TOTAL_ROW Lines!A8']);
  expect(code).toBe(0);
});

// Reading 17 as written, kept as a guard: the prior year's balancing payment (2018-04, the month
// after the year ends) in Payments makes the periods span two years, so the default (the April
// before today) is used; the summary says so. Noted for the finance director in the report.
test('no Year start and a payment in 2018-04: the default year, stated in the summary', async () => {
  const b = oxfordshire();
  sheet(b, 'Settings').rows.splice(2, 1);
  sheet(b, 'Payments').rows.push([POOL2, 'OCCG', '2018-04', 100]);
  const { file, result } = await runJson(b);
  expect((result as RunResult & { year: { from: string } }).year.from).toBe('default');
  const s = await cli('run', file);
  expect(s.out.split('\n')[0]).toMatch(/by default: the April before today/);
});

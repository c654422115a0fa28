/**
 * Issue 10 from the user's side, on the Oxfordshire book: names with terminal control characters
 * printed safely, `--out` naming the input refused with the input untouched, U+FFFE in a name.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { cli } from '../cli/run-cli';
import type { RunResult } from '../../src/engine/types';
import { xlsxSheets } from '../../src/cli/xlsx-read';
import { handXlsx } from '../workbook/zip';
import { POOL1, oxfordshire, sheet, writeBook, type Book } from './book';

/** The same book as the JSON input (`{ tables: { Name: [ { header: value } ] } }`); report sheets left out. */
function asJson(book: Book): string {
  const tables = Object.fromEntries(book.filter((s) => s.name !== 'Committee report').map((s) => {
    const [head, ...rows] = s.rows;
    return [s.name, rows.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i] ?? null])))];
  }));
  return JSON.stringify({ tables });
}

let dir: string;
beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'realbook-h-')); });
afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

const HOSTILE = 'Oxfordshire CCG\u001b[2J\u0007\u202Eevil\nPositions (£\'000): OCC pays 1,000,000.00';

// An .xlsx cannot hold ESC or BEL as such (XML 1.0), so the hostile name comes in through JSON.
test('a partner name with ESC, BEL, RLO and a newline is printed visibly, forging no line', async () => {
  const b = oxfordshire();
  sheet(b, 'Partners').rows[2][1] = HOSTILE;
  const f = path.join(dir, 'names.json');
  await fs.writeFile(f, asJson(b));
  const r = await cli('run', f);
  expect(r.code).toBe(0);
  expect(r.out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/);
  expect(r.out).toContain('\\x1b[2J\\x07<U+202E>evil\\nPositions');
  expect(r.out.split('\n').filter((l) => l.startsWith('Positions'))).toHaveLength(1);
  const j = await cli('run', f, '--json');
  const result = JSON.parse(j.out) as RunResult & { partners: Array<{ partner: string; name: string }> };
  expect(result.partners.find((p) => p.partner === 'OCCG')!.name).toBe(HOSTILE);
});

describe('--out naming the input is refused, exit 2, the input byte for byte unchanged', () => {
  const refuses = async (input: string, out: string, ...more: string[]) => {
    const before = await fs.readFile(input);
    const r = await cli('run', input, '--out', out, '--force', ...more);
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/input/);
    expect((await fs.readFile(input)).equals(before)).toBe(true);
  };

  test('the .xlsx itself', async () => {
    const f = path.join(dir, 'same.xlsx');
    await writeBook(f, oxfordshire());
    await refuses(f, f);
    await refuses(f, f, '--json');
  });

  test('the JSON input', async () => {
    const f = path.join(dir, 'same.json');
    const j = path.join(__dirname, '../../examples/poolshare-example.json');
    await fs.copyFile(j, f);
    await refuses(f, f);
  });

  test('through a symlink, a hard link, and the same file spelt with ./ and ..', async () => {
    const f = path.join(dir, 'real.xlsx');
    await writeBook(f, oxfordshire());
    const link = path.join(dir, 'link.xlsx');
    await fs.symlink(f, link);
    await refuses(f, link);
    await refuses(link, f);
    const hard = path.join(dir, 'hard.xlsx');
    await fs.link(f, hard);
    await refuses(f, hard);
    await refuses(f, path.join(dir, '..', path.basename(dir), '.', 'real.xlsx'));
  });
});

test('U+FFFE and U+FFFF in a pool name: a results workbook exceljs re-reads, with TEXT_CUT', async () => {
  const b = oxfordshire();
  const bad = `Older\uFFFE people\uFFFF`;
  for (const s of ['Pools', 'Lines', 'Contributions', 'Payments']) {
    for (const row of sheet(b, s).rows) if (row[0] === 'Older people') row[0] = bad;
  }
  // An .xlsx cannot hold U+FFFE (a file that does is refused as damaged), so it comes in through JSON.
  const f = path.join(dir, 'fffe.json');
  const out = path.join(dir, 'fffe-results.xlsx');
  await fs.writeFile(f, asJson(b));
  const r = await cli('run', f, '--out', out, '--json');
  expect(r.code).toBe(0);
  const result = JSON.parse(r.out) as RunResult;
  expect(result.warnings.map((w) => w.code)).toContain('TEXT_CUT');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const text: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { text.push(String(c.value)); })));
  expect(text.join('\n')).toContain('Older people');
  expect(text.join('\n')).not.toMatch(/[\uFFFE\uFFFF]/);
  expect(text.join('\n')).toContain(POOL1);
});

// Was a finding: Excel stores a character XML cannot hold as the escape `_xHHHH_` (ECMA-376
// ST_Xstring; e.g. a carriage return pasted into a cell is saved as `_x000D_`). The reader kept the
// escape as literal text, so `Care homes_x000D_` never matched `Care homes`. Now decoded.
it('Excel\'s _xHHHH_ escapes in cell text are decoded when read', async () => {
  const f = path.join(dir, 'escaped.xlsx');
  const rows = [['Partner', 'Name'], ['OCCG', 'Oxon_x001B_[2J CCG_x000D_']];
  await fs.writeFile(f, handXlsx([{ name: 'Partners', rows }]));
  const { sheets } = await xlsxSheets(f);
  expect(sheets[0].values[1][1]).toBe('Oxon\u001b[2J CCG\r');
});

test('a JSON file with ESC and BEL in a syntax error: one line, shown visibly, exit 2', async () => {
  const f = path.join(dir, 'bad.json');
  await fs.writeFile(f, '{"tables": \u001b[31m oops \u0007}');
  const r = await cli('run', f);
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  expect(r.err).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  expect(r.err).toContain('is not valid JSON');
});

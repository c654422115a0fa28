/**
 * Issue 21 / monitoring.md: a period reported on outside the year is an error and no figures are
 * given for it. `monitor --period 2024-11` (the example's year is 2025-04 to 2026-03) prints the
 * error first, alone, and writes nothing; a Settings `Period` outside the year prints the warnings
 * (errors alone) and no figures.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli } from './run-cli';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'poolshare-period-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([['monitor'], ['report']])('%s --period outside the year: the error alone, exit 2, nothing written',
  async (command) => {
    const out = join(dir, command === 'report' ? 'pack.html' : 'm.xlsx');
    const r = await cli(command, example, '--period', '2024-11', '--out', out);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^poolshare: --period: the period asked for, 2024-11 is outside the financial year 2025-04/);
    expect(existsSync(out)).toBe(false);
  });

test('monitor --period inside the year still gives the figures', async () => {
  const r = await cli('monitor', example, '--period', '2025-07');
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^Monitoring as at 2025-07/);
});

test('a Settings Period outside the year: the error first and no figures, exit 1', async () => {
  const json = JSON.parse(readFileSync(example, 'utf8'));
  json.tables.Settings.push({ Setting: 'Period', Value: '2024-11' });
  const file = join(dir, 'settings-period.json');
  writeFileSync(file, JSON.stringify(json));
  const r = await cli('monitor', file);
  expect(r.code).toBe(1);
  const lines = r.out.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^ERROR PERIOD_OUTSIDE_YEAR: Settings row \d+, Period: /);
  expect(lines[lines.length - 1]).toMatch(/^No figures: the period reported on is outside the year( \(\d+ warnings about them not shown\))?\.$/);
  expect(r.out).not.toMatch(/Pool BCF|budget|risk share/);
});

test('monitor --out: a 40,000-character pool name cut to fit a cell is said (TEXT_CUT)', async () => {
  const json = JSON.parse(readFileSync(example, 'utf8'));
  const long = 'B'.repeat(40_000);
  // Rename pool BCF everywhere it is named, so the workbook is otherwise the example.
  for (const rows of Object.values(json.tables) as Array<Array<Record<string, unknown>>>) {
    for (const r of rows) if (r.Pool === 'BCF') r.Pool = long;
  }
  const file = join(dir, 'long.json');
  writeFileSync(file, JSON.stringify(json));
  const out = join(dir, 'long.xlsx');
  const r = await cli('monitor', file, '--out', out, '--json');
  const result = JSON.parse(r.out) as { warnings: Array<{ code: string; message: string }> };
  const cut = result.warnings.filter((w) => w.code === 'TEXT_CUT');
  expect(cut).toHaveLength(1);
  expect(cut[0].message).toMatch(/^Results sheet Monitoring, cell A\d+ \(and \d+ more cells\): text "B{30}\.\.\." cut from 40,000 to 32,767 characters/);
  expect(existsSync(out)).toBe(true);
});

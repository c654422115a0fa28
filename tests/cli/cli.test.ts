/** The command line: exit codes, --json (the result contract), the summary, bad input as one line. */
import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli } from './run-cli';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');

function tmp(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolshare-cli-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('poolshare run', () => {
  it('prints a readable summary of the example and exits 0', async () => {
    const r = await cli('run', example);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Pool BCF (pooled, host CC, proportional), £');
    expect(r.out).toContain('budget 10,522,500.00   outturn 10,737,500.00   variance 215,000.00   reserve used 150,000.00');
    expect(r.out).toMatch(/Payments after multilateral netting: 2 worth/);
    expect(r.out).toContain('Warnings: 0 errors');
  });
  it('prints the result contract with --json, and --netting chooses the mode', async () => {
    const r = await cli('run', example, '--json', '--netting', 'bilateral');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['units', 'pools', 'positions', 'netting', 'schedules', 'warnings', 'year', 'partners', 'statements']);
    expect(json.netting.mode).toBe('bilateral');
    expect(json.pools.map((p: { pool: string }) => p.pool)).toEqual(['BCF', 'LD', 'MH', 'OP', 'ABI']);
    expect(json.pools[0].partners[0]).toEqual(expect.objectContaining({ partner: 'CC', net: '2215000.00', share: '0.210501' }));
  });
  it('exits 1 on a workbook with errors, still printing the result', async () => {
    const file = tmp('bad.json', JSON.stringify({ tables: { Partners: [{ Partner: 'CC' }], Pools: [{ Pool: 'P', Host: 'CCC' }], Lines: [], Contributions: [] } }));
    const r = await cli('run', file, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.warnings[0]).toMatchObject({ code: 'HOST_NOT_PARTNER', table: 'Pools', row: 1, column: 'Host' });
    expect(json.warnings[0].message).toContain('Did you mean CC?');
  });
  it.each([
    [['run', '/no/such/file.json'], /cannot read \/no\/such\/file.json: no such file/],
    [['run', 'NOT_JSON'], /not valid JSON|cannot read/],
    [['run'], /no file given/],
    [['frobnicate', 'x'], /unknown command frobnicate/],
    [['run', 'x.json', '--netting', 'sideways'], /--netting takes multilateral, bilateral, gross/],
  ])('exits 2 with one line for %p', async (argv, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
  });
  it('exits 2 on JSON that is not a workbook, naming where', async () => {
    const r = await cli('run', tmp('x.json', JSON.stringify({ tables: { Partners: [{ Partner: { nested: 1 } }] } })));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^poolshare: not a Poolshare workbook: at tables\.Partners\.0\.Partner/);
    const r2 = await cli('run', tmp('y.json', '[1,2]'));
    expect(r2.err).toMatch(/expected an object|tables/);
  });
});

describe('the installed launcher', () => {
  beforeAll(() => {
    if (!existsSync(join(root, 'lib', 'cli', 'main.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  });
  it('runs as `poolshare run FILE --json` with the right exit code', () => {
    const ok = spawnSync(process.execPath, [join(root, 'bin', 'poolshare.js'), 'run', example, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).units).toBe('£');
    const bad = spawnSync(process.execPath, [join(root, 'bin', 'poolshare.js'), 'run', '/nope.json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('poolshare run --period (in-year statements, yearend.md section 3)', () => {
  // ICB's net 1,200.00 is 12 instalments of 100.00 from 2025-04; six are due by the end of 2025-09 and
  // 300.00 is paid, so 300.00 is outstanding; the year-end part is 0 in year: ICB owes CC 300.00.
  const book = JSON.stringify({ tables: {
    Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }], Pools: [{ Pool: 'BCF', Host: 'CC' }],
    Lines: [{ Pool: 'BCF', Line: 'A', Forecast: 1100 }],
    Contributions: [{ Pool: 'BCF', Line: 'A', Partner: 'CC', Gross: 600 }, { Pool: 'BCF', Line: 'A', Partner: 'ICB', Gross: 1200 }],
    Payments: [{ Pool: 'BCF', Partner: 'ICB', Period: '2025-04', Amount: 300 }],
    Settings: [{ Setting: 'Year start', Value: '2025-04' }] } });
  it('gives the statements as at the end of the month', async () => {
    const r = await cli('run', tmp('book.json', book), '--json', '--period', '2025-09');
    const json = JSON.parse(r.out);
    expect(json.statements).toEqual([{ partner: 'CC', counterparty: 'ICB', date: '2025-09', marked: true,
      lines: [{ pool: 'BCF', instalmentsOutstanding: '-300.00', yearEnd: '0.00', balance: '-300.00' }],
      balance: '-300.00' }]);
  });
  it('refuses a period that is not a month, and a repeated one', async () => {
    const file = tmp('book.json', book);
    expect((await cli('run', file, '--period', '2025-9')).code).toBe(2);
    expect((await cli('run', file, '--period', '2025-09', '--period', '2025-10')).code).toBe(2);
  });
});

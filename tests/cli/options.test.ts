/** `poolshare options`: the readable grid, the JSON of options.md, and exit codes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/main';

const example = JSON.parse(readFileSync(join(__dirname, '../../examples/poolshare-example.json'), 'utf8'));
let dir = '';
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'poolshare-options-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

function book(extra: Record<string, unknown[]>): string {
  const f = join(dir, `b${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ tables: { ...example.tables, ...extra } }));
  return f;
}

test('the grid: final cost by option for each scenario, the difference from Current, least and most', async () => {
  const f = book({
    Options: [{ Option: 'Even', Pool: 'LD', Method: 'fixed', Partner: 'CC', Percent: 50 },
      { Option: 'Even', Pool: 'LD', Partner: 'ICB', Percent: 50 }],
    Scenarios: [{ Scenario: 'Worse', Pool: 'LD', Line: 'Supported living', Forecast: 31000000 }],
  });
  const { code, out } = await cli('options', f);
  expect(code).toBe(0);
  const lines = out.split('\n');
  expect(lines[0]).toMatch(/^Risk-share options: Current, Even; scenarios: Forecast, Worse; £; financial year from 2025-04$/);
  const ld = lines.slice(lines.indexOf('Pool LD'));
  expect(ld[1]).toBe('  scenario Forecast:');
  expect(ld[2]).toMatch(/final cost\s+Current\s+Even\s+least\s+most/);
  // Under Even, CC's final cost differs from Current by what it bears less or more; least/most named.
  expect(ld.find((l) => /^\s+CC\s/.test(l))).toMatch(/\([+−-][\d,]+\.\d\d\)\s+(Current|Even)\s+(Current|Even)$/);
  const json = JSON.parse((await cli('options', f, '--json')).out);
  expect(json.options).toEqual(['Current', 'Even']);
  expect(json.scenarios).toEqual(['Forecast', 'Worse']);
  const entry = json.pools.find((p: { pool: string }) => p.pool === 'LD').results[3];
  expect([entry.option, entry.scenario, entry.method]).toEqual(['Even', 'Worse', 'fixed']);
  expect(typeof entry.partners[0].finalCost).toBe('string');
});

test('a mistake in Options is an error on its cell and exit 1; the rest still runs', async () => {
  const f = book({ Options: [{ Option: 'Current', Pool: 'LD', Method: 'fixed' }] });
  const { code, out } = await cli('options', f);
  expect(code).toBe(1);
  expect(out).toMatch(/ERROR RESERVED_NAME: Options row 1, column Option: Current is the name Poolshare gives/);
  expect(out).toContain('Pool BCF');
});

test('--period takes the forecasts as at that month', async () => {
  const f = book({});
  const at = JSON.parse((await cli('options', f, '--json', '--period', '2025-05')).out);
  const end = JSON.parse((await cli('options', f, '--json')).out);
  const outturn = (r: { pools: Array<{ pool: string; results: Array<{ outturn: string }> }> }) =>
    r.pools.find((p) => p.pool === 'LD')!.results[0].outturn;
  expect(outturn(at)).not.toBe(outturn(end));
  expect((await cli('options', f, '--period', 'May')).code).toBe(2);
});

test('--period outside the year: one line, exit 2, no figures (as monitor)', async () => {
  const r = await cli('options', book({}), '--period', '2024-11');
  expect(r.code).toBe(2);
  expect(r.out).toBe('');
  expect(r.err).toMatch(/^poolshare: --period: the period asked for, 2024-11 is outside the financial year 2025-04/);
});

test('--out writes the Options sheet: one row per pool, option, scenario and partner, names beside codes', async () => {
  const f = book({
    Options: [{ Option: 'Even', Pool: 'LD', Method: 'fixed', Partner: 'CC', Percent: 50 },
      { Option: 'Even', Pool: 'LD', Partner: 'ICB', Percent: 50 }],
  });
  const out = join(dir, 'options.xlsx');
  const { code, out: said } = await cli('options', f, '--out', out);
  expect(code).toBe(0);
  expect(said).toContain(`Options workbook written to ${out}`);
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out);
  const ws = wb.getWorksheet('Options')!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const header = rows.findIndex((r) => r[0] === 'Pool' && r[1] === 'Option');
  expect(rows[header]).toEqual(['Pool', 'Option', 'Scenario', 'Partner', 'Name', 'Savings charge', 'Risk share',
    'Final cost', 'Final cost less Current', 'Status']);
  const even = rows.filter((r) => r[0] === 'LD' && r[1] === 'Even' && r[3] === 'CC')[0];
  const current = rows.filter((r) => r[0] === 'LD' && r[1] === 'Current' && r[3] === 'CC')[0];
  expect(even[4]).toBe('Northshire County Council');
  expect(even[8]).toBeCloseTo(Number(even[7]) - Number(current[7]), 2);
  expect(wb.worksheets.map((s) => s.name)).toEqual(['Options', 'Warnings']);
  expect((await cli('options', f, '--out', join(dir, 'x.csv'))).code).toBe(2);
});

test('an .xlsx workbook: its Options and Scenarios tables are read, the same figures as its JSON, mistakes on their cells', async () => {
  const { writeTablesXlsx } = await import('../../src/cli/xlsx');
  const extra = {
    Options: [{ Option: 'Even', Pool: 'LD', Method: 'fixed', Partner: 'CC', Percent: 50 },
      { Option: 'Even', Pool: 'LD', Partner: 'ICB', Percent: 40 }, { Option: 'Host pays', Pool: 'BCF', Reserve: 0 }],
    Scenarios: [{ Scenario: 'Worse', Pool: 'LD', Line: 'Supported living', Forecast: 31000000 }],
  };
  const json = book(extra);
  const xlsx = join(dir, 'input-with-options.xlsx');
  await writeTablesXlsx(xlsx, { ...example.tables, ...extra }, {});
  const a = await cli('options', xlsx, '--json');
  const b = await cli('options', json, '--json');
  expect([a.code, b.code]).toEqual([1, 1]); // Even's percents total 90
  const fromXlsx = JSON.parse(a.out);
  const noCells = (x: unknown) => JSON.stringify(x, (k, v) => (k === 'sheet' || k === 'cell' ? undefined : v));
  expect(fromXlsx.options).toEqual(['Current', 'Even', 'Host pays']);
  expect(fromXlsx.scenarios).toEqual(['Forecast', 'Worse']);
  expect(noCells(fromXlsx)).toBe(noCells(JSON.parse(b.out)));
  // The error is on the Options sheet's Percent cell of the option's first risk-share row (Percent is column H).
  expect(fromXlsx.warnings.find((w: { code: string }) => w.code === 'PERCENT_TOTAL'))
    .toMatchObject({ table: 'Options', row: 1, sheet: 'Options', cell: 'H2' });
});

test('a workbook without options says there is nothing to compare, in words', async () => {
  const { code, out } = await cli('options', book({}));
  expect(code).toBe(0);
  expect(out.split('\n')[2]).toMatch(/^There are no options to compare \(no Options or Scenarios row was read\)/);
  expect(out).toContain('Pool BCF');
  const refused = await cli('options', book({ Options: [{ Option: 'Current', Pool: 'LD', Method: 'fixed' }] }));
  expect(refused.out).toMatch(/There are no options to compare[\s\S]*ERROR RESERVED_NAME/);
});

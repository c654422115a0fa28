/**
 * `poolshare monitor` and `poolshare report`: the spec's JSON shape, the JMG view, the Monitoring
 * sheet, and the committee pack: self-contained, escaped, and its contribution tables read back by
 * the report-block reader with no TOTAL/NET mismatch and the same figures.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { Decimal, isMonitorPool, monitor, run } from '../../src/engine';
import type { MonitorResult, RawRow } from '../../src/engine';
import { checkReportBlock, findReportBlocks } from '../../src/workbook';
import type { CellValue } from '../../src/workbook';
import { buildPack } from '../../src/cli/report';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');
const dir = mkdtempSync(join(tmpdir(), 'poolshare-monitor-'));
const exampleTables = (): Record<string, RawRow[]> => JSON.parse(readFileSync(example, 'utf8')).tables;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

/** The keys of monitoring.md's example, in order. */
const SPEC = {
  top: ['units', 'period', 'periods', 'pools', 'warnings'],
  pool: ['pool', 'kind', 'host', 'method', 'budget', 'periods'],
  period: ['period', 'outturn', 'variance', 'movement', 'reserveUsed', 'reserveCarried', 'unallocated', 'partners', 'lines', 'savingsAtRisk'],
  partner: ['partner', 'savingsCharge', 'riskShare', 'finalCost'],
  line: ['line', 'budget', 'forecast', 'variance', 'movement', 'assumed'],
  saving: ['line', 'partner', 'planned', 'delivered', 'shortfall', 'agreed'],
};

describe('poolshare monitor', () => {
  test('--json gives the spec shape: its keys in its order (plus the year used), amounts with two decimals', async () => {
    const r = await cli('monitor', example, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([...SPEC.top, 'year']);
    expect(json.periods).toEqual(['2025-05', '2025-07', '2025-09', '2025-11']);
    for (const pool of json.pools) {
      expect(Object.keys(pool)).toEqual(SPEC.pool);
      expect(pool.periods.map((p: { period: string }) => p.period)).toEqual(json.periods);
      for (const p of pool.periods) {
        expect(Object.keys(p)).toEqual(SPEC.period);
        for (const x of p.partners) expect(Object.keys(x)).toEqual(SPEC.partner);
        for (const x of p.lines) expect(Object.keys(x)).toEqual(SPEC.line);
        for (const x of p.savingsAtRisk) expect(Object.keys(x)).toEqual(SPEC.saving);
        for (const v of [p.outturn, p.variance, p.reserveUsed, ...p.lines.map((l: { forecast: string }) => l.forecast)]) {
          expect(v).toMatch(/^-?\d+\.\d{2}$/);
        }
      }
      expect(pool.periods[0].movement).toBeNull();
    }
  });

  test('the example: a carried line, a line on budget until forecast, a slipping saving', () => {
    const r = monitor({ tables: exampleTables() });
    const bcf = r.pools.find((p) => p.pool === 'BCF')!;
    const ld = r.pools.find((p) => p.pool === 'LD')!;
    if (!isMonitorPool(bcf) || !isMonitorPool(ld)) throw new Error('failed');
    const line = (i: number, name: string) => bcf.periods[i].lines.find((l) => l.line === name)!;
    // Reablement: 3,150,000 at 2025-05, carried at 2025-07.
    expect([line(0, 'Reablement and intermediate care').forecast, line(1, 'Reablement and intermediate care').forecast])
      .toEqual(['3150000.00', '3150000.00']);
    // Disabled facilities grants: on budget (net 1,337,500) until its first forecast at 2025-09.
    expect(bcf.periods.map((_, i) => [line(i, 'Disabled facilities grants').forecast, line(i, 'Disabled facilities grants').assumed]))
      .toEqual([['1337500.00', true], ['1337500.00', true], ['1340000.00', false], ['1342500.00', false]]);
    // The Supported living saving (planned 900,000) slips: delivered 900,000, 750,000, 600,000, 540,000.
    expect(ld.periods.map((p) => p.partners.find((x) => x.partner === 'CC')!.savingsCharge))
      .toEqual(['0.00', '150000.00', '300000.00', '360000.00']);
  });

  test('the JMG view in the terminal, and the year end unchanged by the Forecasts', async () => {
    const r = await cli('monitor', example, '--period', '2025-09');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Monitoring as at 2025-09');
    expect(r.out).toContain('Pool BCF (pooled, host CC, proportional): budget 10,522,500.00');
    expect(r.out).toMatch(/2025-07 +10,637,500\.00 +115,000\.00 +50,000\.00/);
    expect(r.out).toContain('projected risk share');
    expect(r.out).toMatch(/Supported living +CC +900,000\.00 +600,000\.00 +300,000\.00 +no/);
    expect(r.out).not.toContain('2025-11');
    const year = run({ tables: exampleTables() });
    const bcf = year.pools[0];
    expect('outturn' in bcf && [bcf.outturn, bcf.variance]).toEqual(['10737500.00', '215000.00']);
  });

  test('--out writes the Monitoring sheet: one row per pool, line and period', async () => {
    const file = join(dir, 'monitoring.xlsx');
    const r = await cli('monitor', example, '--out', file);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Monitoring', 'Warnings']);
    const ws = wb.getWorksheet('Monitoring')!;
    const tables = Object.fromEntries(ws.getTables().map((t) => {
      const x = (t as unknown as { table: { name: string; tableRef: string; rows: unknown[] } }).table;
      return [x.name, x];
    }));
    expect(Object.keys(tables).sort()).toEqual(['tblMonitoringLines', 'tblMonitoringPartners', 'tblMonitoringPools', 'tblMonitoringSavings']);
    const json = monitor({ tables: exampleTables() });
    const lines = json.pools.reduce((n, p) => n + (isMonitorPool(p) ? p.periods.reduce((m, q) => m + q.lines.length, 0) : 0), 0);
    expect(lines).toBe(12 * 4);
    const [from, to] = tables.tblMonitoringLines.tableRef.split(':').map((a) => Number(a.replace(/^[A-Z]+/, '')));
    expect(to - from).toBe(lines);
    // The first data row: pool, period, line, then amounts as numbers.
    const first = (ws.getRow(from + 1).values as CellValue[]).slice(1);
    // The period is an Excel date (the first of the month) shown as a month, under a frozen header.
    expect(first).toEqual(['BCF', new Date(Date.UTC(2025, 4, 1)), 'Community health services', 6050000, 6100000, 50000,
      undefined, 'no']);
    expect(ws.getRow(from + 1).getCell(2).numFmt).toBe('mmm yyyy');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: from });
    expect(await cli('monitor', example, '--out', file).then((x) => x.code)).toBe(2);
  });

  test('the .xlsx twin gives the same projection, its warnings placed at their cells', async () => {
    const { readXlsx } = await import('../../src/cli/xlsx');
    const read = await readXlsx(join(root, 'examples', 'poolshare-example.xlsx'));
    const fromXlsx = monitor(read.input);
    const fromJson = monitor({ tables: exampleTables() });
    expect(fromXlsx.warnings.find((w) => w.code === 'ON_BUDGET_ASSUMED')).toMatchObject({ sheet: 'Lines', cell: 'D4' });
    const strip = (r: MonitorResult) => ({ ...r, warnings: r.warnings.map(({ sheet, cell, ...rest }) => (void sheet, void cell, rest)) });
    expect(strip(fromXlsx)).toEqual(strip(fromJson));
  });

  test.each([
    [['monitor', example, '--period', '2025-13'], /--period takes a month as YYYY-MM/],
    [['report', example], /report needs --out/],
    [['monitor'], /no file given/],
    [['monitor', example, '--out', example], /is the input/],
  ])('exits 2 with one line for %p', async (argv, message) => {
    const r = await cli(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(argv.length === 1 ? 3 : 1);
  });
});

/** The pack's contribution tables as 2-D grids (cells unescaped; blank as null). */
function contributionGrids(html: string): CellValue[][][] {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  return [...html.matchAll(/<table class="contributions(?: wide)?">([\s\S]*?)<\/table>/g)].map((t) =>
    [...t[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...r[1].matchAll(/<t[hd]>([\s\S]*?)<\/t[hd]>/g)].map((c) => (c[1] === '' ? null : unescape(c[1])))));
}

/** Sum of a column per pool, line and partner from the JSON tables (blank = 0). */
function figures(tables: Record<string, RawRow[]>) {
  const out = new Map<string, Decimal>();
  const add = (k: string, v: unknown) => out.set(k, (out.get(k) ?? new Decimal(0)).plus(new Decimal(String(v ?? 0).replace(/,/g, ''))));
  for (const c of tables.Contributions) {
    add(`${c.Pool}|${c.Line}|${c.Partner}`, c.Gross);
    add(`${c.Pool}|net|${c.Partner}`, c.Gross);
    add(`${c.Pool}|net|${c.Partner}`, new Decimal(String(c.Income ?? 0).replace(/,/g, '')).plus(String(c.Grant ?? 0).replace(/,/g, '')).negated().toString());
  }
  return out;
}

describe('poolshare report: the committee pack', () => {
  let html = '';
  let result: MonitorResult;
  beforeAll(async () => {
    const file = join(dir, 'pack.html');
    const r = await cli('report', example, '--out', file);
    expect(r.code).toBe(0);
    html = readFileSync(file, 'utf8');
    result = monitor({ tables: exampleTables() });
  });

  test('its contribution tables read back as report blocks with no mismatch and the same figures', () => {
    const grids = contributionGrids(html);
    expect(grids).toHaveLength(5);
    const want = figures(exampleTables());
    const names = new Map(exampleTables().Partners.map((p) => [p.Name, p.Partner]));
    for (const grid of grids) {
      const blocks = findReportBlocks({ name: 'Pack', values: grid });
      expect(blocks).toHaveLength(1);
      const [b] = blocks;
      expect(checkReportBlock(b)).toEqual([]);
      b.partners.forEach((p, j) => {
        const code = names.get(p.name)!;
        for (const l of b.lines) expect([l.label, p.name, l.cells[j].value!.toFixed(2)]).toEqual([l.label, p.name, (want.get(`${b.pool}|${l.label}|${code}`) ?? new Decimal(0)).toFixed(2)]);
        expect(b.net.cells[j].value!.toFixed(2)).toBe(want.get(`${b.pool}|net|${code}`)!.toFixed(2));
      });
      expect(b.units?.text).toBe('£');
    }
    expect(grids.map((g) => findReportBlocks({ name: 'Pack', values: g })[0].pool)).toEqual(result.pools.map((p) => p.pool));
  });

  test('a generated workbook of 1,000 rows: every pool table reads back, nets as the engine has them', async () => {
    const { generateWorkbook } = await import('../../bench/generate');
    const input = { tables: generateWorkbook({ rows: 1000, seed: 13 }).tables as Record<string, RawRow[]> };
    const pack = await buildPack(input, monitor(input));
    const year = run(input);
    const names = new Map(input.tables.Partners.map((p) => [p.Name, p.Partner]));
    const grids = contributionGrids(pack);
    expect(grids).toHaveLength(year.pools.length);
    expect(pack).toContain('class="contributions wide"');
    for (const grid of grids) {
      const [b] = findReportBlocks({ name: 'Pack', values: grid });
      expect(checkReportBlock(b)).toEqual([]);
      const pool = year.pools.find((p) => p.pool === b.pool)!;
      if (!('partners' in pool)) continue;
      const nets = b.partners.map((p, j) => [names.get(p.name), b.net.cells[j].value!.toFixed(2)]);
      const engine = pool.partners.filter((x) => nets.some(([c]) => c === x.partner)).map((x) => [x.partner, x.net]);
      expect(nets).toEqual(engine);
    }
  });

  test('it loads nothing: no URL, script, link, image or font; one chart per pool as inline SVG', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html).toContain('@page { size: A4');
    expect(html).toMatch(/section\.pool \+ section\.pool \{ page-break-before: always/);
  });

  test('user text is escaped', async () => {
    const t = exampleTables();
    const evil = '<script>alert("x")</script> & Co';
    t.Partners[0].Name = evil;
    t.Lines[0].Line = 'A <b>line</b>';
    for (const c of t.Contributions) if (c.Line === 'Community health services') c.Line = 'A <b>line</b>';
    for (const c of t.Forecasts) if (c.Line === 'Community health services') c.Line = 'A <b>line</b>';
    const pack = await buildPack({ tables: t }, monitor({ tables: t }));
    expect(pack).not.toContain('<script>');
    expect(pack).not.toContain('<b>line');
    expect(pack).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    const [grid] = contributionGrids(pack);
    expect(grid[0][1]).toBe(evil);
    expect(grid[2][0]).toBe('A <b>line</b>');
  });

  test('with no Forecasts the pack shows the year-end position', async () => {
    const t = exampleTables();
    delete (t as Record<string, unknown>).Forecasts;
    t.Lines = t.Lines.map((l) => (l.Forecast === null ? { ...l, Forecast: 1342500 } : l));
    t.Savings = t.Savings.filter((s) => !s.Period);
    const pack = await buildPack({ tables: t }, monitor({ tables: t }));
    expect(pack).toContain('Year-end position');
    expect(pack).toContain('10,737,500.00');
    expect(pack).not.toContain('<svg');
  });

  test('an existing pack is not replaced without --force', async () => {
    const file = join(dir, 'exists.html');
    writeFileSync(file, 'keep');
    const r = await cli('report', example, '--out', file);
    expect([r.code, readFileSync(file, 'utf8')]).toEqual([2, 'keep']);
    expect(r.err).toMatch(/already exists/);
    expect((await cli('report', example, '--out', file, '--force')).code).toBe(0);
  });
});

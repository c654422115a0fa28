/**
 * The Office adapter against a counting fake of Excel (tests/addin/fake-excel.js: queued loads
 * and writes carried out at sync, reads before a synced load throw). office-addin-mock cannot
 * express collection loads (`items/...`) or queued writes, so the whole paths run on this fake;
 * adapter-mock.test.ts drives what the mock can express (selectCell, settings, validation with a
 * shim for collection loads) with a sync counter.
 */
import { buildSchedules, insertTemplate, officeStore, selectCell, validateWorkbook } from '../../src/excel/adapter';
import { HIGHLIGHT, WARNINGS_SHEET } from '../../src/excel/plan';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

type Grid = (string | number)[][];
const HOSTILE = '<img src=x onerror=alert(1)>';

function inputs(extraRows = 0, net: number | string = 400): Record<string, Grid> {
  const contributions: Grid = [
    ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
    ['BCF', 'Care homes', 'CC', 700, 100, 0, 600],
    ['BCF', 'Care homes', 'ICB', 400, 0, 0, net],
    ['BCF', 'Care homes', '=EVIL', 100, 0, 0, 100],
  ];
  const lines: Grid = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1200]];
  for (let i = 0; i < extraRows; i++) {
    lines.push(['BCF', `Line ${i}`, 'CC', 30]);
    contributions.push(['BCF', `Line ${i}`, 'CC', 10, 0, 0, 10], ['BCF', `Line ${i}`, 'ICB', 20, 0, 0, 20]);
  }
  return {
    Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', HOSTILE], ['=EVIL', 'Formula-like code']],
    Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
    Lines: lines,
    Contributions: contributions,
    Payments: [['Pool', 'Partner', 'Amount'], ['BCF', 'ICB', 400]],
  };
}

function workbook(tables: Record<string, Grid>, user: Record<string, Grid> = {}) {
  const wb = new fake.Workbook();
  for (const [name, values] of Object.entries(tables)) wb.addSheet(name, values);
  for (const [name, values] of Object.entries(user)) wb.addSheet(name, values);
  const host = fake.install(globalThis, wb, { office: true });
  return { wb, host };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

describe('Validate workbook', () => {
  it('reads in at most 3 syncs and writes in at most 3, highlights the cell, lists the warning', async () => {
    const { wb } = workbook(inputs(0, 450));
    const before = Object.fromEntries(['Partners', 'Pools', 'Lines', 'Contributions', 'Payments'].map((n) => [n, wb.writesTo(n)]));
    const report = await validateWorkbook(officeStore());
    expect(report.syncs).toEqual({ read: 2, write: 2 });
    const mismatch = report.warnings.find((w) => w.code === 'NET_MISMATCH');
    expect(mismatch).toMatchObject({ sheet: 'Contributions', cell: 'G3' });
    expect(wb.fillOf('Contributions', 'G3')).toBe(HIGHLIGHT);
    expect(wb.fillOf('Contributions', 'G2')).toBeNull();
    const sheet = wb.valuesOf(WARNINGS_SHEET);
    expect(sheet.some((row: unknown[]) => row.includes('NET_MISMATCH') && row.includes('G3'))).toBe(true);
    // No input table was written.
    for (const [n, w] of Object.entries(before)) expect(wb.writesTo(n)).toBe(w);
  });

  it('clears the previous run\'s highlights and restores the fill a cell had', async () => {
    const { wb } = workbook(inputs(0, 450));
    wb.cell(wb.sheet('Contributions'), 2, 6).fill = '#FFFF00'; // G3: the user's own yellow
    await validateWorkbook(officeStore());
    expect(wb.fillOf('Contributions', 'G3')).toBe(HIGHLIGHT);
    // The user fixes the net; the next validation clears the highlight and gives back the yellow.
    wb.setValues(wb.sheet('Contributions'), 2, 6, [[400]]);
    const report = await validateWorkbook(officeStore());
    expect(report.warnings.filter((w) => w.code === 'NET_MISMATCH')).toEqual([]);
    expect(wb.fillOf('Contributions', 'G3')).toBe('#FFFF00');
    // One Poolshare warnings sheet, replaced, not duplicated.
    expect(wb.sheets.filter((s: { name: string }) => s.name.startsWith(WARNINGS_SHEET))).toHaveLength(1);
  });

  it('leaves a highlight the user has re-coloured since', async () => {
    const { wb } = workbook(inputs(0, 450));
    await validateWorkbook(officeStore());
    wb.cell(wb.sheet('Contributions'), 2, 6).fill = '#00FF00';
    wb.setValues(wb.sheet('Contributions'), 2, 6, [[400]]);
    await validateWorkbook(officeStore());
    expect(wb.fillOf('Contributions', 'G3')).toBe('#00FF00');
  });

  it('takes the same number of round trips for a workbook 100 times the size', async () => {
    const small = workbook(inputs(0, 450));
    const a = await validateWorkbook(officeStore());
    const b0 = await buildSchedules(officeStore());
    small.host.runs.length = 0;
    workbook(inputs(1000, 450));
    const b = await validateWorkbook(officeStore());
    const b1 = await buildSchedules(officeStore());
    expect(b.syncs).toEqual(a.syncs);
    expect(b1.syncs).toEqual(b0.syncs);
  });

  it('selects a warning\'s cell', async () => {
    const { wb } = workbook(inputs());
    await selectCell('Contributions', 'G3');
    expect(wb.selected).toEqual({ sheet: 'Contributions', cell: 'G3' });
    expect(wb.active.name).toBe('Contributions');
  });
});

describe('Build schedules', () => {
  it('writes the output sheets with tables, frozen headers and charts, never a user\'s sheet', async () => {
    const userSettlement = [['My own settlement notes'], ['do not touch']];
    const { wb } = workbook(inputs(), { Settlement: userSettlement });
    const userWrites = wb.writesTo('Settlement');
    const report = await buildSchedules(officeStore());
    expect(report.syncs).toEqual({ read: 2, write: 1 });
    expect(wb.valuesOf('Settlement')).toEqual(userSettlement);
    expect(wb.writesTo('Settlement')).toBe(userWrites);
    expect(report.written).toContain('Settlement (2)');
    // The input sheet 'Pools' is the user's and is left alone; the results' summary is 'Pool results'.
    expect(report.written).toContain('Pool results');
    expect(report.written).not.toContain('Pools (2)');
    expect(wb.valuesOf('Pools')).toEqual(inputs().Pools);
    const cc = wb.sheet('CC');
    expect(cc.frozenRows).toBeGreaterThan(0);
    expect(cc.charts).toHaveLength(1);
    expect(cc.charts[0].series.map((s: { name: string }) => s.name)).toEqual(['Net contribution', 'Final cost']);
    expect(wb.tables.some((t: { sheet: unknown }) => t.sheet === cc)).toBe(true);
    expect(cc.autofit).toBeGreaterThan(0);
  });

  it('keeps formula-like text as text', async () => {
    const { wb } = workbook(inputs());
    const report = await buildSchedules(officeStore());
    const evil = report.written.find((n) => n.includes('EVIL'));
    expect(evil).toBeDefined();
    const cells = [...wb.sheet(evil!).cells.values()] as Array<{ value: unknown; format: string; formula?: string }>;
    const formulaLike = cells.filter((c) => typeof c.value === 'string' && /^[=+\-@]/.test(c.value));
    expect(formulaLike.length).toBeGreaterThan(0);
    for (const c of formulaLike) {
      expect(c.format).toBe('@');
      expect(c.formula).toBeUndefined();
    }
  });

  it('replaces its own sheets on the next build, and leaves a same-named sheet made by the user', async () => {
    const { wb } = workbook(inputs());
    const first = await buildSchedules(officeStore());
    const count = wb.sheets.length;
    const second = await buildSchedules(officeStore());
    expect(second.written).toEqual(first.written);
    expect(wb.sheets.length).toBe(count);
    // The user deletes Poolshare's CC sheet and makes their own CC sheet: it is not replaced.
    wb.sheets = wb.sheets.filter((s: { name: string }) => s.name !== 'CC');
    wb.addSheet('CC', [['mine']]);
    const third = await buildSchedules(officeStore());
    expect(wb.valuesOf('CC')).toEqual([['mine']]);
    expect(third.written).toContain('CC (2)');
  });

  it('writes nothing when reading fails: the failure surfaces in words', async () => {
    const { wb } = workbook(inputs());
    const names = wb.sheets.map((s: { name: string }) => s.name);
    const excel = (globalThis as unknown as { Excel: { run: (cb: (c: unknown) => Promise<unknown>) => Promise<unknown> } }).Excel;
    const run = excel.run;
    // The second read round trip fails (as when a sheet is deleted meanwhile).
    excel.run = (cb) => run(async (ctx) => {
      const c = ctx as { sync: () => Promise<void>; syncs: number };
      const sync = c.sync.bind(c);
      c.sync = async () => {
        if (c.syncs === 1) throw Object.assign(new Error('The requested resource doesn\'t exist.'), { code: 'ItemNotFound' });
        await sync();
      };
      return cb(ctx);
    });
    await expect(buildSchedules(officeStore())).rejects.toThrow('resource');
    expect(wb.sheets.map((s: { name: string }) => s.name)).toEqual(names);
    expect(wb.tables).toHaveLength(0);
  });
});

describe('Insert template', () => {
  it('adds the input tables with example rows, keeping what is there', async () => {
    const mine = [['Partner', 'Name'], ['XX', 'Mine']];
    const { wb } = workbook({ Partners: mine });
    const r = await insertTemplate();
    expect(r.syncs).toBeLessThanOrEqual(2);
    expect(r.kept).toEqual(['Partners']);
    expect(r.added).toEqual(['Pools', 'Lines', 'Contributions', 'RiskShare', 'Savings', 'Payments', 'Settings', 'Forecasts']);
    expect(wb.valuesOf('Partners')).toEqual(mine);
    expect(wb.valuesOf('Pools')[0]).toEqual(['Pool', 'Kind', 'Host', 'Method', 'Reserve', 'Underspend', 'Basis']);
    expect(wb.valuesOf('Pools').length).toBeGreaterThan(1);
    expect(wb.tables.map((t: { name: string }) => t.name)).toContain('Contributions');
  });

  it('reads Excel tables (ListObjects) by name: the template validates without errors', async () => {
    const { wb } = workbook({ Notes: [['my notes']] });
    await insertTemplate();
    wb.active = wb.sheet('Notes');
    const report = await validateWorkbook(officeStore());
    expect(report.syncs).toEqual({ read: 2, write: 2 });
    expect(report.result.pools.length).toBeGreaterThan(1);
    expect(report.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
});

/**
 * The add-in's Monitoring action (issue 13 item 3) against the one fake of Excel: the Monitoring
 * sheet the command line writes, rewritten in place, its variance chart added once and refreshed,
 * the round trips of docs/addin.md, a protected sheet left to the user, and nothing written when
 * there is nothing to monitor. Figures are worked by hand below.
 */
import { buildSchedules, monitorWorkbook, officeStore } from '../../src/excel/adapter';
import fc from 'fast-check';
import { READ_CELLS, WARNINGS_SHEET, WRITE_CELLS, cellsToWrite, parseBox, varianceChart } from '../../src/excel/plan';
import { monitor } from '../../src/engine/monitor';
import { monitoringSheet, readWorkbook, warningsSheet } from '../../src/workbook';
import { monthSerial } from '../../src/workbook/output';

/** A period as the Monitoring sheet holds it: an Excel date, the first of the month. */
const M = (p: string) => monthSerial(p)!;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

type Grid = (string | number | null)[][];
type Box = { top: number; left: number; rows: number; cols: number };
type Series = { name: string; values: Box; x: Box };
type Chart = { name: string; type: string; title: string; series: Series[]; position: Box | null };
type Sheet = { id: string; name: string; protected: boolean; charts: Chart[]; writes: number };

/**
 * Two pools of 1,000 each, shared 60:40 (BCF) and 30:70 (LD), no reserve. By hand:
 * BCF 2025-05 forecast 1,100: variance 100 (CC bears 60, ICB 40); 2025-07 1,050: variance 50, movement −50.
 * LD 2025-05 900: variance −100; 2025-07 no new row, carried: variance −100, movement 0.
 */
function tables(pools = ['BCF', 'LD']): Record<string, Grid> {
  const shares: Record<string, [number, number]> = { BCF: [600, 400], LD: [300, 700] };
  const share = (p: string) => shares[p] ?? [500, 500];
  return {
    Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']],
    Pools: [['Pool', 'Kind', 'Host', 'Method'], ...pools.map((p) => [p, 'pooled', 'CC', 'proportional'])],
    Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ...pools.map((p) => [p, 'Care', 'CC', null])],
    Contributions: [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'], ...pools.flatMap((p) => [
      [p, 'Care', 'CC', share(p)[0], 0, 0, share(p)[0]], [p, 'Care', 'ICB', share(p)[1], 0, 0, share(p)[1]]])],
    Forecasts: [['Pool', 'Line', 'Period', 'Forecast'],
      ...pools.map((p) => [p, 'Care', '2025-05', p === 'LD' ? 900 : 1100]),
      ...pools.filter((p) => p !== 'LD').map((p) => [p, 'Care', '2025-07', 1050])],
  };
}

function workbook(t: Record<string, Grid>, user: Record<string, Grid> = {}) {
  const wb = new fake.Workbook();
  for (const [name, values] of Object.entries({ ...t, ...user })) wb.addSheet(name, values);
  fake.install(globalThis, wb, { office: true });
  return wb;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

/** The rows of tblMonitoringPools on the written sheet: Pool, Period, Budget, Outturn, Variance, Movement. */
function poolRows(wb: { valuesOf(n: string): unknown[][] }, sheet = 'Monitoring'): unknown[][] {
  const v = wb.valuesOf(sheet);
  const head = v.findIndex((r) => r[0] === 'Pool' && r[3] === 'Outturn');
  const rows: unknown[][] = [];
  for (let r = head + 1; r < v.length && v[r][0] !== ''; r++) rows.push(v[r].slice(0, 6));
  return rows;
}

const monitoringChart = (s: Sheet) => s.charts.filter((c) => c.name === 'Poolshare Monitoring');

describe('Monitoring', () => {
  it('writes the sheet the command line writes, with the hand-worked figures', async () => {
    const t = tables();
    const wb = workbook(t);
    const report = await monitorWorkbook(officeStore());
    expect(report.written).toEqual(['Monitoring', WARNINGS_SHEET]);
    expect(report.result.period).toBe('2025-07');
    expect(poolRows(wb)).toEqual([
      ['BCF', M('2025-05'), 1000, 1100, 100, ''],
      ['BCF', M('2025-07'), 1000, 1050, 50, -50],
      ['LD', M('2025-05'), 1000, 900, -100, ''],
      ['LD', M('2025-07'), 1000, 900, -100, 0],
    ]);
    const bcf = report.result.pools.find((p) => p.pool === 'BCF') as { periods: Array<{ partners: unknown[] }> };
    expect(bcf.periods[0].partners).toEqual([
      { partner: 'CC', savingsCharge: '0.00', riskShare: '60.00', finalCost: '660.00' },
      { partner: 'ICB', savingsCharge: '0.00', riskShare: '40.00', finalCost: '440.00' },
    ]);
    // The same reading as the command line's: the engine on the same tables, the same sheet builder.
    const sheets = Object.entries(t).map(([name, values]) => ({ name, values, top: 1, left: 1 }));
    const cli = monitor(readWorkbook(sheets).input);
    expect(report.result).toEqual(cli);
    const expected = cellsToWrite(monitoringSheet(cli)).values;
    expect(wb.valuesOf('Monitoring')).toEqual(expected);
  });

  it('takes the period asked for', async () => {
    workbook(tables());
    const report = await monitorWorkbook(officeStore(), undefined, { period: '2025-05' });
    expect(report.result.periods).toEqual(['2025-05']);
  });

  it('rewrites the sheet in place: a formula pointing into it keeps pointing at the new figures', async () => {
    const wb = workbook(tables(), { Summary: [['BCF variance']] });
    await monitorWorkbook(officeStore());
    const row = wb.valuesOf('Monitoring').findIndex((r: unknown[]) => r[0] === 'BCF' && r[1] === M('2025-07') && r[3] === 1050);
    const ref = `=Monitoring!E${row + 1}`;
    expect(wb.valueOf('Monitoring', ref.slice(12))).toBe(50);
    wb.type('Summary', 'A2', [[ref]]);
    const ids = wb.sheets.map((s: Sheet) => `${s.name}=${s.id}`);
    wb.type('Forecasts', 'D4', [[1200]]); // BCF's 2025-07 forecast goes up: variance 200
    const second = await monitorWorkbook(officeStore());
    expect(second.written).toEqual(['Monitoring', WARNINGS_SHEET]);
    expect(wb.sheets.map((s: Sheet) => `${s.name}=${s.id}`)).toEqual(ids);
    expect(wb.valueOf('Summary', 'A2')).toBe(ref);
    expect(wb.valueOf('Monitoring', ref.slice(12))).toBe(200);
    expect(poolRows(wb)[1]).toEqual(['BCF', M('2025-07'), 1000, 1200, 200, 100]);
    const kinds = new Set(wb.writes.map((w: { kind: string }) => w.kind));
    expect(kinds.has('sheet.delete') || kinds.has('sheet.rename')).toBe(false);
    expect(second.notes).toEqual([]);
  });

  it('adds the variance chart once, a line per pool over the written rows, then refreshes it where the user put it',
    async () => {
      const wb = workbook(tables());
      await monitorWorkbook(officeStore());
      const sheet: Sheet = wb.sheet('Monitoring');
      const [chart] = monitoringChart(sheet);
      expect(chart.type).toBe('Line');
      expect(chart.series.map((s) => s.name)).toEqual(['BCF', 'LD']);
      const read = (b: Box) => wb.read(sheet, b).map((r: unknown[]) => r[0]);
      expect(chart.series.map((s) => read(s.values))).toEqual([[100, 50], [-100, -100]]);
      expect(chart.series.map((s) => read(s.x))).toEqual([[M('2025-05'), M('2025-07')], [M('2025-05'), M('2025-07')]]);

      // The user moves it and adds a chart of their own on the sheet; a new period and pool arrive.
      chart.position = { top: 40, left: 2, rows: 1, cols: 1 };
      sheet.charts.push({ name: 'My chart', type: 'Pie', title: 'mine', series: [], position: null });
      const wider = tables(['BCF', 'LD', 'OP']);
      for (const name of Object.keys(wider)) wb.type(name, 'A1', wider[name]);
      wb.type('Forecasts', 'A7', [['BCF', 'Care', '2025-09', 990]]);
      await monitorWorkbook(officeStore());
      expect(sheet.charts.map((c) => c.name)).toEqual(['Poolshare Monitoring', 'My chart']);
      expect(sheet.charts[0]).toBe(chart); // the same chart, refreshed
      expect(chart.position).toEqual({ top: 40, left: 2, rows: 1, cols: 1 });
      expect(chart.series.map((s) => s.name)).toEqual(['BCF', 'LD', 'OP']);
      expect(chart.series.map((s) => read(s.values))).toEqual([[100, 50, -10], [-100, -100, -100], [100, 50, 50]]);
      expect(read(chart.series[2].x)).toEqual([M('2025-05'), M('2025-07'), M('2025-09')]);
    });

  it('counts its round trips as docs/addin.md says; at most 255 lines in the chart, with a note', async () => {
    const pools = Array.from({ length: 300 }, (_, i) => `P${i}`);
    const t = tables(pools);
    const wb = workbook(t);
    const report = await monitorWorkbook(officeStore());
    const read = Object.values(t).reduce((n, g) => n + g.length * g[0].length, 0);
    const written = [monitoringSheet(report.result), warningsSheet(report.result)]
      .reduce((n, s) => n + cellsToWrite(s).values.reduce((m, row) => m + row.length, 0), 0);
    expect(written).toBeGreaterThan(WRITE_CELLS); // more than one write round trip
    expect(report.syncs).toEqual({
      read: 2 + Math.max(1, Math.ceil(read / READ_CELLS)), write: Math.ceil(written / WRITE_CELLS),
    });
    // Excel draws at most 255 series in a chart: the rest are named in a note, not dropped silently.
    expect(monitoringChart(wb.sheet('Monitoring'))[0].series).toHaveLength(255);
    expect(report.notes).toEqual(['The variance chart draws the first 255 of 300 pools (Excel\'s limit).']);
  });

  it('a protected Monitoring sheet is the user\'s: left as it is, the results go to a new sheet', async () => {
    const wb = workbook(tables());
    await monitorWorkbook(officeStore());
    const kept: Sheet = wb.sheet('Monitoring');
    kept.protected = true;
    const writes = kept.writes;
    const before = JSON.stringify(wb.valuesOf('Monitoring'));
    const report = await monitorWorkbook(officeStore());
    expect(report.notes).toContain('Monitoring is protected: Poolshare leaves it as it is.');
    expect(report.written).toEqual(['Monitoring (2)', WARNINGS_SHEET]);
    expect(kept.writes).toBe(writes);
    expect(JSON.stringify(wb.valuesOf('Monitoring'))).toBe(before);
    expect(monitoringChart(kept)).toHaveLength(1);
    expect(wb.sheet('Monitoring (2)').charts.map((c: Chart) => c.name)).toEqual(['Poolshare Monitoring (2)']);
  });

  it('with no Forecasts says there is nothing to monitor and writes nothing', async () => {
    const { Forecasts: _, ...rest } = tables();
    const wb = workbook(rest);
    const names = wb.sheets.map((s: Sheet) => s.name);
    const report = await monitorWorkbook(officeStore());
    expect(report.written).toEqual([]);
    expect(report.notes).toEqual([expect.stringMatching(/^There is nothing to monitor: the workbook has no Forecasts/)]);
    expect(report.syncs.write).toBe(0);
    expect(wb.sheets.map((s: Sheet) => s.name)).toEqual(names);
    expect(wb.writes).toEqual([]);
  });

  it('Build schedules leaves the Monitoring sheet alone, and Monitoring leaves the partner sheets', async () => {
    const wb = workbook(tables());
    await buildSchedules(officeStore());
    const cc = JSON.stringify(wb.valuesOf('CC'));
    await monitorWorkbook(officeStore());
    expect(JSON.stringify(wb.valuesOf('CC'))).toBe(cc);
    const monitoring = JSON.stringify(wb.valuesOf('Monitoring'));
    const build = await buildSchedules(officeStore());
    expect(JSON.stringify(wb.valuesOf('Monitoring'))).toBe(monitoring);
    expect(build.notes.join(' ')).not.toMatch(/Monitoring/);
  });
});

describe('varianceChart (the chart over tblMonitoringPools)', () => {
  const HEAD = ['Pool', 'Period', 'Budget', 'Outturn', 'Variance', 'Movement', 'Reserve used', 'Reserve carried',
    'Unallocated', 'Status'];
  it('draws every row of a pool that ran exactly once, a line per run of one pool, periods beside variances', () => {
    fc.assert(fc.property(
      fc.array(fc.record({ pool: fc.constantFrom('A', 'B', 'C'), ran: fc.boolean() }), { maxLength: 40 }),
      fc.nat(5),
      (rows, above) => {
        const values = [...Array.from({ length: above }, () => ['note']), HEAD,
          ...rows.map((r, i) => [r.pool, `p${i}`, 0, 0, i, 0, 0, 0, 0, r.ran ? 'ran' : 'not run: 1 error'])];
        const top = above + 1;
        const out = { name: 'Monitoring', values, numberFormats: [], tables: [] };
        const chart = varianceChart({ out, name: 'Monitoring', tables: [
          { name: 'tblMonitoringPools', range: `A${top}:J${top + rows.length}` }] } as never);
        const drawn: number[] = [];
        for (const s of chart?.series ?? []) {
          const v = parseBox(s.values)!;
          const x = parseBox(s.x)!;
          expect([v.left, x.left, v.cols, x.cols, v.top, v.rows]).toEqual([4, 1, 1, 1, x.top, x.rows]);
          for (let r = v.top; r < v.top + v.rows; r++) {
            expect(values[r][0]).toBe(s.name);
            drawn.push(r - top);
          }
        }
        expect(drawn).toEqual(rows.flatMap((r, i) => (r.ran ? [i] : [])));
        // A line per run: two lines of one pool are never adjacent rows (they would be one line).
        const boxes = (chart?.series ?? []).map((x) => ({ name: x.name, box: parseBox(x.values)! }));
        boxes.slice(1).forEach((b, i) =>
          expect(b.name === boxes[i].name && b.box.top === boxes[i].box.top + boxes[i].box.rows).toBe(false));
        expect(chart === null).toBe(drawn.length === 0);
      },
    ));
  });
});

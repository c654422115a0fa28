/**
 * The add-in's Options action (issue 18 item 3) against the one fake of Excel: the Options sheet the
 * command line writes (`options --out`), as `Options results` beside the user's own `Options`
 * sheet (never written), rewritten in place; its round trips; Build schedules leaving it alone;
 * and nothing written when the workbook has no options. Figures are worked by hand below.
 */
import { buildSchedules, officeStore, optionsWorkbook } from '../../src/excel/adapter';
import { READ_CELLS, WARNINGS_SHEET, WRITE_CELLS, cellsToWrite } from '../../src/excel/plan';
import { options } from '../../src/engine/options';
import { optionsSheet, readWorkbook, warningsSheet } from '../../src/workbook';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fake = require('./fake-excel.js');

type Grid = (string | number | null)[][];
type Sheet = { id: string; name: string; writes: number };

/**
 * One pool of 1,000 (CC 600, ICB 400), outturn 1,100, shared in proportion. By hand:
 * Current: CC bears 60, ICB 40 (final 660, 440). Even (fixed 50/50): 50 each (650, 450).
 * Scenario Better (outturn 900, an underspend of 100, returned in proportion): CC 540, ICB 360;
 * under Even 550, 350.
 */
function tables(extra: Record<string, Grid> = {}): Record<string, Grid> {
  return {
    Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']],
    Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
    Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]],
    Contributions: [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
      ['BCF', 'Care', 'CC', 600, 0, 0, 600], ['BCF', 'Care', 'ICB', 400, 0, 0, 400]],
    Options: [['Option', 'Pool', 'Method', 'Partner', 'Percent'], ['Even', 'BCF', 'fixed', 'CC', 50],
      ['Even', 'BCF', null, 'ICB', 50]],
    Scenarios: [['Scenario', 'Pool', 'Line', 'Forecast'], ['Better', 'BCF', 'Care', 900]],
    ...extra,
  };
}

function workbook(t: Record<string, Grid>) {
  const wb = new fake.Workbook();
  for (const [name, values] of Object.entries(t)) wb.addSheet(name, values);
  fake.install(globalThis, wb, { office: true });
  return wb;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
});

/** The rows of tblOptions: Pool, Option, Scenario, Partner, Name, ..., Final cost, Final cost less Current, Status. */
function optionRows(wb: { valuesOf(n: string): unknown[][] }): unknown[][] {
  const v = wb.valuesOf('Options results');
  const head = v.findIndex((r) => r[0] === 'Pool' && r[1] === 'Option');
  const rows: unknown[][] = [];
  for (let r = head + 1; r < v.length && v[r][0] !== ''; r++) rows.push([...v[r].slice(0, 4), ...v[r].slice(7, 9)]);
  return rows;
}

describe('Options', () => {
  it('writes the command line\'s Options sheet as Options results, the user\'s Options sheet untouched', async () => {
    const t = tables();
    const wb = workbook(t);
    const typed = JSON.stringify(wb.valuesOf('Options'));
    const report = await optionsWorkbook(officeStore());
    expect(report.written).toEqual(['Options results', WARNINGS_SHEET]);
    expect(optionRows(wb)).toEqual([
      ['BCF', 'Current', 'Forecast', 'CC', 660, 0], ['BCF', 'Current', 'Forecast', 'ICB', 440, 0],
      ['BCF', 'Current', 'Better', 'CC', 540, 0], ['BCF', 'Current', 'Better', 'ICB', 360, 0],
      ['BCF', 'Even', 'Forecast', 'CC', 650, -10], ['BCF', 'Even', 'Forecast', 'ICB', 450, 10],
      ['BCF', 'Even', 'Better', 'CC', 550, 10], ['BCF', 'Even', 'Better', 'ICB', 350, -10],
    ]);
    expect(report.result.named).toEqual(['BCF']);
    expect(JSON.stringify(wb.valuesOf('Options'))).toBe(typed);
    // The same reading as the command line's: the engine on the same tables, the same sheet builder.
    const sheets = Object.entries(t).map(([name, values]) => ({ name, values, top: 1, left: 1 }));
    const cli = options(readWorkbook(sheets).input);
    const { named: _, ...result } = report.result;
    expect(result).toEqual(cli);
    expect(wb.valuesOf('Options results')).toEqual(cellsToWrite(optionsSheet(cli)).values);
  });

  it('rewrites in place and counts its round trips; Build schedules leaves the sheet alone', async () => {
    const t = tables();
    const wb = workbook(t);
    const first = await optionsWorkbook(officeStore());
    const id = wb.sheet('Options results').id;
    const again = await optionsWorkbook(officeStore());
    expect(again.written).toEqual(['Options results', WARNINGS_SHEET]);
    expect(wb.sheet('Options results').id).toBe(id);
    expect(wb.sheets.filter((s: Sheet) => /^Options/.test(s.name)).map((s: Sheet) => s.name))
      .toEqual(['Options', 'Options results']);
    const read = Object.values(t).reduce((n, g) => n + g.length * g[0].length, 0);
    const written = [optionsSheet(first.result), warningsSheet(first.result)]
      .reduce((n, s) => n + cellsToWrite(s).values.reduce((m, row) => m + row.length, 0), 0);
    expect(again.syncs).toEqual({
      read: 2 + Math.max(1, Math.ceil(read / READ_CELLS)), write: Math.max(1, Math.ceil(written / WRITE_CELLS)),
    });
    const sheet = JSON.stringify(wb.valuesOf('Options results'));
    const build = await buildSchedules(officeStore());
    expect(JSON.stringify(wb.valuesOf('Options results'))).toBe(sheet);
    expect(build.notes.join(' ')).not.toMatch(/Options results/);
  });

  it('a mistake in Options is an error on its cell; the other options still run', async () => {
    const wb = workbook(tables({ Options: [['Option', 'Pool', 'Method', 'Partner', 'Percent'],
      ['Even', 'BCF', 'fixed', 'CC', 50], ['Even', 'BCF', null, 'ICB', 40]] }));
    const report = await optionsWorkbook(officeStore());
    const err = report.warnings.find((w) => w.code === 'PERCENT_TOTAL')!;
    expect([err.table, err.row, err.sheet, err.cell]).toEqual(['Options', 1, 'Options', 'E2']); // its Percent cell
    expect(optionRows(wb).map((r) => r.slice(0, 4).concat(r[4] === '' ? 'not run' : 'ran'))).toEqual([
      ['BCF', 'Current', 'Forecast', 'CC', 'ran'], ['BCF', 'Current', 'Forecast', 'ICB', 'ran'],
      ['BCF', 'Current', 'Better', 'CC', 'ran'], ['BCF', 'Current', 'Better', 'ICB', 'ran'],
      ['BCF', 'Even', 'Forecast', '', 'not run'], ['BCF', 'Even', 'Better', '', 'not run'],
    ]);
  });

  it('with no Options or Scenarios rows says there is nothing to compare and writes nothing', async () => {
    const { Options: _o, Scenarios: _s, ...rest } = tables();
    const wb = workbook(rest);
    const report = await optionsWorkbook(officeStore());
    expect(report.written).toEqual([]);
    expect(report.notes).toEqual([expect.stringMatching(/^There are no options to compare: the workbook has no Options/)]);
    expect(report.syncs.write).toBe(0);
    expect(wb.writes).toEqual([]);
  });
});

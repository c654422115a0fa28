/**
 * The Office adapter: the only code that talks to Excel (Office.js). Every job reads everything
 * it needs first, computes with the engine, then writes. Round trips (`context.sync()`), with
 * R = READ_CELLS and W = WRITE_CELLS (./plan.ts):
 *   read 1: sheet names and ids, table names;
 *   read 2: each sheet's Poolshare mark (a worksheet custom property), used-range size,
 *           protection, tables and charts; each spec table's size;
 *   reads 3…: the values, R cells a round trip (ceil(cells / R), at least 1; the first also loads
 *           the fills of last run's highlights). Reads = 2 + max(1, ceil(cells / R));
 *   Validate, when a warning points at a cell: 1 more read, the fills it will cover;
 *   writes: W cells (value and number format) a round trip, so max(1, ceil(cells / W)); the first
 *           also marks and clears Poolshare's sheets, the last adds tables, charts, frozen rows;
 *   Validate: 1 more, best effort, for the highlights.
 * Poolshare's state lives in its own sheets' custom properties, never in the document settings
 * (`settings.saveAsync` clears Excel's undo history). Sheets are rewritten in place, never
 * deleted or renamed (both clear the undo history too), and each job is one undo step where the
 * host has undo groups (ExcelApi 1.20). A user's sheet is never written; no input table is.
 */
import type { RunResult, Warning } from '../engine/types';
import { run } from '../engine/run';
import { isMonitorPool, monitor, type MonitorResult } from '../engine/monitor';
import {
  MONITORING_SHEET, buildOutputSheets, monitoringSheet, readWorkbook, warningsSheet, type ListObjectData,
  type OutputSheet, type SheetData,
} from '../workbook';
import {
  BLOCK_SHEET_CELLS, BLOCK_TOTAL_CELLS, CHART_PREFIX, HIGHLIGHT, LEGACY_SHEETS, MARK_KEY, MAX_HIGHLIGHTS, MAX_SERIES,
  READ_CELLS, WRITE_CELLS, boxAddress, cellsToWrite, chartName, chartSource, chunk, isSpecName, nameKey, ownership,
  parseBox, parseMark, planWrite, protectedNotes, templateTables, valuesSum, varianceChart, warningCells, YOURS,
  type Box, type Highlight, type Mark, type SheetInfo, type SheetPlan, type Store,
} from './plan';

export type Progress = (message: string) => void;

/** What a job tells the pane (`result`: the year end, or Monitoring's projection). */
export interface JobReport<R = RunResult> {
  result: R;
  warnings: Warning[];
  /** Sheets written, in order. */
  written: string[];
  /** Plain sentences for the pane: sheets left alone, cells not highlighted, sheets not searched. */
  notes: string[];
  /** Round trips: reading and writing. */
  syncs: { read: number; write: number };
}

/**
 * A write Excel refused part way. The message says it all; `written` and `partial` list the sheets
 * (so the pane does not add "Nothing was written").
 */
export class PartialWriteError extends Error {
  constructor(message: string, readonly written: string[], readonly partial: string[]) {
    super(message);
    this.name = 'PartialWriteError';
  }
}

type Sync = () => Promise<void>;

interface State {
  sheets: SheetInfo[];
  ours: Set<string>;
  sheetData: SheetData[];
  listObjects: ListObjectData[];
  /** Last run's highlights with the fill each cell has now. */
  highlights: Array<Highlight & { now: string | null }>;
  notes: string[];
}

const EMPTY_STORE: Store = { get: () => undefined };

/** One undo step for the whole job where the host can (ExcelApi 1.20), else Excel.run as ever. */
function excelRun<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
  const merge = typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported('ExcelApi', '1.20');
  return merge ? Excel.run({ mergeUndoGroup: true }, batch) : Excel.run(batch);
}

/** Counts the round trips of one Excel.run. */
function counter(context: Excel.RequestContext) {
  let n = 0;
  return {
    sync: async () => {
      n++;
      await context.sync();
    },
    get count() {
      return n;
    },
  };
}

const cells = (b: { rows: number; cols: number }) => b.rows * b.cols;
const sameBox = (a: Box | null, b: Box | null) =>
  !!a && !!b && a.top === b.top && a.left === b.left && a.rows === b.rows && a.cols === b.cols;
const fmt = (n: number) => n.toLocaleString('en-GB');

function legacyIds(store: Store): Set<string> {
  const v = store.get(LEGACY_SHEETS);
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
}

/** Reads the workbook: 2 round trips for its shape, then the values in chunks. */
async function readState(context: Excel.RequestContext, store: Store, sync: Sync): Promise<State> {
  const wb = context.workbook;
  wb.worksheets.load('items/name,items/id');
  wb.tables.load('items/name,items/showTotals');
  await sync();

  const sheets = wb.worksheets.items;
  const probes = sheets.map((ws) => {
    const mark = ws.customProperties.getItemOrNullObject(MARK_KEY);
    mark.load('value');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load('rowIndex,columnIndex,rowCount,columnCount');
    ws.protection.load('protected');
    ws.tables.load('items/name');
    ws.charts.load('items/name');
    return { ws, mark, used };
  });
  const specTables = wb.tables.items.filter((t) => isSpecName(t.name)).map((t) => {
    const range = t.getRange();
    range.load('rowIndex,columnIndex,rowCount,columnCount');
    t.worksheet.load('name');
    return { t, range };
  });
  await sync();

  const info: SheetInfo[] = probes.map(({ ws, mark, used }) => ({
    name: ws.name,
    id: ws.id,
    mark: mark.isNullObject ? null : parseMark(mark.value),
    used: used.isNullObject ? null
      : { top: used.rowIndex, left: used.columnIndex, rows: used.rowCount, cols: used.columnCount },
    protected: ws.protection.protected,
    tables: ws.tables.items.map((t) => t.name),
    charts: ws.charts.items.map((c) => c.name),
  }));
  const { ours, notes } = ownership(info, legacyIds(store));

  // What to read: spec tables whole; every other sheet but Poolshare's, spec-named ones whole
  // (they are tables), the rest within the report-block budget.
  const ranges: Array<{ sheet: string; box: Box; table?: { name: string; totals: boolean } }> = specTables
    .filter(({ t }) => !ours.has(info.find((s) => s.name === t.worksheet.name)?.id ?? ''))
    .map(({ t, range }) => ({
      sheet: t.worksheet.name,
      box: { top: range.rowIndex, left: range.columnIndex, rows: range.rowCount, cols: range.columnCount },
      table: { name: t.name, totals: t.showTotals },
    }));
  let budget = BLOCK_TOTAL_CELLS;
  for (const s of info) {
    if (ours.has(s.id) || !s.used) continue;
    if (ranges.some((r) => r.sheet === s.name && sameBox(r.box, s.used))) continue; // exactly its table: read once
    const n = cells(s.used);
    if (!isSpecName(s.name)) {
      if (n > BLOCK_SHEET_CELLS || n > budget) {
        notes.push(`${s.name} (${fmt(n)} cells) was not searched for report blocks: Poolshare searches sheets of up to `
          + `${fmt(BLOCK_SHEET_CELLS)} cells, ${fmt(BLOCK_TOTAL_CELLS)} in all.`);
        continue;
      }
      budget -= n;
    }
    ranges.push({ sheet: s.name, box: s.used });
  }

  const names = new Set(info.map((s) => s.name));
  const warnSheet = info.find((s) => ours.has(s.id) && s.mark?.highlights);
  const previous = (warnSheet?.mark?.highlights ?? []).filter((h) => names.has(h.sheet));
  const fills = previous.map((h) => {
    const fill = wb.worksheets.getItem(h.sheet).getRange(h.cell).format.fill;
    fill.load('color');
    return fill;
  });
  // Poolshare's sheets are read back within their area: a value Poolshare did not write there was
  // typed by the user, and the sheet is theirs from then on (never cleared).
  const checks = info.filter((s) => ours.has(s.id) && s.mark?.sum);
  const checkAt = ranges.length;
  for (const s of checks) ranges.push({ sheet: s.name, box: parseBox(s.mark!.area)! });
  const values = ranges.map((r) => Array.from({ length: r.box.rows }, () => new Array<unknown>(r.box.cols)));
  const trips = chunk(ranges.map((r) => r.box), READ_CELLS);
  if (!trips.length) trips.push([]);
  for (const trip of trips) {
    const loads = trip.map((p) => {
      const { sheet, box } = ranges[p.index];
      const range = wb.worksheets.getItem(sheet).getRangeByIndexes(box.top + p.row, box.left + p.col, p.rows, p.cols);
      range.load('values');
      return { p, range };
    });
    await sync();
    for (const { p, range } of loads) {
      range.values.forEach((row, r) => row.forEach((v, c) => (values[p.index][p.row + r][p.col + c] = v)));
    }
  }

  checks.forEach((s, i) => {
    if (valuesSum(values[checkAt + i]) === s.mark!.sum) return;
    ours.delete(s.id);
    notes.push(`${s.name} has entries of yours inside Poolshare's area (${s.mark!.area}): ${YOURS}`);
  });
  ranges.length = checkAt;

  const listObjects: ListObjectData[] = [];
  const sheetData: SheetData[] = [];
  ranges.forEach((r, i) => {
    const v = values[i] as SheetData['values'];
    const at = { top: r.box.top + 1, left: r.box.left + 1 };
    if (!r.table) sheetData.push({ name: r.sheet, values: v, ...at });
    else {
      // A totals row is not data: it is left out, as the command line does.
      listObjects.push({ name: r.table.name, sheet: r.sheet, ...at, values: r.table.totals ? v.slice(0, -1) : v });
      // A sheet that is exactly its table is also searched for report blocks, as the command line does.
      const s = info.find((x) => x.name === r.sheet);
      if (s && !ours.has(s.id) && sameBox(s.used, r.box)) sheetData.push({ name: r.sheet, values: v, ...at });
    }
  });
  return {
    sheets: info,
    ours,
    sheetData,
    listObjects,
    highlights: previous.map((h, i) => ({ ...h, now: fills[i].color ?? null })),
    notes,
  };
}

/** Queues what makes a sheet Poolshare's and empties it: a new sheet, or its old area cleared. */
function queuePrepare(context: Excel.RequestContext, plan: SheetPlan, mark: Mark): Excel.Worksheet {
  const sheets = context.workbook.worksheets;
  const ws = plan.reuse ? sheets.getItem(plan.reuse.id) : sheets.add(plan.name);
  if (plan.reuse) {
    for (const t of plan.reuse.tables) ws.tables.getItem(t).delete();
    // The Monitoring chart is refreshed, not deleted (it keeps where and how big the user made it).
    const keep = varianceChart(plan) ? chartName(plan) : null;
    for (const c of plan.reuse.charts.filter((n) => n.startsWith(CHART_PREFIX) && n !== keep)) {
      ws.charts.getItem(c).delete();
    }
    if (plan.reuse.mark) ws.getRange(plan.reuse.mark.area).clear('All');
    else if (plan.reuse.used) ws.getRange(boxAddress(plan.reuse.used)).clear('All');
    ws.freezePanes.unfreeze();
  }
  // Marked before it is filled: should a later round trip fail, the next run rewrites it.
  ws.customProperties.add(MARK_KEY, JSON.stringify(mark));
  return ws;
}

/** Queues a sheet's tables, frozen rows, column widths and chart (after its values). */
function queueFinish(ws: Excel.Worksheet, plan: SheetPlan, rows: number, cols: number): void {
  for (const t of plan.tables) {
    // A Range, not an address: an address without a sheet name means the active sheet.
    const table = ws.tables.add(ws.getRange(t.range), true);
    table.name = t.name;
  }
  if (plan.out.freezeRows) ws.freezePanes.freezeRows(plan.out.freezeRows);
  ws.getRangeByIndexes(0, 0, rows, cols).format.autofitColumns();
  queueVarianceChart(ws, plan);
  const chart = chartSource(plan);
  if (!chart) return;
  const source = ws.getRange(chart.series[0].range);
  const c = ws.charts.add(Excel.ChartType.columnClustered, source, Excel.ChartSeriesBy.columns);
  c.name = chartName(plan);
  c.title.text = `${plan.out.values[0]?.[1] ?? plan.name}: net contribution and final cost by pool`;
  const first = c.series.getItemAt(0);
  first.name = chart.series[0].name;
  first.setXAxisValues(ws.getRange(chart.categories));
  const second = c.series.add(chart.series[1].name);
  second.setValues(ws.getRange(chart.series[1].range));
  second.setXAxisValues(ws.getRange(chart.categories));
  c.setPosition(ws.getCell(0, chart.right + 1));
}

/**
 * The Monitoring sheet's chart, a line per pool of its variance by period: added once (beside the
 * tables), then refreshed in place on every run (setData, then the series), so a chart the user
 * moved, resized or retitled stays where it is. Charts of other names are the user's: untouched.
 */
function queueVarianceChart(ws: Excel.Worksheet, plan: SheetPlan): void {
  const lines = varianceChart(plan);
  if (!lines) return;
  const name = chartName(plan);
  const first = ws.getRange(lines.series[0].values);
  let c: Excel.Chart;
  if (plan.reuse?.charts.includes(name)) {
    c = ws.charts.getItem(name);
    c.setData(first, Excel.ChartSeriesBy.columns);
  } else {
    c = ws.charts.add(Excel.ChartType.line, first, Excel.ChartSeriesBy.columns);
    c.name = name;
    c.title.text = 'Variance by period (outturn less budget: above 0 is an overspend)';
    c.setPosition(ws.getCell(0, lines.right + 1));
  }
  lines.series.forEach((s, i) => {
    const series = i === 0 ? c.series.getItemAt(0) : c.series.add(s.name);
    series.name = s.name;
    if (i > 0) series.setValues(ws.getRange(s.values));
    series.setXAxisValues(ws.getRange(s.x));
  });
}

function list(names: string[]): string {
  return names.length ? names.join(', ') : 'none';
}

/**
 * Writes output sheets in round trips of at most WRITE_CELLS cells. Should Excel refuse one part
 * way, throws an Error saying exactly which sheets were written in full and which only in part.
 */
async function writeOutputs(
  context: Excel.RequestContext, sync: Sync, outs: OutputSheet[], state: State,
  opts: { retire: boolean; highlights: Highlight[]; job: string; notes: string[]; activate?: string },
): Promise<string[]> {
  const plans = planWrite(outs, state.sheets, state.ours, opts.retire);
  const blocks = plans.map((p) => cellsToWrite(p.out));
  const sizes = blocks.map((b) => ({ rows: b.values.length, cols: b.values[0]?.length ?? 0 }));
  const trips = chunk(sizes, WRITE_CELLS);
  if (!trips.length) trips.push([]);
  const last = plans.map((_, i) => trips.reduce((at, trip, t) => (trip.some((p) => p.index === i) ? t : at), 0));
  let sheets: Excel.Worksheet[] = [];
  const marks: Mark[] = [];
  for (let t = 0; t < trips.length; t++) {
    context.application.suspendApiCalculationUntilNextSync();
    if (t === 0) {
      sheets = plans.map((p, i) => {
        const { rows, cols } = sizes[i];
        const area = boxAddress({ top: 0, left: 0, rows: Math.max(1, rows), cols: Math.max(1, cols) });
        const warnings = p.out.name === 'Warnings' ? { highlights: opts.highlights } : {};
        const job = p.out.name === MONITORING_SHEET ? { job: opts.job } : {};
        marks[i] = { name: p.name, area, ...warnings, ...job };
        return queuePrepare(context, p, marks[i]);
      });
    }
    for (const p of trips[t]) {
      const range = sheets[p.index].getRangeByIndexes(p.row, p.col, p.rows, p.cols);
      const cut = <T>(grid: T[][]) => grid.slice(p.row, p.row + p.rows).map((row) => row.slice(p.col, p.col + p.cols));
      // Formats first: text cells carry "@", so what is written to them stays text.
      range.numberFormat = cut(blocks[p.index].formats);
      range.values = cut(blocks[p.index].values);
    }
    plans.forEach((p, i) => last[i] === t && sizes[i].rows && queueFinish(sheets[i], p, sizes[i].rows, sizes[i].cols));
    // Written in full: the mark gains the checksum of what is now in its area.
    plans.forEach((_, i) => {
      if (last[i] !== t) return;
      sheets[i].customProperties.add(MARK_KEY, JSON.stringify({ ...marks[i], sum: valuesSum(blocks[i].values) }));
    });
    if (t === trips.length - 1 && opts.activate) {
      const i = plans.findIndex((p) => p.out.name === opts.activate);
      if (i >= 0) sheets[i].activate();
    }
    try {
      await sync();
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const done = plans.filter((_, i) => last[i] < t).map((p) => p.name);
      const part = plans.filter((_, i) => last[i] >= t).map((p) => p.name);
      throw new PartialWriteError(`${opts.job} stopped part way: Excel refused a write (${why}). Written in full: `
        + `${list(done)}. Written in part or not at all: ${list(part)}. These sheets are marked as Poolshare's, so `
        + `the next ${opts.job} rewrites them in place (no copies). Nothing else was changed.`, done, part);
    }
  }
  for (const p of plans.filter((x) => x.retired)) {
    opts.notes.push(`${p.name} is not in the latest results: Poolshare cleared its sheet to a note (not deleted).`);
  }
  return plans.filter((p) => !p.retired).map((p) => p.name);
}

/** Reads the workbook: the inputs of every job. */
async function readInput(context: Excel.RequestContext, store: Store, sync: Sync, progress: Progress) {
  progress('Reading the workbook…');
  const state = await readState(context, store, sync);
  return { state, input: readWorkbook(state.sheetData, state.listObjects).input };
}

/** Reads, runs the engine (the year end). */
async function readAndRun(context: Excel.RequestContext, store: Store, sync: Sync, progress: Progress) {
  const { state, input } = await readInput(context, store, sync, progress);
  progress('Checking the tables and running the rules…');
  return { state, result: run(input) };
}

/**
 * Paints the highlights, best effort, in their own round trip: last run's are restored (a cell the
 * user has re-coloured since is theirs), the new ones painted. A protected sheet is skipped with a
 * note; a refusal from Excel becomes a note, never a failed job.
 */
async function paintHighlights(
  context: Excel.RequestContext, sync: Sync, state: State, next: Highlight[], notes: string[],
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const locked = new Set(state.sheets.filter((s) => s.protected).map((s) => s.name));
  for (const h of state.highlights) {
    if (locked.has(h.sheet) || (h.now ?? '').toUpperCase() !== HIGHLIGHT) continue;
    const fill = sheets.getItem(h.sheet).getRange(h.cell).format.fill;
    if (h.original && h.original.toUpperCase() !== '#FFFFFF') fill.color = h.original;
    else fill.clear();
  }
  for (const x of next) sheets.getItem(x.sheet).getRange(x.cell).format.fill.color = HIGHLIGHT;
  if (!next.length && !state.highlights.length) return;
  try {
    await sync();
  } catch (e) {
    notes.push(`The cells could not be highlighted (Excel said: ${e instanceof Error ? e.message : String(e)}). `
      + 'Every warning is listed here and on the Poolshare warnings sheet.');
  }
}

/**
 * Validate workbook: reads every spec table and the report blocks on every sheet but Poolshare's,
 * runs the engine, writes the `Poolshare warnings` sheet, then (best effort) clears last run's
 * highlights and highlights the cells the warnings point at. The warnings always come back: a
 * write Excel refuses becomes a note.
 */
export async function validateWorkbook(
  store: Store = EMPTY_STORE,
  progress: Progress = () => undefined,
  options: { showWarningsSheet?: boolean } = {},
): Promise<JobReport> {
  return excelRun(async (context) => {
    const c = counter(context);
    const { state, result } = await readAndRun(context, store, c.sync, progress);
    const notes = [...state.notes];
    const names = new Set(state.sheets.map((s) => s.name));
    const locked = new Set(state.sheets.filter((s) => s.protected).map((s) => s.name));
    const all = warningCells(result.warnings).filter((x) => names.has(x.sheet) && parseBox(x.cell));
    notes.push(...protectedNotes(all.filter((x) => locked.has(x.sheet))));
    const open = all.filter((x) => !locked.has(x.sheet));
    if (open.length > MAX_HIGHLIGHTS) {
      notes.push(`Only the first ${MAX_HIGHLIGHTS} of ${open.length} cells were highlighted.`);
    }
    const targets = open.slice(0, MAX_HIGHLIGHTS).map((x) => {
      const fill = context.workbook.worksheets.getItem(x.sheet).getRange(x.cell).format.fill;
      fill.load('color');
      return { ...x, fill };
    });
    if (targets.length) await c.sync();
    const read = c.count;
    const before = new Map(state.highlights.map((h) => [`${h.sheet}!${h.cell}`.toLowerCase(), h]));
    const next: Highlight[] = targets.map((x) => {
      const prior = before.get(`${x.sheet}!${x.cell}`.toLowerCase());
      const now = x.fill.color ?? null;
      const original = prior && (now ?? '').toUpperCase() === HIGHLIGHT ? prior.original : now;
      return { sheet: x.sheet, cell: x.cell, original };
    });
    progress('Writing the warnings…');
    let written: string[] = [];
    try {
      written = await writeOutputs(context, c.sync, [warningsSheet(result)], state, {
        retire: false, highlights: next, job: 'Validate', notes,
        activate: options.showWarningsSheet ? 'Warnings' : undefined,
      });
    } catch (e) {
      notes.push(e instanceof Error ? e.message : String(e));
    }
    await paintHighlights(context, c.sync, state, next, notes);
    progress('Done.');
    return { result, warnings: result.warnings, written, notes, syncs: { read, write: c.count - read } };
  });
}

/**
 * Build schedules: every output sheet (pools, one per partner with its chart, Settlement,
 * Poolshare warnings), each rewritten in place when it is Poolshare's, new when not.
 */
export async function buildSchedules(
  store: Store = EMPTY_STORE,
  progress: Progress = () => undefined,
): Promise<JobReport> {
  return excelRun(async (context) => {
    const c = counter(context);
    const { state, result } = await readAndRun(context, store, c.sync, progress);
    const read = c.count;
    const outs = buildOutputSheets(result);
    progress(`Writing ${outs.length} sheets…`);
    // The highlights stay recorded with the warnings sheet, so the next Validate still clears them.
    const highlights = state.highlights.map((h) => ({ sheet: h.sheet, cell: h.cell, original: h.original }));
    const notes = [...state.notes];
    const written = await writeOutputs(context, c.sync, outs, state, {
      retire: true, highlights, job: 'Build schedules', notes, activate: 'Settlement',
    });
    progress('Done.');
    return { result, warnings: result.warnings, written, notes, syncs: { read, write: c.count - read } };
  });
}

/**
 * Monitoring (monitoring.md, "What the user sees"): reads as Validate and Build do, projects every
 * period up to the one reported on (`options.period`, else the Settings `Period`, else the latest
 * in Forecasts), and writes the `Monitoring` sheet the command line writes (`monitor --out`) with
 * a chart of each pool's variance by period, and the `Poolshare warnings` sheet, each rewritten in
 * place when Poolshare's. A workbook without Forecasts rows has nothing to monitor: a note says so
 * and nothing is written. Round trips: the reads of the formula above; writes max(1, ceil(cells / W)).
 */
export async function monitorWorkbook(
  store: Store = EMPTY_STORE,
  progress: Progress = () => undefined,
  options: { period?: string } = {},
): Promise<JobReport<MonitorResult>> {
  return excelRun(async (context) => {
    const c = counter(context);
    const { state, input } = await readInput(context, store, c.sync, progress);
    const read = c.count;
    progress('Projecting each period…');
    const result = monitor(input, { period: options.period });
    const notes = [...state.notes];
    const done = (written: string[]): JobReport<MonitorResult> => {
      progress('Done.');
      return { result, warnings: result.warnings, written, notes, syncs: { read, write: c.count - read } };
    };
    if (!(input.tables.Forecasts ?? []).length) {
      notes.push('There is nothing to monitor: the workbook has no Forecasts rows (Pool, Line, Period, Forecast). '
        + 'Add each line\'s forecast for the period, then run Monitoring again. Nothing was written.');
      return done([]);
    }
    const outs = [monitoringSheet(result), warningsSheet(result)];
    progress(`Writing the Monitoring sheet (${result.periods.length} periods)…`);
    const highlights = state.highlights.map((h) => ({ sheet: h.sheet, cell: h.cell, original: h.original }));
    const written = await writeOutputs(context, c.sync, outs, state, {
      retire: false, highlights, job: 'Monitoring', notes, activate: MONITORING_SHEET,
    });
    const ran = result.periods.length ? result.pools.filter(isMonitorPool).length : 0;
    if (ran < result.pools.length) {
      notes.push(`${result.pools.length - ran} of ${result.pools.length} pools have no line in the variance chart: `
        + 'they could not be projected (see the warnings).');
    }
    if (ran > MAX_SERIES) {
      notes.push(`The variance chart draws the first ${MAX_SERIES} of ${ran} pools (Excel's limit).`);
    }
    return done(written);
  });
}

/**
 * Insert template: the input tables with example rows on new sheets, every cell typed for what
 * it holds (./plan.ts templateTables); a table or sheet of that name already there is kept.
 */
export async function insertTemplate(
  progress: Progress = () => undefined,
): Promise<{ added: string[]; kept: string[]; syncs: number }> {
  return excelRun(async (context) => {
    const c = counter(context);
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const tables = context.workbook.tables;
    tables.load('items/name');
    await c.sync();
    const taken = new Set([...sheets.items.map((s) => nameKey(s.name)), ...tables.items.map((t) => nameKey(t.name))]);
    const added: string[] = [];
    const kept: string[] = [];
    progress('Adding the input tables…');
    for (const t of templateTables()) {
      if (taken.has(nameKey(t.name))) {
        kept.push(t.name);
        continue;
      }
      const ws = sheets.add(t.name);
      const range = ws.getRangeByIndexes(0, 0, t.values.length, t.values[0].length);
      range.numberFormat = t.formats;
      range.values = t.values;
      const table = ws.tables.add(range, true);
      table.name = t.name;
      ws.freezePanes.freezeRows(1);
      range.format.autofitColumns();
      added.push(t.name);
    }
    await c.sync();
    progress('Done.');
    return { added, kept, syncs: c.count };
  });
}

/** Selects a warning's cell (activating its sheet). */
export async function selectCell(sheet: string, cell: string): Promise<void> {
  await Excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await context.sync();
  });
}

/**
 * The document's settings, read only: earlier versions kept the ids of the sheets they made there,
 * so those sheets are still known as Poolshare's. Nothing is ever saved to them.
 */
export function officeStore(): Store {
  return { get: (key) => Office.context.document.settings.get(key) };
}

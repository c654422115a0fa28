/**
 * The Office adapter: the only code that talks to Excel (Office.js). Every job reads everything
 * it needs first, computes with the engine, then writes everything; reading takes at most 3
 * `context.sync()` round trips and writing at most 3, whatever the workbook's size:
 *   read 1: sheet names and ids, table names, the active sheet;
 *   read 2: every spec table's range (Excel tables by name, else sheets named like them), the
 *           active sheet's used range (report blocks), the fills of last run's highlights;
 *   write 1 (validation only): the fills of the cells to highlight, to restore them later;
 *   write 2: calculation suspended; earlier Poolshare sheets removed, new ones written (one 2-D
 *           `values` and one `numberFormat` per sheet), tables, frozen headers, autofit, charts;
 *           highlights restored and painted.
 * Poolshare's sheets are known by their ids, kept in the document's settings; a user's sheet is
 * never written, renamed or removed, and no input table is ever written.
 */
import type { RunResult, Warning } from '../engine/types';
import { run } from '../engine/run';
import { buildOutputSheets, readWorkbook, warningsSheet, type ListObjectData, type OutputSheet, type SheetData } from '../workbook';
import {
  HIGHLIGHT, STORE_HIGHLIGHTS, STORE_SHEETS, cellsToWrite, chartSource, isSpecName, madeSheets,
  nameKey, planWrite, storedHighlights, templateTables, warningCells, type ExistingSheet, type Highlight, type Store,
} from './plan';

export type Progress = (message: string) => void;

/** What a job tells the pane. */
export interface JobReport {
  result: RunResult;
  warnings: Warning[];
  /** Sheets written, in order. */
  written: string[];
  /** Round trips: reading and writing. */
  syncs: { read: number; write: number };
}

interface WorkbookState {
  sheets: ExistingSheet[];
  tableNames: string[];
  activeSheet: string;
  sheetData: SheetData[];
  listObjects: ListObjectData[];
  /** Last run's highlights with the fill each cell has now. */
  highlights: Array<Highlight & { now: string | null }>;
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

/** Reads the workbook in two round trips. */
async function readState(context: Excel.RequestContext, store: Store, sync: () => Promise<void>): Promise<WorkbookState> {
  const wb = context.workbook;
  const sheets = wb.worksheets;
  sheets.load('items/name,items/id');
  const tables = wb.tables;
  tables.load('items/name,items/showTotals');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  await sync();

  const existing = sheets.items.map((s) => ({ name: s.name, id: s.id }));
  const specTables = tables.items.filter((t) => isSpecName(t.name));
  const tableLoads = specTables.map((t) => {
    const range = t.getRange();
    range.load('values,rowIndex,columnIndex');
    t.worksheet.load('name');
    return { table: t, range };
  });
  const listed = new Set(specTables.map((t) => nameKey(t.name)));
  const sheetLoads = sheets.items
    .filter((s) => s.name === active.name || (isSpecName(s.name) && !listed.has(nameKey(s.name))))
    .map((s) => {
      const used = s.getUsedRangeOrNullObject(true);
      used.load('values,rowIndex,columnIndex');
      return { name: s.name, used };
    });
  const names = new Set(existing.map((s) => s.name));
  const previous = storedHighlights(store).filter((h) => names.has(h.sheet));
  const fills = previous.map((h) => {
    const fill = sheets.getItem(h.sheet).getRange(h.cell).format.fill;
    fill.load('color');
    return fill;
  });
  await sync();

  return {
    sheets: existing,
    tableNames: tables.items.map((t) => t.name),
    activeSheet: active.name,
    listObjects: tableLoads.map(({ table, range }) => ({
      name: table.name,
      sheet: table.worksheet.name,
      top: range.rowIndex + 1,
      left: range.columnIndex + 1,
      // A totals row is not data: it is left out, as the command line does.
      values: table.showTotals ? range.values.slice(0, -1) : range.values,
    })),
    sheetData: sheetLoads
      .filter((s) => !s.used.isNullObject)
      .map((s) => ({ name: s.name, values: s.used.values, top: s.used.rowIndex + 1, left: s.used.columnIndex + 1 })),
    highlights: previous.map((h, i) => ({ ...h, now: fills[i].color ?? null })),
  };
}

/** Queues one output sheet: one numberFormat and one values assignment, tables, freeze, autofit. */
function queueSheet(context: Excel.RequestContext, plan: ReturnType<typeof planWrite>['sheets'][number]): Excel.Worksheet {
  const ws = context.workbook.worksheets.add(plan.name);
  const { values, formats } = cellsToWrite(plan.out);
  const rows = values.length;
  const cols = rows ? values[0].length : 0;
  if (rows && cols) {
    const range = ws.getRangeByIndexes(0, 0, rows, cols);
    // Formats first: text cells carry "@", so what is written to them stays text.
    range.numberFormat = formats;
    range.values = values;
    for (const t of plan.tables) {
      // A Range, not an address: an address without a sheet name means the active sheet.
      const table = ws.tables.add(ws.getRange(t.range), true);
      table.name = t.name;
    }
    if (plan.out.freezeRows) ws.freezePanes.freezeRows(plan.out.freezeRows);
    range.format.autofitColumns();
    const chart = chartSource(plan);
    if (chart) {
      const c = ws.charts.add(Excel.ChartType.columnClustered, ws.getRange(chart.series[0].range), Excel.ChartSeriesBy.columns);
      c.title.text = `${plan.out.values[0]?.[1] ?? plan.name}: net contribution and final cost by pool`;
      const first = c.series.getItemAt(0);
      first.name = chart.series[0].name;
      first.setXAxisValues(ws.getRange(chart.categories));
      const second = c.series.add(chart.series[1].name);
      second.setValues(ws.getRange(chart.series[1].range));
      second.setXAxisValues(ws.getRange(chart.categories));
      c.setPosition(ws.getCell(0, chart.right + 1));
    }
  }
  ws.load('id,name');
  return ws;
}

/** Removes Poolshare's earlier sheets and writes the new ones; returns their ids and names. */
function queueOutputs(context: Excel.RequestContext, outs: OutputSheet[], state: WorkbookState, store: Store, replaceAll: boolean) {
  const made = madeSheets(store);
  const plan = planWrite(outs, state.sheets, made, state.tableNames, replaceAll);
  const sheets = context.workbook.worksheets;
  // Rename first so the new sheets can take the names; delete after adding (a workbook needs a sheet).
  const old = plan.remove.map((s, i) => {
    const ws = sheets.getItem(s.id);
    ws.name = `~poolshare-old-${i}-${Date.now() % 100000}`;
    return ws;
  });
  const written = plan.sheets.map((p) => queueSheet(context, p));
  for (const ws of old) ws.delete();
  const keep = [...made].filter((id) => !plan.remove.some((r) => r.id === id) && state.sheets.some((s) => s.id === id));
  return { written, keep };
}

function remember(store: Store, written: Excel.Worksheet[], keep: string[]) {
  store.set(STORE_SHEETS, [...keep, ...written.map((w) => w.id)]);
}

/** Reads, runs the engine: the inputs of every job. */
async function readAndRun(context: Excel.RequestContext, store: Store, sync: () => Promise<void>, progress: Progress) {
  progress('Reading the workbook…');
  const state = await readState(context, store, sync);
  progress('Checking the tables and running the rules…');
  const read = readWorkbook(state.sheetData, state.listObjects);
  const result = run(read.input);
  return { state, result };
}

/**
 * Validate workbook: reads every spec table and the active sheet's report blocks, runs the
 * engine, clears last run's highlights, highlights the cells the warnings point at, and writes
 * the `Poolshare warnings` sheet.
 */
export async function validateWorkbook(
  store: Store,
  progress: Progress = () => undefined,
  options: { showWarningsSheet?: boolean } = {},
): Promise<JobReport> {
  return Excel.run(async (context) => {
    const c = counter(context);
    const { state, result } = await readAndRun(context, store, c.sync, progress);
    const read = c.count;
    const warningsBlock = [warningsSheet(result)];
    progress('Writing the warnings…');
    const sheetNames = new Set(state.sheets.map((s) => s.name));
    const target = warningCells(result.warnings).filter((x) => sheetNames.has(x.sheet));
    // Write 1: the fills the new highlights will cover.
    const fills = target.map((x) => {
      const f = context.workbook.worksheets.getItem(x.sheet).getRange(x.cell).format.fill;
      f.load('color');
      return f;
    });
    await c.sync();
    // Write 2: everything.
    context.application.suspendApiCalculationUntilNextSync();
    const before = new Map(state.highlights.map((h) => [`${h.sheet}!${h.cell}`.toLowerCase(), h]));
    for (const h of state.highlights) {
      if ((h.now ?? '').toUpperCase() !== HIGHLIGHT) continue; // the user has re-coloured it: theirs now
      const fill = context.workbook.worksheets.getItem(h.sheet).getRange(h.cell).format.fill;
      if (h.original && h.original.toUpperCase() !== '#FFFFFF') fill.color = h.original;
      else fill.clear();
    }
    const next: Highlight[] = target.map((x, i) => {
      const prior = before.get(`${x.sheet}!${x.cell}`.toLowerCase());
      const now = fills[i].color ?? null;
      const original = prior && (now ?? '').toUpperCase() === HIGHLIGHT ? prior.original : now;
      context.workbook.worksheets.getItem(x.sheet).getRange(x.cell).format.fill.color = HIGHLIGHT;
      return { sheet: x.sheet, cell: x.cell, original };
    });
    const { written, keep } = queueOutputs(context, warningsBlock, state, store, false);
    if (options.showWarningsSheet) written[0]?.activate();
    await c.sync();
    remember(store, written, keep);
    store.set(STORE_HIGHLIGHTS, next);
    await store.save();
    progress('Done.');
    return { result, warnings: result.warnings, written: written.map((w) => w.name), syncs: { read, write: c.count - read } };
  });
}

/**
 * Build schedules: every output sheet (pools, one per partner with its chart, Settlement,
 * Poolshare warnings), replacing only the sheets Poolshare made.
 */
export async function buildSchedules(store: Store, progress: Progress = () => undefined): Promise<JobReport> {
  return Excel.run(async (context) => {
    const c = counter(context);
    const { state, result } = await readAndRun(context, store, c.sync, progress);
    const read = c.count;
    const outs = buildOutputSheets(result);
    progress(`Writing ${outs.length} sheets…`);
    context.application.suspendApiCalculationUntilNextSync();
    const { written, keep } = queueOutputs(context, outs, state, store, true);
    const settlement = written.find((_, i) => outs[i].name === 'Settlement');
    if (settlement) settlement.activate();
    await c.sync();
    remember(store, written, keep);
    await store.save();
    progress('Done.');
    return { result, warnings: result.warnings, written: written.map((w) => w.name), syncs: { read, write: c.count - read } };
  });
}

/** Insert template: the input tables with example rows on new sheets; existing ones are kept. */
export async function insertTemplate(progress: Progress = () => undefined): Promise<{ added: string[]; kept: string[]; syncs: number }> {
  return Excel.run(async (context) => {
    const c = counter(context);
    const sheets = context.workbook.worksheets;
    sheets.load('items/name');
    const tables = context.workbook.tables;
    tables.load('items/name,items/showTotals');
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
      range.numberFormat = t.values.map((row, r) => row.map((v) => (r === 0 || typeof v === 'string' ? '@' : 'General')));
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

/** The document's settings as a Store (Office.context.document.settings). */
export function officeStore(): Store {
  const settings = Office.context.document.settings;
  return {
    get: (key) => settings.get(key),
    set: (key, value) => settings.set(key, value),
    save: () =>
      new Promise((resolve, reject) =>
        settings.saveAsync((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error(r.error?.message ?? 'could not save the settings')))),
      ),
  };
}

/**
 * Reading the workbook, for every job. Round trips, with R = READ_CELLS (./plan.ts):
 *   read 1: sheet names, ids and visibility, table and defined names, whether the structure is protected;
 *   read 2: each sheet's Poolshare mark (a worksheet custom property), used-range size,
 *           protection, tables, charts and merged areas (ExcelApi 1.13); each spec table's size;
 *   reads 3…: the values, R cells a round trip (ceil(cells / R), at least 1).
 *   Reads = 2 + max(1, ceil(cells / R)); a round trip whose answer Excel finds over its size limit
 *   (cells of long text) is read again in halves, so such a sheet takes more.
 * Every sheet the command line would see is given to the shared reader (src/workbook/read.ts) with
 * its visibility and merged areas, so the same cells give the same figures and warnings here.
 */
import { readWorkbook, type CellValue, type ListObjectData, type SheetData, type WorkbookInput } from '../workbook';
import {
  BLOCK_SHEET_CELLS, BLOCK_TOTAL_CELLS, LEGACY_SHEETS, MARK_KEY, READ_CELLS, YOURS, chunk, highlightRows, isSpecName,
  ownership, parseBox, parseMark, valuesSum, type Box, type Highlight, type Piece, type SheetInfo, type Store,
} from './plan';
import { apiSupported, fmt, type Progress, type Sync } from './host';

/** What every job knows once the workbook is read. */
export interface State {
  sheets: SheetInfo[];
  ours: Set<string>;
  sheetData: SheetData[];
  listObjects: ListObjectData[];
  /** Last run's highlights (listed on the warnings sheet). */
  highlights: Highlight[];
  /** The workbook's structure is protected: no sheet can be added. */
  structureProtected: boolean;
  /** The workbook's defined names: a table cannot take one. */
  definedNames: string[];
  notes: string[];
}

const cells = (b: { rows: number; cols: number }) => b.rows * b.cols;
const sameBox = (a: Box | null, b: Box | null) =>
  !!a && !!b && a.top === b.top && a.left === b.left && a.rows === b.rows && a.cols === b.cols;
const VISIBILITY = { Visible: 'visible', Hidden: 'hidden', VeryHidden: 'veryHidden' } as const;

function legacyIds(store: Store): Set<string> {
  const v = store.get(LEGACY_SHEETS);
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
}

/** Excel's answer to a request or response over its size limit. */
function tooBig(e: unknown): boolean {
  return !!e && typeof e === 'object' && (e as { code?: unknown }).code === 'RequestPayloadSizeLimitExceeded';
}

/** A round trip's pieces in two halves (by pieces, else rows, else cells); null for a single cell. */
function halve(trip: Piece[]): [Piece[], Piece[]] | null {
  if (trip.length > 1) return [trip.slice(0, trip.length >> 1), trip.slice(trip.length >> 1)];
  const [p] = trip;
  if (!p) return null;
  if (p.rows > 1) {
    const n = p.rows >> 1;
    return [[{ ...p, rows: n }], [{ ...p, row: p.row + n, rows: p.rows - n }]];
  }
  if (p.cols > 1) {
    const n = p.cols >> 1;
    return [[{ ...p, cols: n }], [{ ...p, col: p.col + n, cols: p.cols - n }]];
  }
  return null;
}

/** The merged areas of every sheet (ExcelApi 1.13), queued; null where the host cannot say, with a note once. */
function queueMerges(sheets: Excel.Worksheet[], notes: string[]): Array<() => string[]> | null {
  if (!apiSupported('1.13')) {
    notes.push('This version of Excel cannot tell Poolshare which cells are merged (it needs ExcelApi 1.13), so a '
      + 'table header merged over two columns is not caught here; the command line catches it. Update Excel, or '
      + 'make sure no table header is merged.');
    return null;
  }
  return sheets.map((ws) => {
    const areas = ws.getRange().getMergedAreasOrNullObject();
    areas.load('areas/items/address');
    return () => (areas.isNullObject ? [] : areas.areas.items.map((a) => a.address.replace(/^.*!/, '')));
  });
}

/** Reads the workbook: 2 round trips for its shape, then the values in chunks. */
export async function readState(context: Excel.RequestContext, store: Store, sync: Sync): Promise<State> {
  const wb = context.workbook;
  wb.worksheets.load('items/name,items/id,items/visibility');
  wb.tables.load('items/name,items/showTotals');
  wb.protection.load('protected');
  wb.names.load('items/name');
  await sync();

  const sheets = wb.worksheets.items;
  const mergeNotes: string[] = [];
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
  const merges = queueMerges(sheets, mergeNotes);
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
    visibility: ws.visibility as SheetInfo['visibility'],
  }));
  const { ours, notes } = ownership(info, legacyIds(store));
  notes.push(...mergeNotes);

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

  // Poolshare's sheets are read back within their area: a value Poolshare did not write there was
  // typed by the user, and the sheet is theirs from then on (never cleared).
  const checks = info.filter((s) => ours.has(s.id) && s.mark?.sum);
  const checkAt = ranges.length;
  for (const s of checks) ranges.push({ sheet: s.name, box: parseBox(s.mark!.area)! });
  const values = ranges.map((r) => Array.from({ length: r.box.rows }, () => new Array<unknown>(r.box.cols)));
  const trips = chunk(ranges.map((r) => r.box), READ_CELLS);
  if (!trips.length) trips.push([]);
  // A round trip whose answer is over Excel on the web's 5 MB (cells of long text) is read again in halves.
  const load = async (trip: Piece[]): Promise<void> => {
    const loads = trip.map((p) => {
      const { sheet, box } = ranges[p.index];
      const range = wb.worksheets.getItem(sheet).getRangeByIndexes(box.top + p.row, box.left + p.col, p.rows, p.cols);
      range.load('values');
      return { p, range };
    });
    try {
      await sync();
    } catch (e) {
      const halves = halve(trip);
      if (!tooBig(e) || !halves) throw e;
      for (const half of halves) await load(half);
      return;
    }
    for (const { p, range } of loads) {
      range.values.forEach((row, r) => row.forEach((v, c) => (values[p.index][p.row + r][p.col + c] = v)));
    }
  };
  for (const trip of trips) await load(trip);

  let highlights: Highlight[] = [];
  checks.forEach((s, i) => {
    const area = values[checkAt + i];
    if (valuesSum(area) !== s.mark!.sum) {
      ours.delete(s.id);
      notes.push(`${s.name} has entries of yours inside Poolshare's area (${s.mark!.area}): ${YOURS}`);
      return;
    }
    const hl = s.mark!.hl ? parseBox(s.mark!.hl) : null;
    if (hl) highlights = highlightRows(area.slice(hl.top, hl.top + hl.rows).map((r) => r.slice(hl.left)));
  });
  // Versions before 0.3 kept the highlights in the warnings sheet's mark.
  const legacy = info.find((s) => ours.has(s.id) && s.mark?.highlights);
  if (!highlights.length && legacy) highlights = legacy.mark!.highlights!;
  const names = new Set(info.map((s) => s.name));
  ranges.length = checkAt;

  const listObjects: ListObjectData[] = [];
  const sheetData = new Map<string, SheetData>();
  const sheetOf = (name: string, v: CellValue[][], at: { top: number; left: number }) => {
    const i = info.findIndex((x) => x.name === name);
    sheetData.set(name, {
      name, values: v, ...at,
      visibility: VISIBILITY[info[i].visibility ?? 'Visible'] ?? 'visible',
      merges: merges ? merges[i]() : [],
    });
  };
  ranges.forEach((r, i) => {
    const v = values[i] as CellValue[][];
    const at = { top: r.box.top + 1, left: r.box.left + 1 };
    if (!r.table) sheetOf(r.sheet, v, at);
    else {
      // A totals row is not data: it is left out, as the command line does.
      listObjects.push({ name: r.table.name, sheet: r.sheet, ...at, values: r.table.totals ? v.slice(0, -1) : v });
      // A sheet that is exactly its table is also searched for report blocks, as the command line does.
      const s = info.find((x) => x.name === r.sheet);
      if (s && !ours.has(s.id) && sameBox(s.used, r.box)) sheetOf(r.sheet, v, at);
    }
  });
  // Every other sheet of the user's (empty, or not searched) is still known, with its visibility and merges.
  for (const s of info) if (!ours.has(s.id) && !sheetData.has(s.name)) sheetOf(s.name, [], { top: 1, left: 1 });
  return {
    sheets: info,
    ours,
    sheetData: info.map((s) => sheetData.get(s.name)).filter((x): x is SheetData => !!x),
    listObjects,
    highlights: highlights.filter((h) => names.has(h.sheet)),
    structureProtected: wb.protection.protected,
    definedNames: wb.names.items.map((n) => n.name),
    notes,
  };
}

/** Reads the workbook: the inputs of every job. */
export async function readInput(context: Excel.RequestContext, store: Store, sync: Sync, progress: Progress):
  Promise<{ state: State; input: WorkbookInput }> {
  progress('Reading the workbook…');
  const state = await readState(context, store, sync);
  return { state, input: readWorkbook(state.sheetData, state.listObjects).input };
}

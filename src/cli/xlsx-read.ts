/**
 * .xlsx in for the command line (Node only: never in src/workbook/, which the add-in bundles).
 * readXlsx streams the workbook: the zip is checked from its central directory before anything is
 * inflated (xlsx-zip.ts), then each part is inflated as a stream and parsed with saxes
 * (src/cli/xlsx/): the workbook's sheets in tab order with their visibility, the shared strings,
 * which cell styles show dates, then each sheet's cells that exist (formulas as their saved result,
 * dates as YYYY-MM-DD, rich text as plain text, errors as "#REF!"-style text), its merged areas and
 * its Excel tables, all going through readWorkbook. Nothing whole-workbook is built: rows and cells
 * are sparse (a cell at row 1,048,576 or in column XFD costs one cell), a table or merge covering
 * the whole sheet costs what its filled cells cost, and every limit is counted as the XML is read.
 * Where readWorkbook reads a sheet only as a table (readOf), the table's rows become the engine's
 * rows as the sheet streams (xlsx/stream.ts), and no grid of them is held; xlsxSheets reads every
 * sheet whole, as the reading they are tested against.
 */
import type { Warning } from '../engine/types';
import { parseRange, readOf, readWorkbook } from '../workbook';
import type { CellValue, ListObjectData, SheetData, WorkbookRead } from '../workbook';
import { noteInput } from './files';
import { type SheetEntry, dateStyles, relationships, sharedStrings, workbook } from './xlsx/parts';
import { type BookContext, type SheetRead, RowsOutOfOrder, readSheet } from './xlsx/sheet';
import { SheetSink, TablesSink } from './xlsx/stream';
import { listObjects, rowNumbers, tableDefs } from './xlsx/tables';
import { LIMITS, type XlsxPackage, openXlsx } from './xlsx-zip';

export { unescapeXstring } from './xlsx/parts';

/** A merged range's value sits in its first cell only, as Excel (and Office.js) give it. */
function clearMerged(values: CellValue[][], merges: string[]): void {
  for (const m of merges) {
    const [from, to] = m.split(':');
    const at = (ref: string) => {
      const k = /^([A-Z]+)(\d+)$/.exec(ref)!;
      let col = 0;
      for (const ch of k[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      return [Number(k[2]), col];
    };
    const [top, left] = at(from);
    const [bottom, right] = at(to);
    // The covered cells are counted as the merges are read (LIMITS.mergedCells): this is bounded.
    for (let r = top; r <= bottom; r++) {
      const row = values[r - 1];
      if (!row) continue;
      for (let c = left; c <= right; c++) if (!(r === top && c === left) && row[c - 1] !== undefined) delete row[c - 1];
    }
  }
}

/** The start of reading a workbook: its sheets in tab order and what the reading of each shares. */
async function openBook(pkg: XlsxPackage): Promise<{ entries: SheetEntry[]; ctx: BookContext }> {
  const { sheets: entries, date1904, rels: all } = await workbook(pkg);
  const rels = [...all.values()];
  // The shared strings and styles where the workbook's relationships put them, else where Excel does.
  const strings = await sharedStrings(pkg, rels.find((r) => r.type === 'sharedStrings')?.target
    ?? 'xl/sharedStrings.xml');
  const styles = rels.find((r) => r.type === 'styles')?.target ?? 'xl/styles.xml';
  const ctx: BookContext = { pkg, strings, dates: await dateStyles(pkg, styles), date1904, warnings: [], cells: 0,
    texts: new Map() };
  return { entries, ctx };
}

/** One sheet as readWorkbook takes it, and its Excel tables. */
interface SheetOut {
  sheet: SheetData;
  tables: ListObjectData[];
}

/** How one sheet is read: whole (wholeSheet) or streamed (streamSheet). */
type SheetReader = (ctx: BookContext, entry: SheetEntry, seen: { tables: number }) => Promise<SheetOut>;

/** A sheet's grid as read, with its name, visibility and merged areas. */
const sheetOf = (entry: SheetEntry, read: SheetRead): SheetData => ({
  name: entry.name, values: read.values, top: 1, left: 1, visibility: entry.visibility, merges: read.merges,
});

/** One sheet read whole into a grid (sparse, merged cells cleared), with its Excel tables. */
async function wholeSheet(ctx: BookContext, entry: SheetEntry, seen: { tables: number }): Promise<SheetOut> {
  const read = await readSheet(ctx, entry.name, entry.part);
  clearMerged(read.values, read.merges);
  const defs = await tableDefs(ctx.pkg, entry.part, read.tableParts, seen);
  return {
    sheet: sheetOf(entry, read),
    tables: defs.length > 0 ? listObjects(entry.name, defs, read.values, rowNumbers(read.values)) : [],
  };
}

/** An .xlsx file's sheets in tab order and its Excel tables, each sheet read by `each`, with the cells' warnings. */
async function readSheets(file: string, each: SheetReader):
  Promise<{ sheets: SheetData[]; tables: ListObjectData[]; warnings: Warning[] }> {
  const pkg = await openXlsx(file);
  try {
    const { entries, ctx } = await openBook(pkg);
    const sheets: SheetData[] = [];
    const tables: ListObjectData[] = [];
    const seen = { tables: 0 };
    for (const entry of entries) {
      const read = await each(ctx, entry, seen);
      sheets.push(read.sheet);
      tables.push(...read.tables);
    }
    return { sheets, tables, warnings: ctx.warnings };
  } finally {
    pkg.close();
  }
}

/** An .xlsx file's sheets (sparse, with visibility and merges), Excel tables and cell warnings, for readWorkbook. */
export const xlsxSheets = (file: string) => readSheets(file, wholeSheet);

/**
 * How a sheet can stream (readOf): its Excel tables (from its relationships, before its XML is read)
 * with a sink for their rows, a sink for the sheet read as a table, or nothing (read whole). Anything
 * unexpected in its relationships or tables reads it whole, as xlsxSheets does, errors and all.
 */
async function sinkFor(ctx: BookContext, entry: SheetEntry, seen: { tables: number }):
  Promise<{ tables: TablesSink; ids: string[] } | { sheet: SheetSink } | undefined> {
  try {
    const rels = await relationships(ctx.pkg, entry.part);
    const ids = [...rels].filter(([, r]) => r.type === 'table').map(([id]) => id);
    const defs = await tableDefs(ctx.pkg, entry.part, ids, seen, rels);
    const how = readOf(entry.name, defs.map((d) => d.name));
    if (how === 'tables') return { tables: new TablesSink(entry.name, defs), ids };
    if (how !== undefined) return { sheet: new SheetSink(how.header) };
  } catch {
    // read whole
  }
  return undefined;
}

/**
 * One sheet, its tables' rows made as it streams where readWorkbook reads only them (stream.ts). What
 * only the end of its XML tells can undo that: tables other than its relationships said, merged areas
 * over the rows streamed (they clear cells), rows out of order. The sheet is then read again, whole.
 */
async function streamSheet(ctx: BookContext, entry: SheetEntry, seen: { tables: number }): Promise<SheetOut> {
  const { warnings: { length: warned }, cells } = ctx;
  const tables = seen.tables;
  const again = () => {
    ctx.warnings.length = warned;
    ctx.cells = cells;
    seen.tables = tables;
    return wholeSheet(ctx, entry, seen);
  };
  const sink = await sinkFor(ctx, entry, seen);
  if (sink === undefined) return again();
  let read: SheetRead;
  try {
    read = await readSheet(ctx, entry.name, entry.part, 'tables' in sink ? sink.tables : sink.sheet);
  } catch (e) {
    if (e instanceof RowsOutOfOrder) return again();
    throw e;
  }
  const merges = read.merges.map(parseRange);
  const sheet = sheetOf(entry, read);
  if ('tables' in sink) {
    const same = read.tableParts.length === sink.ids.length && read.tableParts.every((id, i) => id === sink.ids[i]);
    if (!same || merges.some((m) => sink.tables.reaches(m))) return again();
    return { sheet, tables: sink.tables.done() };
  }
  const rows = sink.sheet.done();
  if (read.tableParts.length > 0 || (rows && merges.some((m) => m.bottom >= sink.sheet.header))) return again();
  // Merged areas above the header clear cells only in rows above it. None of those holds the header's
  // first column (else it would be the header), and clearing makes no row hold anything more: the
  // header is still the first row that holds it, with no more rows holding anything above it.
  clearMerged(read.values, read.merges);
  return { sheet: rows ? { ...sheet, rows } : sheet, tables: [] };
}

/**
 * An .xlsx file's sheets and Excel tables as xlsxSheets reads them, for readWorkbook to give the same
 * reading, but with the tables' rows made as they stream (streamSheet): a sheet read only through its
 * Excel tables holds nothing else (`values` empty, each table's `rows` made), and a sheet read as a
 * table holds its rows down to its header (its `rows` made).
 */
export const streamedSheets = (file: string) => readSheets(file, streamSheet);

/** Reads an .xlsx workbook: its tables (Excel tables or sheets named like them) and report blocks. */
export async function readXlsx(file: string): Promise<WorkbookRead> {
  await noteInput(file);
  const { sheets, tables, warnings } = await streamedSheets(file);
  const read = readWorkbook(sheets, tables);
  const all = [...warnings, ...read.warnings];
  return { input: { ...read.input, warnings: all }, warnings: all };
}

export { LIMITS };

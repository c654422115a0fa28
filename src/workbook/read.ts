/**
 * From a workbook's 2-D cell values to the engine's input (spec, "Input tables" and "Report
 * blocks"), remembering for every table cell its sheet and A1 address.
 *
 * A table is found by Excel table (ListObject) name first, then on a sheet named like it (case,
 * spaces and underscores ignored): that sheet's Excel table if it has one, else the sheet itself
 * with its header in its first non-blank row (which must hold the table's first required column,
 * e.g. `Pool`). Data row n (1-based, header excluded, blank rows counted) is the sheet row just
 * n below the header, so the engine's row numbers map straight to sheet rows.
 *
 * Report blocks are looked for on every sheet that is not itself read as a table. Their checks
 * are returned as warnings. When the workbook has no Contributions table the blocks supply its
 * rows; likewise Partners and Pools rows when those tables are absent, and a `Units` setting
 * (from the blocks' units row, when they agree) when there is no Settings table.
 */
import type { CellRef, CellValue, Locator, RawRow, Warning } from '../engine/types';
import { TABLES, TABLE_NAMES, norm, type TableName } from '../engine/tables';
import { isBlank } from '../engine/numbers';
import { a1 } from './a1';
import { blockToTables, checkReportBlock, findReportBlocks } from './blocks';
import type { ListObjectData, LocatedRow, ReportBlock, SheetData, WorkbookRead } from './types';

/** A table's rows and where each of their cells sits. */
interface Source {
  rows: RawRow[];
  locate: (row: number, column?: string) => CellRef | undefined;
}

/** How table and sheet names are compared: case, spaces and underscores ignored. */
export function nameKey(s: string): string {
  return norm(s).replace(/[\s_]+/g, '');
}

/** A table from a range whose first row is the header; `top`/`left` are its 1-based sheet corner. */
function fromRange(sheet: string, top: number, left: number, values: CellValue[][]): Source {
  const header = values[0] ?? [];
  const typed: Array<string | null> = header.map((h) => (isBlank(h) ? null : String(h)));
  const column = new Map<string, number>();
  typed.forEach((h, i) => {
    if (h !== null && !column.has(norm(h))) column.set(norm(h), i);
  });
  const keep = [...column.values()];
  let end = values.length;
  while (end > 1 && (values[end - 1] ?? []).every(isBlank)) end--;
  const rows: RawRow[] = [];
  for (let r = 1; r < end; r++) {
    const src = values[r] ?? [];
    const row: RawRow = {};
    for (const i of keep) row[typed[i] as string] = src[i] ?? null;
    rows.push(row);
  }
  const first = keep.length ? Math.min(...keep) : 0;
  return {
    rows,
    locate: (row, col) => ({ sheet, cell: a1(top + row, left + (col === undefined ? first : column.get(norm(col)) ?? first)) }),
  };
}

/** A table built from report-block rows. */
function fromLocated(list: LocatedRow[]): Source {
  return {
    rows: list.map((x) => x.values),
    locate: (row, col) => {
      const cells = list[row - 1]?.cells;
      if (!cells) return undefined;
      const hit = col === undefined ? undefined : Object.keys(cells).find((k) => norm(k) === norm(col));
      return cells[hit ?? Object.keys(cells)[0]];
    },
  };
}

/** The first non-blank row of a sheet, or -1. */
function firstRow(values: CellValue[][]): number {
  return values.findIndex((row) => (row ?? []).some((v) => !isBlank(v)));
}

function findTable(name: TableName, sheets: SheetData[], listObjects: ListObjectData[]): { source: Source; sheet?: string } | undefined {
  const want = nameKey(name);
  const lo = listObjects.find((t) => nameKey(t.name) === want);
  if (lo) return { source: fromRange(lo.sheet, lo.top, lo.left, lo.values) };
  const sheet = sheets.find((s) => nameKey(s.name) === want);
  if (!sheet) return undefined;
  const onSheet = listObjects.find((t) => t.sheet === sheet.name);
  if (onSheet) return { source: fromRange(onSheet.sheet, onSheet.top, onSheet.left, onSheet.values), sheet: sheet.name };
  const r = firstRow(sheet.values);
  if (r < 0) return undefined;
  const key = norm(TABLES[name].columns[0].header);
  if (!(sheet.values[r] ?? []).some((v) => !isBlank(v) && norm(String(v)) === key)) return undefined;
  return { source: fromRange(sheet.name, (sheet.top ?? 1) + r, sheet.left ?? 1, sheet.values.slice(r)), sheet: sheet.name };
}

/** Looks up a column of a raw row by its spec header. */
function get(row: RawRow, header: string): string | null {
  const k = Object.keys(row).find((key) => norm(key) === norm(header));
  const v = k === undefined ? null : row[k];
  return isBlank(v) ? null : String(v).trim();
}

/** A name -> code map from a table's rows (case-insensitive), over the given columns. */
function codes(source: Source | undefined, code: string, also: string[] = []): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of source?.rows ?? []) {
    const c = get(row, code);
    if (c === null) continue;
    for (const h of [code, ...also]) {
      const v = get(row, h);
      if (v !== null && !map.has(norm(v))) map.set(norm(v), c);
    }
  }
  return map;
}

/** Rows of several blocks for one table, the first of each key kept (Partners, Pools). */
function distinct(rows: LocatedRow[], key: string): LocatedRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = norm(String(r.values[key]));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Reads the engine's tables and the report blocks from a workbook's sheets and Excel tables. */
export function readWorkbook(sheets: SheetData[], listObjects: ListObjectData[] = []): WorkbookRead {
  const sources = new Map<string, Source>();
  const tableSheets = new Set<string>();
  for (const name of TABLE_NAMES) {
    const found = findTable(name, sheets, listObjects);
    if (!found) continue;
    sources.set(name, found.source);
    if (found.sheet !== undefined) tableSheets.add(found.sheet);
  }
  const blocks: ReportBlock[] = sheets.filter((s) => !tableSheets.has(s.name)).flatMap(findReportBlocks);

  const partnerCodes = codes(sources.get('Partners'), 'Partner', ['Name']);
  const poolCodes = codes(sources.get('Pools'), 'Pool');
  const poolOf = (b: ReportBlock) => poolCodes.get(norm(b.title)) ?? poolCodes.get(norm(b.pool)) ?? b.pool;
  const names = { partner: (h: string) => partnerCodes.get(norm(h)) ?? h, pool: poolOf };
  const warnings: Warning[] = blocks.flatMap((b) => checkReportBlock(b, poolOf(b)));

  if (blocks.length > 0) {
    const derived = blocks.map((b) => blockToTables(b, names));
    if (!sources.has('Contributions')) sources.set('Contributions', fromLocated(derived.flatMap((d) => d.Contributions)));
    if (!sources.has('Partners')) sources.set('Partners', fromLocated(distinct(derived.flatMap((d) => d.Partners), 'Partner')));
    if (!sources.has('Pools')) sources.set('Pools', fromLocated(distinct(derived.flatMap((d) => d.Pools), 'Pool')));
    const units = new Set(blocks.map((b) => b.units?.text));
    const unit = blocks[0].units;
    if (!sources.has('Settings') && units.size === 1 && unit) {
      sources.set('Settings', fromLocated([{
        values: { Setting: 'Units', Value: unit.text },
        cells: { Setting: { sheet: blocks[0].sheet, cell: unit.cell }, Value: { sheet: blocks[0].sheet, cell: unit.cell } },
      }]));
    }
  }

  const tables: Record<string, RawRow[]> = {};
  for (const [name, source] of sources) tables[name] = source.rows;
  const locate: Locator = (table, row, column) => {
    for (const [name, source] of sources) if (nameKey(name) === nameKey(table)) return source.locate(row, column);
    return undefined;
  };
  return { input: { tables, locate, warnings }, warnings };
}

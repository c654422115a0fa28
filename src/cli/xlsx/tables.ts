/**
 * A sheet's Excel tables (xl/tables/*.xml, reached through the sheet's relationships), built
 * sparse: a table's rows are the sheet rows that exist within it, each holding only the cells
 * that exist within its columns, so a ref of A1:XFD1048576 costs what its filled cells cost. A
 * table is extended over the rows typed directly beneath it (Excel grows a table as you type under
 * it; files saved by other tools may not have), up to the next table on the sheet.
 */
import type { CellValue, ListObjectData } from '../../workbook';
import { LIMITS, type XlsxPackage } from '../xlsx-zip';
import { type Relationships, relationships } from './parts';
import { cellRef } from './sheet';
import { parsePart } from './xml';

export interface TableDef {
  name: string;
  top: number;
  left: number;
  bottom: number;
  right: number;
  totalsRow: boolean;
}

/** The tables a sheet part refers to, in the order it lists them (`known`: the part's relationships, when read). */
export async function tableDefs(
  pkg: XlsxPackage, part: string, ids: string[], seen: { tables: number },
  known?: Relationships,
): Promise<TableDef[]> {
  if (!ids.length) return [];
  const rels = known ?? await relationships(pkg, part);
  const out: TableDef[] = [];
  for (const id of ids) {
    const rel = rels.get(id);
    if (!rel) continue;
    if (++seen.tables > LIMITS.tables) {
      const most = LIMITS.tables.toLocaleString('en-GB');
      throw new Error(`${pkg.file} has more than ${most} Excel tables; the reader stops there.`);
    }
    let def: TableDef | undefined;
    await parsePart(pkg, rel.target, {
      open(name, a) {
        if (name !== 'table' || def || !a.ref) return;
        const [from, to = from] = a.ref.split(':');
        const p = cellRef(from);
        const q = cellRef(to);
        if (!p || !q || !p[0] || !q[0]) return;
        def = {
          name: a.name ?? a.displayName ?? '',
          top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]),
          bottom: Math.min(Math.max(p[0], q[0]), LIMITS.rows), right: Math.min(Math.max(p[1], q[1]), LIMITS.columns),
          totalsRow: a.totalsRowCount === '1',
        };
      },
    });
    if (def) out.push(def);
  }
  return out;
}

/**
 * Whether the cells of a row between `from` and `to` are few enough to visit one by one; past that,
 * only those the (sparse) row holds are visited: a table may span all 16,384 columns.
 */
const fewCells = (row: CellValue[], from: number, to: number) => to - from < 64 || row.length - from < 64;

/** The indexes a sparse row holds between `from` and `to` (0-based, inclusive), ascending. */
function held(row: CellValue[], from: number, to: number): number[] {
  const out: number[] = [];
  if (fewCells(row, from, to)) {
    for (let i = from; i <= to && i < row.length; i++) if (row[i] !== undefined) out.push(i);
    return out;
  }
  for (const k of Object.keys(row)) {
    const i = Number(k);
    if (i >= from && i <= to) out.push(i);
  }
  return out;
}

/**
 * The cells of a sparse row between 0-based columns `from` and `to`, as a row of their own (`from` at
 * index 0). When every cell of the row is within them, the row itself: shared, not copied (nothing
 * changes a sheet's rows once read; a million-row table would copy them all).
 */
export function within(row: CellValue[], from: number, to: number): CellValue[] {
  if (from === 0 && row.length <= to + 1) return row;
  const out: CellValue[] = [];
  for (const c of held(row, from, to)) out[c - from] = row[c];
  return out;
}

/** Whether a sparse row holds a cell that is not blank between `from` and `to` (0-based, inclusive). */
function filled(row: CellValue[], from: number, to: number): boolean {
  const isFilled = (v: CellValue | undefined) => v !== undefined && v !== null && v !== '';
  if (fewCells(row, from, to)) {
    for (let i = from; i <= to && i < row.length; i++) if (isFilled(row[i])) return true;
    return false;
  }
  return held(row, from, to).some((i) => isFilled(row[i]));
}

/**
 * Row numbers (1-based) that exist in a sparse sheet, ascending: a plain loop, not Object.keys,
 * which would make a string of every index (a sheet has at most LIMITS.rows, so the loop is bounded).
 */
export function rowNumbers(values: CellValue[][]): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] !== undefined) out.push(i + 1);
  return out;
}

/** First index in ascending `list` whose value is >= n. */
function lowerBound(list: number[], n: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The top row of the next table beneath `t` that shares its columns (`byTop`: the tables by top row), or Infinity. */
function nextTop(t: TableDef, byTop: TableDef[], tops: number[]): number {
  for (let k = lowerBound(tops, t.bottom + 1); k < byTop.length; k++) {
    const o = byTop[k];
    if (o.left <= t.right && o.right >= t.left) return o.top;
  }
  return Number.POSITIVE_INFINITY;
}

/**
 * Which sheet rows below its header a table holds, asked row by row in ascending order (rows that do
 * not exist are not asked): the rows of its ref (less a totals row), then each row directly beneath
 * it that holds a filled cell in its columns (Excel grows a table as you type under it; files saved
 * by other tools may not have), up to the next table on the sheet that shares its columns.
 */
export class Extent {
  private bottom: number;

  constructor(private readonly t: TableDef, private readonly next: number) {
    this.bottom = t.totalsRow ? t.bottom - 1 : t.bottom;
  }

  /** Whether sheet row `r` (below the header) is the table's, `row` its cells; once not, no later row is. */
  has(r: number, row: CellValue[]): boolean {
    if (r <= this.bottom) return true;
    const { t } = this;
    if (t.totalsRow || r !== this.bottom + 1 || r >= this.next || !filled(row, t.left - 1, t.right - 1)) return false;
    this.bottom = r;
    return true;
  }
}

/** Each table with the top row of the next one beneath it that shares its columns. */
export function extents(defs: TableDef[]): Extent[] {
  const byTop = [...defs].sort((a, b) => a.top - b.top);
  const tops = byTop.map((t) => t.top);
  return defs.map((t) => new Extent(t, nextTop(t, byTop, tops)));
}

/** A sheet's tables as the workbook layer wants them. `rows` are the sheet's row numbers that exist. */
export function listObjects(sheet: string, defs: TableDef[], values: CellValue[][], rows: number[]): ListObjectData[] {
  const out: ListObjectData[] = [];
  const all = extents(defs);
  defs.forEach((t, n) => {
    const extent = all[n];
    let last = t.top;
    let i = lowerBound(rows, t.top);
    if (rows[i] === t.top) i++;
    for (; i < rows.length; i++) {
      const row = values[rows[i] - 1];
      if (!extent.has(rows[i], row)) break;
      if (filled(row, t.left - 1, t.right - 1)) last = rows[i];
    }
    const tableValues: CellValue[][] = [];
    for (let j = lowerBound(rows, t.top); j < rows.length && rows[j] <= last; j++) {
      tableValues[rows[j] - t.top] = within(values[rows[j] - 1], t.left - 1, t.right - 1);
    }
    // The header row always exists (a table's first row), holes and all.
    tableValues[0] ??= [];
    out.push({ name: t.name, sheet, top: t.top, left: t.left, values: tableValues });
  });
  return out;
}

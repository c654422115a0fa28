/**
 * A table's rows as the engine reads them (spec, "Input tables"), made one sheet row at a time: from
 * a sheet or Excel table already read (readWorkbook, for the add-in and the command line alike), or
 * as the command line streams a sheet's XML, so that a table's rows become the engine's rows with no
 * grid of the sheet held first. The one place that says which columns a table has and which rows.
 *
 * - The header is the table's first row. Each non-blank header is a column, keyed as typed; a
 *   header spelled again (case, spaces ignored) is not a second column: the first one is read.
 * - Data row n (1-based, header excluded) is the sheet row n below the header. Blank rows and rows
 *   that do not exist are counted, so the engine's row numbers map straight to sheet rows; rows after
 *   the last that holds anything in a column of the table are not rows of it.
 */
import type { CellValue, RawRow } from '../engine/types';
import { norm } from '../engine/tables';
import { isBlank } from '../engine/numbers';
import { indexes } from './a1';

/** How many rows holding anything may stand above a sheet's header (a title, a units line, a note). */
const TITLE_ROWS = 5;

/**
 * Looks for a sheet's header among its first rows, given one row that exists at a time from the top
 * (rows that do not exist are not given): the first row holding the table's first column `key`
 * (normalised, e.g. `pool`), among the first rows holding anything (a title such as "Contributions
 * 2017/18 (£'000)" may stand above it). Says `header` on the header row, `none` once it is past
 * where a header may stand (and on every row after), else `more`.
 */
export function headerSeek(key: string): (row: CellValue[]) => 'header' | 'none' | 'more' {
  let seen = 0;
  return (row) => {
    if (seen > TITLE_ROWS) return 'none';
    if (!row.some((v) => !isBlank(v))) return 'more';
    if (row.some((v) => !isBlank(v) && norm(String(v)) === key)) return 'header';
    return ++seen > TITLE_ROWS ? 'none' : 'more';
  };
}

/** The header row of a sheet read as a table (headerSeek), its index in `values`, or -1 when there is none. */
export function headerRow(values: CellValue[][], key: string): number {
  const seek = headerSeek(key);
  // Row by row from the top (rows that do not exist are holes, skipped): the header is among the first
  // few rows that hold anything, so no list of every row's index is made.
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (row === undefined) continue;
    const said = seek(row);
    if (said === 'header') return r;
    if (said === 'none') break;
  }
  return -1;
}

/** The rows of one table, given its header row (its first cell is the table's first column). */
export class TableRows {
  /** Column index (within the table) of each column the table has, in order; and its key. */
  readonly keep: number[];
  readonly keys: string[];
  /** Each column's index by its normalised header. */
  readonly column = new Map<string, number>();
  /** One past the last column the table has (1 when it has none). */
  readonly width: number;
  /** The first column the table has (0 when it has none). */
  readonly first: number;
  private readonly rows: RawRow[] = [];
  /** Rows that do not exist, not yet followed by one that does. */
  private holes = 0;
  /**
   * Rows since the last one holding anything in a column of the table (a number: that many rows that
   * do not exist): rows of the table only if one holding anything follows.
   */
  private pending: Array<RawRow | number> = [];
  /**
   * One row of the table's keys. Each row starts as a copy of it, so that it is made at its size, its
   * cells in the object itself (built key by key, a row of more than four columns also gets a second
   * store). It holds undefined: set on it, a `__proto__` header is ignored as it is on each row.
   */
  private readonly template: RawRow = {};

  constructor(header: CellValue[]) {
    const typed = new Map<number, string>();
    for (const i of indexes(header)) {
      if (isBlank(header[i])) continue;
      const h = String(header[i]);
      typed.set(i, h);
      if (!this.column.has(norm(h))) this.column.set(norm(h), i);
    }
    this.keep = [...this.column.values()];
    this.keys = this.keep.map((i) => typed.get(i) as string);
    for (const key of this.keys) (this.template as Record<string, unknown>)[key] = undefined;
    this.first = this.keep.length ? Math.min(...this.keep) : 0;
    this.width = this.keep.length ? Math.max(...this.keep) + 1 : 1;
  }

  /** The next `n` sheet rows do not exist. */
  skip(n = 1): void {
    this.holes += n;
  }

  /** The next sheet row, its table's first column at `src[offset]` (a sparse row: holes are blank). */
  add(src: CellValue[], offset = 0): void {
    const { keep } = this;
    let filled = false;
    for (let k = 0; k < keep.length && !filled; k++) filled = !isBlank(src[offset + keep[k]]);
    if (!filled) {
      if (this.holes > 0) this.pending.push(this.holes);
      this.holes = 0;
      this.pending.push(this.row(src, offset));
      return;
    }
    if (this.pending.length > 0) {
      for (const p of this.pending) {
        if (typeof p === 'number') this.blank(p);
        else this.rows.push(p);
      }
      this.pending = [];
    }
    this.blank(this.holes);
    this.holes = 0;
    this.rows.push(this.row(src, offset));
  }

  /** `n` rows that do not exist, each a row of blanks. */
  private blank(n: number): void {
    const none: CellValue[] = [];
    for (let i = 0; i < n; i++) this.rows.push(this.row(none, 0));
  }

  private row(src: CellValue[], offset: number): RawRow {
    const { keep, keys } = this;
    const row: RawRow = { ...this.template };
    for (let k = 0; k < keep.length; k++) row[keys[k]] = src[offset + keep[k]] ?? null;
    return row;
  }

  /** The table's rows: up to the last holding anything in one of its columns. */
  done(): RawRow[] {
    this.pending = [];
    this.holes = 0;
    return this.rows;
  }
}

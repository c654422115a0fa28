/**
 * One worksheet part parsed as a stream: only the cells that exist are held (a sparse array of
 * sparse rows, indexes are sheet rows and columns less one), each as the workbook layer wants it
 * (formulas as their saved result, dates as YYYY-MM-DD, rich and inline text as plain text, errors
 * as "#REF!"-style text, booleans), with its merged areas and the ids of its table parts. The
 * limits are counted here, as the XML is read (never by a scan of the text that can be spelled
 * around): rows and columns past Excel's, cell text past Excel's, cells in the workbook, and the
 * cells covered by merged areas.
 */
import type { Warning } from '../../engine/types';
import { a1, columnLetters } from '../../workbook/a1';
import type { CellValue } from '../../workbook';
import { LIMITS, type XlsxPackage } from '../xlsx-zip';
import { unescapeXstring } from './parts';
import { notAsExcel, parsePart, prefixed } from './xml';

export interface SheetRead {
  values: CellValue[][];
  merges: string[];
  /** Relationship ids of the sheet's table parts. */
  tableParts: string[];
}

/**
 * Where a sheet's rows go as they stream (stream.ts): each row, once complete, is offered to the sink,
 * and the grid holds it only when the sink does not keep it.
 */
export interface RowSink {
  /** Takes a complete row (1-based sheet row, its cells): true when the sink keeps it. Rows come in order. */
  row(r: number, cells: CellValue[]): boolean;
}

/** A sheet whose rows are not in ascending order: a sink cannot take it as it streams; the grid can. */
export class RowsOutOfOrder extends Error {}

/** What the reading of a workbook shares across its sheets. */
export interface BookContext {
  pkg: XlsxPackage;
  strings: string[];
  dates: boolean[];
  date1904: boolean;
  warnings: Warning[];
  /** Cells held so far in the workbook. */
  cells: number;
  /** The text of cells written in the sheet itself (t="str", inline strings), one copy of each (ownText). */
  texts: Map<string, string>;
}

/** How many distinct texts written in the sheets are kept as one copy each; past it each is copied. */
const TEXTS = 1 << 16;

/**
 * The text of a cell written in the sheet (not a shared string), as a string of its own. The parser
 * gives a cell's text as a slice of the chunk of the part it was read from, and a slice keeps that
 * whole chunk alive: a workbook whose producer writes text in the cells (SheetJS does, for every
 * cell) would keep most of its sheets' XML for the run. The same text (a pool's, a line's name)
 * is one copy, as Excel's shared strings would be.
 */
export function ownText(ctx: BookContext, s: string): string {
  const known = ctx.texts.get(s);
  if (known !== undefined) return known;
  const own = (` ${s}`).slice(1); // a new string: the concatenation is made flat, and the slice is of it
  if (ctx.texts.size < TEXTS) ctx.texts.set(own, own);
  return own;
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Past a limit: one plain line. */
export function limit(file: string, where: string, what: string): never {
  throw new Error(`${file}: ${where} ${what}; the reader stops there.`);
}

/** The row and column `readRef` read last (module state: a cell reference makes no array per cell). */
let refRow = 0;
let refCol = 0;

/** Reads "B21" into refRow 21 and refCol 2 (letters only: row 0); false when it is no cell reference. */
function readRef(ref: string): boolean {
  let col = 0;
  let i = 0;
  let ch = ref.charCodeAt(0);
  if (ch === 36) ch = ref.charCodeAt(++i); // $
  for (; i < ref.length; ch = ref.charCodeAt(++i)) {
    if (ch >= 65 && ch <= 90) col = col * 26 + ch - 64;
    else if (ch >= 97 && ch <= 122) col = col * 26 + ch - 96;
    else break;
    if (col > 1e9) return false;
  }
  if (ch === 36) i++; // $
  if (col === 0 || ref.length - i > 15) return false;
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    row = row * 10 + d;
  }
  refRow = row;
  refCol = col;
  return true;
}

/** "B21" -> [21, 2]; letters only -> [0, col]; anything else -> undefined. */
export function cellRef(ref: string): [number, number] | undefined {
  return readRef(ref) ? [refRow, refCol] : undefined;
}

/** A serial date as YYYY-MM-DD (1900 or 1904 system); undefined when it is no date. */
function isoDate(serial: number, date1904: boolean): string | undefined {
  const ms = Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000);
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/** The number a <v> holds (as exceljs and Excel read it), or its text when it is not a number. */
function numberOf(v: string): number | string {
  const n = parseFloat(v);
  return Number.isNaN(n) ? v : n;
}

/** Reads one worksheet part; with a sink, its rows go to it as they are read (RowsOutOfOrder when it cannot). */
export async function readSheet(ctx: BookContext, sheet: string, part: string, sink?: RowSink): Promise<SheetRead> {
  const { file } = ctx.pkg;
  const values: CellValue[][] = [];
  const merges: string[] = [];
  const tableParts: string[] = [];
  let merged = 0;
  const shared = new Map<string, string>();

  let row = 0;
  let col = 0;
  let cells: CellValue[] | undefined;
  // The cell being read.
  let type: string | undefined;
  let style = 0;
  let v: string | undefined;
  let f: string | undefined;
  let isFormula = false;
  let collect: 'v' | 'f' | 't' | undefined;
  let phonetic = 0;
  /** The last row given to the sink. */
  let given = 0;

  /** The row being read is complete: to the sink, which keeps it or leaves it to the grid. */
  const rowDone = () => {
    if (sink === undefined || cells === undefined) return;
    if (row <= given) throw new RowsOutOfOrder();
    given = row;
    if (!sink.row(row, cells)) values[row - 1] = cells;
  };

  const rowLimit = (r: number) => {
    if (r > LIMITS.rows) {
      limit(file, `sheet ${sheet} has a cell at row ${count(r)},`, `past Excel's last row (${count(LIMITS.rows)})`);
    }
  };
  const colLimit = (c: number) => {
    if (c > LIMITS.columns) {
      limit(file, 'a sheet has a cell past Excel\'s last column XFD', `(${count(LIMITS.columns)})`);
    }
  };

  const cellValue = (): CellValue | { unsaved: string } => {
    if (isFormula) {
      if (v) {
        if (type === 'str') return ownText(ctx, v);
        if (type === 'e') return v;
        if (type === 'b') return parseInt(v, 10) !== 0;
        const n = numberOf(v);
        return typeof n === 'number' && ctx.dates[style] ? isoDate(n, ctx.date1904) ?? n : n;
      }
      return { unsaved: f ?? '' };
    }
    if (v === undefined) return null;
    switch (type) {
      case 's': {
        const s = ctx.strings[parseInt(v, 10)];
        if (s === undefined) {
          throw new Error(`${file} is damaged: a cell refers to a shared string that is not in the workbook `
            + '(a bad shared-string index); open it in Excel and save it again.');
        }
        return s;
      }
      case 'str':
      case 'inlineStr':
        return ownText(ctx, unescapeXstring(v));
      case 'b':
        return parseInt(v, 10) !== 0;
      case 'e':
        return v;
      case 'd': // an ISO 8601 date written as such (ECMA-376 ST_CellType d): its date
        return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
      default: {
        const n = numberOf(v);
        return typeof n === 'number' && ctx.dates[style] ? isoDate(n, ctx.date1904) ?? n : n;
      }
    }
  };

  const closeCell = () => {
    const value = cellValue();
    if (value === null) return;
    if (typeof value === 'object') {
      const at = a1(row, col);
      ctx.warnings.push({
        code: 'INVALID_VALUE', severity: 'error', sheet, cell: at,
        message: `${sheet}!${at}: the formula =${value.unsaved} has no saved result; open the workbook in Excel and `
          + 'save it, then run again.',
      });
      return;
    }
    if (typeof value === 'string' && value.length > LIMITS.cellText) {
      const where = `${sheet}!${a1(row, col)} holds ${count(value.length)} characters,`;
      limit(file, where, `more than a cell can hold (${count(LIMITS.cellText)})`);
    }
    if (++ctx.cells > LIMITS.cells) {
      limit(file, `the workbook holds more than ${count(LIMITS.cells)} cells`, '(at ' + `${sheet}!${a1(row, col)})`);
    }
    if (cells === undefined) cells = sink ? [] : values[row - 1] ??= [];
    cells[col - 1] = value;
  };

  const mergeCell = (ref: string | undefined) => {
    const [from, to = from] = (ref ?? '').split(':');
    const p = cellRef(from);
    const q = cellRef(to);
    const area = p && q && p[0] > 0 && q[0] > 0
      ? (Math.abs(q[0] - p[0]) + 1) * (Math.abs(q[1] - p[1]) + 1)
      : Number.POSITIVE_INFINITY;
    merged += area;
    if (merged > LIMITS.mergedCells) {
      throw new Error(`${file}: ${part} merges more than ${count(LIMITS.mergedCells)} cells `
        + `(${ref}); unmerge them, then run again.`);
    }
    if (p && q) {
      merges.push(`${columnLetters(Math.min(p[1], q[1]))}${Math.min(p[0], q[0])}:`
        + `${columnLetters(Math.max(p[1], q[1]))}${Math.max(p[0], q[0])}`);
    }
  };

  await parsePart(ctx.pkg, part, {
    open(name, a) {
      switch (name) {
        case 'c': {
          const ref = a.r;
          if (ref !== undefined) {
            if (!readRef(ref)) throw notAsExcel(file);
            if (refRow !== 0 && refRow !== row) {
              rowLimit(refRow);
              rowDone();
              row = refRow;
              cells = undefined;
            }
            col = refCol;
          } else col++;
          colLimit(col);
          if (row === 0) row = 1;
          type = a.t;
          style = a.s === undefined ? 0 : parseInt(a.s, 10);
          v = undefined;
          f = undefined;
          isFormula = false;
          return;
        }
        case 'v':
          collect = 'v';
          return;
        case 't':
          if (phonetic === 0) collect = 't';
          return;
        case 'f':
          collect = 'f';
          isFormula ||= a.t === 'shared';
          if (a.t === 'shared' && a.si !== undefined) {
            if (a.ref !== undefined) shared.set(a.si, a1(row, col));
            else f = shared.get(a.si);
          }
          return;
        case 'rPh':
          phonetic++;
          return;
        case 'row': {
          const r = a.r === undefined ? row + 1 : Number(a.r);
          if (!Number.isInteger(r) || r < 1) throw notAsExcel(file);
          rowLimit(r);
          rowDone();
          row = r;
          col = 0;
          cells = undefined;
          return;
        }
        case 'mergeCell':
          mergeCell(a.ref);
          return;
        case 'tablePart': {
          const id = prefixed(a, 'id');
          if (id !== undefined) tableParts.push(id);
          return;
        }
        default:
      }
    },
    text(t) {
      if (collect === 'v' || collect === 't') v = v === undefined ? t : v + t;
      else if (collect === 'f') {
        f = f === undefined ? t : f + t;
        isFormula = true;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
        case 'f':
          collect = undefined;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c':
          closeCell();
          return;
        default:
      }
    },
  });
  rowDone();
  return { values, merges, tableParts };
}

/**
 * The workbook layer's shapes, shared by the .xlsx command line and the Excel add-in.
 * Pure data: a sheet is a 2-D array of cell values exactly as Office.js `Range.values` or an
 * .xlsx reader gives them (numbers, strings, booleans, "" or null for blank, "#REF!" for errors).
 * (Seeded by the engine work so both sides agree; src/workbook/ owns and may extend it.)
 */
import type { CellRef, CellValue, RawRow, RunResult, WorkbookInput, Warning } from '../engine/types';
import type { Decimal } from '../engine/money';

/** A sheet's used range. `values[0][0]` sits at 1-based (`top`, `left`); both default to 1. */
export interface SheetData {
  name: string;
  values: CellValue[][];
  top?: number;
  left?: number;
  /** Whether the user can see the sheet (default visible). */
  visibility?: 'visible' | 'hidden' | 'veryHidden';
  /** Merged areas as A1 ranges on the sheet, e.g. "C1:D1" (a header merged over two columns). */
  merges?: string[];
  /**
   * The sheet read as a table as it streamed (the command line): its data rows, made by TableRows
   * (rows.ts) from its header, which is then the last row `values` holds.
   */
  rows?: RawRow[];
}

/** An Excel table (ListObject): its name, sheet and values including the header row. */
export interface ListObjectData {
  name: string;
  sheet: string;
  /** 1-based sheet row and column of the header's first cell. */
  top: number;
  left: number;
  values: CellValue[][];
  /**
   * The data rows, already made by TableRows (rows.ts) from the header as the sheet streamed (the
   * command line); `values` then holds the header row only.
   */
  rows?: RawRow[];
}

/** What the reader found: the engine's input (with a locator for sheet/cell) and its own checks. */
export interface WorkbookRead {
  input: WorkbookInput;
  /** Report-block and reader warnings, each with sheet and cell. Also in `input.warnings`. */
  warnings: Warning[];
}

/** One output sheet, ready to write with one 2-D assignment. */
export interface OutputSheet {
  name: string;
  /** The whole block, row by row, starting at A1. Every row has the same length. */
  values: CellValue[][];
  /**
   * Excel number formats, same shape as `values` (null = General). Every text cell has "@" (text):
   * a writer stores it as text, never as a formula (Office.js: set `numberFormat` before `values`;
   * the .xlsx writer: a shared string), so user text such as `=HYPERLINK("x")` or `+44 1234` stays text.
   */
  numberFormats: (string | null)[][];
  /** Excel tables to create over parts of the block (A1 ranges, header row first). */
  tables: Array<{ name: string; range: string }>;
  /** Rows (1-based) to freeze at the top. */
  freezeRows?: number;
  /** Suggested column widths in characters, one per column. */
  columnWidths?: number[];
}

export type { CellRef, CellValue, RawRow, RunResult, WorkbookInput, Warning };

/** One amount cell of a report block: where it is, what it held, and its value. */
export interface BlockCell {
  /** A1 address on the block's sheet. */
  cell: string;
  raw: CellValue;
  /** The amount (a dash counts as 0); null when the cell is blank or unreadable. */
  value: Decimal | null;
  /** True when the cell holds text that is not a number (or an Excel error). */
  invalid: boolean;
}

/** One labelled row of a report block, with one cell per partner column (and the total column). */
export interface BlockRow {
  label: string;
  /** A1 address of the label cell. */
  labelCell: string;
  /** 1-based sheet row. */
  row: number;
  cells: BlockCell[];
  total?: BlockCell;
}

/**
 * A committee-report block (spec, "Report blocks"): a header row (pool, then partners), lines,
 * the `Gross ...` row, deductions (signed as printed), and the `Net ...` row.
 */
export interface ReportBlock {
  sheet: string;
  /** The header row's first cell as printed, e.g. "Pool 1: Adults with care and support needs". */
  title: string;
  titleCell: string;
  /** The pool it names: the title without a leading "Pool 1:" style prefix. */
  pool: string;
  /** Partner columns as headed. */
  partners: Array<{ name: string; cell: string }>;
  /** A `Total ...` column to the right of the partners, if the block has one. */
  totalColumn?: { name: string; cell: string };
  /** The units row's text ("£'000" or "£") and cell, if the block has one. */
  units?: { text: string; cell: string };
  lines: BlockRow[];
  gross: BlockRow;
  deductions: Array<BlockRow & { kind: 'income' | 'grant' }>;
  net: BlockRow;
  /** Sheet rows the block spans (1-based, inclusive). */
  top: number;
  bottom: number;
}

/**
 * A row for an engine table, with the workbook cell of each of its values (keyed by spec header);
 * the first entry of `cells` is where a warning about the row as a whole points.
 */
export interface LocatedRow {
  values: RawRow;
  cells: Record<string, CellRef>;
}

/** What one report block supplies to the engine's tables. */
export interface BlockTables {
  Partners: LocatedRow[];
  Pools: LocatedRow[];
  Contributions: LocatedRow[];
}

/**
 * The workbook layer's shapes, shared by the .xlsx command line and the Excel add-in.
 * Pure data: a sheet is a 2-D array of cell values exactly as Office.js `Range.values` or an
 * .xlsx reader gives them (numbers, strings, booleans, "" or null for blank, "#REF!" for errors).
 * (Seeded by the engine work so both sides agree; src/workbook/ owns and may extend it.)
 */
import type { CellValue, RunResult, WorkbookInput, Warning } from '../engine/types';

/** A sheet's used range. `values[0][0]` sits at 1-based (`top`, `left`); both default to 1. */
export interface SheetData {
  name: string;
  values: CellValue[][];
  top?: number;
  left?: number;
}

/** An Excel table (ListObject): its name, sheet and values including the header row. */
export interface ListObjectData {
  name: string;
  sheet: string;
  /** 1-based sheet row and column of the header's first cell. */
  top: number;
  left: number;
  values: CellValue[][];
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
  /** Excel number formats, same shape as `values` (null = General). */
  numberFormats: (string | null)[][];
  /** Excel tables to create over parts of the block (A1 ranges, header row first). */
  tables: Array<{ name: string; range: string }>;
  /** Rows (1-based) to freeze at the top. */
  freezeRows?: number;
}

export type { CellValue, RunResult, WorkbookInput, Warning };

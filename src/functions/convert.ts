/**
 * The one place where Excel's values meet the engine (custom functions and the HyperFormula
 * tests use it): 2-D ranges to table rows and exact numbers, and Decimal to a JavaScript number
 * once, on the way out. Pure: no Office, no DOM.
 *
 * Blank cells arrive as 0 on Excel desktop and as null on Excel on the web; both read as blank
 * wherever the spec expects text, and as 0 wherever it expects an amount (a blank optional
 * amount is 0 in the spec), so both hosts give the same answer.
 */
import type { CellValue, RawRow } from '../engine/types';
import { Decimal } from '../engine/money';
import { parseNumber } from '../engine/numbers';
import { TABLES, TABLE_NAMES, norm, type TableName } from '../engine/tables';

/** What a custom function receives for a range (any[][] in its JSDoc). */
export type Grid = unknown[][];

/** Bad input for a function: becomes #VALUE! with this message. */
export class InputProblem extends Error {}

/** An Excel error value as a function receives it (an Error-like object), shown as its code. */
function errorText(v: object): string {
  const o = v as { code?: unknown; errorCode?: unknown; message?: unknown };
  const code = o.code ?? o.errorCode;
  if (typeof code === 'string') return code.startsWith('#') ? code : `#${code}`;
  return '#VALUE!';
}

/** A cell as the engine takes it: errors become their text (so a message can name them). */
export function toCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'object') return errorText(v);
  return String(v);
}

/** Blank as either host sends it: null, undefined, "" or spaces, or desktop's 0. */
export function isBlankLike(v: unknown): boolean {
  return v === null || v === undefined || v === 0 || (typeof v === 'string' && v.trim() === '');
}

/** A range argument as a 2-D array (a single value arrives as a 1x1 range). Omitted: undefined. */
export function asGrid(v: unknown): Grid | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return v.map((r) => (Array.isArray(r) ? r : [r]));
  }
  return [[v]];
}

/** True when an optional range argument was left out or is entirely blank (null, "" or desktop's 0). */
export function omitted(v: unknown): boolean {
  const g = asGrid(v);
  return !g || g.every((r) => r.every(isBlankLike));
}

/** A1-style place of a cell inside an argument, for messages: "gross, row 2 column 3". */
export function where(arg: string, r: number, c: number, grid: Grid): string {
  if (grid.length === 1 && grid[0].length === 1) return arg;
  return `${arg}, row ${r + 1} column ${c + 1}`;
}

/** An exact number from a cell; blank (null or 0) is 0; text like "1,234" or "(5)" is read. */
export function amountOf(v: unknown, place: string): Decimal {
  if (typeof v === 'object' && v !== null) throw new InputProblem(`${place} is the error ${errorText(v)}`);
  const p = parseNumber(toCell(v));
  if (p.kind === 'blank') return new Decimal(0);
  if (p.kind === 'invalid') throw new InputProblem(`${place} is not a number: "${p.text}"`);
  return p.percent ? p.value.div(100) : p.value;
}

/** Every cell of a grid as an exact number, same shape. */
export function amounts(grid: Grid, arg: string): Decimal[][] {
  return grid.map((row, r) => row.map((v, c) => amountOf(v, where(arg, r, c, grid))));
}

/** A single value: the one cell of a 1x1 range, or a scalar. */
export function single(v: unknown, arg: string): unknown {
  const g = asGrid(v);
  if (!g) return null;
  if (g.length !== 1 || g[0].length !== 1) throw new InputProblem(`${arg} must be a single cell, not a ${g.length}x${g[0].length} range`);
  return g[0][0];
}

/** Optional text argument (blank as null or 0 is omitted). */
export function textOf(v: unknown, arg: string): string | null {
  const x = single(v, arg);
  if (isBlankLike(x)) return null;
  if (typeof x === 'object') throw new InputProblem(`${arg} is the error ${errorText(x as object)}`);
  return String(x).trim();
}

/** Decimal to a JavaScript number, once, at Excel's edge. */
export function toNumber(d: Decimal | string): number {
  return typeof d === 'string' ? Number(d) : d.toNumber();
}

/** The spec's name for a table ("riskshare" -> "RiskShare"), or null. */
export function specTableName(name: string): TableName | null {
  return TABLE_NAMES.find((t) => norm(t) === norm(name)) ?? null;
}

/**
 * How a blank cell reads in each column of a spec table, the same on both hosts: where the spec
 * wants text, or where blank differs from 0 (`Cap`: no cap; `To`: no upper bound; `Percent`:
 * none), a desktop 0 is blank; where it wants a required amount (`Gross`, `Planned`, `Amount`),
 * a web null is 0, as desktop cannot tell it from 0. Other amounts: blank is 0 in the engine.
 */
const ZERO_IS_BLANK = new Set(['cap', 'to', 'percent']);
type BlankRule = 'null' | 'zero' | 'keep';
function blankRules(table: TableName | null, headers: string[]): BlankRule[] {
  if (!table) return headers.map(() => 'keep');
  const cols = new Map(TABLES[table].columns.map((c) => [norm(c.header), c] as const));
  return headers.map((h) => {
    const c = cols.get(norm(h));
    if (!c) return 'keep';
    if (c.kind === 'text' || c.kind === 'any' || ZERO_IS_BLANK.has(norm(h))) return 'null';
    return c.required ? 'zero' : 'keep';
  });
}

/**
 * A range whose first row is the header to the engine's rows (one object per data row, keyed by
 * header as typed). Rows that are wholly blank (null or desktop 0) become all-null rows, so the
 * engine skips them and still counts them: row numbers in messages match the range.
 */
export function tableRows(v: unknown, table: string, arg: string): RawRow[] {
  const grid = asGrid(v);
  if (!grid) throw new InputProblem(`${arg}: the ${table} range is empty`);
  const headers = grid[0].map((h) => (isBlankLike(h) ? '' : String(toCell(h)).trim()));
  if (headers.every((h) => h === '')) throw new InputProblem(`${arg}: the first row of the ${table} range must hold its headers`);
  const rules = blankRules(specTableName(table), headers);
  const rows: RawRow[] = [];
  for (const line of grid.slice(1)) {
    const row: RawRow = {};
    const blank = line.every(isBlankLike);
    headers.forEach((h, i) => {
      if (h === '') return;
      const v = line[i];
      if (blank) row[h] = null;
      else if (rules[i] === 'null' && isBlankLike(v)) row[h] = null;
      else if (rules[i] === 'zero' && isBlankLike(v)) row[h] = 0;
      else row[h] = toCell(v);
    });
    rows.push(row);
  }
  return rows;
}

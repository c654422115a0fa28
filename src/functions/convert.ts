/**
 * The one place where Excel's values meet the engine (custom functions and the HyperFormula
 * tests use it): 2-D ranges to table rows and exact numbers, and Decimal to a JavaScript number
 * once, on the way out. Pure: no Office, no DOM.
 *
 * An empty cell of a range arrives as null on Excel on the web (and on desktop builds with
 * Microsoft's fix) but as 0 on older desktop builds (office-js issues 4702, 5262), where a
 * function cannot tell it from a typed 0. A 0 is a value (spec, Readings decided 10): see
 * tableRows for how a table is read either way, never guessing.
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

/** Blank as either host may send it where blank and 0 mean the same: null, undefined, "" or spaces, or 0. */
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

/** Money to split: an exact number in whole pennies (of the unit); a fraction of a penny is refused. */
export function moneyOf(v: unknown, place: string): Decimal {
  const d = amountOf(v, place);
  if (d.decimalPlaces() > 2) {
    const round = 'round it to 2 decimals first, e.g. =ROUND(A1, 2)';
    throw new InputProblem(`${place} ${d.toString()} has a fraction of a penny: ${round}`);
  }
  return d;
}

/** Every cell of a grid as an exact number, same shape. */
export function amounts(grid: Grid, arg: string): Decimal[][] {
  return grid.map((row, r) => row.map((v, c) => amountOf(v, where(arg, r, c, grid))));
}

/** A single value: the one cell of a 1x1 range, or a scalar. */
export function single(v: unknown, arg: string): unknown {
  const g = asGrid(v);
  if (!g) return null;
  if (g.length !== 1 || g[0].length !== 1) {
    throw new InputProblem(`${arg} must be a single cell, not a ${g.length}x${g[0].length} range`);
  }
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


/** Excel on the web, as its runtime says (Office.context, only inside Office): it passes an empty cell as null. */
function onTheWeb(): boolean {
  try {
    type Ctx = { platform?: unknown; diagnostics?: { platform?: unknown } };
    const ctx = (globalThis as { Office?: { context?: Ctx } }).Office?.context;
    return (ctx?.diagnostics?.platform ?? ctx?.platform) === 'OfficeOnline';
  } catch {
    return false;
  }
}

/**
 * True when an empty cell of a range arrives as null in this call: on Excel on the web, or when
 * a cell of a range arrived as null (desktop builds that pass null). Older desktop builds pass an
 * empty cell of a range as 0, so there a call with no null anywhere cannot tell it from a 0.
 */
export function emptyArrivesAsNull(...args: unknown[]): boolean {
  if (onTheWeb()) return true;
  for (const a of args) {
    if (!Array.isArray(a)) continue;
    for (const r of a) {
      if (Array.isArray(r) ? r.some((v) => v === null || v === undefined) : r === null || r === undefined) return true;
    }
  }
  return false;
}

/** Text that is blank as either host sends it: null, undefined, "" or spaces. */
function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/**
 * A range whose first row is the header to the engine's rows (one object per data row, keyed by
 * header as typed); the header must hold the spec table's required columns. A cell that is null,
 * "" or spaces is blank; a 0 is the value 0 (spec, Readings decided 10), except where this call
 * cannot tell a 0 from an empty cell (`nullSeen` false: see emptyArrivesAsNull): in text columns
 * and where blank means 0 anyway it reads as blank, and elsewhere it is refused in words rather
 * than guessed. Wholly blank rows become all-null rows, so the engine skips them and still counts
 * them: row numbers in messages match the range.
 */
export function tableRows(v: unknown, table: TableName, arg: string, nullSeen: boolean): RawRow[] {
  const grid = asGrid(v);
  const required = TABLES[table].columns.filter((c) => c.required).map((c) => c.header);
  const need = `the first row of ${arg} must be the ${table} header row, with at least ${required.join(', ')}`;
  if (!grid) throw new InputProblem(`${arg} is empty: ${need}`);
  const headers = grid[0].map((h) => (isBlankLike(h) ? '' : String(toCell(h)).trim()));
  const missing = required.filter((c) => !headers.some((h) => norm(h) === norm(c)));
  if (missing.length > 0) {
    const seen = headers.filter((h) => h !== '').slice(0, 4).map((h) => `"${h}"`).join(', ');
    const first = seen ? `its first row: ${seen}` : 'a blank first row';
    throw new InputProblem(`${need} (no ${missing.join(', ')} in ${first})`);
  }
  const cols = new Map(TABLES[table].columns.map((c) => [norm(c.header), c] as const));
  const kinds = headers.map((h) => {
    const c = cols.get(norm(h));
    if (!c || c.kind === 'text' || c.kind === 'any') return 'text';
    // An empty cell and a 0 mean the same only where the rules read a blank as 0 (the engine says which).
    return c.blankIsZero ? 'zero' : 'amount';
  });
  const rows: RawRow[] = [];
  grid.slice(1).forEach((line, r) => {
    const row: RawRow = {};
    const blank = line.every(nullSeen ? isEmpty : isBlankLike);
    headers.forEach((h, i) => {
      if (h === '') return;
      const x = line[i];
      if (blank || isEmpty(x)) row[h] = null;
      else if (x !== 0 || nullSeen || kinds[i] === 'zero') row[h] = toCell(x);
      else if (kinds[i] === 'text') row[h] = null;
      else {
        throw new InputProblem(
          `${arg}, ${table} row ${r + 1} ${h}: 0, or an empty cell (this Excel passes both as 0)? ` +
            `Type '0 (0 as text) if you mean 0, or put ="" in the cell if you mean blank.`,
        );
      }
    });
    rows.push(row);
  });
  return rows;
}

/**
 * The input tables (spec, "Input tables"): their columns, and reading raw rows into typed rows.
 * Header names match case-insensitively and ignoring surrounding spaces; columns may come in any
 * order; extra columns are ignored; a row whose cells are all blank is skipped. Every bad cell
 * becomes a warning naming its table, row and column; nothing throws.
 */
import type { CellRef, CellValue, RawRow, WorkbookInput } from './types';
import { Decimal, ZERO, groupMoney } from './money';
import { isBlank, isDash, parseNumber, show } from './numbers';
import { Warnings, place } from './warnings';

type ColumnKind = 'text' | 'amount' | 'percent' | 'any';

interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  required?: boolean;
  /**
   * An optional amount whose blank the rules read as 0 (spec: "A blank optional amount is 0"), so
   * an empty cell and a 0 mean the same. In every other amount column a blank means something else
   * (Cap: no cap; Percent: none; From/To: not a band, no upper bound; Forecast: not forecast; Net:
   * nothing to check; Gross, Planned, Amount: a required cell left blank), so a 0 there is a real 0
   * ("Readings decided" 10). Said here once; the POOL functions read it (src/functions/convert.ts).
   */
  blankIsZero?: boolean;
}

export const TABLES = {
  Partners: { required: true, columns: [c('Partner', 'text', true), c('Name', 'text')] },
  Pools: {
    required: true,
    columns: [
      c('Pool', 'text', true), c('Kind', 'text'), c('Host', 'text'), c('Method', 'text'),
      z('Reserve'), c('Underspend', 'text'), c('Basis', 'text'), c('Name', 'text'),
    ],
  },
  Lines: {
    required: true,
    columns: [c('Pool', 'text', true), c('Line', 'text', true), c('Lead', 'text'), c('Forecast', 'amount')],
  },
  Contributions: {
    required: true,
    columns: [
      c('Pool', 'text', true), c('Line', 'text', true), c('Partner', 'text', true), c('Gross', 'amount', true),
      z('Income'), z('Grant'), c('Net', 'amount'), z('Spend'),
    ],
  },
  RiskShare: {
    required: false,
    columns: [
      c('Pool', 'text', true), c('Partner', 'text'), c('Percent', 'percent'), c('Cap', 'amount'),
      c('From', 'amount'), c('To', 'amount'), c('Band method', 'text'),
    ],
  },
  Savings: {
    required: false,
    columns: [
      c('Pool', 'text', true), c('Line', 'text', true), c('Partner', 'text', true), c('Planned', 'amount', true),
      z('Delivered'), c('Agreed', 'any'), c('Period', 'any'), c('Saving', 'text'),
    ],
  },
  Payments: {
    required: false,
    columns: [
      c('Pool', 'text', true), c('Partner', 'text', true), c('Date', 'any'), c('Period', 'any'),
      c('Amount', 'amount', true),
    ],
  },
  Settings: { required: false, columns: [c('Setting', 'text', true), c('Value', 'any', true)] },
  // In-year monitoring (monitoring.md): a line's (aligned: a partner's) forecast as at a period.
  Forecasts: {
    required: false,
    columns: [
      c('Pool', 'text', true), c('Line', 'text', true), c('Period', 'any', true), c('Forecast', 'amount'),
      c('Partner', 'text'), c('Spend', 'amount'),
    ],
  },
} satisfies Record<string, { required: boolean; columns: ColumnSpec[] }>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

function c(header: string, kind: ColumnKind, required = false): ColumnSpec {
  return { header, kind, required };
}

/** An optional amount whose blank is 0 (ColumnSpec.blankIsZero). */
function z(header: string): ColumnSpec {
  return { header, kind: 'amount', required: false, blankIsZero: true };
}

/** How headers and table names are compared: case-insensitive, outer spaces ignored. */
export function norm(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** One readable row: its 1-based data row number, its parsed values by the spec's header (text
 * trimmed, amounts as Decimal, blank or bad as null), its `any` cells as typed, and whether a cell was bad. */
export interface Row {
  row: number;
  values: Record<string, string | Decimal | null>;
  /**
   * The cells of the table's `any` columns as the user typed them (a boolean Agreed, a date serial
   * Period), by spec header; read with rawValue. Only these are kept, so that the input's raw rows
   * are not held by the typed rows (a table with no `any` column shares one empty object).
   */
  asTyped: Record<string, CellValue>;
  /** A percent was typed as text with a % sign. */
  percentText: boolean;
  bad: boolean;
}

export interface Table {
  name: TableName;
  present: boolean;
  /** Spec header -> header as typed in the input (for messages and the locator). */
  typed: Record<string, string>;
  /** False when a required column is missing: the table cannot be used. */
  usable: boolean;
  rows: Row[];
}

/** The raw rows of a table, found by name case-insensitively. */
function findRaw(input: WorkbookInput, name: string): RawRow[] | undefined {
  const want = norm(name);
  for (const [k, v] of Object.entries(input.tables ?? {})) if (norm(k) === want) return Array.isArray(v) ? v : [];
  return undefined;
}

/** The first non-blank text cell of a row for the pool column, for attributing a bad row to its pool. */
function poolOf(v: CellValue): string | undefined {
  return isBlank(v) || isDash(v) ? undefined : String(v).trim();
}

/** The key columns a total row is labelled in (docs/rules.md, "Readings decided" 14). */
const KEYS = ['Pool', 'Line', 'Partner'];
// Total, Totals, Sub-total, Subtotal, Sub total, Grand total, and a name then "total" ("Pool 1 total");
// not "Subtotals", which is a name.
const TOTAL_LABEL = /^(?:(?:.*\s)?(?:sub-?\s?|grand\s+)?total|totals)\s*:?$/i;
/** "total" in any case, as /total/i finds it (ASCII letters only), with no regular expression run on every name. */
export function hasTotal(v: string): boolean {
  // c | 32 is the lower case of an ASCII letter; of no other character is it t, o, a or l.
  for (let i = v.length - 5; i >= 0; i--) {
    if ((v.charCodeAt(i) | 32) === 116 && (v.charCodeAt(i + 1) | 32) === 111 && (v.charCodeAt(i + 2) | 32) === 116
      && (v.charCodeAt(i + 3) | 32) === 97 && (v.charCodeAt(i + 4) | 32) === 108) return true;
  }
  return false;
}
/** An Excel error as a cell's text: #REF!, #N/A, #DIV/0!, #VALUE!... */
const EXCEL_ERROR = /^#[A-Z0-9/!?]+[!?]?$/i;

/**
 * The key cell of a raw row that reads Total, Sub-total, Subtotal or Grand total, if any; `keys` are the
 * table's key columns (KEYS) as typed, looked up once per table.
 */
function totalLabel(
  raw: RawRow, keys: Array<{ header: string; key: string }>,
): { header: string; label: string } | undefined {
  for (const { header, key } of keys) {
    const v = raw[key];
    // Every label holds "total": that plain search first spares the full pattern on each name.
    if (typeof v === 'string' && hasTotal(v) && TOTAL_LABEL.test(v.trim())) return { header, label: v.trim() };
  }
  return undefined;
}

type BadCode = 'BLANK_REQUIRED' | 'NOT_A_NUMBER' | 'INVALID_VALUE';

/** Reads one spec table; warnings are reported under its canonical spec name. */
export function readTable(input: WorkbookInput, name: TableName, warnings: Warnings, consume = false): Table {
  const spec = TABLES[name];
  const raw = findRaw(input, name);
  const table: Table = { name, present: raw !== undefined, typed: {}, usable: true, rows: [] };
  if (raw === undefined) {
    if (spec.required) {
      const needed = spec.columns.filter((x) => x.required).map((x) => x.header).join(', ');
      warnings.add('MISSING_TABLE', `The required table ${name} is missing: add a table (or sheet) named ${name} `
        + `with the columns ${needed}.`, { table: name });
      table.usable = false;
    }
    return table;
  }
  // Map typed headers to the spec's, over every row (a JSON row may omit a key).
  const byNorm = new Map(spec.columns.map((col) => [norm(col.header), col.header]));
  const seen = new Set<string>();
  for (const r of raw) {
    if (r === null || typeof r !== 'object') continue;
    for (const key in r) {
      if (seen.has(key)) continue;
      seen.add(key);
      const header = byNorm.get(norm(key));
      if (header && !(header in table.typed)) table.typed[header] = key;
    }
  }
  if (raw.length > 0) missingColumns(input, table, [...seen], warnings);
  if (!table.usable) return table;
  // Required columns are all present here (else MISSING_COLUMN above); absent optional ones are blank.
  const keyed = spec.columns.map((col) => ({ ...col, key: table.typed[col.header] }))
    .filter((col) => col.key !== undefined);
  // Per table, not per row: the key columns a total row is labelled in (none in Settings), and Pool's.
  const labelled = name === 'Settings' ? []
    : KEYS.flatMap((header) => (table.typed[header] === undefined ? [] : [{ header, key: table.typed[header] }]));
  const poolKey = name === 'Partners' || name === 'Settings' ? undefined : table.typed.Pool;
  const asTyped = keyed.filter((col) => col.kind === 'any');
  const blankValues: Row['values'] = {};
  for (const col of keyed) blankValues[col.header] = null;
  /** A cell the rules cannot use: its warning, and the row marked bad with the cell blank. */
  const refuse = (row: Row, pool: string | undefined, col: ColumnSpec & { key?: string }, code: BadCode,
    message: string) => {
    const where = { table: name, row: row.row, column: col.header, typedColumn: col.key, pool };
    warnings.add(code, `${place(where)}${message}`, where);
    row.bad = true;
    row.values[col.header] = null;
  };
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i];
    // An input handed over (runHanded) gives up each raw row as it is read, so that a million raw rows
    // and their typed rows are not all held at once.
    if (consume) (raw as unknown[])[i] = undefined;
    const rowNo = i + 1;
    if (r === null || typeof r !== 'object') continue;
    // A row is blank when every cell is: its typed columns are looked at first, as they are what it mostly holds.
    let blank = true;
    for (const col of keyed) if (!isBlank(r[col.key!])) { blank = false; break; }
    if (blank) for (const k in r) if (!isBlank(r[k])) { blank = false; break; }
    if (blank) continue;
    const pool = poolKey === undefined ? undefined : poolOf(r[poolKey]);
    const total = totalLabel(r, labelled);
    if (total) {
      const where = { table: name, row: rowNo, column: total.header, typedColumn: table.typed[total.header],
        pool: total.header === 'Pool' ? undefined : pool };
      warnings.add('TOTAL_ROW', `${place(where)}: the row is labelled ${show(total.label)}, so it is read as a total, `
        + 'not data, and skipped.', where);
      continue;
    }
    // Each row's values start as a copy of one blank row (one object of its size); its cells are then set.
    const row: Row = { row: rowNo, values: { ...blankValues }, asTyped: NONE_TYPED, percentText: false, bad: false };
    if (asTyped.length > 0) {
      row.asTyped = {};
      for (const col of asTyped) row.asTyped[col.header] = r[col.key!] ?? null;
    }
    for (const col of keyed) {
      const v = r[col.key!];
      if (v === 0) {
        row.values[col.header] = col.kind === 'amount' || col.kind === 'percent' ? ZERO : '0';
      } else if (typeof v === 'number' && !Number.isFinite(v)) {
        refuse(row, pool, col, 'INVALID_VALUE', `: the number ${TOO_LARGE}`);
      } else if (isBlank(v) || (col.kind === 'text' && isDash(v))) {
        if (col.required) refuse(row, pool, col, 'BLANK_REQUIRED', ` is blank: ${col.header} is required; fill it in.`);
        else row.values[col.header] = null;
      } else if (col.kind === 'amount' || col.kind === 'percent') {
        const p = parseNumber(v);
        const money = col.kind === 'amount';
        if (p.kind !== 'number') {
          const why = (p.kind === 'invalid' && p.why) || 'is not a number';
          refuse(row, pool, col, 'NOT_A_NUMBER', `: ${show(v)} ${why}; ${AMOUNT_HINT}`);
        } else if (p.value.e >= (money ? AMOUNT_EXPONENT : LIMIT_EXPONENT)) {
          refuse(row, pool, col, 'INVALID_VALUE', `: ${show(v)} ${money ? AMOUNT_TOO_LARGE : TOO_LARGE}`);
        } else if (p.percent && money) {
          // A percent is not money: "5%" read as £5 would be silently wrong.
          refuse(row, pool, col, 'INVALID_VALUE', `: ${show(v)} is a percent, but ${col.header} is an amount of money; `
            + 'type the amount (work it out from the percent if that is what was agreed).');
        } else {
          row.values[col.header] = p.value;
          if (p.percent) row.percentText = true;
        }
      } else if (typeof v === 'string' && v.length <= 12 && v.includes('#') && EXCEL_ERROR.test(v.trim())) {
        refuse(row, pool, col, 'INVALID_VALUE',
          ` holds the Excel error ${v.trim()}: correct the formula or type the value.`);
      } else {
        row.values[col.header] = typeof v === 'string' ? v.trim() : String(v);
      }
    }
    table.rows.push(row);
  }
  return table;
}

/**
 * MISSING_COLUMN, one per required column absent: names the table, the headers found and, when
 * the input has a locator, the sheet and cell of the header row (row 0). The table is then unusable.
 */
function missingColumns(input: WorkbookInput, table: Table, found: string[], warnings: Warnings): void {
  const name = table.name;
  const shown = found.filter((h) => h.trim() !== '').slice(0, 20).map((h) => show(h.slice(0, 40)));
  const more = found.length > 20 ? ', ...' : '';
  const headers = shown.length === 0 ? 'no headers' : `the headers ${shown.join(', ')}${more}`;
  for (const col of TABLES[name].columns) {
    if (!col.required || col.header in table.typed) continue;
    let ref: CellRef | undefined;
    try {
      ref = input.locate?.(name, 0, found[0]);
    } catch {
      ref = undefined;
    }
    const at = ref ? ` (header row at ${ref.sheet}!${ref.cell})` : '';
    const w = warnings.add('MISSING_COLUMN', `Table ${name} has no ${col.header} column${at}: it has ${headers}; `
      + `add a column headed ${col.header}.`, { table: name, column: col.header });
    if (ref) Object.assign(w, ref);
    table.usable = false;
  }
}

/**
 * Reads every spec table. With `consume` (an input handed over to runHanded, and only then) each raw
 * row is taken out of the input as it is read: the input's tables are left empty.
 */
export function readTables(input: WorkbookInput, warnings: Warnings, consume = false): Record<TableName, Table> {
  const out = {} as Record<TableName, Table>;
  for (const name of TABLE_NAMES) out[name] = readTable(input, name, warnings, consume);
  return out;
}

/** Amounts of 1e15 or more are not money (Excel keeps 15 significant digits); nor is 1e400 (Infinity). */
const LIMIT_EXPONENT = 15;
const TOO_LARGE = 'is too large for an amount (Excel keeps 15 digits); check the figure.';
/** An amount of £10 trillion or more has 16 digits with its pennies: Excel cannot hold it to the penny. */
const AMOUNT_EXPONENT = 13;
const AMOUNT_TOO_LARGE = 'is £10 trillion or more, too large for Excel to hold to the penny (it keeps 15 digits); '
  + 'check the figure.';
const AMOUNT_HINT = 'type an amount such as 1,234.50 (or - for zero).';

export function text(row: Row, header: string): string | null {
  const v = row.values[header];
  return typeof v === 'string' ? v : null;
}

export function amount(row: Row, header: string): Decimal | null {
  const v = row.values[header];
  return v !== null && typeof v === 'object' ? v : null;
}

/** No `any` column: every row of such a table shares this. */
const NONE_TYPED: Record<string, CellValue> = Object.freeze({});

/**
 * The cell of an `any` column as the user typed it (before parsing), e.g. a boolean Agreed; null when
 * blank or when the table has no such column. Only `any` columns are kept as typed (Row.asTyped).
 */
export function rawValue(row: Row, header: string): CellValue {
  return row.asTyped[header] ?? null;
}


export { groupMoney };

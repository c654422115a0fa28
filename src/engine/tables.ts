/**
 * The input tables (spec, "Input tables"): their columns, and reading raw rows into typed rows.
 * Header names match case-insensitively and ignoring surrounding spaces; columns may come in any
 * order; extra columns are ignored; a row whose cells are all blank is skipped. Every bad cell
 * becomes a warning naming its table, row and column; nothing throws.
 */
import type { CellValue, RawRow, WorkbookInput } from './types';
import { Decimal, groupMoney } from './money';
import { isBlank, parseNumber, show } from './numbers';
import { Warnings, place } from './warnings';

type ColumnKind = 'text' | 'amount' | 'percent' | 'any';

interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  required?: boolean;
}

export const TABLES = {
  Partners: { required: true, columns: [c('Partner', 'text', true), c('Name', 'text')] },
  Pools: {
    required: true,
    columns: [
      c('Pool', 'text', true), c('Kind', 'text'), c('Host', 'text'), c('Method', 'text'),
      c('Reserve', 'amount'), c('Underspend', 'text'), c('Basis', 'text'),
    ],
  },
  Lines: { required: true, columns: [c('Pool', 'text', true), c('Line', 'text', true), c('Lead', 'text'), c('Forecast', 'amount')] },
  Contributions: {
    required: true,
    columns: [
      c('Pool', 'text', true), c('Line', 'text', true), c('Partner', 'text', true), c('Gross', 'amount', true),
      c('Income', 'amount'), c('Grant', 'amount'), c('Net', 'amount'), c('Spend', 'amount'),
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
      c('Delivered', 'amount'), c('Agreed', 'any'),
    ],
  },
  Payments: {
    required: false,
    columns: [c('Pool', 'text', true), c('Partner', 'text', true), c('Date', 'any'), c('Period', 'any'), c('Amount', 'amount', true)],
  },
  Settings: { required: false, columns: [c('Setting', 'text', true), c('Value', 'any', true)] },
} satisfies Record<string, { required: boolean; columns: ColumnSpec[] }>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

function c(header: string, kind: ColumnKind, required = false): ColumnSpec {
  return { header, kind, required };
}

/** How headers and table names are compared: case-insensitive, outer spaces ignored. */
export function norm(s: string): string {
  return s.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** A cell's value after parsing: text trimmed, amounts as Decimal, blank as null. */
export type Cell = { text: string | null; amount: Decimal | null; percentText: boolean; raw: CellValue };

/** One readable row: its 1-based data row number, its cells by the spec's header, and whether a cell was bad. */
export interface Row {
  row: number;
  cells: Record<string, Cell>;
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
  for (const [k, v] of Object.entries(input.tables ?? {})) if (norm(k) === want) return v;
  return undefined;
}

/** The first non-blank text cell of a row for the pool column, for attributing a bad row to its pool. */
function poolOf(raw: RawRow, typed: Record<string, string>): string | undefined {
  const key = typed.Pool;
  if (!key) return undefined;
  const v = raw[key];
  return isBlank(v) ? undefined : String(v).trim();
}

/** The name under which warnings are reported for a table (its canonical spec name). */
export function readTable(input: WorkbookInput, name: TableName, warnings: Warnings): Table {
  const spec = TABLES[name];
  const raw = findRaw(input, name);
  const table: Table = { name, present: raw !== undefined, typed: {}, usable: true, rows: [] };
  if (raw === undefined) {
    if (spec.required) {
      warnings.add('MISSING_TABLE', `The required table ${name} is missing: add a table (or sheet) named ${name} with the columns ${spec.columns.filter((x) => x.required).map((x) => x.header).join(', ')}.`, { table: name });
      table.usable = false;
    }
    return table;
  }
  // Map typed headers to the spec's, over every row (a JSON row may omit a key).
  const byNorm = new Map(spec.columns.map((col) => [norm(col.header), col.header]));
  for (const r of raw) {
    if (r === null || typeof r !== 'object') continue;
    for (const key of Object.keys(r)) {
      const header = byNorm.get(norm(key));
      if (header && !(header in table.typed)) table.typed[header] = key;
    }
  }
  if (raw.length > 0) {
    for (const col of spec.columns) {
      if (col.required && !(col.header in table.typed)) {
        warnings.add('MISSING_COLUMN', `Table ${name} has no ${col.header} column: add a column headed ${col.header}.`, { table: name, column: col.header });
        table.usable = false;
      }
    }
  }
  if (!table.usable) return table;
  // Required columns are all present here (else MISSING_COLUMN above); absent optional ones are blank.
  const keyed = spec.columns.map((col) => ({ ...col, key: table.typed[col.header] })).filter((col) => col.key !== undefined);
  raw.forEach((r, i) => {
    const rowNo = i + 1;
    if (r === null || typeof r !== 'object') return;
    let blank = true;
    for (const k in r) if (!isBlank(r[k])) { blank = false; break; }
    if (blank) return;
    const row: Row = { row: rowNo, cells: {}, bad: false };
    const pool = name === 'Partners' || name === 'Settings' ? undefined : poolOf(r, table.typed);
    const where = (col: ColumnSpec & { key?: string }) => ({ table: name, row: rowNo, column: col.header, typedColumn: col.key, pool });
    for (const col of keyed) {
      const v = r[col.key!];
      if (isBlank(v)) {
        if (col.required) {
          warnings.add('BLANK_REQUIRED', `${place(where(col))} is blank: ${col.header} is required; fill it in.`, where(col));
          row.bad = true;
        }
        row.cells[col.header] = { text: null, amount: null, percentText: false, raw: v };
        continue;
      }
      if (col.kind === 'amount' || col.kind === 'percent') {
        const p = parseNumber(v);
        if (p.kind !== 'number') {
          warnings.add('NOT_A_NUMBER', `${place(where(col))}: ${show(v)} is not a number; type an amount such as 1,234.50.`, where(col));
          row.bad = true;
          row.cells[col.header] = { text: null, amount: null, percentText: false, raw: v };
        } else if (p.value.abs().greaterThanOrEqualTo(LIMIT)) {
          warnings.add('INVALID_VALUE', `${place(where(col))}: ${show(v)} is too large for an amount (Excel keeps 15 digits); check the figure.`, where(col));
          row.bad = true;
          row.cells[col.header] = { text: null, amount: null, percentText: false, raw: v };
        } else {
          row.cells[col.header] = { text: null, amount: p.value, percentText: !!p.percent, raw: v };
        }
        continue;
      }
      if (typeof v === 'string' && v.length <= 12 && /^#[A-Z0-9/!?]+[!?]?$/i.test(v.trim())) {
        warnings.add('INVALID_VALUE', `${place(where(col))} holds the Excel error ${v.trim()}: correct the formula or type the value.`, where(col));
        row.bad = true;
        row.cells[col.header] = { text: null, amount: null, percentText: false, raw: v };
        continue;
      }
      row.cells[col.header] = { text: String(v).trim(), amount: null, percentText: false, raw: v };
    }
    table.rows.push(row);
  });
  return table;
}

/** Reads every spec table. */
export function readTables(input: WorkbookInput, warnings: Warnings): Record<TableName, Table> {
  const out = {} as Record<TableName, Table>;
  for (const name of TABLE_NAMES) out[name] = readTable(input, name, warnings);
  return out;
}

/** Amounts at or above this are not money (Excel keeps 15 significant digits). */
const LIMIT = new Decimal('1e15');

export function text(row: Row, header: string): string | null {
  return row.cells[header]?.text ?? null;
}

export function amount(row: Row, header: string): Decimal | null {
  return row.cells[header]?.amount ?? null;
}

/** The header as the user typed it, for messages. */
export function typedHeader(t: Table, header: string): string {
  return t.typed[header] ?? header;
}

export { groupMoney };

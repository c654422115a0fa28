/**
 * The engine's public shapes: what goes in (the spec's tables as raw cell values), what comes
 * out (the result contract of docs/rules.md, amounts as strings), and warnings.
 * Pure data: no Office, no files, no DOM.
 */

/** A cell value as a workbook or JSON holds it. Blank is null, undefined or "". */
export type CellValue = number | string | boolean | null | undefined;

/** One table row: header (as typed by the user) -> cell value. */
export type RawRow = Record<string, CellValue>;

/** Where a table's value sits in a workbook, so warnings can carry `sheet` and `cell`. */
export interface CellRef {
  sheet: string;
  /** A1 address, e.g. "B21". */
  cell: string;
}

/**
 * Locates a table cell in the user's workbook. `row` is the 1-based data row (header excluded,
 * blank rows counted); `column` is the header as typed in the input, or undefined for the row as
 * a whole (the locator then returns the row's first cell). Row 0 is the header row.
 */
export type Locator = (table: string, row: number, column?: string) => CellRef | undefined;

/** The JSON form of a workbook: `{ "tables": { "Partners": [ {...}, ... ], ... } }`. */
export interface WorkbookInput {
  tables: Record<string, RawRow[]>;
  /** Optional: maps table cells to workbook cells (the .xlsx reader and the add-in set it). */
  locate?: Locator;
  /** Optional: warnings already found by the reader (e.g. report-block checks), merged in. */
  warnings?: Warning[];
}

export type Severity = 'error' | 'warning' | 'info';

export type WarningCode =
  | 'MISSING_TABLE'
  | 'MISSING_COLUMN'
  | 'NOT_A_NUMBER'
  | 'BLANK_REQUIRED'
  | 'BLANK_AS_ZERO'
  | 'INVALID_VALUE'
  | 'UNKNOWN_PARTNER'
  | 'UNKNOWN_POOL'
  | 'UNKNOWN_LINE'
  | 'UNKNOWN_SETTING'
  | 'DUPLICATE_ROW'
  | 'NET_MISMATCH'
  | 'TOTAL_MISMATCH'
  | 'PERCENT_TOTAL'
  | 'BAND_GAP'
  | 'BAND_OVERLAP'
  | 'NO_HOST'
  | 'HOST_NOT_PARTNER'
  | 'NO_LEAD'
  | 'NO_BASIS'
  | 'ALIGNED_RESERVE'
  | 'SPEND_MISMATCH'
  | 'CAP_UNALLOCATED'
  | 'NEGATIVE_NET'
  | 'INCOME_EXCEEDS_GROSS'
  | 'OVERPAID'
  | 'IGNORED_ROW'
  | 'VARIANCE_OVER_MATERIALITY'
  | 'UNAGREED_SAVINGS'
  | 'AMBIGUOUS_TABLE'
  | 'AMBIGUOUS_SAVING'
  | 'OPTION_CONFLICT'
  | 'UNKNOWN_OPTION_POOL'
  | 'RESERVED_NAME'
  | 'SIGN_READ'
  | 'UNITS_SUSPECT'
  | 'TOTAL_ROW'
  | 'PERIOD_OUTSIDE_YEAR'
  | 'ON_BUDGET_ASSUMED'
  | 'VARIANCE_MOVED'
  | 'TEXT_CUT'
  | 'SOURCE_NOTE'
  | 'MERGED_HEADER';

export interface Warning {
  code: WarningCode;
  severity: Severity;
  message: string;
  table?: string;
  /** 1-based data row of the table (header excluded). */
  row?: number;
  column?: string;
  /** The pool the warning belongs to, when it belongs to one (an error there stops that pool). */
  pool?: string;
  sheet?: string;
  cell?: string;
}

/** The netting modes (the `Netting` setting's values and the command line's `--netting`), in the order listed. */
export const NETTING_MODES = ['multilateral', 'bilateral', 'gross', 'routes'] as const;
export type NettingMode = (typeof NETTING_MODES)[number];
export type Frequency = 'monthly' | 'quarterly';
export type Units = '£' | "£'000";
export type PoolKind = 'pooled' | 'aligned';
export type Method = 'proportional' | 'fixed' | 'lead' | 'banded';
export type UnderspendRule = 'share' | 'return' | 'reserve';
export type Basis = 'net' | 'gross';

export interface RunOptions {
  /** Overrides the `Netting` setting (the command line's --netting). */
  netting?: NettingMode;
  /** `YYYY-MM`: statements as at the end of this month (yearend.md: in-year statements); default the year end. */
  period?: string;
  /** "Today", for the default `Year start` (the April before today). Defaults to the clock. */
  today?: Date;
}

/** One entry of a pool's audit trail: which rule moved which amount, and from which figures. */
export interface Step {
  step: 'savings' | 'reserve' | 'share' | 'carry' | 'cap' | 'unallocated';
  partner?: string;
  line?: string;
  amount: string;
  why: string;
}

export interface PartnerResult {
  partner: string;
  net: string;
  share: string;
  savingsCharge: string;
  riskShare: string;
  finalCost: string;
  paid: string;
  balance: string;
}

/** A pool that ran. */
export interface PoolResult {
  pool: string;
  kind: PoolKind;
  host: string | null;
  method: Method;
  budget: string;
  outturn: string;
  variance: string;
  reserveUsed: string;
  reserveCarried: string;
  unallocated: string;
  partners: PartnerResult[];
  steps: Step[];
}

/** A pool that had errors: listed with them, and no figures. */
export interface FailedPoolResult {
  pool: string;
  kind: PoolKind | null;
  host: string | null;
  method: Method | null;
  errors: Warning[];
}

export interface Payment {
  from: string;
  to: string;
  amount: string;
  /** The pool a payment before netting belongs to (set on `grossPayments`). */
  pool?: string;
}

export interface NettingResult {
  mode: NettingMode;
  grossCount: number;
  grossValue: string;
  payments: Payment[];
  netCount: number;
  netValue: string;
  /** The flows before netting, pool by pool (what `grossCount` and `grossValue` count). */
  grossPayments: Payment[];
  /** `routes` mode only: the routes (pairs of partners, in partner order, and the pools joining them). */
  routes?: Array<{ a: string; b: string; pools: string[] }>;
}

export interface ScheduleEntry {
  pool: string;
  partner: string;
  to: string;
  /** YYYY-MM */
  due: string;
  kind: 'instalment' | 'balancing';
  amount: string;
  /** What the partner's payments cover of this row, first due first paid (yearend.md, section 2). */
  paid?: string;
  /** amount − paid: negative on the balancing row when the partner has paid more than all its rows. */
  outstanding?: string;
}

/** One pool's part of a statement (yearend.md, section 3); positive when `partner` owes `counterparty`. */
export interface StatementLine {
  pool: string;
  instalmentsOutstanding: string;
  yearEnd: string;
  balance: string;
}

/** The balance two partners joined by a route both sign: `partner` is the earlier in partner order. */
export interface Statement {
  partner: string;
  counterparty: string;
  /** YYYY-MM: the year end, or the end of the period asked for. */
  date: string;
  lines: StatementLine[];
  /** Positive when `partner` owes `counterparty`. */
  balance: string;
  /** The size of `balance` is at least the `Statement threshold` setting. */
  marked: boolean;
}

export interface RunResult {
  units: Units;
  /** The financial year used (spec, "Readings decided" 17): its first month, and where it came from. */
  year: { start: string; from: 'setting' | 'periods' | 'default' };
  /** Every partner in partner order, with its name from `Partners` (null when none typed). */
  partners?: Array<{ partner: string; name: string | null }>;
  /** Every pool in pool order, with its `Name` from `Pools`: only when `Pools` has a Name column naming a pool. */
  poolNames?: Array<{ pool: string; name: string | null }>;
  pools: Array<PoolResult | FailedPoolResult>;
  positions: Array<{ partner: string; position: string }>;
  netting: NettingResult;
  schedules: ScheduleEntry[];
  /** One per route (yearend.md, section 3), pairs in partner order. */
  statements?: Statement[];
  warnings: Warning[];
}

export function isFailedPool(p: PoolResult | FailedPoolResult): p is FailedPoolResult {
  return 'errors' in p;
}

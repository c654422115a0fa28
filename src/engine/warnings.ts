/**
 * Warnings: the codes and severities of the spec's table, one constructor, and the nearest known
 * name for "did you mean" (bounded: issue 10).
 */
import type { Locator, Severity, Warning, WarningCode } from './types';
import { clip } from './numbers';

export const SEVERITY: Record<WarningCode, Severity> = {
  MISSING_TABLE: 'error',
  MISSING_COLUMN: 'error',
  NOT_A_NUMBER: 'error',
  BLANK_REQUIRED: 'error',
  BLANK_AS_ZERO: 'warning',
  INVALID_VALUE: 'error',
  UNKNOWN_PARTNER: 'error',
  UNKNOWN_POOL: 'error',
  UNKNOWN_LINE: 'error',
  UNKNOWN_SETTING: 'warning',
  DUPLICATE_ROW: 'error',
  NET_MISMATCH: 'error',
  TOTAL_MISMATCH: 'error',
  PERCENT_TOTAL: 'error',
  BAND_GAP: 'error',
  BAND_OVERLAP: 'error',
  NO_HOST: 'error',
  HOST_NOT_PARTNER: 'error',
  NO_LEAD: 'error',
  NO_BASIS: 'error',
  ALIGNED_RESERVE: 'error',
  SPEND_MISMATCH: 'warning',
  CAP_UNALLOCATED: 'warning',
  NEGATIVE_NET: 'warning',
  INCOME_EXCEEDS_GROSS: 'warning',
  OVERPAID: 'warning',
  IGNORED_ROW: 'warning',
  VARIANCE_OVER_MATERIALITY: 'warning',
  UNAGREED_SAVINGS: 'info',
  AMBIGUOUS_TABLE: 'error',
  AMBIGUOUS_SAVING: 'error',
  OPTION_CONFLICT: 'error',
  UNKNOWN_OPTION_POOL: 'error',
  RESERVED_NAME: 'error',
  SIGN_READ: 'warning',
  UNITS_SUSPECT: 'warning',
  TOTAL_ROW: 'info',
  PERIOD_OUTSIDE_YEAR: 'error',
  ON_BUDGET_ASSUMED: 'info',
  VARIANCE_MOVED: 'warning',
  TEXT_CUT: 'warning',
  SOURCE_NOTE: 'info',
  MERGED_HEADER: 'error',
};

export interface Where {
  table?: string;
  row?: number;
  /** The spec's header name, reported in `column`. */
  column?: string;
  /** The header as the user typed it, when it differs (given to the locator). */
  typedColumn?: string;
  pool?: string;
}

/** Collects warnings, placing each in the user's workbook when a locator is known. */
export class Warnings {
  readonly list: Warning[] = [];
  constructor(private readonly locate?: Locator) {}

  add(code: WarningCode, message: string, where: Where = {}, severity: Severity = SEVERITY[code]): Warning {
    const w: Warning = { code, severity, message };
    if (where.table !== undefined) w.table = where.table;
    if (where.row !== undefined) w.row = where.row;
    if (where.column !== undefined) w.column = where.column;
    if (where.pool !== undefined) w.pool = where.pool;
    if (this.locate && where.table !== undefined && where.row !== undefined) {
      const ref = safeLocate(this.locate, where.table, where.row, where.typedColumn ?? where.column);
      if (ref) {
        w.sheet = ref.sheet;
        w.cell = ref.cell;
      }
    }
    this.list.push(w);
    return w;
  }
}

function safeLocate(locate: Locator, table: string, row: number, column?: string) {
  try {
    return locate(table, row, column);
  } catch {
    return undefined;
  }
}

/** "Contributions row 4, column Gross" — the place a message starts with. */
export function place(where: Where): string {
  const parts: string[] = [];
  if (where.table) parts.push(where.row !== undefined ? `${where.table} row ${where.row}` : `table ${where.table}`);
  if (where.column) parts.push(`column ${where.column}`);
  return parts.join(', ');
}

/** Names are compared on their first 64 characters: a 32,767-character cell costs no more than that. */
export const COMPARED_LENGTH = 64;

/**
 * Edit distance counting a swap of two neighbouring letters as one edit (IBC is one from ICB), on
 * three rolling rows; gives up (returns `limit` + 1) as soon as it must exceed `limit`.
 */
export function distance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length];
}

/** How many name comparisons "did you mean" may make in one run, in all (hostile input: issue 10). */
export const SUGGEST_COMPARISONS = 500_000;

/** What is left of a run's comparisons. */
export interface SuggestBudget {
  left: number;
}

/**
 * The nearest known name, for "did you mean …?" (case-insensitive edit distance on the first 64
 * characters), within 40% of the name's length (at least 3 edits): a name farther off is no
 * suggestion. Each comparison spends one of `budget`; when it is spent, no more suggestions.
 */
export function nearest(name: string, known: Iterable<string>, budget?: SuggestBudget): string | undefined {
  let best: string | undefined;
  const lower = name.slice(0, COMPARED_LENGTH).toLowerCase();
  let bestD = Math.max(3, Math.ceil(lower.length * 0.4)) + 1;
  for (const k of known) {
    if (budget && budget.left-- <= 0) return undefined;
    const d = distance(lower, k.slice(0, COMPARED_LENGTH).toLowerCase(), bestD - 1);
    if (d < bestD) {
      bestD = d;
      best = k;
      if (d === 0) break;
    }
  }
  return best;
}

/**
 * " Did you mean X?" for unknown names, worked out once per scope and name (a typo repeated on
 * every row of a large table costs one search).
 */
export type Suggest = (scope: string, name: string, known: () => Iterable<string>) => string;

export function suggester(search: typeof nearest = nearest): Suggest {
  const memo = new Map<string, string>();
  const budget: SuggestBudget = { left: SUGGEST_COMPARISONS };
  return (scope, name, known) => {
    const key = `${scope}\u0000${name}`;
    let s = memo.get(key);
    if (s === undefined) {
      const n = search(name, known(), budget);
      s = n === undefined ? '' : ` Did you mean ${clip(n)}?`;
      memo.set(key, s);
    }
    return s;
  };
}

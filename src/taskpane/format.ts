/**
 * The pane's words and numbers: amounts with £, thousands separators and one true minus sign;
 * periods as "May 2025"; partners and pools by name with their code beside; settings in words;
 * a plain title for each warning code. Amounts are the engine's exact strings, grouped for reading
 * (never re-computed in floating point).
 */
import { Decimal, groupMoney } from '../engine/money';
import type { Method, PoolKind, RunResult, Units, WarningCode } from '../engine/types';

const MINUS = '\u2212';

/** "1,234,567.89", "−2,800.00": an exact amount string grouped, with a true minus sign. */
export function amount(s: string): string {
  return groupMoney(new Decimal(s)).replace(/^-/, MINUS);
}

/**
 * An amount as the pane shows it: "£1,234.50", "−£2,800.00"; in a £'000 book "£1,234.50k"
 * (thousands of pounds), so no figure can be read as pounds when it is thousands.
 */
export function money(s: string, units: Units): string {
  const a = amount(s);
  const neg = a.startsWith(MINUS);
  return `${neg ? MINUS : ''}£${neg ? a.slice(1) : a}${units === '£' ? '' : 'k'}`;
}

/** Units in words, for the headings. */
export function unitsText(units: Units): string {
  return units === '£' ? 'pounds' : "thousands of pounds (£'000)";
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December'];

/** "2025-05" as "May 2025"; anything else as it came. */
export function periodText(p: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(p);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  return m && month ? `${month} ${m[1]}` : p;
}

/** The financial year from its first month: "2025-04" as "2025/26". */
export function yearText(start: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(start);
  if (!m) return start;
  const y = Number(m[1]);
  return m[2] === '01' ? String(y) : `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
}

/** Who is who: a partner's or pool's display name with its code, from the result's optional names. */
export interface Names {
  partner(code: string): string;
  pool(code: string): string;
}

type PoolNames = { poolNames?: Array<{ pool: string; name: string | null }> };

/** "County Council (CC)", or the code alone where the workbook gives no name. */
function label(code: string, name: string | null | undefined): string {
  const n = name?.trim();
  return n && n !== code ? `${n} (${code})` : code;
}

export function namesOf(result: Pick<RunResult, 'partners'> & PoolNames): Names {
  const partners = new Map((result.partners ?? []).map((p) => [p.partner, p.name]));
  const pools = new Map((result.poolNames ?? []).map((p) => [p.pool, p.name]));
  return { partner: (c) => label(c, partners.get(c)), pool: (c) => label(c, pools.get(c)) };
}

const METHODS: Record<Method, string> = {
  proportional: 'shared in proportion to contributions',
  fixed: 'shared by fixed agreed percentages',
  lead: 'borne by the lead partner of each line',
  banded: 'shared in bands',
};

/** A pool's settings in words: "Pooled; shared in proportion to contributions; host: County Council (CC)". */
export function settingsText(
  p: { kind: PoolKind | null; method: Method | null; host: string | null }, names: Names,
): string {
  const parts: string[] = [];
  if (p.kind) parts.push(p.kind === 'pooled' ? 'Pooled fund' : 'Aligned budgets');
  if (p.method) parts.push(METHODS[p.method]);
  if (p.host) parts.push(`host: ${names.partner(p.host)}`);
  const s = parts.join('; ');
  return s && `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

/** Plain titles for the warning codes (the code is shown small beside). */
const TITLES: Partial<Record<WarningCode, string>> & Record<string, string> = {
  ALIGNED_RESERVE: 'Reserve on an aligned pool',
  AMBIGUOUS_SAVING: 'Savings that could be read two ways',
  AMBIGUOUS_TABLE: 'Tables found more than once',
  BAND_GAP: 'Gaps between risk-share bands',
  BAND_OVERLAP: 'Risk-share bands that overlap',
  BLANK_AS_ZERO: 'Blank cells read as zero',
  BLANK_REQUIRED: 'Required cells left blank',
  CAP_UNALLOCATED: 'Overspend no partner could take (caps)',
  DUPLICATE_ROW: 'Rows entered twice',
  HOST_NOT_PARTNER: 'Hosts that are not partners',
  IGNORED_ROW: 'Rows left out',
  INCOME_EXCEEDS_GROSS: 'Income above gross spend',
  INVALID_VALUE: 'Values not allowed here',
  MERGED_HEADER: 'Merged header cells',
  MISSING_COLUMN: 'Columns missing',
  MISSING_TABLE: 'Tables missing',
  NEGATIVE_NET: 'Negative net contributions',
  NET_MISMATCH: 'Net contributions that do not add up',
  NOT_A_NUMBER: 'Amounts that are not numbers',
  NO_BASIS: 'No contributions to share by',
  NO_HOST: 'Pooled funds with no host',
  NO_LEAD: 'Lines with no lead partner',
  ON_BUDGET_ASSUMED: 'Lines with no forecast yet (taken on budget)',
  OPTION_CONFLICT: 'Options that conflict',
  OVERPAID: 'Partners who paid more than their share',
  PERCENT_TOTAL: 'Percentages that do not add to 100%',
  PERIOD_OUTSIDE_YEAR: 'Periods outside the financial year',
  RESERVED_NAME: 'Names Poolshare uses for its own sheets',
  SIGN_READ: 'Signs read from the layout',
  SOURCE_NOTE: 'Where figures were read from',
  SPEND_MISMATCH: 'Spend that does not match the forecast',
  TEXT_CUT: 'Text cut to fit',
  TOTAL_MISMATCH: 'Totals that do not add up',
  TOTAL_ROW: 'Total rows left out',
  UNAGREED_SAVINGS: 'Savings not yet agreed',
  UNITS_SUSPECT: 'Figures that may be in the wrong units',
  UNKNOWN_LINE: 'Lines not in the Lines table',
  UNKNOWN_OPTION_POOL: 'Options for pools that do not exist',
  UNKNOWN_PARTNER: 'Partners not in the Partners table',
  UNKNOWN_POOL: 'Pools not in the Pools table',
  UNKNOWN_SETTING: 'Settings Poolshare does not know',
  VARIANCE_MOVED: 'Variances that moved a lot since last period',
  VARIANCE_OVER_MATERIALITY: 'Variances above the materiality level',
};

/** A warning code's plain title: "NOT_A_NUMBER" is "Amounts that are not numbers"; an unknown code in words. */
export function titleOf(code: string): string {
  const t = TITLES[code];
  if (t) return t;
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** "A, B and C". */
export function listText(xs: string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

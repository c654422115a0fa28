/**
 * The `Settings` table (spec, "Settings"): Units, Year start, Frequency, Netting, Materiality, Statement threshold.
 */
import type { Frequency, NettingMode, RunOptions, Units } from './types';
import { NETTING_MODES } from './types';
import { Decimal } from './money';
import { isBlank, parseNumber, show } from './numbers';
import { Table, norm, rawValue, text } from './tables';
import { Warnings } from './warnings';

export interface Settings {
  units: Units;
  yearStart: string;
  /** Where `yearStart` came from (spec, "Readings decided" 17). */
  yearStartFrom: 'setting' | 'periods' | 'default';
  frequency: Frequency;
  netting: NettingMode;
  materiality: Decimal;
  /** yearend.md: statements whose balance is at least this in size are marked (default 0). */
  statementThreshold: Decimal;
}

/** The April that starts the financial year containing `today` (the spec's "April before today"). */
export function defaultYearStart(today: Date): string {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + 1;
  return `${m >= 4 ? y : y - 1}-04`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM`, `YYYY-MM-DD`, `YYYY/MM`, `Apr 2025`, a date/time text, or an Excel date serial number, to `YYYY-MM`. */
/**
 * A financial year as UK finance writes it, `2017/18`, `2017-18` or `2017/2018`: its April,
 * `2017-04`. Only when the second part is the next year (so `2017/12` stays December 2017).
 */
export function financialYear(v: unknown): string | null {
  const m = typeof v === 'string' ? /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(v) : null;
  if (!m) return null;
  const next = Number(m[1]) + 1;
  const second = Number(m[2]);
  return (m[2].length === 2 ? second === next % 100 : second === next) ? `${m[1]}-04` : null;
}

/** Excel date serials taken as dates: 1990-01-01 to 2099-12-31. A bare 2025 is a year, not 1905-07. */
const SERIAL_FROM = 32874;
const SERIAL_TO = 73050;

export function parseYearMonth(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v) && v >= SERIAL_FROM && v <= SERIAL_TO) {
    const ms = Math.round((v - 25569) * 86400000);
    const d = new Date(ms);
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }
  if (typeof v !== 'string') return null;
  const named = /^\s*([A-Za-z]{3,9})\.?\s+(\d{4})\s*$/.exec(v);
  if (named) {
    const i = MONTHS.findIndex((mm) => named[1].toLowerCase().startsWith(mm) && mm.length >= 3);
    return i < 0 ? null : `${named[2]}-${String(i + 1).padStart(2, '0')}`;
  }
  const m = /^\s*(\d{4})[-/](\d{1,2})(?:[-/]\d{1,2}(?:[T ][\d:.]+Z?)?)?\s*$/.exec(v);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}`;
}

/**
 * The financial year (April to March) that holds every period, as its first month `YYYY-04`; null
 * when there are none or they span more than one year ("Readings decided" 17). Periods are `YYYY-MM`.
 */
export function inferYearStart(periods: string[]): string | null {
  let start: number | null = null;
  for (const p of periods) {
    const m = /^(\d{4})-(\d{2})$/.exec(p);
    if (!m) return null;
    const year = Number(m[2]) >= 4 ? Number(m[1]) : Number(m[1]) - 1;
    if (start !== null && start !== year) return null;
    start = year;
  }
  return start === null ? null : `${start}-04`;
}

const parsedPeriods = new WeakMap<Table, Map<number, string | null>>();

/**
 * A table's `Period` column, each data row's month (YYYY-MM) or null, parsed once per table: the
 * year's inference, the Forecasts tracks and monitoring's periods all read it from here.
 */
export function periodsOf(t: Table): Map<number, string | null> {
  let out = parsedPeriods.get(t);
  if (!out) {
    out = new Map(t.rows.map((row) => [row.row, parseYearMonth(rawValue(row, 'Period'))]));
    parsedPeriods.set(t, out);
  }
  return out;
}

/**
 * Without a `Year start` setting: the one year of the Payments' (Period, else Date) and Forecasts'
 * periods. `Savings` periods do not decide it ("Readings decided" 17: a saving slipping into next
 * year is normal; such a row is an error on its cell for its pool only).
 */
export function yearFromPeriods(s: Settings, payments: Table, forecasts: Table): void {
  if (s.yearStartFrom !== 'default') return;
  const periods: string[] = [];
  for (const row of payments.rows) {
    const period = rawValue(row, 'Period');
    const ym = parseYearMonth(isBlank(period) ? rawValue(row, 'Date') : period);
    if (ym !== null) periods.push(ym);
  }
  for (const ym of periodsOf(forecasts).values()) if (ym !== null) periods.push(ym);
  const start = inferYearStart(periods);
  if (start !== null) {
    s.yearStart = start;
    s.yearStartFrom = 'periods';
  }
}

const CHOICES: Record<string, string[]> = {
  frequency: ['monthly', 'quarterly'],
  netting: [...NETTING_MODES],
};

export function readSettings(t: Table, warnings: Warnings, options: RunOptions): Settings {
  const s: Settings = {
    units: '£',
    yearStart: defaultYearStart(options.today ?? new Date()),
    yearStartFrom: 'default',
    frequency: 'monthly',
    netting: 'multilateral',
    materiality: new Decimal(5),
    statementThreshold: new Decimal(0),
  };
  const seen = new Set<string>();
  for (const row of t.rows) {
    if (row.bad) continue;
    const name = text(row, 'Setting') ?? '';
    const raw = rawValue(row, 'Value');
    const key = norm(name);
    const where = { table: 'Settings', row: row.row, column: 'Value', typedColumn: t.typed.Value };
    const settingCell = { ...where, column: 'Setting', typedColumn: t.typed.Setting };
    if (seen.has(key)) {
      warnings.add('DUPLICATE_ROW', `Settings row ${row.row}: ${name} is set twice; keep one row for it.`, settingCell);
      continue;
    }
    seen.add(key);
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const bad = (what: string) =>
      warnings.add('INVALID_VALUE', `Settings row ${row.row}, ${name}: ${show(raw)} is not valid; use ${what}. `
        + 'The default is used.', where);
    switch (key) {
      case 'units': {
        const u = String(value).replace(/\s+/g, '').replace(/’/g, "'").toLowerCase();
        if (u === '£' || u === 'gbp' || u === 'pounds') s.units = '£';
        else if (u === "£'000" || u === '£000' || u === '£k') s.units = "£'000";
        else bad("£ or £'000");
        break;
      }
      case 'year start': {
        const ym = financialYear(value) ?? parseYearMonth(value);
        if (ym) {
          s.yearStart = ym;
          s.yearStartFrom = 'setting';
        } else bad('a month as YYYY-MM, e.g. 2025-04');
        break;
      }
      case 'frequency':
      case 'netting': {
        const v = String(value).toLowerCase();
        if (CHOICES[key].includes(v)) (s as unknown as Record<string, string>)[key] = v;
        else bad(CHOICES[key].join(', '));
        break;
      }
      case 'materiality': {
        const p = parseNumber(value as string | number);
        // "Readings decided" 11: below 1 is a fraction (a cell formatted 5% holds 0.05); "0.5%" typed is 0.5%.
        if (p.kind === 'number' && !p.value.isNegative()) {
          s.materiality = p.percent || p.value.gte(1) ? p.value : p.value.times(100);
        }
        else bad('a percent such as 5');
        break;
      }
      case 'statement threshold': {
        const p = parseNumber(value as string | number);
        if (p.kind === 'number' && !p.value.isNegative() && !p.percent) s.statementThreshold = p.value;
        else bad('an amount of 0 or more, such as 10000');
        break;
      }
      case 'period': // the period reported on: read by the monitor (monitoring.md)
        break;
      default:
        warnings.add('UNKNOWN_SETTING', `Settings row ${row.row}: ${show(name)} is not a setting Poolshare knows `
          + '(Units, Year start, Frequency, Netting, Materiality, Statement threshold); it is ignored.', settingCell);
    }
  }
  if (options.netting) s.netting = options.netting;
  return s;
}

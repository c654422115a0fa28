/**
 * The `Settings` table (spec, "Settings"): Units, Year start, Frequency, Netting, Materiality.
 */
import type { Frequency, NettingMode, RunOptions, Units } from './types';
import { Decimal } from './money';
import { parseNumber, show } from './numbers';
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
}

/** The April that starts the financial year containing `today` (the spec's "April before today"). */
export function defaultYearStart(today: Date): string {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth() + 1;
  return `${m >= 4 ? y : y - 1}-04`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `YYYY-MM`, `YYYY-MM-DD`, `YYYY/MM`, `Apr 2025`, a date/time text, or an Excel date serial number, to `YYYY-MM`. */
export function parseYearMonth(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v) && v > 0 && v < 2958466) {
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

const CHOICES: Record<string, string[]> = {
  frequency: ['monthly', 'quarterly'],
  netting: ['multilateral', 'bilateral', 'gross'],
};

export function readSettings(t: Table, warnings: Warnings, options: RunOptions): Settings {
  const s: Settings = {
    units: '£',
    yearStart: defaultYearStart(options.today ?? new Date()),
    yearStartFrom: 'default',
    frequency: 'monthly',
    netting: 'multilateral',
    materiality: new Decimal(5),
  };
  const seen = new Set<string>();
  for (const row of t.rows) {
    if (row.bad) continue;
    const name = text(row, 'Setting') ?? '';
    const raw = rawValue(row, 'Value');
    const key = norm(name);
    const where = { table: 'Settings', row: row.row, column: 'Value', typedColumn: t.typed.Value };
    if (seen.has(key)) {
      warnings.add('DUPLICATE_ROW', `Settings row ${row.row}: ${name} is set twice; keep one row for it.`, { ...where, column: 'Setting', typedColumn: t.typed.Setting });
      continue;
    }
    seen.add(key);
    const value = typeof raw === 'string' ? raw.trim() : raw;
    const bad = (what: string) =>
      warnings.add('INVALID_VALUE', `Settings row ${row.row}, ${name}: ${show(raw)} is not valid; use ${what}. The default is used.`, where);
    switch (key) {
      case 'units': {
        const u = String(value).replace(/\s+/g, '').replace(/’/g, "'").toLowerCase();
        if (u === '£' || u === 'gbp' || u === 'pounds') s.units = '£';
        else if (u === "£'000" || u === '£000' || u === '£k') s.units = "£'000";
        else bad("£ or £'000");
        break;
      }
      case 'year start': {
        const ym = parseYearMonth(value);
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
        if (p.kind === 'number' && !p.value.isNegative()) s.materiality = p.value;
        else bad('a percent such as 5');
        break;
      }
      case 'period': // the period reported on: read by the monitor (monitoring.md)
        break;
      default:
        warnings.add('UNKNOWN_SETTING', `Settings row ${row.row}: ${show(name)} is not a setting Poolshare knows (Units, Year start, Frequency, Netting, Materiality); it is ignored.`, { ...where, column: 'Setting', typedColumn: t.typed.Setting });
    }
  }
  if (options.netting) s.netting = options.netting;
  return s;
}

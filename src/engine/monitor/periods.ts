/**
 * The dated inputs of monitoring (monitoring.md, "Input"), checked once for both the projection
 * (`monitor`) and the year end (`run`), so that a slip in them is an error on its cell wherever a
 * figure is taken from them: Forecasts rows (references, periods in the year, duplicates, amounts)
 * and Savings `Period`s (readable, in the year, once per saving).
 */
import type { Model } from '../model';
import { Table, TableName, norm, rawValue, text } from '../tables';
import { Settings, parseYearMonth, periodsOf } from '../settings';
import { addMonths } from '../schedule';
import { Warnings, place } from '../warnings';
import { Track, readForecasts } from './forecasts';
import type { PoolModel } from '../model';
import { savingKey, savingPeriods } from './savings';

/** True when `ym` falls in the financial year starting `start` (start to 11 months later). */
export function inYear(ym: string, start: string, end = addMonths(start, 11)): boolean {
  return ym >= start && ym <= end;
}

export const outside = (p: string, s: Settings): string =>
  `${p} is outside the financial year ${s.yearStart} to ${addMonths(s.yearStart, 11)}; ` +
  'correct the period or Year start.';

/** The `Period` setting: its value and row (the year end's rules ignore it). */
function periodSetting(t: Table, w: Warnings): { period: string; row: number } | null {
  for (const row of t.rows) {
    if (row.bad || norm(text(row, 'Setting') ?? '') !== 'period') continue;
    const period = parseYearMonth(rawValue(row, 'Value'));
    const where = { table: 'Settings', row: row.row, column: 'Value', typedColumn: t.typed.Value };
    if (period === null) {
      const message = `Settings row ${row.row}, Period: not a month; type the period reported on as YYYY-MM.`;
      w.add('INVALID_VALUE', message, where);
      return null;
    }
    return { period, row: row.row };
  }
  return null;
}

/**
 * The period reported on (monitoring.md; options.md's `--period`): the one asked for, else the
 * Settings `Period`, else none (null). One outside the financial year is a PERIOD_OUTSIDE_YEAR
 * error (on the Settings cell when it is the setting) and `outside` is true: no figures for it.
 */
export function reportedPeriod(settingsTable: Table, settings: Settings, asked: string | undefined, w: Warnings):
  { period: string | null; outside: boolean } {
  const setting = periodSetting(settingsTable, w);
  if (asked === undefined && setting) {
    if (inYear(setting.period, settings.yearStart)) return { period: setting.period, outside: false };
    const where = { table: 'Settings', row: setting.row, column: 'Value', typedColumn: settingsTable.typed.Value };
    w.add('PERIOD_OUTSIDE_YEAR', `Settings row ${setting.row}, Period: ${outside(setting.period, settings)}`, where);
    return { period: setting.period, outside: true };
  }
  if (asked === undefined) return { period: null, outside: false };
  if (inYear(asked, settings.yearStart)) return { period: asked, outside: false };
  w.add('PERIOD_OUTSIDE_YEAR', `The period asked for, ${outside(asked, settings)}`);
  return { period: asked, outside: true };
}

/**
 * Savings `Period`s: readable, in the year, once per saving (INVALID_VALUE, PERIOD_OUTSIDE_YEAR,
 * DUPLICATE_ROW), and each dated row belonging to one saving: where its key has two undated rows,
 * which of them it forecasts cannot be told (AMBIGUOUS_SAVING, "Readings decided" 20).
 */
export function checkSavingPeriods(
  t: Table, periods: Map<number, string | null>, model: Model, s: Settings, w: Warnings,
): void {
  if (periods.size === 0) return;
  const seen = new Set<string>();
  for (const pool of model.pools) {
    const undated = new Map<string, number>();
    for (const saving of pool.savings) {
      const key = savingKey(saving);
      if ((periods.get(saving.row) ?? null) === null) undated.set(key, (undated.get(key) ?? 0) + 1);
    }
    for (const saving of pool.savings) {
      const row = t.rows.find((r) => r.row === saving.row)!;
      const where = {
        table: 'Savings', row: saving.row, column: 'Period', typedColumn: t.typed.Period, pool: pool.name,
      };
      const p = periods.get(saving.row) ?? null;
      if (p === null) {
        const typed = rawValue(row, 'Period');
        if (typed !== null && typed !== undefined && String(typed).trim() !== '') {
          const message = `${place(where)}: the period is not a month; type it as YYYY-MM (blank: every period).`;
          w.add('INVALID_VALUE', message, where);
        }
        continue;
      }
      if (!inYear(p, s.yearStart)) w.add('PERIOD_OUTSIDE_YEAR', `${place(where)}: ${outside(p, s)}`, where);
      if ((undated.get(savingKey(saving)) ?? 0) > 1) {
        const named = 'Saving' in t.typed ? 'give each saving its own name in the Saving column'
          : 'add a Saving column naming each saving, and name the saving this row forecasts';
        const whose = `${saving.partner}'s line ${saving.line} of pool ${pool.name}`;
        w.add('AMBIGUOUS_SAVING', `${place(where)}: ${whose} has two savings without a period, so which one this `
          + `dated row forecasts cannot be told; ${named}.`, where);
        continue;
      }
      const k = `${pool.name}\u0000${savingKey(saving)}\u0000${p}`;
      if (seen.has(k)) {
        w.add('DUPLICATE_ROW', `${place(where)}: the saving of ${saving.partner} on line ${saving.line} ` +
          `of pool ${pool.name} ` +
          `has two rows for ${p}; keep one.`, where);
      }
      seen.add(k);
    }
  }
}

export interface PeriodInputs {
  /** Each pool's Forecasts tracks, rows outside the year left out (they are errors). */
  forecasts: Map<PoolModel, Map<string, Track>>;
  /** The distinct periods of the Forecasts rows kept. */
  known: Set<string>;
  /** Savings rows' periods by data row (null: no period). */
  savingRows: Map<number, string | null>;
}

/** Reads and checks Forecasts and the Savings periods against the year (`settings.yearStart`). */
export function periodInputs(tables: Record<TableName, Table>, model: Model, settings: Settings, w: Warnings):
PeriodInputs {
  const forecasts = readForecasts(tables.Forecasts, model, w).tracks;
  const end = addMonths(settings.yearStart, 11);
  const known = new Set<string>();
  for (const [pool, byLine] of forecasts) {
    for (const [k, list] of byLine) {
      const kept = list.filter((f) => {
        if (inYear(f.period, settings.yearStart, end)) {
          known.add(f.period);
          return true;
        }
        const typedColumn = tables.Forecasts.typed.Period;
        const where = { table: 'Forecasts', row: f.row, column: 'Period', typedColumn, pool: pool.name };
        w.add('PERIOD_OUTSIDE_YEAR', `${place(where)}: ${outside(f.period, settings)}`, where);
        return false;
      });
      byLine.set(k, kept);
    }
  }
  // `periods` are the distinct Periods of the Forecasts table (monitoring.md), also those of rows
  // for pools not in the model (POOL.MONITOR is given one pool and the whole Forecasts range).
  for (const p of periodsOf(tables.Forecasts).values()) {
    if (p !== null && inYear(p, settings.yearStart, end)) known.add(p);
  }
  const savingRows = savingPeriods(tables.Savings);
  checkSavingPeriods(tables.Savings, savingRows, model, settings, w);
  return { forecasts, known, savingRows };
}

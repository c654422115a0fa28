/**
 * Savings through the year (monitoring.md, "Input"): a `Savings` row with a `Period` holds the
 * `Delivered` forecast of its saving as at that period; a row without one holds for every period.
 * The rows of one saving (same pool, line and partner, and `Saving` name where the table has that
 * column: "Readings decided" 20) form a track; at period P the saving is its latest row at or before
 * P, else its row without a period, else (not forecast yet) on plan. Dated rows whose key has two
 * undated rows are AMBIGUOUS_SAVING errors (./periods.ts), so their pool gets no figures.
 */
import type { SavingModel } from '../model';
import type { Model } from '../model';
import type { Table } from '../tables';
import { rawValue } from '../tables';
import { parseYearMonth } from '../settings';

export interface SavingTrack {
  undated: SavingModel | null;
  /** Dated rows, in period order. */
  dated: Array<{ period: string; saving: SavingModel }>;
}

/** Savings rows' periods by data row (null: no period, or one that cannot be read). */
export function savingPeriods(t: Table): Map<number, string | null> {
  const out = new Map<number, string | null>();
  if (!('Period' in t.typed)) return out;
  for (const row of t.rows) out.set(row.row, parseYearMonth(rawValue(row, 'Period')));
  return out;
}

/** Which saving a row belongs to within its pool: line, partner and (where typed) the `Saving` name. */
export const savingKey = (s: SavingModel): string => `${s.line}\u0000${s.partner}\u0000${s.saving ?? ''}`;

/** Groups a pool's savings into tracks, in the order each saving first appears. */
export function savingTracks(savings: SavingModel[], periods: Map<number, string | null>): SavingTrack[] {
  const tracks: SavingTrack[] = [];
  const byKey = new Map<string, SavingTrack>();
  for (const s of savings) {
    const key = savingKey(s);
    const period = periods.get(s.row) ?? null;
    const known = byKey.get(key);
    if (period === null) {
      if (known && known.undated === null) known.undated = s;
      else {
        const track: SavingTrack = { undated: s, dated: [] };
        tracks.push(track);
        if (!known) byKey.set(key, track);
      }
      continue;
    }
    const track = known ?? { undated: null, dated: [] };
    if (!known) {
      tracks.push(track);
      byKey.set(key, track);
    }
    track.dated.push({ period, saving: s });
  }
  for (const t of tracks) t.dated.sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : 0));
  return tracks;
}

/** Each saving as at `period` (null: its latest row). A saving not forecast yet is on plan. */
export function savingsAt(tracks: SavingTrack[], period: string | null): SavingModel[] {
  return tracks.map((t) => {
    let found: SavingModel | null = null;
    for (const d of t.dated) {
      if (period !== null && d.period > period) break;
      found = d.saving;
    }
    if (found) return found;
    if (t.undated) return t.undated;
    const first = t.dated[0].saving;
    return { ...first, delivered: first.planned };
  });
}

/** The year end reads each saving at its latest row (`run`); a no-op when no row has a period. */
export function latestSavings(model: Model, periods: Map<number, string | null>): void {
  if (![...periods.values()].some((p) => p !== null)) return;
  for (const pool of model.pools) pool.savings = savingsAt(savingTracks(pool.savings, periods), null);
}

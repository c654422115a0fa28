/**
 * The one reading of an options result that every surface shows (options.md, "What the user
 * sees"): for a pool and a scenario, each partner's final cost under each option, the difference
 * from `Current` under the same scenario, and the options that cost the partner least and most.
 * The command line's grid, the committee pack's options tables and the task pane's Options view
 * all draw this; none of them subtracts or ranks on its own. Pure, exact (Decimal strings).
 */
import { Decimal } from './money';
import { norm } from './tables';
import type { RawRow } from './types';
import type { OptionEntry, OptionsResult } from './options';

export interface OptionGridRow {
  partner: string;
  /** Final cost under each option, in the result's option order (null: that option did not run). */
  costs: Array<string | null>;
  /** Final cost less Current's, per option (null for Current itself and where either did not run). */
  diffs: Array<string | null>;
  /**
   * The options that cost this partner least and most (null when every option that ran costs the same);
   * where options tie, the first of them in option order.
   */
  least: string | null;
  most: string | null;
}

export interface OptionGrid {
  scenario: string;
  options: string[];
  rows: OptionGridRow[];
  /** The options that did not run for this pool and scenario, with the first reason. */
  failed: Array<{ option: string; message: string }>;
}

/** A pool's grid under one scenario. */
export function optionGrid(r: Pick<OptionsResult, 'options'>, results: OptionEntry[], scenario: string): OptionGrid {
  const entries = r.options.map((o) => results.find((e) => e.option === o && e.scenario === scenario));
  const partners = [...new Set(entries.flatMap((e) => (e?.partners ?? []).map((p) => p.partner)))];
  const rows = partners.map((partner): OptionGridRow => {
    const costs = entries.map((e) => e?.partners?.find((p) => p.partner === partner)?.finalCost ?? null);
    const base = costs[0];
    const diffs = costs.map((c, i) => (i === 0 || c === null || base === null ? null
      : new Decimal(c).minus(base).toFixed(2)));
    // Least and most: where options tie, the first of them in the result's order (Current first).
    let least = -1;
    let most = -1;
    for (let i = 0; i < costs.length; i++) {
      const c = costs[i];
      if (c === null) continue;
      if (least < 0 || new Decimal(c).lessThan(costs[least] as string)) least = i;
      if (most < 0 || new Decimal(c).greaterThan(costs[most] as string)) most = i;
    }
    const same = least < 0 || new Decimal(costs[least] as string).equals(costs[most] as string);
    return { partner, costs, diffs, least: same ? null : r.options[least], most: same ? null : r.options[most] };
  });
  const failed = entries.flatMap((e, i) => (e?.partners ? []
    : [{ option: r.options[i], message: e?.errors?.[0]?.message ?? 'not run' }]));
  return { scenario, options: r.options, rows, failed };
}

/**
 * The pools an `Options` or `Scenarios` row names (as typed, trimmed, matched whatever the case
 * of the `Pool` header): the pools whose figures the options can change. The others keep the
 * figures of Current under the Forecast scenario, so the pack and the pane show only these.
 */
export function poolsNamed(tables: Record<string, RawRow[] | undefined>): Set<string> {
  const out = new Set<string>();
  for (const name of ['Options', 'Scenarios']) {
    for (const row of tables[name] ?? []) {
      const key = Object.keys(row).find((k) => norm(k) === norm('Pool'));
      const v = key === undefined ? null : row[key];
      if (v !== null && v !== undefined && String(v).trim()) out.add(String(v).trim());
    }
  }
  return out;
}

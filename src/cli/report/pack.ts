/**
 * What the committee pack shows, worked out once from the engine's results (never re-computed):
 * every pool's position (the period reported on, or the year end when there are no Forecasts),
 * partner and pool names, the warnings the run gives (each once: under its pool, or at the end),
 * and each pool's contributions indexed in one pass over its rows (linear in the workbook).
 */
import type { MonitorLine, MonitorResult, PeriodResult, SavingAtRisk } from '../../engine/monitor/types';
import type { CellValue, Method, PoolKind, RunResult, Units, Warning, WorkbookInput } from '../../engine/types';
import { Decimal, ZERO } from '../../engine/money';
import { parseNumber } from '../../engine/numbers';
import { readTables } from '../../engine/tables';
import { readSettings } from '../../engine/settings';
import { buildModel, type Model, type PoolModel } from '../../engine/model';
import { Warnings } from '../../engine/warnings';
import { run } from '../../engine/run';
import { yearText } from '../../workbook/output';

/** A pool's figures at the position the pack reports (a period, or the year end): a period's figures. */
export type Position = Omit<PeriodResult, 'period' | 'lines' | 'savingsAtRisk'> & {
  /** The period (YYYY-MM), or null for the year-end forecast. */
  asAt: string | null;
  /** The period before it, when there is one (what the movement is measured from). */
  before: string | null;
};

export interface PoolView {
  /** 1-based, in pool order. */
  index: number;
  /** The anchor of its page (pool-1, ...): user text never goes into an id. */
  id: string;
  code: string;
  /** "BCF: Better Care Fund" when the workbook names it, else the code. */
  title: string;
  kind: PoolKind | null;
  host: string | null;
  method: Method | null;
  /** The errors that stopped it; null when it ran. */
  errors: Warning[] | null;
  budget: string | null;
  position: Position | null;
  lines: MonitorLine[] | null;
  savingsAtRisk: SavingAtRisk[];
  trend: Array<{ period: string; variance: string }>;
  /** Its warnings, errors first (each warning of the run is under one pool or in `general`). */
  warnings: Warning[];
}

/** A pool's contributions, indexed once: per partner (in partner order) its totals, and per line its gross. */
export interface Contributions {
  partners: string[];
  gross: Decimal[];
  income: Decimal[];
  grant: Decimal[];
  /** Per line (in line order) each partner's gross; null when the grid would be too large to print. */
  lines: Array<{ line: string; gross: Decimal[] }> | null;
}

export interface Pack {
  input: WorkbookInput;
  monitor: MonitorResult;
  /** The year-end run, when the pack reports the year end (no Forecasts periods). */
  yearEnd: RunResult | null;
  units: Units;
  /** "2025-04 to 2026-03, from Settings (Year start)". */
  year: string;
  /** The period reported on, or null for the year end. */
  period: string | null;
  materiality: Decimal;
  /** Every warning the run gives, in its order: what the pack lists and what its exit status follows. */
  warnings: Warning[];
  pools: PoolView[];
  /** Warnings under no pool of the workbook (workbook-wide, or naming a pool or report block that is not one). */
  general: Warning[];
  /** Every partner code in partner order. */
  partners: string[];
  /** "Northshire County Council (CC)", or the code when there is no name. */
  partner: (code: string) => string;
  contributions: Map<string, Contributions>;
  /** The name a contribution grid heads a partner's column with (the code when names clash or read as numbers). */
  gridLabel: (code: string) => string;
}

/** A contribution grid larger than this many cells, or wider than this many partners, is not printed as a grid. */
export const GRID_MAX_CELLS = 20_000;
export const GRID_MAX_PARTNERS = 8;

/** Each pool's contributions in one pass over its rows; the line grid only when it is small enough to print. */
function indexContributions(model: Model): Map<string, Contributions> {
  const order = new Map(model.partners.map((p, i) => [p, i]));
  const out = new Map<string, Contributions>();
  for (const pool of model.pools) out.set(pool.name, indexPool(pool, order));
  return out;
}

function indexPool(pool: PoolModel, order: Map<string, number>): Contributions {
  const seen = new Set<string>();
  for (const c of pool.contributions) seen.add(c.partner);
  const partners = [...seen].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const column = new Map(partners.map((p, i) => [p, i]));
  const zeros = () => partners.map(() => ZERO);
  const gross = zeros();
  const income = zeros();
  const grant = zeros();
  const small = partners.length <= GRID_MAX_PARTNERS && partners.length * pool.lines.length <= GRID_MAX_CELLS;
  const lines = small ? pool.lines.map((l) => ({ line: l.name, gross: zeros() })) : null;
  const row = new Map(pool.lines.map((l, i) => [l.name, i]));
  for (const c of pool.contributions) {
    const j = column.get(c.partner)!;
    gross[j] = gross[j].plus(c.gross);
    income[j] = income[j].plus(c.income);
    grant[j] = grant[j].plus(c.grant);
    const i = row.get(c.line);
    if (lines && i !== undefined) lines[i].gross[j] = lines[i].gross[j].plus(c.gross);
  }
  return { partners, gross, income, grant, lines };
}

/** Errors first, then warnings, then notes; the run's order within each. */
function bySeverity(list: Warning[]): Warning[] {
  const rank = { error: 0, warning: 1, info: 2 };
  return list.map((w, i) => ({ w, i })).sort((a, b) => rank[a.w.severity] - rank[b.w.severity] || a.i - b.i)
    .map((x) => x.w);
}

/** Everything the pack shows, from the workbook and its monitoring result. */
export function makePack(input: WorkbookInput, result: MonitorResult): Pack {
  // The pack's partner names and contribution grids come from the model as the run reads it.
  const tables = readTables(input, new Warnings());
  const model = buildModel(tables, new Warnings());
  const materiality = readSettings(tables.Settings, new Warnings(), {}).materiality;
  const yearEnd = result.periods.length === 0 ? run(input) : null;
  const warnings = yearEnd ? yearEnd.warnings : result.warnings;
  const names = new Map<string, string>();
  for (const [code, name] of model.names) if (name) names.set(code, name);
  const partner = (code: string) => (names.has(code) ? `${names.get(code)} (${code})` : code);
  const clashes = new Map<string, number>();
  for (const name of model.names.values()) if (name) clashes.set(name, (clashes.get(name) ?? 0) + 1);
  const gridLabel = (code: string) => {
    const name = names.get(code);
    const readsAsNumber = (v: CellValue) => parseNumber(v).kind !== 'invalid';
    return name === undefined || clashes.get(name)! > 1 || readsAsNumber(name) ? code : name;
  };
  const poolNames = new Map<string, string>();
  for (const p of (yearEnd ?? result).poolNames ?? []) if (p.name) poolNames.set(p.pool, p.name);

  const byPool = new Map<string, Warning[]>();
  const general: Warning[] = [];
  const codes = new Set((yearEnd ?? result).pools.map((p) => p.pool));
  for (const w of warnings) {
    if (w.pool !== undefined && codes.has(w.pool)) {
      const list = byPool.get(w.pool);
      if (list) list.push(w);
      else byPool.set(w.pool, [w]);
    } else general.push(w);
  }

  const pools: PoolView[] = [];
  const list = yearEnd ? yearEnd.pools : result.pools;
  list.forEach((p, i) => {
    const view: PoolView = {
      index: i + 1, id: `pool-${i + 1}`, code: p.pool,
      title: poolNames.has(p.pool) ? `${p.pool}: ${poolNames.get(p.pool)}` : p.pool,
      kind: p.kind, host: p.host, method: p.method, errors: null, budget: null, position: null, lines: null,
      savingsAtRisk: [], trend: [], warnings: bySeverity(byPool.get(p.pool) ?? []),
    };
    pools.push(view);
    if ('errors' in p) {
      view.errors = p.errors;
      return;
    }
    view.budget = p.budget;
    if ('periods' in p) {
      const now = p.periods[p.periods.length - 1];
      view.trend = p.periods.map((x) => ({ period: x.period, variance: x.variance }));
      if (!now) return;
      view.lines = now.lines;
      view.savingsAtRisk = now.savingsAtRisk;
      view.position = { ...now, asAt: now.period, before: p.periods[p.periods.length - 2]?.period ?? null };
    } else {
      view.position = { ...p, asAt: null, before: null, movement: null };
    }
  });
  return {
    input, monitor: result, yearEnd, units: result.units, year: yearText(result.year), period: result.period,
    materiality, warnings, pools, general, partners: model.partners, partner,
    contributions: indexContributions(model), gridLabel,
  };
}

/** Pools left out of the figures (not run), as "BCF (3 errors)". */
export function notRun(pack: Pack): PoolView[] {
  return pack.pools.filter((p) => p.errors !== null);
}

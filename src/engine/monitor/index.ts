/**
 * In-year monitoring (docs/rules.md, "In-year monitoring"): the projection of every pool for every period
 * in one pass. The workbook is read and the model built once; then, period by period in order,
 * each line's forecast (aligned: each partner's Spend) and each saving's Delivered are replaced by
 * their latest rows at or before the period, and rules 1–7 run unchanged through `computePool`.
 */
import type { FailedPoolResult, Locator, PoolResult, Warning, WorkbookInput } from '../types';
import { Decimal, ZERO, groupMoney, plain, sum, toMoney } from '../money';
import { Row, Table, amount, readTables } from '../tables';
import { Settings, readSettings, yearFromPeriods } from '../settings';
import { ContributionModel, LineModel, Model, PoolModel, buildModel } from '../model';
import { computeSafely, oneErrorPerCell, placeReaderErrors, poolNames, tablesBlocked } from '../run';
import { Warnings, place } from '../warnings';
import { SavingTrack, savingTracks, savingsAt } from './savings';
import { ForecastRow, Track, key } from './forecasts';
import { periodInputs, reportedPeriod } from './periods';
import type { MonitorLine, MonitorOptions, MonitorPool, MonitorResult, PeriodResult } from './types';
import { pushAll } from '../arrays';

export * from './types';
export { inYear, outside, reportedPeriod } from './periods';

/** What a pool needs at every period. */
interface PoolPlan {
  pool: PoolModel;
  lineNet: Map<string, Decimal>;
  tracks: Map<string, Track>;
  savings: SavingTrack[];
  /** Contribution rows whose Spend cell is blank (an aligned partner with no forecast is on budget). */
  blankSpend: Set<number>;
}

/** The latest entry of a track at or before `period`, or null. */
function latest(track: Track | undefined, period: string): ForecastRow | null {
  let found: ForecastRow | null = null;
  for (const f of track ?? []) {
    if (f.period > period) break;
    found = f;
  }
  return found;
}

/** The pool model as at `period`: forecasts, Spend and savings replaced; which lines are on budget. */
function poolAt(
  plan: PoolPlan, period: string,
): { model: PoolModel; outturn: Map<string, Decimal>; assumed: Set<string> } {
  const { pool, lineNet, tracks } = plan;
  const assumed = new Set<string>();
  const outturn = new Map<string, Decimal>();
  let lines: LineModel[] = pool.lines;
  let contributions: ContributionModel[] = pool.contributions;
  if (pool.kind === 'aligned') {
    const moved = new Set<string>();
    contributions = pool.contributions.map((c) => {
      const f = latest(tracks.get(key(c.line, c.partner)), period);
      if (f) moved.add(c.line);
      else if (plan.blankSpend.has(c.row)) assumed.add(c.line);
      const spend = f ? f.value : plan.blankSpend.has(c.row) ? c.net : c.spend;
      outturn.set(c.line, (outturn.get(c.line) ?? ZERO).plus(spend));
      return spend === c.spend ? c : { ...c, spend };
    });
    // A typed year-end Forecast is no check on Spend forecast since (SPEND_MISMATCH would be noise).
    lines = pool.lines.map((l) => (moved.has(l.name) || assumed.has(l.name) ? { ...l, forecast: null } : l));
  } else {
    lines = pool.lines.map((l) => {
      const f = latest(tracks.get(l.name), period);
      let forecast = f ? f.value : l.forecast;
      if (forecast === null) {
        assumed.add(l.name);
        forecast = lineNet.get(l.name) ?? ZERO;
      }
      outturn.set(l.name, forecast);
      return forecast === l.forecast ? l : { ...l, forecast };
    });
  }
  return { model: { ...pool, lines, contributions, savings: savingsAt(plan.savings, period) }, outturn, assumed };
}

/** One period's figures of a pool from its year-end rules' result. */
function periodResult(
  period: string, r: PoolResult, plan: PoolPlan, at: ReturnType<typeof poolAt>, prev: PeriodResult | undefined,
): PeriodResult {
  const move = (now: string, before: string | undefined) =>
    before === undefined ? null : toMoney(new Decimal(now).minus(before));
  const lines: MonitorLine[] = plan.pool.lines.map((l, i) => {
    const budget = plan.lineNet.get(l.name) ?? ZERO;
    const forecast = at.outturn.get(l.name) ?? ZERO;
    const variance = toMoney(forecast.minus(budget));
    return {
      line: l.name, budget: toMoney(budget), forecast: toMoney(forecast), variance,
      movement: move(variance, prev?.lines[i].variance), assumed: at.assumed.has(l.name),
    };
  });
  const savingsAtRisk = at.model.savings.filter((s) => s.delivered.lessThan(s.planned)).map((s) => ({
    line: s.line, partner: s.partner, planned: toMoney(s.planned), delivered: toMoney(s.delivered),
    shortfall: toMoney(s.planned.minus(s.delivered)), agreed: s.agreed,
  }));
  return {
    period, outturn: r.outturn, variance: r.variance, movement: move(r.variance, prev?.variance),
    reserveUsed: r.reserveUsed, reserveCarried: r.reserveCarried, unallocated: r.unallocated,
    partners: r.partners.map((x) =>
      ({ partner: x.partner, savingsCharge: x.savingsCharge, riskShare: x.riskShare, finalCost: x.finalCost })),
    lines, savingsAtRisk,
  };
}

/**
 * The projection for every period up to the one reported on (monitoring.md). Pure: the same
 * input gives the same result; bad input gives warnings, never an exception.
 */
export function monitor(input: WorkbookInput, options: MonitorOptions = {}): MonitorResult {
  const w = new Warnings(input.locate);
  for (const x of input.warnings ?? []) w.list.push(x);
  const tables = readTables(input, w);
  const settings = readSettings(tables.Settings, w, options);
  const blocked = tablesBlocked(tables, w);
  const model = buildModel(tables, w);
  yearFromPeriods(settings, tables.Payments, tables.Forecasts);
  const { forecasts, known, savingRows } = periodInputs(tables, model, settings, w);
  const asked = reportedPeriod(tables.Settings, settings, options.period, w);
  // A period reported on outside the year is an error, and no figures are given for it.
  const outsideYear = asked.outside;
  let reported = asked.period;
  const sorted = [...known].sort();
  if (reported === null) reported = sorted.length > 0 ? sorted[sorted.length - 1] : null;
  // The Forecasts periods up to the one reported on. A period reported on with no Forecasts row of
  // its own is not added (the report says "as at P, latest forecasts Q"); before the first
  // Forecasts period, it is the one period (every line on its Lines forecast or on budget).
  const periods = outsideYear ? [] : sorted.filter((p) => reported !== null && p <= reported);
  if (!outsideYear && reported !== null && periods.length === 0) periods.push(reported);

  oneErrorPerCell(w.list, input);
  placeReaderErrors(w.list, input, tables);
  const failed = new Set(w.list.filter((x) => x.severity === 'error' && x.pool !== undefined).map((x) => x.pool!));
  const pools: Array<MonitorPool | FailedPoolResult> = [];
  const contributionRows = new Map(tables.Contributions.rows.map((r) => [r.row, r]));
  const stopped = blocked || outsideYear;
  for (const pool of model.pools) {
    const ok = !stopped && !failed.has(pool.name);
    const plan = ok ? planPool(pool, forecasts, savingRows, contributionRows) : null;
    const result = plan && projectPool(plan, model, settings, periods, reported, tables.Lines, w, input.locate);
    if (result) {
      pools.push(result);
      continue;
    }
    const mine = (x: Warning) => x.pool === pool.name || (stopped && x.pool === undefined);
    const errors = w.list.filter((x) => x.severity === 'error' && mine(x));
    pools.push({ pool: pool.name, kind: pool.kind, host: pool.host, method: pool.method, errors });
  }
  return {
    units: settings.units, period: reported, periods, pools, warnings: w.list,
    year: { start: settings.yearStart, from: settings.yearStartFrom }, ...poolNames(tables.Pools, model),
  };
}

/** What a pool needs at every period, worked out once. */
function planPool(
  pool: PoolModel, tracks: Map<PoolModel, Map<string, Track>>, savingRows: Map<number, string | null>,
  contributions: Map<number, Row>,
): PoolPlan {
  const lineNet = new Map<string, Decimal>();
  for (const c of pool.contributions) lineNet.set(c.line, (lineNet.get(c.line) ?? ZERO).plus(c.net));
  const blankSpend = new Set<number>();
  if (pool.kind === 'aligned') {
    for (const c of pool.contributions) if (amount(contributions.get(c.row)!, 'Spend') === null) blankSpend.add(c.row);
  }
  const savings = savingTracks(pool.savings, savingRows);
  return { pool, lineNet, tracks: tracks.get(pool) ?? new Map(), savings, blankSpend };
}

/** One pool through every period, in order; null when a period's rules fail (its errors are in `w`). */
function projectPool(
  plan: PoolPlan, model: Model, settings: Settings, periods: string[], reported: string | null, linesTable: Table,
  w: Warnings, locate?: Locator,
): MonitorPool | null {
  const { pool, lineNet } = plan;
  const budget = sum(lineNet.values());
  const out: PeriodResult[] = [];
  const onBudget = new Map<string, string[]>();
  let last: Warnings | null = null;
  for (const [i, period] of periods.entries()) {
    // The last entry is the report as at the period reported on: its savings are their latest rows
    // at or before it, even when its forecasts are those of an earlier Forecasts period.
    const at = poolAt(plan, i === periods.length - 1 && reported !== null && reported > period ? reported : period);
    const pw = new Warnings(locate);
    const outcome = computeSafely(at.model, model, settings, pw);
    last = pw;
    if (!outcome) {
      pushAll(w.list, pw.list.filter((x) => x.severity === 'error'));
      return null;
    }
    for (const l of at.assumed) onBudget.set(l, [...(onBudget.get(l) ?? []), period]);
    out.push(periodResult(period, outcome.result, plan, at, out[out.length - 1]));
  }
  if (last) pushAll(w.list, last.list);
  for (const l of pool.lines) {
    const when = onBudget.get(l.name);
    if (!when) continue;
    const typedColumn = linesTable.typed.Forecast;
    const where = { table: 'Lines', row: l.row, column: 'Forecast', typedColumn, pool: pool.name };
    const net = groupMoney(lineNet.get(l.name) ?? ZERO);
    w.add('ON_BUDGET_ASSUMED', `${place(where)}: line ${l.name} of pool ${pool.name} has no forecast as at ` +
      `${when.join(', ')}; it is taken on budget (its net contributions, ${net}). ` +
      'Add its forecast to Forecasts.', where);
  }
  const now = out[out.length - 1];
  if (now && now.movement !== null) {
    const limit = budget.abs().times(settings.materiality).dividedBy(100);
    const moved = new Decimal(now.movement);
    if (moved.abs().greaterThan(limit)) {
      const since = out[out.length - 2].period;
      w.add('VARIANCE_MOVED', `Pool ${pool.name}: the variance moved by ${groupMoney(moved)} since ${since}, ` +
        `more than the materiality of ${plain(settings.materiality)}% of the budget ${groupMoney(budget)}; ` +
        'explain it to the ' +
        'Joint Management Group.', { table: 'Pools', row: pool.row, column: 'Pool', pool: pool.name });
    }
  }
  const { name, kind, host, method } = pool;
  return { pool: name, kind, host, method, budget: toMoney(budget), periods: out };
}

/**
 * The whole job: read the tables, build the model, run each pool (rules 1–8), net across pools
 * (rule 9) and build the schedules (rule 10). A pool with an error gets no figures; the others run.
 */
import type {
  FailedPoolResult, PoolResult, RunOptions, RunResult, ScheduleEntry, WorkbookInput, Warning,
} from './types';
import { Decimal, ZERO, minus, plus, sum, toMoney } from './money';
import { Table, TableName, norm, readTables, text } from './tables';
import { Settings, readSettings, yearFromPeriods } from './settings';
import { Model, PoolModel, buildModel, checkForecasts } from './model';
import { PoolOutcome, computePool } from './pool';
import { Flow, hostFlows, net, proportionalFlows } from './netting';
import { ScheduleRow, partnerSchedule } from './schedule';
import { routesOf, settleAlongRoutes } from './routes';
import { statementDate, statementsOf } from './statements';
import { Warnings } from './warnings';
import { latestSavings } from './monitor/savings';
import { yearEndForecasts } from './monitor/forecasts';
import { periodInputs } from './monitor/periods';
import { pushAll } from './arrays';

/** The whole job on `input`, which is left as it was (the caller keeps it; see runHanded). */
export function run(input: WorkbookInput, options: RunOptions = {}): RunResult {
  return runOn({ input }, options, false);
}

/** An input handed over to runHanded, which takes it out of here and uses it up. */
export interface HandedInput {
  input?: WorkbookInput;
}

/** What the rules work from once the tables are read: the model, the settings and what stops a pool. */
interface Prepared {
  w: Warnings;
  settings: Settings;
  model: Model;
  blocked: boolean;
  failed: Set<string>;
  names: Pick<RunResult, 'poolNames'>;
}

/**
 * Takes the input out of `handed` and reads its tables into typed rows. The typed rows keep nothing
 * of the input's rows (Row.asTyped), so once this returns only the locator and the reader's warnings
 * are left of the input: its rows can go before the model is built. With `consume` each raw row
 * leaves the input as it is read, so the raw and the typed rows are never all held at once.
 */
function readHanded(handed: HandedInput, consume: boolean): {
  w: Warnings; tables: Record<TableName, Table>; reader: Pick<WorkbookInput, 'locate' | 'warnings'>;
} {
  const input = handed.input!;
  handed.input = undefined;
  const w = new Warnings(input.locate);
  for (const x of input.warnings ?? []) w.list.push(x);
  return { w, tables: readTables(input, w, consume), reader: { locate: input.locate, warnings: input.warnings } };
}

/**
 * Reads the tables and builds the model, with every check of the tables and of the model. Nothing
 * of `runHanded` holds the input or the typed rows once this returns.
 */
function prepare(handed: HandedInput, options: RunOptions, consume: boolean): Prepared {
  const { w, tables, reader } = readHanded(handed, consume);
  const settings = readSettings(tables.Settings, w, options);
  yearFromPeriods(settings, tables.Payments, tables.Forecasts);
  const blocked = tablesBlocked(tables, w);
  const model = buildModel(tables, w);
  // Forecasts and dated Savings, checked as monitoring checks them: each saving at its latest row, and
  // a blank Lines forecast at its latest Forecasts row (monitoring.md).
  const dated = periodInputs(tables, model, settings, w);
  latestSavings(model, dated.savingRows);
  yearEndForecasts(model, dated.forecasts, tables.Contributions);
  checkForecasts(model.pools, tables.Lines, w); // a blank forecast left on a funded line: BLANK_REQUIRED
  oneErrorPerCell(w.list, reader);
  placeReaderErrors(w.list, reader, tables);
  const failed = new Set(w.list.filter((x) => x.severity === 'error' && x.pool !== undefined).map((x) => x.pool!));
  return { w, settings, model, blocked, failed, names: poolNames(tables.Pools, model) };
}

/**
 * `run` for a caller that hands its input over (the command line): the input is let go as soon as
 * the model is built, and the typed tables with it, so that the rules, the netting, the schedules
 * and the caller's output hold the model alone, not every row twice more (a million contribution
 * rows are hundreds of MB); each raw row leaves the input's tables as it is read, so the input is
 * used up. The caller must keep no reference of its own to the input (build `handed` in a function
 * that returns it). The figures and warnings are those of `run`.
 */
export function runHanded(handed: HandedInput, options: RunOptions = {}): RunResult {
  return runOn(handed, options, true);
}

/** The job; `consume`: the input's raw rows are taken out of it as they are read (runHanded's, never run's). */
function runOn(handed: HandedInput, options: RunOptions, consume: boolean): RunResult {
  const { w, settings, model, blocked, failed, names } = prepare(handed, options, consume);

  const pools: Array<PoolResult | FailedPoolResult> = [];
  const outcomes: Array<{ pool: (typeof model.pools)[number]; outcome: PoolOutcome }> = [];
  for (const pool of model.pools) {
    let outcome: PoolOutcome | null = null;
    if (!blocked && !failed.has(pool.name)) outcome = computeSafely(pool, model, settings, w);
    if (outcome) {
      pools.push(outcome.result);
      outcomes.push({ pool, outcome });
    } else {
      const errors = blocked
        ? w.list.filter((x) => x.severity === 'error' && (x.pool === pool.name || x.pool === undefined))
        : w.list.filter((x) => x.severity === 'error' && x.pool === pool.name);
      pools.push({ pool: pool.name, kind: pool.kind, host: pool.host, method: pool.method, errors });
    }
  }

  // Rule 9: positions and netting over the pools that ran.
  const position = new Map<string, Decimal>(model.partners.map((p) => [p, ZERO]));
  const gross: Array<Flow & { pool: string }> = [];
  for (const { pool, outcome } of outcomes) {
    const balances = [...outcome.balance.entries()].map(([partner, amount]) => ({ partner, amount }));
    for (const b of balances) position.set(b.partner, plus(position.get(b.partner)!, b.amount));
    const flows = pool.kind === 'pooled' && pool.host ? hostFlows(balances, pool.host) : proportionalFlows(balances);
    pushAll(gross, flows.map((f) => ({ ...f, pool: pool.name })));
  }
  const positions = model.partners.map((partner) => ({ partner, amount: position.get(partner)! }));
  const routes = routesOf(outcomes.map(({ pool, outcome }) => ({
    name: pool.name, kind: pool.kind, host: pool.host, partners: [...outcome.balance.keys()],
  })), model.partners);
  const payments = settings.netting === 'routes' ? settleAlongRoutes(positions, routes, w)
    : net(settings.netting, gross, positions, model.partners);
  const asPayment = (f: Flow) => ({ from: f.from, to: f.to, amount: toMoney(f.amount) });

  // Rule 10: schedules for the non-host partners of the pooled pools that ran, with what is paid (yearend.md).
  const rows: ScheduleRow[] = [];
  for (const { pool, outcome } of outcomes) {
    if (pool.kind !== 'pooled' || !pool.host) continue;
    const paid = new Map<string, Decimal>();
    for (const p of pool.payments) paid.set(p.partner, plus(paid.get(p.partner) ?? ZERO, p.amount));
    for (const partner of outcome.net.keys()) {
      if (partner === pool.host) continue;
      const contribution = outcome.net.get(partner)!;
      const balancing = minus(outcome.finalCost.get(partner)!, contribution);
      rows.push(...partnerSchedule({ pool: pool.name, partner, to: pool.host }, contribution, balancing,
        paid.get(partner) ?? ZERO, settings.frequency, settings.yearStart));
    }
  }
  const schedules: ScheduleEntry[] = rows.map((r) => ({ pool: r.pool, partner: r.partner, to: r.to, due: r.due,
    kind: r.kind, amount: toMoney(r.amount), paid: toMoney(r.paid), outstanding: toMoney(r.outstanding) }));
  const date = statementDate(settings.yearStart, options.period, w);
  const statements = date === null ? [] : statementsOf({ routes, schedules: rows, gross, ...date,
    pools: outcomes.map(({ pool, outcome }) => ({ name: pool.name, kind: pool.kind, host: pool.host,
      balance: outcome.balance })), threshold: settings.statementThreshold });

  return {
    units: settings.units,
    pools,
    positions: positions.map((p) => ({ partner: p.partner, position: toMoney(p.amount) })),
    netting: {
      mode: settings.netting,
      grossCount: gross.length,
      grossValue: toMoney(sum(gross.map((f) => f.amount))),
      payments: payments.map(asPayment),
      netCount: payments.length,
      netValue: toMoney(sum(payments.map((f) => f.amount))),
      grossPayments: gross.map((f) => ({ ...asPayment(f), pool: f.pool })),
      ...(settings.netting === 'routes' ? { routes } : {}),
    },
    schedules,
    warnings: w.list,
    ...names,
    year: { start: settings.yearStart, from: settings.yearStartFrom },
    partners: model.partners.map((partner) => ({ partner, name: model.names.get(partner) ?? null })),
    statements,
  };
}

/**
 * Each pool's `Name` from `Pools`, in pool order, as `{ poolNames }`; nothing when Pools has no Name
 * column or names no pool (the template's empty column gives the same result as no column).
 */
export function poolNames(pools: Table, model: Model): Pick<RunResult, 'poolNames'> {
  if (pools.typed.Name === undefined) return {};
  const names = new Map<string, string | null>();
  for (const row of pools.rows) {
    const pool = text(row, 'Pool');
    if (pool !== null && !names.has(pool)) names.set(pool, text(row, 'Name'));
  }
  if (![...names.values()].some((n) => n !== null)) return {};
  return { poolNames: model.pools.map((p) => ({ pool: p.name, name: names.get(p.name) ?? null })) };
}

/** Rules 1–8 for one pool; should anything unforeseen go wrong, that pool fails with an error, the others run. */
export function computeSafely(pool: PoolModel, model: Model, settings: Settings, w: Warnings): PoolOutcome | null {
  try {
    return computePool(pool, model, settings, w);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    w.add('INVALID_VALUE', `Pool ${pool.name} could not be worked out (${why}); check its figures, and report this to `
      + "Poolshare's developers.", { table: 'Pools', row: pool.row, column: 'Pool', pool: pool.name });
    return null;
  }
}

/**
 * True when no pool can be worked out: a required table is missing or unusable, or the reader
 * refused a table (AMBIGUOUS_TABLE, MERGED_HEADER): its rows could belong to any pool, so no pool
 * is worked out without them, not even from an optional table such as Payments. The reader's error
 * is the one error for that cause: the follow-on MISSING_TABLE for the same table is dropped.
 */
export function tablesBlocked(tables: Record<TableName, Table>, w: Warnings): boolean {
  // A refusal scoped to a pool (a report block that disagrees with the table) stops that pool alone.
  const refused = new Set(w.list.filter((x) => (x.code === 'AMBIGUOUS_TABLE' || x.code === 'MERGED_HEADER')
    && x.pool === undefined).map((x) => norm(x.table ?? '')));
  if (refused.size > 0) {
    const keep = w.list.filter((x) => !(x.code === 'MISSING_TABLE' && refused.has(norm(x.table ?? ''))));
    w.list.length = 0;
    for (const x of keep) w.list.push(x);
  }
  return refused.size > 0
    || ['Partners', 'Pools', 'Lines', 'Contributions'].some((t) => !tables[t as TableName].usable);
}

/**
 * One error per cause: where the reader already put an error on a cell (a formula with no saved
 * result, say), the engine's error on the same cell (BLANK_REQUIRED, as the reader left it blank)
 * is dropped.
 */
export function oneErrorPerCell(list: Warning[], input: Pick<WorkbookInput, 'warnings'>): void {
  const reader = new Set(input.warnings ?? []);
  const cells = new Set([...reader].filter((x) => x.severity === 'error' && x.sheet !== undefined)
    .map((x) => `${x.sheet}!${x.cell}`));
  if (cells.size === 0) return;
  const keep = list.filter((x) => reader.has(x) || x.severity !== 'error' || !cells.has(`${x.sheet}!${x.cell}`));
  list.length = 0;
  for (const x of keep) list.push(x);
}

/**
 * A reader's error about a cell (an .xlsx formula with no saved result, say) names a sheet and
 * cell but not a pool: find the table row it sits in, so that its pool gets no figures.
 */
export function placeReaderErrors(
  list: Warning[], input: Pick<WorkbookInput, 'locate'>, tables: Record<TableName, Table>,
): void {
  const open = list.filter((x) => x.severity === 'error' && x.pool === undefined && x.sheet !== undefined
    && x.cell !== undefined);
  if (open.length === 0 || !input.locate) return;
  const want = new Map(open.map((x) => [`${x.sheet}!${x.cell}`, x]));
  for (const t of Object.values(tables)) {
    for (const row of t.rows) {
      const pool = text(row, 'Pool');
      if (pool === null) continue;
      for (const [header, key] of Object.entries(t.typed)) {
        const ref = input.locate(t.name, row.row, key);
        const x = ref && want.get(`${ref.sheet}!${ref.cell}`);
        if (x) Object.assign(x, { pool, table: x.table ?? t.name, row: x.row ?? row.row, column: x.column ?? header });
      }
    }
  }
}

/** True when any warning is an error (the command line's exit 1). */
export function hasErrors(warnings: Warning[]): boolean {
  return warnings.some((x) => x.severity === 'error');
}

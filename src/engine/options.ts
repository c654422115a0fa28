/**
 * Risk-share options (spec: options.md): for every option O and scenario S, the year-end workbook
 * with S's outturns and O's arrangement, through rules 1-7 exactly as at year end (`run`, the one
 * place the rules live: no second copy of any rule). The `Current` option and the `Forecast`
 * scenario come first. A pool that neither O nor S names keeps the figures of (Current, Forecast);
 * the pools they name run on the workbook narrowed to those pools (rules 1-7 are per pool, and the
 * year is pinned to the base run's, so narrowing changes no figure). With a period, the base
 * forecasts are those as at that period: each line's latest Forecasts row at or before it (a line
 * with none keeps its Lines forecast) and each saving's latest row at or before it.
 */
import { run } from './run';
import { TABLE_NAMES, norm, readTable, readTables } from './tables';
import { parseYearMonth, readSettings, yearFromPeriods } from './settings';
import { isBlank as blank } from './numbers';
import { reportedPeriod } from './monitor/periods';
import { pushAll } from './arrays';
import { buildModel, type Model } from './model';
import { Decimal, ZERO, groupMoney, toMoney } from './money';
import { Warnings, place } from './warnings';
import { isFailedPool } from './types';
import type { CellValue, Locator, RawRow, RunOptions, RunResult, Warning, WorkbookInput } from './types';

export const CURRENT = 'Current';
export const FORECAST = 'Forecast';

/** What an option can replace in a pool's row of Pools. */
const POOL_FIELDS = ['Method', 'Basis', 'Reserve', 'Underspend'] as const;
/** The columns of an option's rows that make them the pool's whole RiskShare. */
const RISK_FIELDS = ['Partner', 'Percent', 'Cap', 'From', 'To', 'Band method'] as const;

export interface OptionPartner {
  partner: string;
  savingsCharge: string;
  riskShare: string;
  finalCost: string;
}

export interface OptionEntry {
  option: string;
  scenario: string;
  method?: string;
  budget?: string;
  outturn?: string;
  variance?: string;
  reserveUsed?: string;
  reserveCarried?: string;
  unallocated?: string;
  partners?: OptionPartner[];
  errors?: Warning[];
}

export interface OptionsResult {
  units: RunResult['units'];
  year: RunResult['year'];
  /** Every partner in partner order, with its name from Partners (as in the year-end result). */
  partners?: RunResult['partners'];
  /** Each pool's name from Pools, when Pools has a Name column (as in the year-end result). */
  poolNames?: RunResult['poolNames'];
  options: string[];
  scenarios: string[];
  pools: Array<{ pool: string; results: OptionEntry[] }>;
  warnings: Warning[];
}

export interface OptionsRunOptions extends RunOptions {
  /** YYYY-MM: the base forecasts are those as at this period (monitoring.md). */
  period?: string;
}

const str = (v: CellValue | undefined) => (blank(v) ? '' : String(v).trim());

/** A row's value under a spec header, whatever case and spacing the header was typed with. */
function field(row: RawRow, header: string): CellValue {
  const want = norm(header);
  for (const k of Object.keys(row)) if (norm(k) === want) return row[k];
  return null;
}

/** The row with `header` set (under the key it already has, else the spec's header). */
function withField(row: RawRow, header: string, value: CellValue): RawRow {
  const want = norm(header);
  const key = Object.keys(row).find((k) => norm(k) === want) ?? header;
  return { ...row, [key]: value };
}

/** A place in the user's tables: a table (by its spec name) and a 1-based data row. */
interface Place { table: string; row: number }

/**
 * Where each row of the tables a run is given came from (options.md: "their warnings point at the
 * Options or Scenarios row that caused them"): rows narrowed to some pools or filtered as at a period
 * keep their place; a cell an option or a scenario gave points at that Options or Scenarios row.
 */
class Provenance {
  private of = new WeakMap<RawRow, Place & { cells?: Record<string, Place> }>();

  constructor(tables: Record<string, RawRow[]>) {
    const names = [...TABLE_NAMES, 'Options', 'Scenarios'];
    for (const [key, rows] of Object.entries(tables)) {
      const table = names.find((n) => norm(n) === norm(key)) ?? key;
      rows.forEach((r, i) => {
        if (r !== null && typeof r === 'object') this.of.set(r, { table, row: i + 1 });
      });
    }
  }

  /** The place of a row made from a user's row elsewhere (an option's risk-share row). */
  set(row: RawRow, place: Place): void {
    this.of.set(row, place);
  }

  place(row: RawRow): Place | undefined {
    return this.of.get(row);
  }

  /** `row` with `header` set to `value`; that cell's place is `from` when the value came from there. */
  withField(row: RawRow, header: string, value: CellValue, from?: Place): RawRow {
    const out = withField(row, header, value);
    const o = this.of.get(row);
    if (o) this.of.set(out, from ? { ...o, cells: { ...o.cells, [header]: from } } : o);
    return out;
  }

  /**
   * Warnings of a run on `tables` moved to the places the user typed: table, row, the message's
   * opening place, and the sheet and cell (`locate`). A warning whose row is where it was is kept.
   */
  relocate(list: Warning[], tables: Record<string, RawRow[]>, locate?: Locator): Warning[] {
    return list.map((w) => {
      if (w.table === undefined || w.row === undefined) return w;
      const key = Object.keys(tables).find((k) => norm(k) === norm(w.table!));
      const row = key === undefined ? undefined : tables[key][w.row - 1];
      const o = row === undefined ? undefined : this.of.get(row);
      if (!o) return w;
      const to = (w.column !== undefined ? o.cells?.[w.column] : undefined) ?? o;
      if (to.table === w.table && to.row === w.row) return w;
      const from = [place({ table: w.table, row: w.row, column: w.column }), place({ table: w.table, row: w.row }),
        w.table];
      const opening = from.find((f) => w.message.startsWith(`${f}:`) || w.message.startsWith(`${f},`));
      const onto = opening === from[0] ? place({ table: to.table, row: to.row, column: w.column })
        : place({ table: to.table, row: to.row });
      const message = opening === undefined ? w.message : onto + w.message.slice(opening.length);
      const { sheet: _s, cell: _c, ...rest } = w;
      const at = locate?.(to.table, to.row, w.column);
      return { ...rest, message, table: to.table, row: to.row, ...(at ? { sheet: at.sheet, cell: at.cell } : {}) };
    });
  }
}

interface Named<T> {
  name: string;
  byPool: Map<string, T>;
}

interface OptionPool {
  fields: Partial<Record<(typeof POOL_FIELDS)[number], { value: CellValue; row: number }>>;
  risk: RawRow[];
  /** OPTION_CONFLICT errors of this option and pool: it gets no figures under the option. */
  conflicts: Warning[];
}

interface ScenarioPool {
  rows: RawRow[];
  /** The row that gave each line (aligned: line and partner), to find a second one. */
  seen: Map<string, number>;
  /** DUPLICATE_ROW errors of this scenario and pool: it gets no figures under the scenario. */
  conflicts: Warning[];
}

/** Groups rows by their name column (names alike once case and spacing are set aside), first spelling kept. */
function byName<T>(rows: RawRow[], column: string, reserved: string, table: string, pools: Map<string, string>,
  w: Warnings, start: () => T, add: (into: T, row: RawRow, at: number, pool: string) => void): Array<Named<T>> {
  const out = new Map<string, Named<T>>();
  rows.forEach((row, i) => {
    const at = i + 1;
    if (row === null || typeof row !== 'object' || Object.values(row).every(blank)) return; // blank rows are skipped
    const name = str(field(row, column));
    const poolTyped = str(field(row, 'Pool'));
    if (!name || !poolTyped) {
      const missing = !name ? column : 'Pool';
      const where = { table, row: at, column: missing };
      w.add('BLANK_REQUIRED', `${place(where)} is blank: ${missing} is required; fill it in.`, where);
      return;
    }
    if (norm(name) === norm(reserved)) {
      w.add('RESERVED_NAME', `${place({ table, row: at, column })}: ${reserved} is the name Poolshare gives the `
        + `workbook as it is; give this ${column.toLowerCase()} another name.`, { table, row: at, column });
      return;
    }
    const pool = pools.get(poolTyped);
    if (pool === undefined) {
      const where = { table, row: at, column: 'Pool' };
      w.add('UNKNOWN_OPTION_POOL', `${place(where)}: there is no pool ${poolTyped} in Pools; correct the pool.`, where);
      return;
    }
    let named = out.get(norm(name));
    if (!named) out.set(norm(name), (named = { name, byPool: new Map() }));
    let into = named.byPool.get(pool);
    if (into === undefined) named.byPool.set(pool, (into = start()));
    add(into, row, at, pool);
  });
  return [...out.values()];
}

/** Each table's rows by pool with their places, worked out once (a narrowed run costs what its pools hold). */
const byPool = new WeakMap<RawRow[], Map<string, Array<{ i: number; r: RawRow }>>>();

/** The rows of a table with a Pool column, kept for the pools in `keep`, in the table's order. */
function narrowed(rows: RawRow[], keep: Set<string>): RawRow[] {
  let groups = byPool.get(rows);
  if (!groups) {
    const made = new Map<string, Array<{ i: number; r: RawRow }>>();
    rows.forEach((r, i) => {
      const pool = str(field(r, 'Pool'));
      const g = made.get(pool);
      if (g) g.push({ i, r });
      else made.set(pool, [{ i, r }]);
    });
    byPool.set(rows, (groups = made));
  }
  const kept: Array<{ i: number; r: RawRow }> = [];
  for (const pool of keep) for (const x of groups.get(pool) ?? []) kept.push(x);
  return kept.sort((a, b) => a.i - b.i).map((x) => x.r);
}

/**
 * The base tables as at `period`, the monitoring projection's inputs (monitoring.md): Forecasts and
 * dated Savings up to it, Lines forecasts given way to them; a line with none yet and a blank Lines
 * forecast (aligned: a partner's blank Spend with no Forecasts row) taken on budget, at its net
 * contributions from the model, with an ON_BUDGET_ASSUMED note on its cell.
 */
function asAt(
  tables: Record<string, RawRow[]>, period: string, model: Model, w: Warnings, prov: Provenance,
): Record<string, RawRow[]> {
  // Periods read as monitoring reads them (a date serial, "Nov 2025", "2025/11"); one that is not a
  // month stays (monitoring's checks report it on its cell).
  const upTo = (r: RawRow) => (parseYearMonth(field(r, 'Period')) ?? period) <= period;
  const forecasts = (tables.Forecasts ?? []).filter(upTo);
  const k = (r: RawRow, ...more: string[]) => [str(field(r, 'Pool')), str(field(r, 'Line')), ...more].join('\u0000');
  const hasRow = new Set(forecasts.map((r) => k(r)));
  const hasSpend = new Set(forecasts.map((r) => k(r, str(field(r, 'Partner')))));
  const kinds = new Map(model.pools.map((p) => [p.name, p]));
  const lineNet = new Map<string, Decimal>();
  const rowNet = new Map<number, Decimal>();
  for (const p of model.pools) {
    for (const c of p.contributions) {
      const at = [p.name, c.line].join('\u0000');
      lineNet.set(at, (lineNet.get(at) ?? ZERO).plus(c.net));
      rowNet.set(c.row, c.net);
    }
  }
  const note = (row: number, column: string, pool: string, line: string, net: Decimal) => {
    const where = { table: column === 'Spend' ? 'Contributions' : 'Lines', row, column, pool };
    w.add('ON_BUDGET_ASSUMED', `${place(where)}: line ${line} of pool ${pool} has no forecast as at ${period}; it is `
      + `taken on budget (${column === 'Spend' ? 'the net contribution' : 'its net contributions'}, `
      + `${groupMoney(net)}). Add its forecast to Forecasts.`, where);
  };
  const out: Record<string, RawRow[]> = { ...tables, Forecasts: forecasts };
  // A line's latest Forecasts row at or before P replaces its Lines forecast (reading 18 then takes it).
  if (tables.Lines) {
    out.Lines = tables.Lines.map((r, i) => {
      if (hasRow.has(k(r))) return prov.withField(r, 'Forecast', null);
      const pool = kinds.get(str(field(r, 'Pool')));
      if (!pool || pool.kind === 'aligned' || !blank(field(r, 'Forecast')) || !lineNet.has(k(r))) return r;
      note(i + 1, 'Forecast', pool.name, str(field(r, 'Line')), lineNet.get(k(r))!);
      return prov.withField(r, 'Forecast', toMoney(lineNet.get(k(r))!));
    });
  }
  if (tables.Contributions) {
    out.Contributions = tables.Contributions.map((r, i) => {
      const pool = kinds.get(str(field(r, 'Pool')));
      const net = rowNet.get(i + 1);
      if (pool?.kind !== 'aligned') return r;
      // A partner's latest Forecasts Spend at or before P replaces its Spend (as a line's Forecast above).
      if (hasSpend.has(k(r, str(field(r, 'Partner'))))) return prov.withField(r, 'Spend', null);
      if (net === undefined || !blank(field(r, 'Spend'))) return r;
      note(i + 1, 'Spend', pool.name, str(field(r, 'Line')), net);
      return prov.withField(r, 'Spend', toMoney(net));
    });
  }
  if (tables.Savings) out.Savings = tables.Savings.filter(upTo);
  return out;
}

/**
 * The period the options are as at: --period, else the Settings Period (options.md), read and
 * checked against the workbook's year as monitoring does (reportedPeriod); its warnings go to `w`.
 */
function periodOf(input: WorkbookInput, opts: OptionsRunOptions, w: Warnings):
  { period: string | null; outside: boolean; model: Model | null } {
  const read = new Warnings(input.locate); // the base run reports these itself
  // Only the tables the year and the period need; the whole workbook only when a model is (asAt).
  const [settingsTable, payments, forecasts] = (['Settings', 'Payments', 'Forecasts'] as const)
    .map((name) => readTable(input, name, read));
  const settings = readSettings(settingsTable, read, opts);
  yearFromPeriods(settings, payments, forecasts);
  const found = new Warnings(input.locate);
  const asked = reportedPeriod(settingsTable, settings, opts.period, found);
  pushAll(w.list, found.list);
  const model = asked.period !== null && !asked.outside ? buildModel(readTables(input, read), read) : null;
  return { ...asked, model };
}

/**
 * The warnings of the option and scenario runs that they caused, each once: those on an Options or
 * Scenarios row (options.md: they "point at the Options or Scenarios row that caused them"), and
 * any error the base run does not have (a `lead` option meeting a line with no Lead). The rest
 * repeat the base run's. The errors are also in the entries they stopped.
 */
function causedBy(runs: RunResult[], base: Warning[]): Warning[] {
  const key = (x: Warning) => [x.code, x.table, x.row, x.column, x.message].join('\u0000');
  const seen = new Set(base.map(key));
  const out: Warning[] = [];
  for (const r of runs) {
    for (const x of r.warnings) {
      if (x.table !== 'Options' && x.table !== 'Scenarios' && x.severity !== 'error') continue;
      if (seen.has(key(x))) continue;
      seen.add(key(x));
      out.push(x);
    }
  }
  return out;
}

/** A pool's figures as an entry. */
function entry(option: string, scenario: string, r: RunResult, pool: string): OptionEntry {
  const p = r.pools.find((x) => x.pool === pool);
  if (!p || isFailedPool(p)) {
    const errors = p && isFailedPool(p) ? p.errors : r.warnings.filter((x) => x.severity === 'error');
    return { option, scenario, errors };
  }
  return {
    option, scenario, method: p.method, budget: p.budget, outturn: p.outturn, variance: p.variance,
    reserveUsed: p.reserveUsed, reserveCarried: p.reserveCarried, unallocated: p.unallocated,
    partners: p.partners.map((x) => ({ partner: x.partner, savingsCharge: x.savingsCharge, riskShare: x.riskShare,
      finalCost: x.finalCost })),
  };
}

/** Every option by every scenario, for every pool (options.md). */
export function options(input: WorkbookInput, opts: OptionsRunOptions = {}): OptionsResult {
  const given = input.tables as Record<string, RawRow[]>;
  const w = new Warnings(input.locate);
  // The period (--period, else the Settings Period): outside the year, an error and no figures.
  const asked = periodOf(input, opts, w);
  const prov = new Provenance(given);
  const tables = asked.period !== null && asked.model ? asAt(given, asked.period, asked.model, w, prov) : given;
  const runOpts: RunOptions = { netting: opts.netting, today: opts.today };
  // Every run's warnings are moved to the cells the user typed (rows narrowed, filtered or substituted).
  const placed = (r: RunResult, on: Record<string, RawRow[]>): RunResult => ({ ...r,
    warnings: prov.relocate(r.warnings, on, input.locate),
    pools: r.pools.map((p) => (isFailedPool(p) ? { ...p, errors: prov.relocate(p.errors, on, input.locate) } : p)) });
  const first = run({ ...input, tables }, runOpts);
  const base = tables === given ? first : placed(first, tables);
  const pools = new Map<string, string>();
  for (const r of tables.Pools ?? []) {
    const name = str(field(r, 'Pool'));
    if (name) pools.set(name, name);
  }

  const optionList = byName<OptionPool>(tables.Options ?? [], 'Option', CURRENT, 'Options', pools, w,
    () => ({ fields: {}, risk: [], conflicts: [] }), (into, row, at, pool) => {
      for (const f of POOL_FIELDS) {
        const v = field(row, f);
        if (blank(v)) continue;
        const had = into.fields[f];
        if (had && norm(String(had.value)) !== norm(String(v))) {
          into.conflicts.push(w.add('OPTION_CONFLICT', `${place({ table: 'Options', row: at, column: f })}: ${f} `
            + `${str(v)} differs from ${str(had.value)} in Options row ${had.row} for the same option and pool `
            + `${pool}; keep one.`, { table: 'Options', row: at, column: f, pool }));
        } else if (!had) into.fields[f] = { value: v, row: at };
      }
      if (RISK_FIELDS.some((f) => !blank(field(row, f)))) {
        const risk: RawRow = { Pool: pool };
        for (const f of RISK_FIELDS) risk[f] = field(row, f);
        prov.set(risk, { table: 'Options', row: at });
        into.risk.push(risk);
      }
    });
  const lines = new Set((tables.Lines ?? []).map((r) => `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`));
  const scenarioList = byName<ScenarioPool>(tables.Scenarios ?? [], 'Scenario', FORECAST, 'Scenarios', pools, w,
    () => ({ rows: [], seen: new Map(), conflicts: [] }), (into, row, at, pool) => {
      const line = str(field(row, 'Line'));
      if (!lines.has(`${pool}\u0000${line}`)) {
        const where = { table: 'Scenarios', row: at, column: 'Line', pool };
        w.add('UNKNOWN_OPTION_POOL', `${place(where)}: pool ${pool} has no line ${line || '(blank)'} in Lines; `
          + 'correct the line.', where);
        return;
      }
      // One row per scenario and line (aligned: and partner); a second is ambiguous, never silently the last.
      const partner = str(field(row, 'Partner'));
      const key = `${line}\u0000${partner}`;
      const first = into.seen.get(key);
      if (first !== undefined) {
        const where = { table: 'Scenarios', row: at, column: partner ? 'Partner' : 'Line', pool };
        into.conflicts.push(w.add('DUPLICATE_ROW', `${place(where)}: the scenario already gives line ${line}`
          + `${partner ? ` for partner ${partner}` : ''} of pool ${pool} in Scenarios row ${first}; keep one.`, where));
        return;
      }
      into.seen.set(key, at);
      into.rows.push(row);
    });

  const optionNames = [CURRENT, ...optionList.map((o) => o.name)];
  const scenarioNames = [FORECAST, ...scenarioList.map((s) => s.name)];
  const results = new Map<string, OptionEntry[]>([...pools.keys()].map((p) => [p, []]));
  const pinned = [...(tables.Settings ?? []).filter((r) => norm(str(field(r, 'Setting'))) !== norm('Year start')),
    { Setting: 'Year start', Value: base.year.start }];
  // Which run holds each pool's figures for (option, scenario): a pool only the option names has
  // those of (option, Forecast); one only the scenario names, those of (Current, scenario); one
  // neither names, the base run's. Only pools both name need a run of their own.
  const held = new Map<string, RunResult>();
  const at = (oi: number, si: number) => `${oi}\u0000${si}`;
  for (const [oi, option] of [null, ...optionList].entries()) {
    for (const [si, scenario] of [null, ...scenarioList].entries()) {
      const o = optionNames[oi];
      const s = scenarioNames[si];
      const byO = new Set(option?.byPool.keys() ?? []);
      const byS = new Set(scenario?.byPool.keys() ?? []);
      const own = new Set([...byO].filter((p) => oi === 0 || si === 0 || byS.has(p)));
      for (const p of byS) if (oi === 0 || si === 0 || byO.has(p)) own.add(p);
      if (own.size && !asked.outside) {
        const on = substituted(tables, own, option, scenario, pinned, prov);
        held.set(at(oi, si), placed(run({ tables: on }, runOpts), on));
      }
      for (const pool of pools.keys()) {
        if (asked.outside) {
          const errors = w.list.filter((x) => x.code === 'PERIOD_OUTSIDE_YEAR');
          results.get(pool)!.push({ option: o, scenario: s, errors });
          continue;
        }
        const conflicts = [...option?.byPool.get(pool)?.conflicts ?? [],
          ...scenario?.byPool.get(pool)?.conflicts ?? []];
        if (conflicts.length) {
          results.get(pool)!.push({ option: o, scenario: s, errors: conflicts });
          continue;
        }
        const from = own.has(pool) ? held.get(at(oi, si))! : byO.has(pool) ? held.get(at(oi, 0))!
          : byS.has(pool) ? held.get(at(0, si))! : base;
        results.get(pool)!.push(entry(o, s, from, pool));
      }
    }
  }
  return {
    units: base.units, year: base.year, partners: base.partners,
    ...(base.poolNames ? { poolNames: base.poolNames } : {}), options: optionNames, scenarios: scenarioNames,
    pools: [...results.entries()].map(([pool, list]) => ({ pool, results: list })),
    warnings: [...base.warnings, ...w.list, ...causedBy([...held.values()], base.warnings)],
  };
}

/** The workbook narrowed to `touched` pools, with the option's arrangement and the scenario's outturns. */
function substituted(
  tables: Record<string, RawRow[]>, touched: Set<string>, option: Named<OptionPool> | null,
  scenario: Named<ScenarioPool> | null, settings: RawRow[], prov: Provenance,
): Record<string, RawRow[]> {
  const out: Record<string, RawRow[]> = {};
  for (const [name, rows] of Object.entries(tables)) {
    if (name === 'Options' || name === 'Scenarios') continue;
    out[name] = name === 'Partners' || name === 'Settings' ? rows : narrowed(rows, touched);
  }
  out.Settings = settings;
  out.Pools = out.Pools.map((row) => {
    const own = option?.byPool.get(str(field(row, 'Pool')));
    let r = row;
    for (const f of POOL_FIELDS) {
      const given = own?.fields[f];
      if (given) r = prov.withField(r, f, given.value, { table: 'Options', row: given.row });
    }
    return r;
  });
  if (option) {
    const replaced = new Set([...option.byPool].filter(([, v]) => v.risk.length).map(([k]) => k));
    out.RiskShare = [...(out.RiskShare ?? []).filter((r) => !replaced.has(str(field(r, 'Pool')))),
      ...[...option.byPool.values()].flatMap((v) => v.risk)];
  }
  if (scenario) {
    // Each named line (aligned: line and partner) with the Scenarios row that names it.
    const forecast = new Map<string, RawRow>();
    const spend = new Map<string, RawRow>();
    for (const [pool, v] of scenario.byPool) {
      for (const row of v.rows) {
        const line = str(field(row, 'Line'));
        const partner = str(field(row, 'Partner'));
        if (partner) spend.set(`${pool}\u0000${line}\u0000${partner}`, row);
        else forecast.set(`${pool}\u0000${line}`, row);
      }
    }
    out.Lines = (out.Lines ?? []).map((r) => {
      const k = `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`;
      const from = forecast.get(k);
      return from ? prov.withField(r, 'Forecast', field(from, 'Forecast'), prov.place(from)) : r;
    });
    out.Contributions = (out.Contributions ?? []).map((r) => {
      const k = `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}\u0000${str(field(r, 'Partner'))}`;
      const from = spend.get(k);
      return from ? prov.withField(r, 'Spend', field(from, 'Spend'), prov.place(from)) : r;
    });
    // Forecasts rows of a line the scenario names give way to it (a typed forecast wins, reading 18).
    if (out.Forecasts) {
      const named = (r: RawRow) => forecast.has(`${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`);
      out.Forecasts = out.Forecasts.filter((r) => !named(r));
    }
  }
  return out;
}

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
import { norm } from './tables';
import { Warnings, place } from './warnings';
import { isFailedPool } from './types';
import type { CellValue, RawRow, RunOptions, RunResult, Warning, WorkbookInput } from './types';

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
  options: string[];
  scenarios: string[];
  pools: Array<{ pool: string; results: OptionEntry[] }>;
  warnings: Warning[];
}

export interface OptionsRunOptions extends RunOptions {
  /** YYYY-MM: the base forecasts are those as at this period (monitoring.md). */
  period?: string;
}

const blank = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
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

interface Named<T> {
  name: string;
  byPool: Map<string, T>;
}

interface OptionPool {
  fields: Partial<Record<(typeof POOL_FIELDS)[number], { value: CellValue; row: number }>>;
  risk: RawRow[];
  conflict: boolean;
}

interface ScenarioPool {
  rows: RawRow[];
}

/** Groups rows by their name column (names alike once case and spacing are set aside), first spelling kept. */
function byName<T>(rows: RawRow[], column: string, reserved: string, table: string, pools: Map<string, string>,
  w: Warnings, start: () => T, add: (into: T, row: RawRow, at: number, pool: string) => void): Array<Named<T>> {
  const out = new Map<string, Named<T>>();
  rows.forEach((row, i) => {
    const at = i + 1;
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

/** The base tables as at `period`: Forecasts and dated Savings up to it, Lines forecasts given way to them. */
function asAt(tables: Record<string, RawRow[]>, period: string): Record<string, RawRow[]> {
  const ym = (v: CellValue) => {
    const m = /^(\d{4})-(\d{2})/.exec(str(v));
    return m ? `${m[1]}-${m[2]}` : null;
  };
  const forecasts = (tables.Forecasts ?? []).filter((r) => (ym(field(r, 'Period')) ?? period) <= period);
  const hasRow = new Set(forecasts.map((r) => `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`));
  const out: Record<string, RawRow[]> = { ...tables, Forecasts: forecasts };
  // A line's latest Forecasts row at or before P replaces its Lines forecast (reading 18 then takes it).
  if (tables.Lines) {
    out.Lines = tables.Lines.map((r) => (hasRow.has(`${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`)
      ? withField(r, 'Forecast', null) : r));
  }
  if (tables.Savings) out.Savings = tables.Savings.filter((r) => (ym(field(r, 'Period')) ?? period) <= period);
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
  const tables = opts.period ? asAt(given, opts.period) : given;
  const runOpts: RunOptions = { netting: opts.netting, today: opts.today };
  const base = run({ ...input, tables }, runOpts);
  const w = new Warnings(input.locate);
  const pools = new Map<string, string>();
  for (const r of tables.Pools ?? []) {
    const name = str(field(r, 'Pool'));
    if (name) pools.set(name, name);
  }

  const optionList = byName<OptionPool>(tables.Options ?? [], 'Option', CURRENT, 'Options', pools, w,
    () => ({ fields: {}, risk: [], conflict: false }), (into, row, at, pool) => {
      for (const f of POOL_FIELDS) {
        const v = field(row, f);
        if (blank(v)) continue;
        const had = into.fields[f];
        if (had && norm(String(had.value)) !== norm(String(v))) {
          into.conflict = true;
          w.add('OPTION_CONFLICT', `${place({ table: 'Options', row: at, column: f })}: ${f} ${str(v)} differs from `
            + `${str(had.value)} in Options row ${had.row} for the same option and pool ${pool}; keep one.`,
          { table: 'Options', row: at, column: f, pool });
        } else if (!had) into.fields[f] = { value: v, row: at };
      }
      if (RISK_FIELDS.some((f) => !blank(field(row, f)))) {
        const risk: RawRow = { Pool: pool };
        for (const f of RISK_FIELDS) risk[f] = field(row, f);
        into.risk.push(risk);
      }
    });
  const lines = new Set((tables.Lines ?? []).map((r) => `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`));
  const scenarioList = byName<ScenarioPool>(tables.Scenarios ?? [], 'Scenario', FORECAST, 'Scenarios', pools, w,
    () => ({ rows: [] }), (into, row, at, pool) => {
      if (!lines.has(`${pool}\u0000${str(field(row, 'Line'))}`)) {
        const where = { table: 'Scenarios', row: at, column: 'Line', pool };
        const line = str(field(row, 'Line')) || '(blank)';
        w.add('UNKNOWN_OPTION_POOL', `${place(where)}: pool ${pool} has no line ${line} in Lines; correct the line.`,
          where);
        return;
      }
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
      if (own.size) held.set(at(oi, si), run({ tables: substituted(tables, own, option, scenario, pinned) }, runOpts));
      for (const pool of pools.keys()) {
        if (option?.byPool.get(pool)?.conflict) {
          results.get(pool)!.push({ option: o, scenario: s,
            errors: w.list.filter((x) => x.code === 'OPTION_CONFLICT' && x.pool === pool) });
          continue;
        }
        const from = own.has(pool) ? held.get(at(oi, si))! : byO.has(pool) ? held.get(at(oi, 0))!
          : byS.has(pool) ? held.get(at(0, si))! : base;
        results.get(pool)!.push(entry(o, s, from, pool));
      }
    }
  }
  return {
    units: base.units, year: base.year, partners: base.partners, options: optionNames, scenarios: scenarioNames,
    pools: [...results.entries()].map(([pool, list]) => ({ pool, results: list })),
    warnings: [...base.warnings, ...w.list],
  };
}

/** The workbook narrowed to `touched` pools, with the option's arrangement and the scenario's outturns. */
function substituted(
  tables: Record<string, RawRow[]>, touched: Set<string>, option: Named<OptionPool> | null,
  scenario: Named<ScenarioPool> | null, settings: RawRow[],
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
    for (const f of POOL_FIELDS) if (own?.fields[f]) r = withField(r, f, own.fields[f]!.value);
    return r;
  });
  if (option) {
    const replaced = new Set([...option.byPool].filter(([, v]) => v.risk.length).map(([k]) => k));
    out.RiskShare = [...(out.RiskShare ?? []).filter((r) => !replaced.has(str(field(r, 'Pool')))),
      ...[...option.byPool.values()].flatMap((v) => v.risk)];
  }
  if (scenario) {
    const forecast = new Map<string, CellValue>();
    const spend = new Map<string, CellValue>();
    for (const [pool, v] of scenario.byPool) {
      for (const row of v.rows) {
        const line = str(field(row, 'Line'));
        const partner = str(field(row, 'Partner'));
        if (partner) spend.set(`${pool}\u0000${line}\u0000${partner}`, field(row, 'Spend'));
        else forecast.set(`${pool}\u0000${line}`, field(row, 'Forecast'));
      }
    }
    out.Lines = (out.Lines ?? []).map((r) => {
      const k = `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`;
      return forecast.has(k) ? withField(r, 'Forecast', forecast.get(k)!) : r;
    });
    out.Contributions = (out.Contributions ?? []).map((r) => {
      const k = `${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}\u0000${str(field(r, 'Partner'))}`;
      return spend.has(k) ? withField(r, 'Spend', spend.get(k)!) : r;
    });
    // Forecasts rows of a line the scenario names give way to it (a typed forecast wins, reading 18).
    if (out.Forecasts) {
      const named = (r: RawRow) => forecast.has(`${str(field(r, 'Pool'))}\u0000${str(field(r, 'Line'))}`);
      out.Forecasts = out.Forecasts.filter((r) => !named(r));
    }
  }
  return out;
}

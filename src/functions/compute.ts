/**
 * What the POOL functions compute, on the engine: each takes the raw arguments as Excel passes
 * them and returns a 2-D array of numbers and text (or a number). Throws InputProblem (or the
 * engine's RangeError) for bad input; functions.ts turns those into #VALUE!.
 */
import type { PoolResult, RawRow, Warning } from '../engine/types';
import { isFailedPool } from '../engine/types';
// Engine modules imported one by one (not ../engine/index): the add-in bundle then leaves out zod,
// which only the command line's JSON reader needs.
import { Decimal, ZERO, allocate } from '../engine/money';
import { netOf } from '../engine/model/contributions';
import { bilateral, multilateral } from '../engine/netting';
import { parseNumber } from '../engine/numbers';
import { run } from '../engine/run';
import { monitor } from '../engine/monitor/index';
import { isMonitorPool } from '../engine/monitor/types';
import { instalments } from '../engine/schedule';
import { proportionalFlows } from '../engine/netting';
import { inferYearStart, parseYearMonth } from '../engine/settings';
import { TABLES, TABLE_NAMES, norm, type TableName } from '../engine/tables';
import { Recent, contentKey, forgetRanges, memo, results } from './cache';
import {
  InputProblem, amountOf, amounts, asGrid, emptyArrivesAsNull, isBlankLike, moneyOf, omitted, single, specTableName,
  tableRows, textOf, toCell, toNumber, where, type Grid,
} from './convert';

type Out = (number | string)[][];

/** Same-shape (or single-cell) optional ranges, as exact numbers. */
function alike(v: unknown, arg: string, rows: number, cols: number): Decimal[][] | null {
  if (omitted(v)) return null;
  const g = asGrid(v) as Grid;
  if (g.length === 1 && g[0].length === 1) {
    const x = amountOf(g[0][0], arg);
    return Array.from({ length: rows }, () => Array.from({ length: cols }, () => x));
  }
  if (g.length !== rows || g.some((r) => r.length !== cols)) {
    const size = `${g.length}x${g[0].length}`;
    throw new InputProblem(`${arg} is ${size} but gross is ${rows}x${cols}: give ranges of the same size`);
  }
  return amounts(g, arg);
}

/**
 * Rule 1: net = gross − income − grant, cell by cell. A deduction typed negative (the sign a
 * report prints) is a deduction of its size (spec, Readings decided 12), as in the engine's
 * Contributions, so NET and RISKSHARE agree on the same cells.
 */
export function net(gross: unknown, income?: unknown, grant?: unknown): number[][] {
  const g = asGrid(gross);
  if (!g) throw new InputProblem('gross is empty');
  const gv = amounts(g, 'gross');
  const iv = alike(income, 'income', g.length, g[0].length);
  const rv = alike(grant, 'grant', g.length, g[0].length);
  const at = (d: Decimal[][] | null, r: number, c: number) => (d ? d[r][c] : ZERO);
  return gv.map((row, r) => row.map((x, c) => toNumber(netOf(x, at(iv, r, c), at(rv, r, c)))));
}

function weightsOf(weights: unknown): { grid: Grid; values: Decimal[] } {
  const grid = asGrid(weights);
  if (!grid) throw new InputProblem('weights is empty');
  const values: Decimal[] = [];
  grid.forEach((row, r) =>
    row.forEach((v, c) => {
      const d = amountOf(v, where('weights', r, c, grid));
      if (d.isNegative()) throw new InputProblem(`${where('weights', r, c, grid)} is negative (${toCell(v)})`);
      values.push(d);
    }),
  );
  if (values.every((d) => d.isZero())) throw new InputProblem('the weights add up to zero');
  return { grid, values };
}

/** Back to the weights' shape. */
function reshape(grid: Grid, flat: number[]): number[][] {
  let i = 0;
  return grid.map((row) => row.map(() => flat[i++]));
}

/** The spec's money rule: parts to the penny that add up to the amount exactly. */
export function allocateParts(amount: unknown, weights: unknown): number[][] {
  const a = moneyOf(single(amount, 'amount'), 'amount');
  const { grid, values } = weightsOf(weights);
  return reshape(grid, allocate(a, values).map((d) => toNumber(d)));
}

/** Each weight's fraction of the total. */
export function shares(weights: unknown): number[][] {
  const { grid, values } = weightsOf(weights);
  const total = values.reduce((s, d) => s.plus(d), new Decimal(0));
  return reshape(grid, values.map((d) => toNumber(d.div(total))));
}

/** Where a warning is, as VALIDATE lists it: "Contributions row 2 Gross". */
function place(w: Warning): string {
  return `${w.table ?? ''}${w.row ? ` row ${w.row}` : ''}${w.column ? ` ${w.column}` : ''}`;
}

/** A warning as one line, its place said once (the engine's messages mostly start with it). */
function describe(w: Warning): string {
  return !w.table || w.message.startsWith(w.table) ? w.message : `${place(w)}: ${w.message}`;
}

/** The distinct non-blank values of a column of rows, in order of first appearance. */
function distinct(rows: RawRow[], column: string): string[] {
  const out: string[] = [];
  for (const r of rows) {
    const key = Object.keys(r).find((k) => k.trim().toLowerCase() === column.toLowerCase());
    const v = key ? r[key] : null;
    if (isBlankLike(v)) continue;
    const s = String(v).trim();
    if (!out.includes(s)) out.push(s);
  }
  return out;
}

function column(rows: RawRow[], name: string): string | undefined {
  for (const r of rows) {
    const k = Object.keys(r).find((h) => h.trim().toLowerCase() === name.toLowerCase());
    if (k) return k;
  }
  return undefined;
}

/**
 * Fills in the required tables a function was not given, from the rows it was given: Partners
 * from the Partner column (in order of first appearance), Pools from the Pool column (pooled,
 * hosted by the first partner, shared by the method of its RiskShare rows: `fixed` when they carry
 * percentages, `banded` when they carry From/To bands, otherwise `proportional`), Lines from
 * the Pool and Line columns. So the engine's checks of the given rows can run.
 */
function completeTables(tables: Record<string, RawRow[]>, from: string): void {
  const rows = tables[from] ?? [];
  const partners = distinct(rows, 'Partner');
  if (!tables.Partners) tables.Partners = partners.map((p) => ({ Partner: p }));
  if (!tables.Pools) {
    const rs = tables.RiskShare ?? [];
    const poolKey = column(rs, 'Pool');
    const has = (r: RawRow, c: string) => { const k = column([r], c); return k !== undefined && !isBlankLike(r[k]); };
    tables.Pools = distinct(rows, 'Pool').map((p) => {
      const own = rs.filter((r) => poolKey && String(r[poolKey] ?? '').trim() === p);
      const banded = own.some((r) => has(r, 'From') || has(r, 'To'));
      const fixed = own.some((r) => has(r, 'Percent'));
      const method = banded ? 'banded' : fixed ? 'fixed' : 'proportional';
      return { Pool: p, Kind: 'pooled', Host: partners[0] ?? null, Method: method };
    });
  }
  if (!tables.Lines) {
    const poolKey = column(rows, 'Pool');
    const lineKey = column(rows, 'Line');
    const seen = new Set<string>();
    tables.Lines = [];
    for (const r of rows) {
      if (!poolKey || !lineKey || isBlankLike(r[poolKey]) || isBlankLike(r[lineKey])) continue;
      const k = `${r[poolKey]}\u0000${r[lineKey]}`;
      if (seen.has(k)) continue;
      seen.add(k);
      tables.Lines.push({ Pool: r[poolKey], Line: r[lineKey] });
    }
  }
  if (!tables.Contributions) tables.Contributions = [];
}

export const RISKSHARE_HEADER = ['Partner', 'Net', 'Share', 'Savings charge', 'Risk share', 'Final cost'];

/** The rows of one pool, others blank (one shared all-null row, skipped by the engine: row numbers stay). */
function onlyPool(rows: RawRow[], pool: string): RawRow[] {
  const key = column(rows, 'Pool');
  if (!key || rows.length === 0) return rows;
  const want = pool.trim().toLowerCase();
  const blank: RawRow = Object.fromEntries(Object.keys(rows[0]).map((k) => [k, null]));
  return rows.map((r) => {
    const v = r[key];
    return v !== null && v !== undefined && String(v).trim().toLowerCase() === want ? r : blank;
  });
}

/** RISKSHARE's tables as read once for every call over the same cells (whatever pool it asks for). */
interface Parsed {
  tables: Record<string, RawRow[]>;
  /** The Partners table given, or one made from the contributions (order of first appearance). */
  partners: RawRow[];
  partnersGiven: boolean;
  pools: string[];
  /** Table -> pool (trimmed, lower case) -> its rows, in order. */
  byPool: Map<string, Map<string, RawRow[]>>;
}

const parsed = new Recent<Parsed>(2);

/** Empties the result cache and the parsed tables (tests and the benchmark). */
export function clearCaches(): void {
  results.clear();
  parsed.clear();
  forgetRanges();
}

/**
 * RISKSHARE takes no Settings, Payments or Forecasts, so nothing else says the year its dated
 * Savings rows are checked against: it is the one year they fall in (the year end reads each saving
 * at its latest row). Rows over two years give no year: the engine's default, and its errors say so.
 */
function savingsYear(savings: RawRow[] | undefined): RawRow[] {
  const key = savings ? column(savings, 'Period') : null;
  const periods = key ? savings!.map((r) => parseYearMonth(r[key] ?? null)).filter((p): p is string => !!p) : [];
  const start = periods.length ? inferYearStart(periods) : null;
  return start ? [{ Setting: 'Year start', Value: start }] : [];
}

function parse(
  contributions: unknown, lines: unknown, risk: unknown, savings: unknown, partnerRange: unknown, nulls: boolean,
): Parsed {
  const tables: Record<string, RawRow[]> = {
    Contributions: tableRows(contributions, 'Contributions', 'contributions_range', nulls),
    Lines: tableRows(lines, 'Lines', 'lines_range', nulls),
  };
  if (!omitted(risk)) tables.RiskShare = tableRows(risk, 'RiskShare', 'riskshare_range', nulls);
  if (!omitted(savings)) tables.Savings = tableRows(savings, 'Savings', 'savings_range', nulls);
  const byPool = new Map<string, Map<string, RawRow[]>>();
  for (const [name, rows] of Object.entries(tables)) {
    const key = column(rows, 'Pool');
    const groups = new Map<string, RawRow[]>();
    for (const r of rows) {
      const v = key ? r[key] : null;
      if (v === null || v === undefined) continue;
      const k = String(v).trim().toLowerCase();
      const g = groups.get(k);
      if (g) g.push(r);
      else groups.set(k, [r]);
    }
    byPool.set(name, groups);
  }
  const partners = omitted(partnerRange)
    ? distinct(tables.Contributions, 'Partner').map((p) => ({ Partner: p }))
    : tableRows(partnerRange, 'Partners', 'partners_range', nulls);
  const pools = distinct(tables.Contributions, 'Pool');
  return { tables, partners, partnersGiven: !omitted(partnerRange), pools, byPool };
}

/** A pool's figures by partner, whatever the partners' order. */
function figures(p: PoolResult): string {
  const rows = p.partners.map((x) => [x.partner, x.net, x.share, x.savingsCharge, x.riskShare, x.finalCost].join('|'));
  return `${rows.sort().join('\n')}\n${p.unallocated}`;
}

/**
 * Rules 1–7 for one pool from its tables (ranges with header rows); Partners and Pools, unless
 * given, come from the contributions (see completeTables). The partner order breaks ties in the
 * money rule: without the Partners range the pool runs again with the partners reversed, and a
 * penny that moves is refused in words rather than guessed. Only the
 * chosen pool's rows go to the engine: pools are independent, so the figures are a full run's.
 * The tables are read once for all the calls over the same cells; a pool with errors is run again
 * with the other pools' rows blanked, so that its message gives the rows of the range.
 */
export function riskShare(
  contributions: unknown, lines: unknown, risk?: unknown, savings?: unknown, pool?: unknown, partners?: unknown,
): Out {
  const tablesKey = contentKey('RISKSHARE', [contributions, lines, risk, savings, partners]);
  return memo(`${tablesKey}${contentKey('', [pool])}`, () => {
    const nulls = emptyArrivesAsNull(contributions, lines, risk, savings, pool, partners);
    const all = parsed.get(`${nulls}${tablesKey}`, () => parse(contributions, lines, risk, savings, partners, nulls));
    const poolGrid = asGrid(pool);
    let poolRows: RawRow[] | undefined;
    let chosen: string | null = null;
    if (poolGrid && !omitted(pool) && (poolGrid.length > 1 || poolGrid[0].length > 1)) {
      poolRows = tableRows(pool, 'Pools', 'pool', nulls);
      const listed = distinct(poolRows, 'Pool');
      if (listed.length === 1) chosen = listed[0];
    } else {
      chosen = textOf(pool, 'pool');
    }
    if (!chosen) {
      if (all.pools.length === 0) {
        throw new InputProblem('contributions_range has no rows with a Pool under its header row');
      }
      if (all.pools.length > 1) {
        const several = `contributions_range holds several pools (${all.pools.join(', ')})`;
        throw new InputProblem(poolRows
          ? `${several}: give a Pools range of one row, or the pool's name instead of the Pools table`
          : `${several}: give the pool's name as the last argument`);
      }
      chosen = all.pools[0];
    }
    const name = chosen;
    const want = name.trim().toLowerCase();
    const compact: Record<string, RawRow[]> = {};
    for (const t of Object.keys(all.tables)) compact[t] = all.byPool.get(t)!.get(want) ?? [];
    if (poolRows) compact.Pools = onlyPool(poolRows, name);
    const spend = column(compact.Contributions, 'Spend');
    if (!poolRows && spend && compact.Contributions.some((r) => !isBlankLike(r[spend]))) {
      throw new InputProblem(
        `contributions_range has Spend figures for ${name} (an aligned pool?): ` +
          "give the pool's row of Pools, with its header and Kind, as the last argument",
      );
    }
    const runPool = (given: Record<string, RawRow[]>, partners = all.partners) => {
      const tables = { ...given, Partners: partners, Settings: savingsYear(given.Savings) };
      completeTables(tables, 'Contributions');
      const result = run({ tables });
      return { result, found: result.pools.find((p) => p.pool.trim().toLowerCase() === want) };
    };
    let { result, found } = runPool(compact);
    if (!all.partnersGiven && found && !isFailedPool(found) && all.partners.length > 1) {
      const other = runPool(compact, [...all.partners].reverse()).found;
      if (!other || isFailedPool(other) || figures(other) !== figures(found)) {
        throw new InputProblem(
          `${found.pool}: the partner order decides a penny (a tie in the money rule): ` +
            'give the Partners range as partners_range',
        );
      }
    }
    if (!found || isFailedPool(found)) {
      const blanked: Record<string, RawRow[]> = {};
      for (const [t, rows] of Object.entries(all.tables)) blanked[t] = onlyPool(rows, name);
      if (poolRows) blanked.Pools = compact.Pools;
      ({ result, found } = runPool(blanked));
    }
    const errors = result.warnings.filter((w) => w.severity === 'error' && (!w.pool || w.pool === found?.pool));
    if (!found) {
      const known = all.pools.length ? ` (it holds ${all.pools.join(', ')})` : '';
      if (errors[0]) throw new InputProblem(describe(errors[0]));
      throw new InputProblem(`no pool named ${name} in contributions_range${known}`);
    }
    if (isFailedPool(found)) {
      const first = found.errors[0] ?? errors[0];
      throw new InputProblem(`${found.pool}: ${first ? describe(first) : 'the pool has errors'}`);
    }
    if (!poolRows && !new Decimal(found.unallocated).isZero()) {
      throw new InputProblem(
        `${found.pool}: caps leave ${found.unallocated} that falls to the host: ` +
          'give the Pools range (with Host) as the last argument',
      );
    }
    return [
      RISKSHARE_HEADER,
      ...found.partners.map((p) => [
        p.partner, toNumber(p.net), toNumber(p.share), toNumber(p.savingsCharge), toNumber(p.riskShare),
        toNumber(p.finalCost),
      ]),
    ];
  }) as Out;
}

export const MONITOR_HEADER = ['Period', 'Outturn', 'Variance', 'Movement', 'Reserve used'];
export const MONITOR_PARTNER_HEADER = ['Partner', 'Savings charge', 'Risk share', 'Final cost', ''];

/**
 * In-year monitoring (monitoring.md) for one pool at one period from its tables (ranges with
 * header rows): the projection the command line's `monitor` gives, its period figures then each
 * partner's projected savings charge, risk share and final cost. Pools and Partners, unless given,
 * come from the contributions as for RISKSHARE, and a penny the partner order decides is refused.
 */
export function monitorPool(
  pool: unknown, period: unknown, forecasts: unknown, contributions: unknown, lines: unknown, risk?: unknown,
  savings?: unknown, partners?: unknown,
): Out {
  const args = [pool, period, forecasts, contributions, lines, risk, savings, partners];
  return memo(contentKey('MONITOR', args), () => {
    const nulls = emptyArrivesAsNull(...args);
    const tables: Record<string, RawRow[]> = {
      Forecasts: tableRows(forecasts, 'Forecasts', 'forecasts_range', nulls),
      Contributions: tableRows(contributions, 'Contributions', 'contributions_range', nulls),
      Lines: tableRows(lines, 'Lines', 'lines_range', nulls),
    };
    if (!omitted(risk)) tables.RiskShare = tableRows(risk, 'RiskShare', 'riskshare_range', nulls);
    if (!omitted(savings)) tables.Savings = tableRows(savings, 'Savings', 'savings_range', nulls);
    if (!omitted(partners)) tables.Partners = tableRows(partners, 'Partners', 'partners_range', nulls);
    const poolGrid = asGrid(pool);
    if (poolGrid && (poolGrid.length > 1 || poolGrid[0].length > 1)) {
      tables.Pools = tableRows(pool, 'Pools', 'pool', nulls);
    }
    const named = tables.Pools ? distinct(tables.Pools, 'Pool') : [textOf(pool, 'pool') ?? ''].filter(Boolean);
    const all = distinct(tables.Contributions, 'Pool');
    const name = named.length === 1 ? named[0] : all.length === 1 ? all[0] : null;
    if (!name) throw new InputProblem(`give the pool: contributions_range holds ${all.join(', ') || 'no pool'}`);
    const p = single(period, 'period');
    const ym = isBlankLike(p) ? undefined : parseYearMonth(p);
    if (ym === null) throw new InputProblem(`period must be a date or YYYY-MM text, not "${String(toCell(p))}"`);
    completeTables(tables, 'Contributions');
    const project = (order: RawRow[]) => {
      const result = monitor({ tables: { ...tables, Partners: order } }, { period: ym });
      const found = result.pools.find((x) => x.pool.trim().toLowerCase() === name.trim().toLowerCase());
      const errors = result.warnings.filter((w) => w.severity === 'error' && (!w.pool || w.pool === found?.pool));
      if (!found || !isMonitorPool(found)) {
        throw new InputProblem(errors[0] ? describe(errors[0]) : `no pool named ${name} in contributions_range`);
      }
      // As at the period asked for: its figures are those of the latest Forecasts period up to it.
      const now = found.periods[found.periods.length - 1];
      if (!now) throw new InputProblem(`${found.pool}: forecasts_range has no period to project`);
      return now;
    };
    const now = project(tables.Partners);
    const key = (x: typeof now) => x.partners.map((y) => JSON.stringify(y)).sort().join();
    if (omitted(partners) && key(project([...tables.Partners].reverse())) !== key(now)) {
      throw new InputProblem(`${name}: the partner order decides a penny (a tie in the money rule): `
        + 'give partners_range');
    }
    return [
      MONITOR_HEADER,
      [now.period, toNumber(now.outturn), toNumber(now.variance), now.movement === null ? '' : toNumber(now.movement),
        toNumber(now.reserveUsed)],
      MONITOR_PARTNER_HEADER,
      ...now.partners.map((x) =>
        [x.partner, toNumber(x.savingsCharge), toNumber(x.riskShare), toNumber(x.finalCost), '']),
    ];
  }) as Out;
}

export const SETTLE_HEADER = ['From', 'To', 'Amount'];

/** A header row: every cell text that is not a number, and no digit in the balance's (a typo stays an error). */
function isHeader(row: unknown[]): boolean {
  const text = row.every((v) => typeof v === 'string' && v.trim() !== '' && parseNumber(v).kind === 'invalid');
  return text && !/\d/.test(String(row[row.length - 1]));
}

/** Rows of partner/balance or pool/partner/balance (an optional header row is skipped). */
function balanceRows(v: unknown): { pool: string; partner: string; amount: Decimal }[] {
  const g = asGrid(v);
  if (!g) throw new InputProblem('balances is empty');
  const width = g[0].length;
  if (width !== 2 && width !== 3) {
    const want = '2 columns (partner, balance) or 3 (pool, partner, balance)';
    throw new InputProblem(`balances must have ${want}, not ${width}`);
  }
  const out: { pool: string; partner: string; amount: Decimal }[] = [];
  g.forEach((row, r) => {
    if (row.every(isBlankLike)) return;
    const last = row[width - 1];
    if (r === 0 && isHeader(row)) return;
    const partner = row[width - 2];
    if (isBlankLike(partner)) throw new InputProblem(`balances row ${r + 1}: the partner is blank`);
    out.push({
      pool: width === 3 ? String(toCell(row[0]) ?? '').trim() : '',
      partner: String(toCell(partner)).trim(),
      amount: amountOf(last, `balances row ${r + 1}`),
    });
  });
  return out;
}

/** Rule 9 on balances: multilateral (default), bilateral or gross payments. */
export function settle(balances: unknown, mode?: unknown): Out {
  const m = (textOf(mode, 'mode') ?? 'multilateral').toLowerCase();
  if (!['multilateral', 'bilateral', 'gross'].includes(m)) {
    throw new InputProblem(`mode must be multilateral, bilateral or gross, not "${m}"`);
  }
  const rows = balanceRows(balances);
  const pools = [...new Set(rows.map((r) => r.pool))];
  for (const p of pools) {
    const total = rows.filter((r) => r.pool === p).reduce((s, r) => s.plus(r.amount), new Decimal(0));
    if (!total.isZero()) {
      const of = p ? ` of pool ${p}` : '';
      const why = 'every amount owed must be owed to someone';
      throw new InputProblem(`the balances${of} add up to ${total.toFixed(2)}, not 0: ${why}`);
    }
  }
  const order: string[] = [];
  for (const r of rows) if (!order.includes(r.partner)) order.push(r.partner);
  let payments: { from: string; to: string; amount: Decimal }[];
  if (m === 'multilateral') {
    const positions = order.map((partner) => ({
      partner,
      amount: rows.filter((r) => r.partner === partner).reduce((s, r) => s.plus(r.amount), new Decimal(0)),
    }));
    payments = multilateral(positions);
  } else {
    const flows = pools.flatMap((p) => proportionalFlows(rows.filter((r) => r.pool === p)));
    payments = m === 'gross' ? flows : bilateral(flows, order);
  }
  return [SETTLE_HEADER, ...payments.map((p) => [p.from, p.to, toNumber(p.amount)])];
}

export const SCHEDULE_HEADER = ['Due', 'Amount'];

/**
 * Rule 10's instalments of an amount over the financial year. The year start is required: the
 * instalments never depend on today's date (a formula that did would not recalculate with it).
 */
export function schedule(amount: unknown, frequency: unknown, yearStart: unknown): Out {
  const a = moneyOf(single(amount, 'amount'), 'amount');
  const f = (textOf(frequency, 'frequency') ?? 'monthly').toLowerCase();
  if (f !== 'monthly' && f !== 'quarterly') {
    throw new InputProblem(`frequency must be monthly or quarterly, not "${f}"`);
  }
  const ys = single(yearStart, 'year_start');
  if (isBlankLike(ys)) {
    throw new InputProblem('year_start is blank: give the first month of the financial year, e.g. "2025-04" or a date');
  }
  const start = parseYearMonth(ys);
  if (!start) throw new InputProblem(`year_start must be a date or YYYY-MM text, not "${String(toCell(ys))}"`);
  return [SCHEDULE_HEADER, ...instalments(a, f, start).map((i) => [i.due, toNumber(i.amount)])];
}

/** Codes that only make sense with the other tables present. */
const CROSS_TABLE = new Set([
  'MISSING_TABLE', 'UNKNOWN_PARTNER', 'UNKNOWN_POOL', 'UNKNOWN_LINE', 'HOST_NOT_PARTNER', 'NO_HOST', 'NO_LEAD',
]);

/**
 * Checks one spec table (a range with its header row), with the engine's checks of its rows and
 * across them (percent totals, bands, duplicates). The table is the one named, or the only spec
 * table whose columns the header row holds exactly (its required ones, and no others).
 */
export function validate(range: unknown, table?: unknown): Out {
  return memo(contentKey('VALIDATE', [range, table]), () => {
    const named = textOf(table, 'table_name');
    const name = named ? specTableName(named) : recognise(asGrid(range));
    if (!name) {
      throw new InputProblem(`table_name must be one of ${TABLE_NAMES.join(', ')}, not "${named}"`);
    }
    const rows = tableRows(range, name, 'table_range', emptyArrivesAsNull(range));
    const tables: Record<string, RawRow[]> = { [name]: rows };
    completeTables(tables, name);
    const result = run({ tables });
    const found = result.warnings.filter((w) => w.table === name && !CROSS_TABLE.has(w.code));
    if (found.length === 0) return [['OK']];
    return [
      ['Severity', 'Code', 'Where', 'Message'],
      ...found.map((w) => [w.severity, w.code, place(w), w.message]),
    ];
  }) as Out;
}

/** The one spec table whose header is this row (every required column, no others); else it asks for the name. */
function recognise(grid: Grid | undefined): TableName {
  if (!grid) throw new InputProblem('table_range is empty: give the table with its header row');
  const headers = grid[0].filter((h) => !isBlankLike(h)).map((h) => norm(String(toCell(h))));
  const fits = TABLE_NAMES.filter((t) => {
    const cols = TABLES[t].columns;
    return cols.filter((c) => c.required).every((c) => headers.includes(norm(c.header)))
      && headers.every((h) => cols.some((c) => norm(c.header) === h));
  });
  if (fits.length === 1) return fits[0];
  const why = fits.length > 1 ? `could be ${fits.join(' or ')}` : 'matches no spec table exactly';
  throw new InputProblem(`the header row ${why}: name the table as table_name (${TABLE_NAMES.join(', ')})`);
}

/**
 * What the POOL functions compute, on the engine: each takes the raw arguments as Excel passes
 * them and returns a 2-D array of numbers and text (or a number). Throws InputProblem (or the
 * engine's RangeError) for bad input; functions.ts turns those into #VALUE!.
 */
import type { RawRow, WorkbookInput, Warning } from '../engine/types';
import { isFailedPool } from '../engine/types';
// Engine modules imported one by one (not ../engine/index): the add-in bundle then leaves out zod,
// which only the command line's JSON reader needs.
import { Decimal, allocate } from '../engine/money';
import { bilateral, multilateral } from '../engine/netting';
import { run } from '../engine/run';
import { instalments } from '../engine/schedule';
import { proportionalFlows } from '../engine/netting';
import { defaultYearStart, parseYearMonth } from '../engine/settings';
import { TABLES, TABLE_NAMES, norm, type TableName } from '../engine/tables';
import {
  InputProblem, amountOf, amounts, asGrid, isBlankLike, omitted, single, specTableName, tableRows, textOf,
  toCell, toNumber, where, type Grid,
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
    throw new InputProblem(`${arg} is ${g.length}x${g[0].length} but gross is ${rows}x${cols}: give ranges of the same size`);
  }
  return amounts(g, arg);
}

/** Rule 1: net = gross − income − grant, cell by cell. */
export function net(gross: unknown, income?: unknown, grant?: unknown): number[][] {
  const g = asGrid(gross);
  if (!g) throw new InputProblem('gross is empty');
  const gv = amounts(g, 'gross');
  const iv = alike(income, 'income', g.length, g[0].length);
  const rv = alike(grant, 'grant', g.length, g[0].length);
  return gv.map((row, r) => row.map((x, c) => toNumber(x.minus(iv ? iv[r][c] : 0).minus(rv ? rv[r][c] : 0))));
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
  const a = amountOf(single(amount, 'amount'), 'amount');
  const { grid, values } = weightsOf(weights);
  return reshape(grid, allocate(a, values).map((d) => toNumber(d)));
}

/** Each weight's fraction of the total. */
export function shares(weights: unknown): number[][] {
  const { grid, values } = weightsOf(weights);
  const total = values.reduce((s, d) => s.plus(d), new Decimal(0));
  return reshape(grid, values.map((d) => toNumber(d.div(total))));
}

function describe(w: Warning): string {
  const at = w.table ? `${w.table}${w.row ? ` row ${w.row}` : ''}${w.column ? ` ${w.column}` : ''}: ` : '';
  return `${at}${w.message}`;
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
 * hosted by the first partner, shared by the RiskShare rows' method: `fixed` when they carry
 * percentages, `banded` when they carry From/To bands, otherwise `proportional`), Lines from
 * the Pool and Line columns. So the engine's checks of the given rows can run.
 */
function completeTables(tables: Record<string, RawRow[]>, from: string): void {
  const rows = tables[from] ?? [];
  const partners = distinct(rows, 'Partner');
  if (!tables.Partners) tables.Partners = partners.map((p) => ({ Partner: p }));
  if (!tables.Pools) {
    const rs = tables.RiskShare ?? [];
    const has = (r: RawRow, c: string) => { const k = column([r], c); return k !== undefined && !isBlankLike(r[k]); };
    const banded = rs.some((r) => has(r, 'From') || has(r, 'To'));
    const fixed = rs.some((r) => has(r, 'Percent'));
    tables.Pools = distinct(rows, 'Pool').map((p) => ({
      Pool: p, Kind: 'pooled', Host: partners[0] ?? null, Method: banded ? 'banded' : fixed ? 'fixed' : 'proportional',
    }));
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

/**
 * Rules 1–7 for one pool from its tables (ranges with header rows); Partners and, unless given
 * as the last argument, Pools come from the contributions (see completeTables).
 */
export function riskShare(contributions: unknown, lines: unknown, risk?: unknown, savings?: unknown, pool?: unknown): Out {
  const tables: Record<string, RawRow[]> = {
    Contributions: tableRows(contributions, 'Contributions', 'contributions'),
    Lines: tableRows(lines, 'Lines', 'lines'),
  };
  if (!omitted(risk)) tables.RiskShare = tableRows(risk, 'RiskShare', 'riskshare');
  if (!omitted(savings)) tables.Savings = tableRows(savings, 'Savings', 'savings');
  const poolGrid = asGrid(pool);
  let chosen: string | null = null;
  if (poolGrid && !omitted(pool) && (poolGrid.length > 1 || poolGrid[0].length > 1)) {
    tables.Pools = tableRows(pool, 'Pools', 'pool');
  } else {
    chosen = textOf(pool, 'pool');
  }
  const contributionPools = distinct(tables.Contributions, 'Pool');
  if (tables.Pools) {
    const listed = distinct(tables.Pools, 'Pool');
    if (listed.length === 1) chosen = listed[0];
  }
  if (!chosen) {
    if (contributionPools.length !== 1) {
      throw new InputProblem(
        contributionPools.length === 0
          ? 'contributions holds no pool'
          : tables.Pools
            ? `contributions holds several pools (${contributionPools.join(', ')}): give a Pools range of one row, or the pool's name instead of the Pools table`
            : `contributions holds several pools (${contributionPools.join(', ')}): give the pool's name as the last argument`,
      );
    }
    chosen = contributionPools[0];
  }
  completeTables(tables, 'Contributions');
  const input: WorkbookInput = { tables };
  const result = run(input);
  const found = result.pools.find((p) => p.pool.trim().toLowerCase() === chosen!.trim().toLowerCase());
  const errors = result.warnings.filter((w) => w.severity === 'error' && (!w.pool || w.pool === found?.pool));
  if (!found) {
    throw new InputProblem(errors[0] ? describe(errors[0]) : `no pool named ${chosen} in contributions`);
  }
  if (isFailedPool(found)) {
    const first = found.errors[0] ?? errors[0];
    throw new InputProblem(`${found.pool}: ${first ? describe(first) : 'the pool has errors'}`);
  }
  return [
    RISKSHARE_HEADER,
    ...found.partners.map((p) => [
      p.partner, toNumber(p.net), toNumber(p.share), toNumber(p.savingsCharge), toNumber(p.riskShare), toNumber(p.finalCost),
    ]),
  ];
}

export const SETTLE_HEADER = ['From', 'To', 'Amount'];

/** Rows of partner/balance or pool/partner/balance (an optional header row is skipped). */
function balanceRows(v: unknown): { pool: string; partner: string; amount: Decimal }[] {
  const g = asGrid(v);
  if (!g) throw new InputProblem('balances is empty');
  const width = g[0].length;
  if (width !== 2 && width !== 3) throw new InputProblem(`balances must have 2 columns (partner, balance) or 3 (pool, partner, balance), not ${width}`);
  const out: { pool: string; partner: string; amount: Decimal }[] = [];
  g.forEach((row, r) => {
    if (row.every(isBlankLike)) return;
    const last = row[width - 1];
    if (r === 0 && typeof last === 'string' && /[a-z]/i.test(last) && /balance|amount|position/i.test(last)) return; // header
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
  if (!['multilateral', 'bilateral', 'gross'].includes(m)) throw new InputProblem(`mode must be multilateral, bilateral or gross, not "${m}"`);
  const rows = balanceRows(balances);
  const pools = [...new Set(rows.map((r) => r.pool))];
  for (const p of pools) {
    const total = rows.filter((r) => r.pool === p).reduce((s, r) => s.plus(r.amount), new Decimal(0));
    if (!total.isZero()) {
      throw new InputProblem(`the balances${p ? ` of pool ${p}` : ''} add up to ${total.toFixed(2)}, not 0: every amount owed must be owed to someone`);
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

/** Rule 10's instalments of an amount over the financial year. */
export function schedule(amount: unknown, frequency?: unknown, yearStart?: unknown, today = new Date()): Out {
  const a = amountOf(single(amount, 'amount'), 'amount');
  const f = (textOf(frequency, 'frequency') ?? 'monthly').toLowerCase();
  if (f !== 'monthly' && f !== 'quarterly') throw new InputProblem(`frequency must be monthly or quarterly, not "${f}"`);
  const ys = single(yearStart, 'year start');
  let start = defaultYearStart(today);
  if (!isBlankLike(ys)) {
    const parsed = parseYearMonth(ys);
    if (!parsed) throw new InputProblem(`year start must be a date or YYYY-MM text, not "${String(toCell(ys))}"`);
    start = parsed;
  }
  return [SCHEDULE_HEADER, ...instalments(a, f, start).map((i) => [i.due, toNumber(i.amount)])];
}

/** Codes that only make sense with the other tables present. */
const CROSS_TABLE = new Set(['MISSING_TABLE', 'UNKNOWN_PARTNER', 'UNKNOWN_POOL', 'UNKNOWN_LINE', 'HOST_NOT_PARTNER', 'NO_HOST', 'NO_LEAD']);

/** Checks one spec table (a range with its header row); the spec table is named or guessed. */
export function validate(range: unknown, table?: unknown): Out {
  const named = textOf(table, 'table');
  let name = named ? specTableName(named) : null;
  if (named && !name) throw new InputProblem(`table must be one of the spec's tables (Partners, Pools, Lines, Contributions, RiskShare, Savings, Payments, Settings), not "${named}"`);
  const grid = asGrid(range);
  if (!grid) throw new InputProblem('range is empty');
  if (!name) name = guessTable(grid);
  const tables: Record<string, RawRow[]> = { [name]: tableRows(grid, name, 'range') };
  completeTables(tables, name);
  const result = run({ tables });
  const found = result.warnings.filter((w) => w.table === name && !CROSS_TABLE.has(w.code));
  if (found.length === 0) return [['OK']];
  return [
    ['Severity', 'Code', 'Where', 'Message'],
    ...found.map((w) => [w.severity, w.code, `${w.table}${w.row ? ` row ${w.row}` : ''}${w.column ? ` ${w.column}` : ''}`, w.message]),
  ];
}

/**
 * The spec table a header row belongs to: the one with the most required columns all present
 * (Contributions before Lines, ...); a lone `Pool` column is RiskShare when a risk-share column
 * (Percent, Cap, From, To, Band method) is there, else Pools.
 */
function guessTable(grid: Grid): TableName {
  const headers = new Set(grid[0].map((h) => norm(String(toCell(h) ?? ''))));
  const has = (t: TableName) => TABLES[t].columns.filter((c) => c.required).every((c) => headers.has(norm(c.header)));
  const byRequired = [...TABLE_NAMES].sort(
    (a, b) => TABLES[b].columns.filter((c) => c.required).length - TABLES[a].columns.filter((c) => c.required).length,
  );
  const riskOnly = ['percent', 'cap', 'from', 'to', 'band method'].some((h) => headers.has(h));
  for (const t of byRequired) {
    if (!has(t)) continue;
    if (t === 'Pools' || t === 'RiskShare') return riskOnly ? 'RiskShare' : 'Pools';
    return t;
  }
  throw new InputProblem('the header row matches no spec table: name the table as the second argument');
}

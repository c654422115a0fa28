/** POOL.RISKSHARE: one pool through rules 1-7 from the ranges given, parsed once for every call over the same cells. */
import type { PoolResult, RawRow } from '../../engine/types';
import { isFailedPool } from '../../engine/types';
import { Decimal } from '../../engine/money';
import { run } from '../../engine/run';
import { inferYearStart, parseYearMonth } from '../../engine/settings';
import { Recent, contentKey, forgetRanges, memo, results } from '../cache';
import {
  InputProblem, asGrid, emptyArrivesAsNull, isBlankLike, omitted, tableRows, textOf, toNumber,
} from '../convert';
import { RISKSHARE_HEADER, column, completeTables, describe, distinct, onlyPool } from './tables';

type Out = (number | string)[][];

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

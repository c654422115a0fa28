/**
 * POOL.RISKSHARE (src/functions) as Excel would call it: 2-D arrays with header rows
 * (Contributions, Lines, RiskShare, Savings, Pools, Partners: with Partners one engine run a call,
 * without it two, to check that the partner order decides no penny). On the given rows of one pool: the first
 * (cold) call and the median of repeated calls with the result cache emptied before each (the
 * cost of a recalculation whose inputs changed). On 10,000 rows: one call against twenty
 * identical calls (twenty formulas over the same tables: the cache makes them one engine run),
 * and twenty calls for the twenty pools of a 10,000-row workbook (the tables read once, each
 * call running its own pool's rows); the ratios are to the one call.
 */
import { generateWorkbook, type Row } from './generate';
import type { Figures } from './targets';

type Grid = Array<Array<string | number | boolean | null>>;
type Fns = { RISKSHARE(...a: unknown[]): unknown };

/** Rows to a range: header row (every key seen, in first-seen order), then one array per row. */
export function toGrid(rows: Row[]): Grid {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))];
}

const clock = () => Number(process.hrtime.bigint()) / 1e6;
const r2 = (x: number) => Math.round(x * 100) / 100;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function argsOf(t: Record<string, Row[]>, pool: unknown): unknown[] {
  const risk = t.RiskShare.length ? t.RiskShare : [{ Pool: null, Partner: null }];
  const savings = t.Savings.length ? t.Savings : [{ Pool: null, Line: null, Partner: null, Planned: null }];
  return [toGrid(t.Contributions), toGrid(t.Lines), toGrid(risk), toGrid(savings), pool, toGrid(t.Partners)];
}

/** The arguments a round holds beyond its own calls' (measureTwenty): module state, so that none is freed early. */
let held: unknown[][] = [];

/** Fresh arrays for each call, as Excel passes them (so the cache cannot key on references). */
const fresh = (args: unknown[]) => args.map((a) => (Array.isArray(a) ? a.map((r: unknown[]) => r.slice()) : a));

export async function measureRiskshare(rows: number): Promise<Figures> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const functions = require('../src/functions/functions') as Fns;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { clearCaches } = require('../src/functions/compute') as { clearCaches(): void };
  const results = { clear: clearCaches };
  const wb = generateWorkbook({ rows, pools: 1 });
  const t = wb.tables;
  const args = argsOf(t, toGrid(t.Pools));
  results.clear();
  let start = clock();
  const first = functions.RISKSHARE(...args);
  const coldMs = clock() - start;
  if (!Array.isArray(first) || !Array.isArray(first[0]) || first[0][0] !== 'Partner') {
    return { error: `RISKSHARE did not return its table: ${JSON.stringify(first).slice(0, 300)}`, coldMs };
  }
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) {
    results.clear();
    start = clock();
    functions.RISKSHARE(...fresh(args));
    xs.push(clock() - start);
  }
  return {
    rows: t.Contributions.length,
    method: t.Pools[0].Method ?? 'proportional',
    partners: first.length - 1,
    coldMs: r2(coldMs),
    ms: r2(median(xs)),
    minMs: r2(Math.min(...xs)),
    reps: xs.length,
    tenK: measureTwenty(functions, results),
  };
}

/**
 * One call and twenty on 10,000 rows (5 rounds each, by turns, each holding twenty calls' arguments,
 * caches emptied and the heap collected before each round): the best of each, and each ratio as the
 * median of the rounds' own ratios; and a cache hit: each of the calls after the first of twenty
 * identical ones, timed alone (the median over the rounds), so that a busy machine cannot make it
 * look free or dear.
 */
function measureTwenty(functions: Fns, results: { clear(): void }): Figures {
  const hits: number[] = [];
  /** One round of these calls, caches emptied first: its time. */
  const round = (calls: unknown[][]) => {
    const inputs = calls.map(fresh);
    // Every round holds twenty calls' arguments, whether it makes one call or twenty, so that the
    // rounds differ only in their calls. Twenty copies of 83,000 cells held make a cold call about a
    // third slower or more (more to collect while it runs): measured, one call with twenty copies held took
    // what the first of twenty identical calls took. Held by one round and not the other, that cost
    // of the harness counted against the cache.
    held = calls.length < 20 ? Array.from({ length: 20 - calls.length }, () => fresh(calls[0])) : [];
    results.clear();
    // The round starts on a collected heap: twenty copies of 83,000 cells made just before would
    // otherwise be collected inside the timed calls, a cost of this harness, not of the calls.
    (global as unknown as { gc?: () => void }).gc?.();
    const start = clock();
    inputs.forEach((a, i) => {
      const at = clock();
      const out = functions.RISKSHARE(...a);
      if (!Array.isArray(out)) throw new Error(`RISKSHARE failed: ${JSON.stringify(out).slice(0, 300)}`);
      if (i > 0 && calls[i] === calls[0]) hits.push(clock() - at);
    });
    const ms = clock() - start;
    held = [];
    return ms;
  };
  const one = generateWorkbook({ rows: 10_000, pools: 1 }).tables;
  const same = argsOf(one, toGrid(one.Pools));
  const many = generateWorkbook({ rows: 10_000, pools: 20 }).tables;
  const pools = many.Pools.map((p) => toGrid([p]));
  const kinds = [[same], Array.from({ length: 20 }, () => same), pools.map((p) => argsOf(many, p))];
  // The rounds of the three by turns, as the .xlsx anchors are run (sideBySide in run.ts): a machine
  // whose speed drifts gives each the same turns at it, and the ratios are of calls made side by side.
  const times = kinds.map(() => [] as number[]);
  for (let r = 0; r < 5; r++) kinds.forEach((calls, k) => times[k].push(round(calls)));
  const [oneMs, twentyMs, twentyPoolsMs] = times.map((t) => Math.min(...t));
  // Each ratio is the median over the rounds of the round's own ratio: of calls made side by side.
  const ratio = (k: number) => median(times[k].map((t, r) => t / times[0][r]));
  // A cache hit, per 10,000 cells of arguments.
  const cells = same.reduce((n: number, a) => n + (Array.isArray(a) ? a.reduce((m: number, r: unknown[]) => m + r.length, 0) : 1), 0);
  const hitMs = median(hits);
  return {
    rows: one.Contributions.length,
    oneMs: r2(oneMs),
    twentySameMs: r2(twentyMs),
    twentySameRatio: r2(ratio(1)),
    cells,
    hitMs: Math.round(hitMs * 1000) / 1000,
    hitMsPer10kCells: Math.round((hitMs / (cells / 10_000)) * 1000) / 1000,
    twentyPoolsMs: r2(twentyPoolsMs),
    twentyPoolsRatio: r2(ratio(2)),
  };
}

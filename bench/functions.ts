/**
 * POOL.RISKSHARE (src/functions) on a 1,000-row Contributions range of one pool, as Excel would
 * call it: 2-D arrays with header rows (Contributions, Lines, RiskShare, Savings, Pools).
 * Reports the first (cold) call and the median of warm calls.
 */
import { generateWorkbook, type Row } from './generate';
import type { Figures } from './targets';

type Grid = Array<Array<string | number | boolean | null>>;

/** Rows to a range: header row (every key seen, in first-seen order), then one array per row. */
export function toGrid(rows: Row[]): Grid {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))];
}

export async function measureRiskshare(rows: number): Promise<Figures> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const functions = require('../src/functions/functions') as { RISKSHARE(...a: unknown[]): unknown };
  const wb = generateWorkbook({ rows, pools: 1 });
  const t = wb.tables;
  const args = [toGrid(t.Contributions), toGrid(t.Lines), toGrid(t.RiskShare.length ? t.RiskShare : [{ Pool: null, Partner: null }]),
    toGrid(t.Savings.length ? t.Savings : [{ Pool: null, Line: null, Partner: null, Planned: null }]), toGrid(t.Pools)];
  const clock = () => Number(process.hrtime.bigint()) / 1e6;
  let start = clock();
  const first = functions.RISKSHARE(...args);
  const coldMs = clock() - start;
  if (!Array.isArray(first) || !Array.isArray(first[0]) || first[0][0] !== 'Partner') {
    return { error: `RISKSHARE did not return its table: ${JSON.stringify(first).slice(0, 300)}`, coldMs };
  }
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) {
    start = clock();
    functions.RISKSHARE(...args);
    xs.push(clock() - start);
  }
  xs.sort((a, b) => a - b);
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return {
    rows: t.Contributions.length,
    method: t.Pools[0].Method ?? 'proportional',
    partners: first.length - 1,
    coldMs: r2(coldMs),
    ms: r2(xs[Math.floor(xs.length / 2)]),
    minMs: r2(xs[0]),
    reps: xs.length,
  };
}

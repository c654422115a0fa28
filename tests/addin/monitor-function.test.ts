/**
 * POOL.MONITOR: the same cells through the function and through the command line's
 * `poolshare monitor --json` give the same figures (one reading), hand-worked figures on a small
 * pool, and #VALUE! with a message on bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { MONITOR } from '../../src/functions/functions';
import { isFunctionError } from '../../src/functions/errors';
import { clearCaches } from '../../src/functions/compute';
import { main } from '../../src/cli/main';
import { isMonitorPool, type MonitorResult } from '../../src/engine/monitor/types';
import type { RawRow } from '../../src/engine/types';

type Grid = unknown[][];
/** Rows to a range with its header row (every key seen), blanks as null: Excel on the web. */
function grid(rows: RawRow[]): Grid {
  const headers: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!headers.includes(k)) headers.push(k);
  return [headers, ...rows.map((r) => headers.map((h) => r[h] ?? null))];
}

const file = path.resolve(__dirname, '../../examples/poolshare-example.json');
const example = JSON.parse(fs.readFileSync(file, 'utf8')) as { tables: Record<string, RawRow[]> };

async function cliJson(...extra: string[]): Promise<MonitorResult> {
  let out = '';
  await main(['monitor', file, '--json', ...extra], { out: (s) => { out += s; }, err: () => undefined });
  return JSON.parse(out) as MonitorResult;
}

function call(pool: unknown, period: unknown): unknown[][] {
  const t = example.tables;
  const out = MONITOR(pool as Grid, period, grid(t.Forecasts), grid(t.Contributions), grid(t.Lines),
    grid(t.RiskShare ?? []), grid(t.Savings ?? []), grid(t.Partners));
  if (isFunctionError(out)) throw new Error(out.message);
  return out as unknown[][];
}

beforeEach(() => clearCaches());

describe('POOL.MONITOR and poolshare monitor --json on the same cells', () => {
  for (const period of [undefined, '2025-05', '2025-09']) {
    it(`gives the command line's figures for every pool of the example at ${period ?? 'the latest period'}`, async () => {
      const cli = await cliJson(...(period ? ['--period', period] : []));
      const t = example.tables;
      let compared = 0;
      for (const pool of cli.pools.filter(isMonitorPool)) {
        const now = pool.periods.find((p) => p.period === cli.period)!;
        const rows = call(grid(t.Pools.filter((r) => r.Pool === pool.pool)), period ?? null);
        const n = (s: string | null) => (s === null ? '' : Number(s));
        expect([pool.pool, rows.slice(0, 2)]).toEqual([pool.pool, [
          ['Period', 'Outturn', 'Variance', 'Movement', 'Reserve used'],
          [now.period, n(now.outturn), n(now.variance), n(now.movement), n(now.reserveUsed)],
        ]]);
        expect(rows.slice(3)).toEqual(now.partners.map((x) =>
          [x.partner, n(x.savingsCharge), n(x.riskShare), n(x.finalCost), '']));
        compared++;
      }
      expect(compared).toBeGreaterThan(2);
    });
  }
});

describe('POOL.MONITOR by hand', () => {
  const contributions = [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'],
    ['BCF', 'Care', 'CC', 600, 0, 0], ['BCF', 'Care', 'ICB', 400, 0, 0]];
  const lines = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', null]];
  const forecasts = [['Pool', 'Line', 'Period', 'Forecast'], ['BCF', 'Care', '2025-05', 1100], ['BCF', 'Care', '2025-07', 1050]];

  it('spills the period figures, then each partner (overspend 50 shared 60:40)', () => {
    // 2025-07: outturn 1,050 against 1,000: variance 50, moved −50 from 2025-05's 100.
    expect(MONITOR([['BCF']], '2025-07', forecasts, contributions, lines)).toEqual([
      ['Period', 'Outturn', 'Variance', 'Movement', 'Reserve used'],
      ['2025-07', 1050, 50, -50, 0],
      ['Partner', 'Savings charge', 'Risk share', 'Final cost', ''],
      ['CC', 0, 30, 630, ''],
      ['ICB', 0, 20, 420, ''],
    ]);
    // Blank period: the latest; a date serial (1 May 2025) reads as its month; movement blank at the first.
    expect((MONITOR([[null]], null, forecasts, contributions, lines) as unknown[][])[1][0]).toBe('2025-07');
    expect((MONITOR([['BCF']], 45778, forecasts, contributions, lines) as unknown[][])[1]).toEqual(['2025-05', 1100, 100, '', 0]);
  });

  it('gives #VALUE! with a message on bad input', () => {
    const bad = (out: unknown) => (isFunctionError(out) ? out.message : 'no error');
    expect(bad(MONITOR([['BCF']], 'July', forecasts, contributions, lines))).toMatch(/period must be a date or YYYY-MM/);
    expect(bad(MONITOR([['NOPE']], null, forecasts, contributions, lines))).toMatch(/NOPE/);
    expect(bad(MONITOR([['BCF']], null, [['Pool', 'Period']], contributions, lines))).toMatch(/forecasts_range/);
  });
});

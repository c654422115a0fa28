/**
 * Measures `monitor` on a year of 12 periods: the bench generator's workbook (bench/generate.ts)
 * plus a Forecasts row for every pooled line and every aligned line and partner in each of the 12
 * months, and a dated Savings row per saving per quarter. Prints time (best and median of runs)
 * and memory (heap and RSS after the run), beside `run` on the same workbook for scale.
 *
 *   npx tsc --outDir /tmp/poolshare-bench --rootDir . --module commonjs --target ES2020 \
 *     --esModuleInterop --resolveJsonModule --skipLibCheck --types node tests/monitor/bench-monitor.ts
 *   NODE_PATH=node_modules node --expose-gc /tmp/poolshare-bench/tests/monitor/bench-monitor.js [rows]
 */
import { generateWorkbook, prng } from '../../bench/generate';
import { monitor, run } from '../../src/engine';
import type { RawRow } from '../../src/engine';

const PERIODS = Array.from({ length: 12 }, (_, i) => `${i < 9 ? 2025 : 2026}-${String(((i + 3) % 12) + 1).padStart(2, '0')}`);

export function yearOfForecasts(rows: number, seed = 75): Record<string, RawRow[]> {
  const { tables } = generateWorkbook({ rows, seed });
  const rand = prng(seed + 1);
  const kind = new Map(tables.Pools.map((p) => [p.Pool, p.Kind]));
  const Forecasts: RawRow[] = [];
  const wobble = (v: number) => Math.round(v * (0.97 + rand() * 0.06) * 100) / 100;
  for (const period of PERIODS) {
    for (const l of tables.Lines) {
      if (kind.get(l.Pool) !== 'aligned') Forecasts.push({ Pool: l.Pool, Line: l.Line, Period: period, Forecast: wobble(Number(l.Forecast ?? 0)) });
    }
    for (const c of tables.Contributions) {
      if (kind.get(c.Pool) === 'aligned') {
        Forecasts.push({ Pool: c.Pool, Line: c.Line, Partner: c.Partner, Period: period, Spend: wobble(Number(c.Spend ?? 0)) });
      }
    }
  }
  const Savings: RawRow[] = [...(tables.Savings ?? [])];
  // Dated rows only for savings whose pool, line and partner are unique (a track per saving).
  const key = (s: RawRow) => `${s.Pool}|${s.Line}|${s.Partner}`;
  const count = new Map<string, number>();
  for (const s of Savings) count.set(key(s), (count.get(key(s)) ?? 0) + 1);
  for (const s of (tables.Savings ?? []).filter((x) => count.get(key(x)) === 1)) {
    for (const period of PERIODS.filter((_, i) => i % 3 === 2)) Savings.push({ ...s, Period: period, Delivered: wobble(Number(s.Planned ?? 0)) });
  }
  return { ...(tables as Record<string, RawRow[]>), Forecasts, Savings };
}

/** Wall and CPU milliseconds (best and median of n): CPU time is steadier on a shared machine. */
function time<T>(f: () => T, n: number): { best: number; median: number; cpuBest: number; value: T } {
  const ms: number[] = [];
  const cpu: number[] = [];
  let value!: T;
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    value = f();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { best: ms[0], median: ms[Math.floor(n / 2)], cpuBest: Math.min(...cpu), value };
}

if (require.main === module) {
  const rows = Number(process.argv[2] ?? 10000);
  const tables = yearOfForecasts(rows);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const m = time(() => monitor({ tables }, { today: new Date('2026-03-31T00:00:00Z') }), 5);
  const after = process.memoryUsage();
  const r = time(() => run({ tables }, { today: new Date('2026-03-31T00:00:00Z') }), 5);
  const ran = m.value.pools.filter((p) => 'periods' in p).length;
  const errors = m.value.warnings.filter((w) => w.severity === 'error').length;
  process.stdout.write(JSON.stringify({
    contributionRows: tables.Contributions.length, forecastRows: tables.Forecasts.length, savingsRows: tables.Savings.length,
    pools: m.value.pools.length, poolsProjected: ran, periods: m.value.periods.length, errors,
    monitorMs: { best: +m.best.toFixed(1), median: +m.median.toFixed(1), cpuBest: +m.cpuBest.toFixed(1) },
    runMs: { best: +r.best.toFixed(1), median: +r.median.toFixed(1), cpuBest: +r.cpuBest.toFixed(1) },
    heapUsedMB: +(after.heapUsed / 2 ** 20).toFixed(1), rssMB: +(after.rss / 2 ** 20).toFixed(1),
    heapBeforeMB: +(before.heapUsed / 2 ** 20).toFixed(1),
  }, null, 1) + '\n');
}

/**
 * Year-end netting figures (issues 19 and 22), standalone:
 * - `routes` netting on 50 partners and 200 pools (target under 100 ms): the netting step alone
 *   (routes of the pools, then the exact minimum-cost forest), and a whole `run` beside
 *   `multilateral` for scale;
 * - `multilateral` netting on 24,000 partners (was 60 s: a scan per payment; now two heaps).
 * Prints best and median of the runs.
 *
 *   npx tsc --outDir /tmp/poolshare-bench-routes --rootDir . --module commonjs --target ES2020 \
 *     --esModuleInterop --resolveJsonModule --skipLibCheck --types node bench/routes.ts
 *   NODE_PATH=node_modules node /tmp/poolshare-bench-routes/bench/routes.js
 */
import { prng } from './generate';
import { Decimal, run } from '../src/engine';
import type { RawRow } from '../src/engine';
import { multilateral } from '../src/engine/netting';
import { RoutePool, routesNetting, routesOf } from '../src/engine/routes';

function time(label: string, runs: number, f: () => unknown): void {
  const ms: number[] = [];
  let out: unknown;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    out = f();
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  console.log(`${label}: best ${ms[0].toFixed(1)} ms, median ${ms[Math.floor(ms.length / 2)].toFixed(1)} ms`
    + (typeof out === 'string' ? ` (${out})` : ''));
}

/**
 * 200 pools over 50 partners as a county's year looks: pooled pools hosted by one of 6 bodies (the
 * councils and ICBs) with 1–6 other partners each, and one in five aligned between 2–3 partners;
 * the route graph is joined but far from complete.
 */
function tables(partners: number, pools: number, seed = 19): Record<string, RawRow[]> {
  const rand = prng(seed);
  const pick = (n: number) => Math.floor(rand() * n);
  const codes = Array.from({ length: partners }, (_, i) => `P${String(i).padStart(2, '0')}`);
  const t: Record<string, RawRow[]> = { Partners: codes.map((Partner) => ({ Partner })), Pools: [], Lines: [],
    Contributions: [], Payments: [], Settings: [{ Setting: 'Year start', Value: '2025-04' }] };
  for (let k = 0; k < pools; k++) {
    const Pool = `Pool${k}`;
    const aligned = rand() < 0.2;
    const host = codes[pick(6)];
    const members = new Set<string>(aligned ? [] : [host]);
    const size = aligned ? 2 + pick(2) : 2 + pick(6);
    while (members.size < size) members.add(codes[pick(partners)]);
    t.Pools.push({ Pool, Kind: aligned ? 'aligned' : 'pooled', Host: aligned ? null : host, Method: 'proportional' });
    let budget = 0;
    for (const Partner of members) {
      const gross = 10_000 + pick(1_000_000);
      budget += gross;
      const spend = aligned ? Math.round(gross * (0.8 + rand() * 0.4)) : null;
      t.Contributions.push({ Pool, Line: 'L', Partner, Gross: gross, ...(aligned ? { Spend: spend } : {}) });
      if (aligned || Partner === host) continue;
      t.Payments.push({ Pool, Partner, Period: '2025-09', Amount: Math.round(gross * rand()) });
    }
    t.Lines.push({ Pool, Line: 'L', Lead: host, Forecast: aligned ? null : Math.round(budget * (0.9 + rand() * 0.2)) });
  }
  return t;
}

const T = tables(50, 200);
const result = run({ tables: T }, { netting: 'routes', today: new Date('2026-01-01') });
const errors = result.warnings.filter((w) => w.severity === 'error');
if (errors.length > 0) throw new Error(`bench workbook has errors: ${errors[0].message}`);
const positions = result.positions.map((p) => ({ partner: p.partner, amount: new Decimal(p.position) }));
const pools: RoutePool[] = result.pools.map((p) => ({ name: p.pool, kind: p.kind!, host: p.host,
  partners: 'partners' in p ? p.partners.map((x) => x.partner) : [] }));
const order = positions.map((p) => p.partner);
const routes = routesOf(pools, order);
console.log(`50 partners, 200 pools: ${routes.length} routes of ${(50 * 49) / 2} pairs; routes pays `
  + `${result.netting.netCount} worth ${result.netting.netValue}`);
time('routes netting step (routes of the pools, min-cost forest)', 20, () => {
  const r = routesNetting(positions, routesOf(pools, order));
  return `${r.payments.length} payments`;
});
time('whole run, Netting = multilateral (warm-up)', 5, () => run({ tables: T }, { today: new Date('2026-01-01') })
  .netting.netCount + ' payments');
time('whole run, Netting = routes', 9, () => run({ tables: T }, { netting: 'routes', today: new Date('2026-01-01') })
  .netting.netCount + ' payments');
time('whole run, Netting = multilateral', 9, () => run({ tables: T }, { today: new Date('2026-01-01') })
  .netting.netCount + ' payments');

const rand = prng(22);
const many = Array.from({ length: 24_000 }, (_, i) => ({ partner: `P${i}`,
  amount: new Decimal(Math.round((rand() - 0.5) * 1e8)).dividedBy(100) }));
const rest = many.slice(0, -1).reduce((a, p) => a.plus(p.amount), new Decimal(0));
many[many.length - 1].amount = rest.negated();
time('multilateral netting, 24,000 partners', 3, () => `${multilateral(many).length} payments`);

/** Positions over `n` partners that total zero, from a seed. */
function randomPositions(n: number, seed: number): Array<{ partner: string; amount: Decimal }> {
  const r = prng(seed);
  const ps = Array.from({ length: n }, (_, i) => ({ partner: `P${i}`,
    amount: new Decimal(Math.round((r() - 0.5) * 1e8)).dividedBy(100) }));
  ps[n - 1].amount = ps.slice(0, -1).reduce((a, p) => a.plus(p.amount), new Decimal(0)).negated();
  return ps;
}
const starN = 24_000;
const starPositions = randomPositions(starN, 5);
const starRoutes = routesOf([{ name: 'S', kind: 'pooled', host: 'P0',
  partners: starPositions.map((p) => p.partner) }], starPositions.map((p) => p.partner));
time(`routes netting, one pool of ${starN.toLocaleString('en-GB')} partners (a star: a tree)`, 3,
  () => `${routesNetting(starPositions, starRoutes).payments.length} payments`);
for (const n of [200, 1000]) {
  const ps = randomPositions(n, 6);
  const codes = ps.map((p) => p.partner);
  const twoRoutes = routesOf([{ name: 'A', kind: 'pooled', host: 'P0', partners: codes },
    { name: 'B', kind: 'pooled', host: 'P1', partners: codes }], codes);
  time(`routes netting, two pools of ${n} partners with different hosts (min-cost flow)`, 3,
    () => `${routesNetting(ps, twoRoutes).payments.length} payments`);
}

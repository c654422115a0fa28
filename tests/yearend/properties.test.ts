/**
 * Properties of `routes` netting, instalments paid and statements (yearend.md) on generated
 * inputs: random route graphs with positions, valid random workbooks (tests/oracle/gen.ts) and
 * hostile ones (tests/fuzz/arbitraries.ts). The least value is checked against leastValue
 * (solver.ts), an exact dual solver that shares no code with the engine.
 */
import fc from 'fast-check';
import { Decimal, isFailedPool, run } from '../../src/engine';
import type { RawRow, RunResult } from '../../src/engine';
import { multilateral } from '../../src/engine/netting';
import { routesNetting } from '../../src/engine/routes';
import { workbookArb } from '../oracle/gen';
import { excelCell, NAMES } from '../fuzz/arbitraries';
import { leastValue } from './solver';

fc.configureGlobal({ seed: 20261203 });
const TODAY = new Date('2026-11-25T12:00:00Z');
const D = (x: string | number) => new Decimal(x);
const pence = (x: string | Decimal) => D(x.toString()).times(100).toNumber();

/** True when the payments (pairs of indices) hold no cycle (union–find). */
function isForest(n: number, edges: Array<[number, number]>): boolean {
  const up = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (up[x] === x ? x : (up[x] = find(up[x])));
  for (const [u, v] of edges) {
    const a = find(u);
    const b = find(v);
    if (a === b) return false;
    up[a] = b;
  }
  return true;
}

/** A random graph on 2–6 partners, positions in pence that total zero in each connected group. */
const graphCase = fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(
  fc.constant(n),
  fc.subarray(Array.from({ length: n * (n - 1) / 2 }, (_, k) => k)),
  fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: n, maxLength: n }),
  fc.boolean(),
)).map(([n, picked, raw, complete]) => {
  const all: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) all.push([i, j]);
  const edges = complete ? all : picked.map((k) => all[k]);
  // Zero-sum groups: the last partner of each group takes minus the rest.
  const up = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (up[x] === x ? x : (up[x] = find(up[x])));
  for (const [u, v] of edges) up[find(u)] = find(v);
  const b = [...raw];
  const last = new Map<number, number>();
  for (let i = 0; i < n; i++) last.set(find(i), i);
  for (const [root, i] of last) {
    let rest = 0;
    for (let j = 0; j < n; j++) if (find(j) === root && j !== i) rest += b[j];
    b[i] = -rest;
  }
  return { n, edges, b, complete };
});

describe('routesNetting on random route graphs', () => {
  test('settles exactly, only on routes, the least value, as a forest, the same every time', () => {
    fc.assert(fc.property(graphCase, ({ n, edges, b }) => {
      const names = Array.from({ length: n }, (_, i) => `P${i}`);
      const positions = names.map((partner, i) => ({ partner, amount: D(b[i]).dividedBy(100) }));
      const routes = edges.map(([u, v]) => ({ a: names[u], b: names[v], pools: [] }));
      const { payments, unsettled } = routesNetting(positions, routes);
      expect(unsettled).toEqual([]);
      const at = (p: string) => names.indexOf(p);
      const net = new Array<number>(n).fill(0);
      const used: Array<[number, number]> = [];
      const onRoute = new Set(edges.map(([u, v]) => `${u},${v}`));
      for (const f of payments) {
        expect(f.amount.greaterThan(0)).toBe(true);
        const [u, v] = [at(f.from), at(f.to)];
        expect(onRoute.has(`${Math.min(u, v)},${Math.max(u, v)}`)).toBe(true);
        net[u] += pence(f.amount);
        net[v] -= pence(f.amount);
        used.push([u, v]);
      }
      expect(net).toEqual(b.map((x) => x + 0));
      const value = payments.reduce((t, f) => t + pence(f.amount), 0);
      expect(value).toBe(leastValue(b, edges));
      expect(isForest(n, used)).toBe(true);
      expect(routesNetting(positions, routes).payments).toEqual(payments);
    }), { numRuns: 300 });
  });

  test('where every pair has a route, it gives exactly multilateral\'s payments', () => {
    fc.assert(fc.property(graphCase.filter((c) => c.complete), ({ n, edges, b }) => {
      const names = Array.from({ length: n }, (_, i) => `P${i}`);
      const positions = names.map((partner, i) => ({ partner, amount: D(b[i]).dividedBy(100) }));
      const routes = edges.map(([u, v]) => ({ a: names[u], b: names[v], pools: [] }));
      expect(routesNetting(positions, routes).payments).toEqual(multilateral(positions));
    }), { numRuns: 100 });
  });
});

/** The scan multilateral was before issue 22 (a scan per payment), kept here as the reference. */
function scanMultilateral(positions: Array<{ partner: string; amount: Decimal }>) {
  const left = positions.map((p) => ({ partner: p.partner, amount: p.amount }));
  const out: Array<{ from: string; to: string; amount: Decimal }> = [];
  for (;;) {
    let debtor = -1;
    let creditor = -1;
    left.forEach((p, i) => {
      if (p.amount.greaterThan(0) && (debtor < 0 || p.amount.greaterThan(left[debtor].amount))) debtor = i;
      if (p.amount.lessThan(0) && (creditor < 0 || p.amount.lessThan(left[creditor].amount))) creditor = i;
    });
    if (debtor < 0 || creditor < 0) return out;
    const amount = Decimal.min(left[debtor].amount, left[creditor].amount.negated());
    out.push({ from: left[debtor].partner, to: left[creditor].partner, amount });
    left[debtor].amount = left[debtor].amount.minus(amount);
    left[creditor].amount = left[creditor].amount.plus(amount);
  }
}

describe('multilateral on two heaps', () => {
  test('gives exactly the payments of the scan it replaced, ties (many equal amounts) by partner order', () => {
    const amounts = fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -100_000, max: 100_000 })),
      { minLength: 1, maxLength: 60 });
    fc.assert(fc.property(amounts, (xs) => {
      const positions = xs.map((x, i) => ({ partner: `P${i}`, amount: D(x).dividedBy(100) }));
      const fix = positions.reduce((a, p) => a.plus(p.amount), D(0));
      positions.push({ partner: 'LAST', amount: fix.negated() });
      expect(multilateral(positions)).toEqual(scanMultilateral(positions));
    }), { numRuns: 300 });
  });
});

/** Routes worked out here from the result's pools, not from the engine's list. */
function routesOfResult(r: RunResult): Set<string> {
  const pairs = new Set<string>();
  for (const p of r.pools) {
    if (isFailedPool(p)) continue;
    const ps = p.partners.map((x) => x.partner);
    for (const a of ps) {
      for (const c of ps) {
        if (a !== c && (p.kind === 'aligned' || a === p.host || c === p.host)) pairs.add(`${a}\u0000${c}`);
      }
    }
  }
  return pairs;
}

/** A valid workbook, sometimes with one partner paying far more than it owes (an overpayment). */
const workbook = fc.tuple(workbookArb(), fc.integer({ min: 0, max: 99 })).map(([wb, roll]) => {
  const t = wb.tables as Record<string, RawRow[]>;
  if (roll < 30 && t.Payments && t.Payments.length > 0) {
    const first = t.Payments[0];
    t.Payments.push({ Pool: first.Pool, Partner: first.Partner, Period: first.Period ?? null, Date: first.Date ?? null,
      Amount: 5_000_000 + roll });
  }
  return t;
});

describe('routes, paid and statements on random valid workbooks', () => {
  let complete = 0;
  afterAll(() => {
    // The equality-with-multilateral check below ran on some complete route graphs (not vacuous).
    expect(complete).toBeGreaterThan(5);
  });

  test('routes: exact settlement, on routes, least value, forest; multilateral where all pairs have routes', () => {
    fc.assert(fc.property(workbook, (tables) => {
      const r = run({ tables }, { today: TODAY, netting: 'routes' });
      const order = r.positions.map((p) => p.partner);
      const b = r.positions.map((p) => pence(p.position));
      const net = b.map(() => 0);
      const pairs = routesOfResult(r);
      const used: Array<[number, number]> = [];
      for (const f of r.netting.payments) {
        expect(pairs.has(`${f.from}\u0000${f.to}`)).toBe(true);
        const [u, v] = [order.indexOf(f.from), order.indexOf(f.to)];
        net[u] += pence(f.amount);
        net[v] -= pence(f.amount);
        used.push([u, v]);
      }
      expect(net).toEqual(b.map((x) => x + 0));
      const edges = [...pairs].map((k) => k.split('\u0000').map((p) => order.indexOf(p)) as [number, number])
        .filter(([u, v]) => u < v);
      expect(pence(r.netting.netValue)).toBe(leastValue(b, edges));
      expect(isForest(order.length, used)).toBe(true);
      expect(r.netting.routes!.map((x) => `${x.a}\u0000${x.b}`).sort()).toEqual(
        [...pairs].filter((k) => { const [a, c] = k.split('\u0000'); return order.indexOf(a) < order.indexOf(c); }).sort());
      // Every partner with a position other than 0, and every route between them: compare with multilateral.
      const live = order.filter((_, i) => b[i] !== 0);
      if (live.length > 1 && live.every((a) => live.every((c) => a === c || pairs.has(`${a}\u0000${c}`)))) {
        const onlyLive = edges.every(([u, v]) => b[u] !== 0 && b[v] !== 0);
        if (onlyLive) {
          complete++;
          expect(r.netting.payments).toEqual(run({ tables }, { today: TODAY, netting: 'multilateral' }).netting.payments);
        }
      }
      // Never more than bilateral moves.
      const bi = run({ tables }, { today: TODAY, netting: 'bilateral' }).netting.netValue;
      expect(D(r.netting.netValue).lessThanOrEqualTo(D(bi))).toBe(true);
    }), { numRuns: 120 });
  });

  test('paid never exceeds the payments and fills the earliest instalments first', () => {
    fc.assert(fc.property(workbook, (tables) => {
      const r = run({ tables }, { today: TODAY });
      const paidIn = new Map<string, Decimal>();
      for (const row of tables.Payments ?? []) {
        const key = `${row.Pool}\u0000${row.Partner}`;
        paidIn.set(key, (paidIn.get(key) ?? D(0)).plus(D(String(row.Amount))));
      }
      const groups = new Map<string, typeof r.schedules>();
      for (const s of r.schedules) {
        const key = `${s.pool}\u0000${s.partner}`;
        (groups.get(key) ?? groups.set(key, []).get(key)!).push(s);
      }
      for (const [key, rows] of groups) {
        const total = paidIn.get(key) ?? D(0);
        const paid = rows.map((s) => D(s.paid!));
        // Everything paid is set against the rows, nothing more: they add up to the payments.
        expect(paid.reduce((a, x) => a.plus(x), D(0)).toFixed(2)).toBe(total.toFixed(2));
        rows.forEach((s, i) => {
          expect(D(s.amount).minus(paid[i]).toFixed(2)).toBe(D(s.outstanding!).toFixed(2));
          if (s.kind !== 'instalment') return;
          expect(paid[i].greaterThanOrEqualTo(0) && paid[i].lessThanOrEqualTo(D(s.amount).abs())).toBe(true);
          // An instalment left (partly) unpaid leaves every later instalment unpaid.
          if (D(s.outstanding!).greaterThan(0)) {
            expect(rows.slice(i + 1).filter((x) => x.kind === 'instalment').every((x) => x.paid === '0.00')).toBe(true);
          }
        });
        expect(rows[rows.length - 1].kind).toBe('balancing');
      }
    }), { numRuns: 120 });
  });

  test('statements: one per route, mirror the rule-8 balances and reconcile to each position', () => {
    fc.assert(fc.property(workbook, fc.integer({ min: 0, max: 11 }), (tables, month) => {
      const r = run({ tables }, { today: TODAY });
      const order = r.positions.map((p) => p.partner);
      const pairs = routesOfResult(r);
      const statements = r.statements!;
      expect(statements.length * 2).toBe(pairs.size);
      const own = new Map(order.map((p) => [p, D(0)]));
      for (const s of statements) {
        expect(order.indexOf(s.partner)).toBeLessThan(order.indexOf(s.counterparty));
        expect(pairs.has(`${s.partner}\u0000${s.counterparty}`)).toBe(true);
        const lines = s.lines.reduce((a, l) => a.plus(l.balance), D(0));
        expect(lines.toFixed(2)).toBe(D(s.balance).toFixed(2));
        for (const l of s.lines) {
          expect(D(l.instalmentsOutstanding).plus(l.yearEnd).toFixed(2)).toBe(D(l.balance).toFixed(2));
          const pool = r.pools.find((p) => p.pool === l.pool)!;
          if (isFailedPool(pool) || pool.kind !== 'pooled') continue;
          // The line is the non-host partner's rule-8 balance, turned when the host is `partner`.
          const other = pool.host === s.partner ? s.counterparty : s.partner;
          const bal = D(pool.partners.find((x) => x.partner === other)!.balance);
          expect(D(l.balance).toFixed(2)).toBe((other === s.partner ? bal : bal.negated()).toFixed(2));
        }
        own.set(s.partner, own.get(s.partner)!.plus(s.balance));
        own.set(s.counterparty, own.get(s.counterparty)!.minus(s.balance));
      }
      for (const p of r.positions) expect(own.get(p.partner)!.toFixed(2)).toBe(D(p.position).toFixed(2));

      // In-year: only instalments due by the period, no year-end part.
      const start = r.year.start;
      const [y, m] = start.split('-').map(Number);
      const k = y * 12 + m - 1 + month;
      const period = `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
      const mid = run({ tables }, { today: TODAY, period });
      const due = new Map<string, Decimal>();
      for (const s of mid.schedules) {
        if (s.kind !== 'instalment' || s.due > period) continue;
        due.set(`${s.pool}\u0000${s.partner}`, (due.get(`${s.pool}\u0000${s.partner}`) ?? D(0)).plus(s.outstanding!));
      }
      for (const s of mid.statements!) {
        expect(s.date).toBe(period);
        for (const l of s.lines) {
          if (month < 11) expect(l.yearEnd).toBe('0.00');
          const pool = mid.pools.find((p) => p.pool === l.pool)!;
          if (isFailedPool(pool) || pool.kind !== 'pooled') continue;
          const other = pool.host === s.partner ? s.counterparty : s.partner;
          const open = due.get(`${l.pool}\u0000${other}`) ?? D(0);
          expect(D(l.instalmentsOutstanding).toFixed(2)).toBe((other === s.partner ? open : open.negated()).toFixed(2));
        }
      }
    }), { numRuns: 100 });
  });
});

describe('hostile workbooks', () => {
  test('routes netting and statements never throw and never pay off the routes', () => {
    const row = fc.record({ Pool: fc.constantFrom('BCF', 'LD', 'Pool 1'), Partner: fc.constantFrom(...NAMES),
      Host: fc.constantFrom(...NAMES), Kind: fc.constantFrom('pooled', 'aligned', 'x'), Line: fc.constantFrom('L', 'M'),
      Gross: excelCell, Spend: excelCell, Forecast: excelCell, Amount: excelCell, Lead: fc.constantFrom(...NAMES) });
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 8 }), excelCell, (rows, threshold) => {
      const tables: Record<string, RawRow[]> = {
        Partners: [...new Set(rows.map((x) => x.Partner))].map((Partner) => ({ Partner })),
        Pools: rows.map((x) => ({ Pool: x.Pool, Kind: x.Kind, Host: x.Host })),
        Lines: rows.map((x) => ({ Pool: x.Pool, Line: x.Line, Forecast: x.Forecast, Lead: x.Lead })),
        Contributions: rows.map((x) => ({ Pool: x.Pool, Line: x.Line, Partner: x.Partner, Gross: x.Gross, Spend: x.Spend })),
        Payments: rows.map((x) => ({ Pool: x.Pool, Partner: x.Partner, Amount: x.Amount })),
        Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Statement threshold', Value: threshold }],
      };
      const r = run({ tables }, { today: TODAY, netting: 'routes' });
      const pairs = routesOfResult(r);
      for (const f of r.netting.payments) expect(pairs.has(`${f.from}\u0000${f.to}`)).toBe(true);
      expect(Array.isArray(r.statements)).toBe(true);
    }), { numRuns: 200 });
  });
});

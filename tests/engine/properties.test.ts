/** Property tests over random workbooks: the invariants of the spec's money and settlement rules. */
import fc from 'fast-check';
import { Decimal, allocate, isFailedPool, run, toMoney } from '../../src/engine';
import type { PoolResult, RawRow, RunResult } from '../../src/engine';
import { proportionalFlows } from '../../src/engine/netting';
import { TODAY } from './helpers';

const D = (s: string | number) => new Decimal(s);
const total = (xs: Array<string | Decimal>) => xs.reduce<Decimal>((a, x) => a.plus(x), D(0));
const pennies = (max: number) => fc.integer({ min: 0, max }).map((n) => n / 100);

/** Integer percents over k partners that total 100. */
const percents = (k: number) =>
  fc.array(fc.integer({ min: 1, max: 50 }), { minLength: k, maxLength: k }).map((ws) => {
    const sum = ws.reduce((a, b) => a + b, 0);
    const out = ws.map((w) => Math.floor((w * 100) / sum));
    out[0] += 100 - out.reduce((a, b) => a + b, 0);
    return out;
  });

const workbook = fc.integer({ min: 2, max: 5 }).chain((n) => {
  const codes = Array.from({ length: n }, (_, i) => `P${i}`);
  const pool = (name: string) =>
    fc.record({
      kind: fc.constantFrom('pooled', 'pooled', 'aligned'),
      host: fc.integer({ min: 0, max: n - 1 }),
      hostForAligned: fc.boolean(),
      method: fc.constantFrom('proportional', 'fixed', 'lead', 'banded'),
      reserve: pennies(5_000_00),
      underspend: fc.constantFrom('share', 'return', 'reserve'),
      basis: fc.constantFrom('net', 'gross'),
      lines: fc.array(
        fc.record({
          lead: fc.integer({ min: 0, max: n - 1 }),
          forecastDelta: fc.integer({ min: -200_000_00, max: 300_000_00 }).map((x) => x / 100),
          contribs: fc.array(
            fc.record({ partner: fc.integer({ min: 0, max: n - 1 }), gross: pennies(1_000_000_00), incomePct: fc.integer({ min: 0, max: 100 }), spendDelta: pennies(50_000_00) }),
            { minLength: 1, maxLength: n },
          ),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      pct: percents(n),
      bandTop: fc.integer({ min: 1, max: 200_000 }),
      caps: fc.array(fc.option(pennies(300_000_00), { nil: null }), { minLength: n, maxLength: n }),
      savings: fc.array(fc.record({ partner: fc.integer({ min: 0, max: n - 1 }), planned: pennies(100_000_00), delivered: pennies(100_000_00), agreed: fc.boolean() }), { maxLength: 2 }),
      payments: fc.array(fc.record({ partner: fc.integer({ min: 0, max: n - 1 }), amount: pennies(900_000_00) }), { maxLength: 3 }),
    }).map((p) => ({ name, ...p }));
  return fc.tuple(
    fc.constant(codes),
    fc.array(fc.integer(), { minLength: 1, maxLength: 4 }).chain((xs) => fc.tuple(...xs.map((_, i) => pool(`Pool${i}`)))),
    fc.constantFrom('monthly', 'quarterly'),
  );
}).map(([codes, pools, frequency]) => {
  const t: Record<string, RawRow[]> = { Partners: codes.map((c) => ({ Partner: c })), Pools: [], Lines: [], Contributions: [], RiskShare: [], Savings: [], Payments: [],
    Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Frequency', Value: frequency }] };
  for (const p of pools) {
    const aligned = p.kind === 'aligned';
    t.Pools.push({ Pool: p.name, Kind: p.kind, Host: aligned && !p.hostForAligned ? null : codes[p.host], Method: p.method,
      Reserve: aligned ? 0 : p.reserve, Underspend: aligned && p.underspend === 'reserve' ? 'return' : p.underspend, Basis: p.basis });
    p.lines.forEach((l, li) => {
      const line = `L${li}`;
      const seen = new Set<number>();
      let net = 0;
      for (const c of l.contribs) {
        if (seen.has(c.partner)) continue;
        seen.add(c.partner);
        const income = Math.round(c.gross * c.incomePct) / 100;
        net += c.gross - income;
        t.Contributions.push({ Pool: p.name, Line: line, Partner: codes[c.partner], Gross: c.gross, Income: income, Spend: aligned ? Math.max(0, c.gross - income + c.spendDelta) : null });
      }
      t.Lines.push({ Pool: p.name, Line: line, Lead: codes[l.lead], Forecast: aligned ? null : Math.max(0, Math.round((net + l.forecastDelta) * 100) / 100) });
    });
    if (p.method === 'fixed') codes.forEach((c, i) => t.RiskShare.push({ Pool: p.name, Partner: c, Percent: p.pct[i] }));
    if (p.method === 'banded') {
      codes.forEach((c, i) => t.RiskShare.push({ Pool: p.name, Partner: c, Percent: p.pct[i], From: 0, To: p.bandTop, 'Band method': 'fixed' }));
      t.RiskShare.push({ Pool: p.name, Partner: null, From: p.bandTop, To: null, 'Band method': 'proportional' });
    }
    p.caps.forEach((cap, i) => { if (cap !== null) t.RiskShare.push({ Pool: p.name, Partner: codes[i], Cap: cap }); });
    for (const s of p.savings) t.Savings.push({ Pool: p.name, Line: 'L0', Partner: codes[s.partner], Planned: s.planned, Delivered: s.delivered, Agreed: s.agreed ? 'yes' : 'no' });
    if (!aligned) for (const pay of p.payments) t.Payments.push({ Pool: p.name, Partner: codes[pay.partner], Amount: pay.amount });
  }
  return t;
});

const goodPools = (r: RunResult) => r.pools.filter((p): p is PoolResult => !isFailedPool(p));

/** Applying payments to positions leaves every partner square. */
function settles(r: RunResult, payments: Array<{ from: string; to: string; amount: string }>) {
  const left = new Map(r.positions.map((p) => [p.partner, D(p.position)]));
  for (const pay of payments) {
    expect(D(pay.amount).greaterThan(0)).toBe(true);
    left.set(pay.from, left.get(pay.from)!.minus(pay.amount));
    left.set(pay.to, left.get(pay.to)!.plus(pay.amount));
  }
  for (const v of left.values()) expect(v.isZero()).toBe(true);
}

describe('invariants over random workbooks', () => {
  it('runs them without errors (only caps with no host, or contributions of zero, may stop a pool)', () => {
    fc.assert(fc.property(workbook, (t) => {
      const r = run({ tables: t }, { today: TODAY });
      for (const w of r.warnings.filter((x) => x.severity === 'error')) expect(['CAP_UNALLOCATED', 'NO_BASIS']).toContain(w.code);
    }), { numRuns: 150 });
  });

  it('each pool: balances sum to exactly zero; final costs sum to outturn − reserve used + reserve carried; shares and charges to the variance less the reserve', () => {
    fc.assert(fc.property(workbook, (t) => {
      const r = run({ tables: t }, { today: TODAY });
      for (const p of goodPools(r)) {
        expect(total(p.partners.map((x) => x.balance)).isZero()).toBe(true);
        expect(toMoney(total(p.partners.map((x) => x.finalCost)))).toBe(toMoney(D(p.outturn).minus(p.reserveUsed).plus(p.reserveCarried)));
        expect(toMoney(total(p.partners.flatMap((x) => [x.riskShare, x.savingsCharge])))).toBe(toMoney(D(p.variance).minus(p.reserveUsed).plus(p.reserveCarried)));
        expect(toMoney(total(p.partners.map((x) => x.net)))).toBe(p.budget);
        for (const x of p.partners) expect(D(x.finalCost).equals(D(x.net).plus(x.savingsCharge).plus(x.riskShare))).toBe(true);
      }
    }), { numRuns: 150 });
  });

  it('netting in every mode leaves each partner\'s position unchanged; multilateral uses at most n − 1 payments', () => {
    fc.assert(fc.property(workbook, (t) => {
      const base = run({ tables: t }, { today: TODAY });
      const positions = base.positions;
      expect(toMoney(total(positions.map((p) => p.position)))).toBe('0.00');
      for (const mode of ['gross', 'bilateral', 'multilateral'] as const) {
        const r = run({ tables: t }, { today: TODAY, netting: mode });
        expect(r.positions).toEqual(positions);
        settles(r, r.netting.payments);
        settles(r, r.netting.grossPayments);
        expect(r.netting.netCount).toBe(r.netting.payments.length);
        expect(r.netting.netValue).toBe(toMoney(total(r.netting.payments.map((x) => x.amount))));
        if (mode === 'multilateral') expect(r.netting.payments.length).toBeLessThanOrEqual(Math.max(0, positions.length - 1));
      }
    }), { numRuns: 100 });
  });

  it('schedules: instalments sum to the net contribution, and balancing is final cost less net', () => {
    fc.assert(fc.property(workbook, (t) => {
      const r = run({ tables: t }, { today: TODAY });
      for (const p of goodPools(r)) {
        if (p.kind !== 'pooled') continue;
        for (const x of p.partners) {
          if (x.partner === p.host) continue;
          const mine = r.schedules.filter((s) => s.pool === p.pool && s.partner === x.partner);
          if (D(x.net).isZero() && D(x.finalCost).equals(x.net)) { expect(mine).toEqual([]); continue; }
          const inst = mine.filter((s) => s.kind === 'instalment');
          if (!D(x.net).isZero()) expect(inst.length === 12 || inst.length === 4).toBe(true);
          expect(toMoney(total(inst.map((s) => s.amount)))).toBe(x.net);
          const amounts = inst.map((s) => D(s.amount));
          for (let i = 1; i < amounts.length; i++) expect(amounts[i].lessThanOrEqualTo(amounts[i - 1])).toBe(true);
          expect(mine.filter((s) => s.kind === 'balancing').map((s) => s.amount)).toEqual([toMoney(D(x.finalCost).minus(x.net))]);
        }
      }
    }), { numRuns: 100 });
  });
});

describe('the split function', () => {
  /** Parts add up to the whole, each to the penny and within a penny of its exact share. */
  const ties = (cents: number, ws: number[]) => {
    const amount = D(cents).dividedBy(100);
    const weights = ws.map((w) => D(w));
    const parts = allocate(amount, weights);
    expect(total(parts).equals(amount)).toBe(true);
    const W = total(weights);
    parts.forEach((p, i) => {
      expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
      expect(p.minus(amount.times(weights[i]).dividedBy(W)).abs().lessThan('0.01')).toBe(true);
    });
  };
  it('parts add up to the whole, each within a penny of its exact share', () => {
    fc.assert(fc.property(
      fc.integer({ min: -1e11, max: 1e11 }), fc.array(fc.integer({ min: 0, max: 1e7 }), { minLength: 1, maxLength: 12 }).filter((w) => w.some((x) => x > 0)),
      ties), { numRuns: 500 });
  });
  it('with negative weights (a partner whose net is below zero) too, when the weights total above zero', () => {
    fc.assert(fc.property(
      fc.integer({ min: -1e9, max: 1e9 }), fc.array(fc.integer({ min: -1e5, max: 1e6 }), { minLength: 1, maxLength: 8 }).filter((w) => w.reduce((a, b) => a + b, 0) > 0),
      ties), { numRuns: 500 });
  });
  it('aligned flows tie out per debtor and per creditor', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -1e8, max: 1e8 }), { minLength: 2, maxLength: 8 }), fc.constantFrom(100, 1000), (xs, unit) => {
      // Balances to the penny, and (unit 1000) past it, as amounts typed to a tenth of a penny give.
      const bal = xs.map((x) => D(x).dividedBy(unit));
      bal[bal.length - 1] = bal[bal.length - 1].minus(total(bal));
      const balances = bal.map((amount, i) => ({ partner: `P${i}`, amount }));
      const flows = proportionalFlows(balances);
      for (const b of balances) {
        const out = total(flows.filter((f) => f.from === b.partner).map((f) => f.amount));
        const inn = total(flows.filter((f) => f.to === b.partner).map((f) => f.amount));
        expect(b.amount.minus(out).plus(inn).isZero()).toBe(true);
      }
      for (const f of flows) expect(f.amount.greaterThan(0)).toBe(true);
    }), { numRuns: 500 });
  });
});

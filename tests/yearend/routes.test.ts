/** `routes` netting (yearend.md, section 1), case by case, figures worked by hand in workbooks.ts. */
import { Decimal } from '../../src/engine';
import { RoutesError, cancelCycles, minCostForest, offRoute, routesNetting, routesOf, settleAlongRoutes } from '../../src/engine/routes';
import { Warnings } from '../../src/engine/warnings';
import { NETTING_MODES } from '../../src/engine/types';
import { alignedJoin, go, star, twoHosts } from './workbooks';

const pay = (r: ReturnType<typeof go>) => r.netting.payments.map((p) => `${p.from}>${p.to} ${p.amount}`);
const D = (x: number | string) => new Decimal(x);

describe('routes netting on hand-worked workbooks', () => {
  it('a star around one host: everything goes through the host', () => {
    const r = go(star, { netting: 'routes' });
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(r.positions.map((p) => p.position)).toEqual(['-20.00', '50.00', '-30.00', '0.00']);
    // ICB's 50 can only go to CC (its one route); DC's 30 can only come from CC: 50 + 30 = 80, the least.
    expect(pay(r)).toEqual(['CC>DC 30.00', 'ICB>CC 50.00']);
    expect(r.netting).toMatchObject({ mode: 'routes', netCount: 2, netValue: '80.00' });
    expect(r.netting.routes).toEqual([
      { a: 'CC', b: 'ICB', pools: ['BCF'] }, { a: 'CC', b: 'DC', pools: ['BCF'] }, { a: 'CC', b: 'HA', pools: ['BCF'] }]);
  });

  it('a case where multilateral goes off the routes (the star): ICB would pay DC, which share no route', () => {
    const m = go(star, { netting: 'multilateral' });
    // Largest debtor ICB 50 pays the largest creditor DC 30, then CC 20.
    expect(pay(m)).toEqual(['ICB>DC 30.00', 'ICB>CC 20.00']);
    const routes = go(star, { netting: 'routes' }).netting.routes!;
    expect(offRoute(m.netting.payments, routes)).toEqual([{ from: 'ICB', to: 'DC', amount: '30.00' }]);
    // multilateral moves 50 (fewer pounds), but 30 of it with no agreement behind it.
    expect(m.netting.netValue).toBe('50.00');
  });

  it('two hosts with a shared partner: DC pays through ICB', () => {
    const r = go(twoHosts, { netting: 'routes' });
    expect(r.positions.map((p) => p.position)).toEqual(['-100.00', '40.00', '60.00']);
    // DC's 60 must reach CC over two routes (DC–ICB, ICB–CC): 120; ICB's own 40 one route: 40. Least 160:
    // DC pays ICB 60, ICB pays CC 100.
    expect(pay(r)).toEqual(['ICB>CC 100.00', 'DC>ICB 60.00']);
    expect(r.netting.netValue).toBe('160.00');
    expect(r.netting.routes).toEqual([{ a: 'CC', b: 'ICB', pools: ['A'] }, { a: 'ICB', b: 'DC', pools: ['B'] }]);
    // multilateral: the largest debtor DC (60) pays the largest creditor CC 60: off the routes.
    expect(pay(go(twoHosts))).toEqual(['DC>CC 60.00', 'ICB>CC 40.00']);
  });

  it('an aligned pool joining two partners: a route between them', () => {
    const r = go(alignedJoin, { netting: 'routes' });
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    expect(r.positions.map((p) => p.position)).toEqual(['-100.00', '0.00', '100.00']);
    // DC's 100 reaches CC through ICB (its aligned partner), 2 × 100 = 200.
    expect(pay(r)).toEqual(['ICB>CC 100.00', 'DC>ICB 100.00']);
    expect(r.netting.netValue).toBe('200.00');
    expect(r.netting.routes).toEqual([{ a: 'CC', b: 'ICB', pools: ['A'] }, { a: 'ICB', b: 'DC', pools: ['AL'] }]);
  });

  it('the other modes are unchanged, and give no routes list', () => {
    for (const mode of ['multilateral', 'bilateral', 'gross'] as const) {
      expect(go(star, { netting: mode }).netting).not.toHaveProperty('routes');
    }
    // bilateral on the star nets each pair's gross flows: the same two payments as routes here.
    expect(pay(go(star, { netting: 'bilateral' }))).toEqual(['ICB>CC 50.00', 'CC>DC 30.00']);
  });

  it('is chosen by the Netting setting, listed with the other modes', () => {
    expect(NETTING_MODES).toEqual(['multilateral', 'bilateral', 'gross', 'routes']);
    const r = go({ ...star, Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Netting', Value: 'Routes' }] });
    expect(r.netting.mode).toBe('routes');
    const bad = go({ ...star, Settings: [{ Setting: 'Netting', Value: 'paths' }] });
    expect(bad.warnings.find((w) => w.code === 'INVALID_VALUE')!.message).toContain('multilateral, bilateral, gross, routes');
  });
});

describe('routesNetting directly', () => {
  const P = (xs: Array<[string, number | string]>) => xs.map(([partner, a]) => ({ partner, amount: D(a) }));

  it('a path A–B–C–D: A owes 10, D is owed 10: the money walks the path (30)', () => {
    const routes = [{ a: 'A', b: 'B', pools: ['p'] }, { a: 'B', b: 'C', pools: ['q'] }, { a: 'C', b: 'D', pools: ['r'] }];
    const { payments } = routesNetting(P([['A', 10], ['B', 0], ['C', 0], ['D', -10]]), routes);
    expect(payments.map((f) => `${f.from}>${f.to} ${f.amount.toFixed(2)}`)).toEqual(['A>B 10.00', 'B>C 10.00', 'C>D 10.00']);
  });

  it('a square A–B–C–D–A with A and C owing, B and D owed: four routes, but a forest of three payments', () => {
    // A +10, C +10, B −10, D −10: the least value is 20 (each debtor next to each creditor); many optimal
    // flows use all four routes (A→B 5, A→D 5, C→B 5, C→D 5); the forest keeps three.
    const routes = [{ a: 'A', b: 'B', pools: [] }, { a: 'B', b: 'C', pools: [] }, { a: 'C', b: 'D', pools: [] },
      { a: 'A', b: 'D', pools: [] }];
    const { payments } = routesNetting(P([['A', 10], ['B', -10], ['C', 10], ['D', -10]]), routes);
    expect(payments.reduce((t, f) => t.plus(f.amount), D(0)).toFixed(2)).toBe('20.00');
    expect(payments.length).toBeLessThanOrEqual(3);
  });

  it('cancels a cycle a flow left: the result is a forest of the same value', () => {
    // A triangle with a pendant: X–Y, Y–Z, X–Z, Z–W (not complete: X–W missing). X owes 7, W is owed 7.
    // Least: X→Z→W, 14. Amounts finer than a penny are kept exactly.
    const adj = [[1, 2], [0, 2], [0, 1, 3], [2]];
    const flows = minCostForest(P([['X', '7.005'], ['Y', 0], ['Z', 0], ['W', '-7.005']]), adj);
    expect(flows.map((f) => `${f.from}>${f.to} ${f.amount.toString()}`)).toEqual(['X>Z 7.005', 'Z>W 7.005']);
  });

  it('cancelCycles turns an optimal flow with a cycle into a forest of the same value and settlement', () => {
    // The square above, A=0 B=1 C=2 D=3, with the four-route optimum A→B 5, A→D 5, C→B 5, C→D 5 (value 20).
    // Round the cycle A→B←C→D←A two routes go with a push A→B→C→D→A and two against: cost 0 either way.
    // Both ways move 5 at most; the push A→B→C→D→A (first found) adds 5 to A→B and C→D and empties
    // C→B and A→D: A→B 10, C→D 10, value still 20.
    const flow = [new Map([[1, 5n], [3, 5n]]), new Map<number, bigint>(), new Map([[1, 5n], [3, 5n]]), new Map()];
    cancelCycles(4, flow);
    const edges = flow.flatMap((m, u) => [...m].map(([v, x]) => [u, v, Number(x)]));
    expect(edges).toEqual([[0, 1, 10], [2, 3, 10]]);
    expect(edges.reduce((t, e) => t + e[2], 0)).toBe(20);
    const net = [0, 0, 0, 0];
    for (const [u, v, x] of edges) { net[u] += x; net[v] -= x; }
    expect(net).toEqual([10, -10, 10, -10]);
  });

  it('a group whose positions do not total zero is an error, never a payment off the routes', () => {
    const routes = [{ a: 'A', b: 'B', pools: ['p'] }, { a: 'C', b: 'D', pools: ['q'] }];
    const { payments, unsettled } = routesNetting(P([['A', 5], ['B', -5], ['C', 3], ['D', -1]]), routes);
    expect(payments.map((f) => `${f.from}>${f.to} ${f.amount.toFixed(2)}`)).toEqual(['A>B 5.00']);
    expect(unsettled).toHaveLength(1);
    expect(unsettled[0]).toBeInstanceOf(RoutesError);
    expect(unsettled[0].partners).toEqual(['C', 'D']);
  });

  it('in a run, such a group is an INVALID_VALUE error naming its partners, and gets no payments', () => {
    const w = new Warnings();
    const routes = [{ a: 'A', b: 'B', pools: ['p'] }, { a: 'C', b: 'D', pools: ['q'] }];
    const payments = settleAlongRoutes(P([['A', 5], ['B', -5], ['C', 3], ['D', -1]]), routes, w);
    expect(payments).toHaveLength(1);
    expect(w.list).toHaveLength(1);
    expect(w.list[0]).toMatchObject({ code: 'INVALID_VALUE', severity: 'error' });
    expect(w.list[0].message).toContain('C, D');
    expect(w.list[0].message).toContain('total 2, not 0');
  });

  it('routesOf: a pooled pool joins its host to each partner; an aligned pool joins every pair', () => {
    const order = ['CC', 'ICB', 'DC', 'HA'];
    const routes = routesOf([
      { name: 'P1', kind: 'pooled', host: 'DC', partners: ['CC', 'ICB', 'DC'] },
      { name: 'A1', kind: 'aligned', host: null, partners: ['CC', 'ICB', 'HA'] },
    ], order);
    expect(routes).toEqual([
      { a: 'CC', b: 'ICB', pools: ['A1'] }, { a: 'CC', b: 'DC', pools: ['P1'] }, { a: 'CC', b: 'HA', pools: ['A1'] },
      { a: 'ICB', b: 'DC', pools: ['P1'] }, { a: 'ICB', b: 'HA', pools: ['A1'] }]);
  });
});

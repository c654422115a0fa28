/**
 * Property: the last period's projection equals `run` on the same forecasts (rules 1–7 figures).
 * Random valid workbooks (tests/oracle/gen.ts) gain random Forecasts rows (pooled: per line;
 * aligned: per line and partner) and dated Savings rows over the year; the year-end twin has each
 * line's latest forecast typed in Lines (aligned: each partner's latest Spend in Contributions) and
 * each saving's latest Delivered, with no Forecasts and no Period.
 */
import fc from 'fast-check';
import { isFailedPool, isMonitorPool, monitor, run } from '../../src/engine';
import { workbookArb } from '../oracle/gen';
import { TODAY, withForecasts, type Tables } from './forecasts-gen';

test('the last period projected equals run on the same forecasts', () => {
  fc.assert(
    fc.property(workbookArb(), fc.gen(), (w, g) => {
      const { monitored, yearEnd } = withForecasts(w.tables as Tables, g);
      const m = monitor({ tables: monitored }, { today: TODAY, period: '2026-03' });
      const r = run({ tables: yearEnd }, { today: TODAY });
      expect(m.pools.map((p) => p.pool)).toEqual(r.pools.map((p) => p.pool));
      m.pools.forEach((mp, i) => {
        const rp = r.pools[i];
        expect(mp.pool).toBe(rp.pool);
        if (isFailedPool(rp)) expect(isMonitorPool(mp)).toBe(false);
        // An earlier period's overspend that caps leave with no host is an error of the pool (CAP_UNALLOCATED).
        if (!isMonitorPool(mp) && !isFailedPool(rp)) expect(mp.errors.map((e) => e.code)).toEqual(['CAP_UNALLOCATED']);
        if (!isMonitorPool(mp) || isFailedPool(rp)) return;
        const last = mp.periods[mp.periods.length - 1];
        expect(mp.budget).toBe(rp.budget);
        expect({ ...last, period: undefined, movement: undefined, lines: undefined, savingsAtRisk: undefined }).toEqual({
          outturn: rp.outturn, variance: rp.variance, reserveUsed: rp.reserveUsed, reserveCarried: rp.reserveCarried,
          unallocated: rp.unallocated,
          partners: rp.partners.map((x) => ({ partner: x.partner, savingsCharge: x.savingsCharge, riskShare: x.riskShare, finalCost: x.finalCost })),
          period: undefined, movement: undefined, lines: undefined, savingsAtRisk: undefined,
        });
      });
    }),
    { numRuns: 150 },
  );
});

/**
 * options.md: "With --period P (or the Settings Period), the base forecasts are the monitoring
 * projection at P". Property: on generated workbooks with a year of Forecasts (some Lines
 * forecasts blank, so lines with no forecast yet are taken on budget), each pool's Current /
 * Forecast entry as at P equals monitoring's figures at P. A Settings Period is honoured; a period
 * outside the year is an error and no entry has figures.
 */
import fc from 'fast-check';
import { isMonitorPool, monitor } from '../../src/engine';
import { options } from '../../src/engine/options';
import { workbookArb } from '../oracle/gen';
import { PERIODS, TODAY, withForecasts, type Tables } from '../monitor/forecasts-gen';

const figures = (e: { partners?: Array<{ partner: string; savingsCharge: string; riskShare: string; finalCost: string }> }) =>
  e.partners?.map((x) => ({ partner: x.partner, savingsCharge: x.savingsCharge, riskShare: x.riskShare, finalCost: x.finalCost }));

test('Current / Forecast as at P equals the monitoring projection at P, pool by pool', () => {
  let compared = 0;
  let onBudget = 0;
  fc.assert(
    fc.property(workbookArb(), fc.gen(), fc.constantFrom(...PERIODS), (w, g, period) => {
      const { monitored } = withForecasts(w.tables as Tables, g);
      const kind = new Map(monitored.Pools.map((p) => [p.Pool, p.Kind]));
      // Some pooled lines with no year-end forecast typed: before their first Forecasts row, on budget.
      monitored.Lines = monitored.Lines.map((l) => (kind.get(l.Pool) !== 'aligned' && g(fc.boolean)
        ? { ...l, Forecast: null } : l));
      const m = monitor({ tables: monitored }, { today: TODAY, period });
      const o = options({ tables: monitored }, { today: TODAY, period });
      onBudget += o.warnings.filter((x) => x.code === 'ON_BUDGET_ASSUMED').length;
      for (const mp of m.pools) {
        const entry = o.pools.find((p) => p.pool === mp.pool)!.results[0];
        expect([entry.option, entry.scenario]).toEqual(['Current', 'Forecast']);
        if (!isMonitorPool(mp) || !entry.partners) continue;
        const last = mp.periods[mp.periods.length - 1];
        expect({ pool: mp.pool, outturn: entry.outturn, partners: figures(entry) })
          .toEqual({ pool: mp.pool, outturn: last.outturn, partners: figures(last) });
        compared++;
      }
    }),
    { numRuns: 60 },
  );
  expect(compared).toBeGreaterThan(60);
  expect(onBudget).toBeGreaterThan(0);
});

const example = (): Tables => JSON.parse(JSON.stringify(require('../../examples/poolshare-example.json'))).tables;

test('the Settings Period is the period when --period is not given', () => {
  const tables = example();
  tables.Settings.push({ Setting: 'Period', Value: '2025-07' });
  const bySetting = options({ tables }, { today: TODAY });
  const byFlag = options({ tables: example() }, { today: TODAY, period: '2025-07' });
  expect(bySetting.pools).toEqual(byFlag.pools);
  // The example's Disabled facilities grants line has no forecast before 2025-09: on budget, noted on its cell.
  expect(bySetting.warnings.find((x) => x.code === 'ON_BUDGET_ASSUMED')).toMatchObject({ table: 'Lines', column: 'Forecast',
    pool: 'BCF', severity: 'info' });
  expect(bySetting.pools.find((p) => p.pool === 'BCF')!.results[0].partners).toBeDefined();
});

test('a period outside the year: PERIOD_OUTSIDE_YEAR, and no entry has figures', () => {
  const tables = example();
  tables.Settings.push({ Setting: 'Period', Value: '2024-11' });
  for (const r of [options({ tables }, { today: TODAY }), options({ tables: example() }, { today: TODAY, period: '2026-04' })]) {
    const w = r.warnings.filter((x) => x.code === 'PERIOD_OUTSIDE_YEAR');
    expect(w).toHaveLength(1);
    for (const p of r.pools) for (const e of p.results) expect({ partners: e.partners, errors: e.errors }).toEqual({ partners: undefined, errors: w });
  }
});

test('Forecasts and Savings periods typed as Excel does (a date serial, "Nov 2025", "2025/11") are read as monitoring reads them', () => {
  const typed = example();
  const serial = (ym: string) => (Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1, 1) / 86400000) + 25569;
  const named = (p: string) => new Date(`${p}-01T00:00:00Z`)
    .toLocaleString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const forms = [serial, named, (p: string) => p.replace('-', '/')];
  typed.Forecasts = typed.Forecasts.map((r, i) => ({ ...r, Period: forms[i % 3](String(r.Period)) }));
  for (const period of ['2025-05', '2025-07', '2025-10']) {
    const m = monitor({ tables: typed }, { today: TODAY, period });
    const o = options({ tables: typed }, { today: TODAY, period });
    for (const mp of m.pools) {
      if (!isMonitorPool(mp)) continue;
      const entry = o.pools.find((p) => p.pool === mp.pool)!.results[0];
      const last = mp.periods[mp.periods.length - 1];
      expect({ period, pool: mp.pool, partners: figures(entry) }).toEqual({ period, pool: mp.pool, partners: figures(last) });
    }
  }
});

test('hand-worked: a line with no forecast yet is on budget at P, then takes its Forecasts row', () => {
  // Pool P, proportional, CC 600 and ICB 400 on line L, no Lines forecast; one Forecasts row, 1,200 at 2025-09.
  const tables: Tables = {
    Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
    Settings: [{ Setting: 'Year start', Value: '2025-04' }],
    Pools: [{ Pool: 'P', Host: 'CC' }],
    Lines: [{ Pool: 'P', Line: 'L', Forecast: null }],
    Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 }],
    Forecasts: [{ Pool: 'P', Line: 'L', Period: '2025-09', Forecast: 1200 }],
  };
  const cost = (period: string) => {
    const r = options({ tables }, { today: TODAY, period });
    return r.pools[0].results[0].partners!.map((p) => `${p.partner} ${p.finalCost}`);
  };
  expect(cost('2025-07')).toEqual(['CC 600.00', 'ICB 400.00']); // on budget: outturn 1,000, no variance
  expect(cost('2025-09')).toEqual(['CC 720.00', 'ICB 480.00']); // 1,200: the overspend of 200 shared 60/40
});

/**
 * Hand-worked period projections (monitoring.md): movement, a line carried from an earlier period,
 * a line taken on budget, a saving whose delivery slips, and the new warning codes.
 *
 * The workbook: CC and ICB; pool P pooled, host CC, proportional on net, no reserve.
 *   line A: CC 600 + ICB 400 = 1,000; Lines forecast 1,000
 *   line B: CC 300;                  Lines forecast blank (on budget until forecast)
 *   line C: ICB 200;                 Lines forecast 200
 *   budget 1,500: CC 900 (60%), ICB 600 (40%)
 * Forecasts: 2025-05 A 1,100, C 260; 2025-07 C 230 (A carried); 2025-09 A 1,050, B 330.
 * Saving on A by CC, unagreed, planned 100: delivered 100 (no period), 40 as at 2025-07, 70 as at 2025-09.
 *
 * 2025-05: outturn 1,100 + 300 + 260 = 1,660; V 160; no shortfall; CC 96, ICB 64.
 * 2025-07: outturn 1,100 + 300 + 230 = 1,630; V 130 (movement -30); shortfall 60 to CC; V1 70: CC 42, ICB 28.
 * 2025-09: outturn 1,050 + 330 + 230 = 1,610; V 110 (movement -20); shortfall 30; V1 80: CC 48, ICB 32.
 */
import type { MonitorPool, MonitorResult, RawRow } from '../../src/engine';
import { isMonitorPool, monitor, run } from '../../src/engine';
import { monitorSummary } from '../../src/cli/monitor';

const TODAY = new Date('2025-11-26T12:00:00Z');

export function tables(extra: Record<string, RawRow[]> = {}): Record<string, RawRow[]> {
  return {
    Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
    Pools: [{ Pool: 'P', Host: 'CC' }],
    Lines: [{ Pool: 'P', Line: 'A', Forecast: 1000 }, { Pool: 'P', Line: 'B' }, { Pool: 'P', Line: 'C', Forecast: 200 }],
    Contributions: [
      { Pool: 'P', Line: 'A', Partner: 'CC', Gross: 600 }, { Pool: 'P', Line: 'A', Partner: 'ICB', Gross: 400 },
      { Pool: 'P', Line: 'B', Partner: 'CC', Gross: 300 }, { Pool: 'P', Line: 'C', Partner: 'ICB', Gross: 200 },
    ],
    Forecasts: [
      { Pool: 'P', Line: 'A', Period: '2025-05', Forecast: 1100 }, { Pool: 'P', Line: 'C', Period: '2025-05', Forecast: 260 },
      { Pool: 'P', Line: 'C', Period: '2025-07', Forecast: 230 },
      { Pool: 'P', Line: 'A', Period: '2025-09', Forecast: 1050 }, { Pool: 'P', Line: 'B', Period: '2025-09', Forecast: 330 },
    ],
    Savings: [
      { Pool: 'P', Line: 'A', Partner: 'CC', Planned: 100, Delivered: 100, Agreed: 'no' },
      { Pool: 'P', Line: 'A', Partner: 'CC', Planned: 100, Delivered: 40, Agreed: 'no', Period: '2025-07' },
      { Pool: 'P', Line: 'A', Partner: 'CC', Planned: 100, Delivered: 70, Agreed: 'no', Period: '2025-09' },
    ],
    Settings: [{ Setting: 'Year start', Value: '2025-04' }],
    ...extra,
  };
}

function pool(r: MonitorResult, name = 'P'): MonitorPool {
  const p = r.pools.find((x) => x.pool === name)!;
  if (!isMonitorPool(p)) throw new Error(`pool ${name} failed: ${p.errors.map((e) => e.message).join('; ')}`);
  return p;
}

const risk = (r: MonitorResult, i: number) =>
  pool(r).periods[i].partners.map((x) => [x.partner, x.savingsCharge, x.riskShare, x.finalCost]);

describe('the projection, period by period', () => {
  const r = monitor({ tables: tables() }, { today: TODAY });

  test('periods, outturn, variance and movement', () => {
    expect(r.period).toBe('2025-09');
    expect(r.periods).toEqual(['2025-05', '2025-07', '2025-09']);
    expect(pool(r).budget).toBe('1500.00');
    expect(pool(r).periods.map((p) => [p.period, p.outturn, p.variance, p.movement])).toEqual([
      ['2025-05', '1660.00', '160.00', null],
      ['2025-07', '1630.00', '130.00', '-30.00'],
      ['2025-09', '1610.00', '110.00', '-20.00'],
    ]);
  });

  test('each partner: savings charge, risk share and final cost', () => {
    expect(risk(r, 0)).toEqual([['CC', '0.00', '96.00', '996.00'], ['ICB', '0.00', '64.00', '664.00']]);
    expect(risk(r, 1)).toEqual([['CC', '60.00', '42.00', '1002.00'], ['ICB', '0.00', '28.00', '628.00']]);
    expect(risk(r, 2)).toEqual([['CC', '30.00', '48.00', '978.00'], ['ICB', '0.00', '32.00', '632.00']]);
  });

  test('a line carried from an earlier period, and one taken on budget until forecast', () => {
    const line = (i: number, name: string) => pool(r).periods[i].lines.find((l) => l.line === name)!;
    expect(line(1, 'A')).toEqual({ line: 'A', budget: '1000.00', forecast: '1100.00', variance: '100.00', movement: '0.00', assumed: false });
    expect([0, 1, 2].map((i) => [line(i, 'B').forecast, line(i, 'B').assumed])).toEqual([['300.00', true], ['300.00', true], ['330.00', false]]);
    expect(line(2, 'B').movement).toBe('30.00');
    expect(line(2, 'C')).toMatchObject({ forecast: '230.00', variance: '30.00', movement: '0.00' });
    const notes = r.warnings.filter((w) => w.code === 'ON_BUDGET_ASSUMED');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ severity: 'info', table: 'Lines', row: 2, column: 'Forecast', pool: 'P' });
    expect(notes[0].message).toContain('2025-05, 2025-07');
  });

  test('a saving whose delivery slips is at risk from the period it slips', () => {
    expect(pool(r).periods.map((p) => p.savingsAtRisk)).toEqual([
      [],
      [{ line: 'A', partner: 'CC', planned: '100.00', delivered: '40.00', shortfall: '60.00', agreed: false }],
      [{ line: 'A', partner: 'CC', planned: '100.00', delivered: '70.00', shortfall: '30.00', agreed: false }],
    ]);
  });

  test('only the reported period speaks: one UNAGREED_SAVINGS, for its shortfall', () => {
    const notes = r.warnings.filter((w) => w.code === 'UNAGREED_SAVINGS');
    expect(notes.map((w) => w.message)).toEqual([expect.stringContaining('30.00')]);
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
});

describe('the period reported on', () => {
  test('the Settings Period stops the periods there', () => {
    const t = tables({ Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Period', Value: '2025-07' }] });
    const r = monitor({ tables: t }, { today: TODAY });
    expect([r.period, r.periods]).toEqual(['2025-07', ['2025-05', '2025-07']]);
    expect(r.warnings.map((w) => w.code)).not.toContain('UNKNOWN_SETTING');
    expect(run({ tables: t }, { today: TODAY }).warnings.map((w) => w.code)).not.toContain('UNKNOWN_SETTING');
  });
  test('the option overrides the setting; a month with no Forecasts row of its own is not added to periods', () => {
    const t = tables({ Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Period', Value: '2025-07' }] });
    const r = monitor({ tables: t }, { today: TODAY, period: '2025-08' });
    // As at 2025-08, latest forecasts 2025-07 (monitoring.md): no 2025-08 entry with a movement of 0.00.
    expect([r.period, r.periods]).toEqual(['2025-08', ['2025-05', '2025-07']]);
    expect(pool(r).periods.map((x) => x.period)).toEqual(['2025-05', '2025-07']);
    expect(monitorSummary(r).split('\n')[0]).toMatch(/^Monitoring as at 2025-08, latest forecasts 2025-07, /);
  });
  test('before the first Forecasts period, the period reported on is the one period', () => {
    const t = tables({ Settings: [{ Setting: 'Year start', Value: '2025-04' }] });
    const r = monitor({ tables: t }, { today: TODAY, period: '2025-04' });
    expect([r.period, r.periods]).toEqual(['2025-04', ['2025-04']]);
    expect(pool(r).periods[0].movement).toBeNull();
  });
  test('a period asked for outside the year: the error, and no figures for any pool', () => {
    const t = tables({ Settings: [{ Setting: 'Year start', Value: '2025-04' }] });
    const r = monitor({ tables: t }, { today: TODAY, period: '2024-11' });
    expect(r.periods).toEqual([]);
    expect(r.pools.every((p) => 'errors' in p && p.errors.some((e) => e.code === 'PERIOD_OUTSIDE_YEAR'))).toBe(true);
    expect(monitorSummary(r)).not.toMatch(/forecast outturn/);
  });
  test('a period outside the year is an error on its cell', () => {
    const t = tables({ Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Period', Value: '2026-05' }] });
    const r = monitor({ tables: t }, { today: TODAY });
    expect(r.warnings.find((w) => w.code === 'PERIOD_OUTSIDE_YEAR')).toMatchObject({ severity: 'error', table: 'Settings', row: 2, column: 'Value' });
  });
  test('with no Year start, the Forecasts periods decide it (reading 17), and say so', () => {
    const t = tables({ Settings: [] });
    const r = monitor({ tables: t }, { today: new Date('2027-01-10T00:00:00Z') });
    expect(r.year).toEqual({ start: '2025-04', from: 'periods' });
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
});

describe('slips in Forecasts', () => {
  const withRow = (row: RawRow) => tables({ Forecasts: [...tables().Forecasts, row] });
  test('a period outside the year: the pool is listed with its error and no periods', () => {
    const r = monitor({ tables: withRow({ Pool: 'P', Line: 'A', Period: '2026-04', Forecast: 1 }) }, { today: TODAY });
    const p = r.pools[0];
    expect(isMonitorPool(p)).toBe(false);
    expect('errors' in p && p.errors).toEqual([expect.objectContaining({ code: 'PERIOD_OUTSIDE_YEAR', table: 'Forecasts', row: 6, column: 'Period' })]);
    expect(r.periods).toEqual(['2025-05', '2025-07', '2025-09']);
  });
  test('the same line and period twice is DUPLICATE_ROW', () => {
    const r = monitor({ tables: withRow({ Pool: 'P', Line: 'C', Period: '2025-07', Forecast: 231 }) }, { today: TODAY });
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'DUPLICATE_ROW', table: 'Forecasts', row: 6, pool: 'P' }));
    expect(isMonitorPool(r.pools[0])).toBe(false);
  });
  test('an unknown line, a blank forecast and a period that is not a month are errors on their cells', () => {
    for (const [row, code, column] of [
      [{ Pool: 'P', Line: 'Z', Period: '2025-07', Forecast: 1 }, 'UNKNOWN_LINE', 'Line'],
      [{ Pool: 'P', Line: 'A', Period: '2025-08', Forecast: null }, 'BLANK_REQUIRED', 'Forecast'],
      [{ Pool: 'P', Line: 'A', Period: 'July', Forecast: 1 }, 'INVALID_VALUE', 'Period'],
    ] as const) {
      const r = monitor({ tables: withRow(row) }, { today: TODAY });
      expect(r.warnings).toContainEqual(expect.objectContaining({ code, table: 'Forecasts', row: 6, column }));
    }
  });
  test('VARIANCE_MOVED when the variance moves more than Materiality percent of the budget', () => {
    const settings = (m: number) => [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Materiality', Value: m }];
    // 2025-09 moved by -20: above 1% of 1,500 (15), not above 2% (30).
    const moved = (m: number) => monitor({ tables: tables({ Settings: settings(m) }) }, { today: TODAY }).warnings
      .filter((w) => w.code === 'VARIANCE_MOVED');
    expect(moved(1)).toEqual([expect.objectContaining({ severity: 'warning', pool: 'P', table: 'Pools', row: 1 })]);
    expect(moved(2)).toEqual([]);
  });
});

describe('an aligned pool: each partner forecasts its own Spend', () => {
  test('Spend rows by partner; a partner with no Spend yet is on budget', () => {
    const t: Record<string, RawRow[]> = {
      Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
      Pools: [{ Pool: 'M', Kind: 'aligned', Method: 'lead' }],
      Lines: [{ Pool: 'M', Line: 'L', Lead: 'ICB' }],
      Contributions: [{ Pool: 'M', Line: 'L', Partner: 'CC', Gross: 100 }, { Pool: 'M', Line: 'L', Partner: 'ICB', Gross: 300 }],
      Forecasts: [
        { Pool: 'M', Line: 'L', Partner: 'ICB', Period: '2025-06', Spend: 330 },
        { Pool: 'M', Line: 'L', Partner: 'CC', Period: '2025-08', Spend: 90 },
      ],
      Settings: [{ Setting: 'Year start', Value: '2025-04' }],
    };
    const r = monitor({ tables: t }, { today: TODAY });
    // 2025-06: CC on budget 100 + ICB 330 = 430, V 30 to the lead ICB. 2025-08: 90 + 330 = 420, V 20.
    expect(pool(r, 'M').periods.map((p) => [p.outturn, p.variance, p.lines[0].assumed, p.partners.map((x) => x.riskShare)])).toEqual([
      ['430.00', '30.00', true, ['0.00', '30.00']],
      ['420.00', '20.00', false, ['0.00', '20.00']],
    ]);
    expect(r.warnings.map((w) => w.code)).toEqual(['ON_BUDGET_ASSUMED']);
  });
});

describe('the year end on a workbook kept with Forecasts', () => {
  test('run takes each saving at its latest row and a blank Lines forecast from Forecasts', () => {
    const r = run({ tables: tables() }, { today: TODAY });
    const p = r.pools[0];
    if ('errors' in p) throw new Error('failed');
    // Lines: A 1,000 (typed), B 330 (latest Forecasts row), C 200 (typed): outturn 1,530, V 30.
    // Saving: latest row delivered 70, shortfall 30 to CC; V1 0.
    expect([p.outturn, p.variance, p.partners.map((x) => x.savingsCharge)]).toEqual(['1530.00', '30.00', ['30.00', '0.00']]);
  });
});

/** Hand-worked examples, one or more per rule of the spec (rules 3 to 10). */
import { run } from '../../src/engine';
import { codes, go, partner, partners2, partners3, pool, TODAY, wb } from './helpers';

const pooled = (extra: Record<string, unknown> = {}) => ({ Pool: 'P', Kind: 'pooled', Host: 'CC', ...extra });
const twoLines = (forecast: number) => ({
  Lines: [{ Pool: 'P', Line: 'L', Lead: 'CC', Forecast: forecast }],
  Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 }],
});
const settings = [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Materiality', Value: 100 }];

describe('rules 3 and 4: unagreed savings, then the reserve', () => {
  const r = go({
    Partners: partners2, Settings: settings,
    Pools: [pooled({ Reserve: 90 })], ...twoLines(1300),
    Savings: [
      { Pool: 'P', Line: 'L', Partner: 'CC', Planned: 100, Delivered: 40, Agreed: 'no' },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 500, Delivered: 0, Agreed: 'Yes' },
    ],
    Payments: [{ Pool: 'P', Partner: 'ICB', Amount: 300 }],
  });
  // V = 300; CC bears its shortfall 60 alone; V1 = 240; the reserve absorbs 90; V2 = 150 shared 60:40.
  it('charges the shortfall, uses the reserve, shares the rest', () => {
    const p = pool(r, 'P');
    expect([p.variance, p.reserveUsed]).toEqual(['300.00', '90.00']);
    expect(partner(r, 'P', 'CC')).toMatchObject({ savingsCharge: '60.00', riskShare: '90.00', finalCost: '750.00', paid: '910.00', balance: '-160.00' });
    expect(partner(r, 'P', 'ICB')).toMatchObject({ savingsCharge: '0.00', riskShare: '60.00', finalCost: '460.00', paid: '300.00', balance: '160.00' });
    expect(p.steps.map((s) => s.step)).toEqual(['savings', 'reserve', 'share', 'share']);
    expect(p.steps[0].why).toBe('unagreed saving on L: planned 100.00 − delivered 40.00 = shortfall 60.00, borne by CC alone');
  });
  it('says so with UNAGREED_SAVINGS (info) for the unagreed saving only', () => {
    const w = r.warnings.filter((x) => x.code === 'UNAGREED_SAVINGS');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'info', table: 'Savings', row: 1 });
  });
  it('lets the reserve absorb the whole overspend when it can', () => {
    const r2 = go({ Partners: partners2, Settings: settings, Pools: [pooled({ Reserve: 500 })], ...twoLines(1100) });
    expect(pool(r2, 'P')).toMatchObject({ reserveUsed: '100.00', variance: '100.00' });
    expect(partner(r2, 'P', 'CC').riskShare).toBe('0.00');
    expect(partner(r2, 'P', 'CC').paid).toBe('1000.00'); // outturn 1,100 − reserve used 100
  });
});

describe('rule 5: underspends', () => {
  const under = (underspend: string, method = 'proportional', extra: Record<string, unknown[]> = {}) =>
    go({ Partners: partners2, Settings: settings, Pools: [pooled({ Reserve: 50, Underspend: underspend, Method: method })], ...twoLines(900), ...extra });
  const fixed = { RiskShare: [{ Pool: 'P', Partner: 'CC', Percent: 70 }, { Pool: 'P', Partner: 'ICB', Percent: 30 }] };
  it('share: by the pool method (fixed 70:30), and the reserve is not touched', () => {
    const r = under('share', 'fixed', fixed);
    expect([partner(r, 'P', 'CC').riskShare, partner(r, 'P', 'ICB').riskShare]).toEqual(['-70.00', '-30.00']);
    expect(pool(r, 'P').reserveUsed).toBe('0.00');
  });
  it('return: in proportion to contributions whatever the method', () => {
    const r = under('return', 'fixed', fixed);
    expect([partner(r, 'P', 'CC').riskShare, partner(r, 'P', 'ICB').riskShare]).toEqual(['-60.00', '-40.00']);
  });
  it('reserve: carried forward, no partner\'s cost changes, the host holds it', () => {
    const r = under('reserve');
    expect(pool(r, 'P').reserveCarried).toBe('100.00');
    expect(partner(r, 'P', 'CC')).toMatchObject({ riskShare: '0.00', finalCost: '600.00', paid: '1000.00', balance: '-400.00' });
    expect(partner(r, 'P', 'ICB')).toMatchObject({ finalCost: '400.00', paid: '0.00', balance: '400.00' });
  });
});

describe('rule 5: methods', () => {
  it('proportional on the gross basis weighs gross contributions', () => {
    const r = go({
      Partners: partners2, Settings: settings, Pools: [pooled({ Basis: 'gross' })],
      Lines: [{ Pool: 'P', Line: 'L', Forecast: 1100 }],
      Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 800, Income: 200 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 }],
    });
    expect([partner(r, 'P', 'CC').riskShare, partner(r, 'P', 'ICB').riskShare]).toEqual(['66.67', '33.33']);
    expect(pool(r, 'P').steps[0].why).toBe('800.00/1,200.00 of 100.00 (gross)');
  });
  it('fixed: by percents, "45% of …"', () => {
    const r = go({
      Partners: partners3, Settings: settings, Pools: [pooled({ Method: 'fixed' })], ...twoLines(1100),
      RiskShare: [{ Pool: 'P', Partner: 'CC', Percent: 45 }, { Pool: 'P', Partner: 'ICB', Percent: '35%' }, { Pool: 'P', Partner: 'DC', Percent: 20 }],
    });
    expect(pool(r, 'P').partners.map((p) => p.riskShare)).toEqual(['45.00', '35.00', '20.00']);
    expect(pool(r, 'P').steps[0].why).toBe('45% of 100.00');
    expect(partner(r, 'P', 'DC')).toMatchObject({ net: '0.00', finalCost: '20.00', paid: '0.00', balance: '20.00' });
  });
  it('fixed: percents typed as fractions (cells formatted as %) that total 1 are read as percents', () => {
    const r = go({
      Partners: partners2, Settings: settings, Pools: [pooled({ Method: 'fixed' })], ...twoLines(1100),
      RiskShare: [{ Pool: 'P', Partner: 'CC', Percent: 0.7 }, { Pool: 'P', Partner: 'ICB', Percent: 0.3 }],
    });
    expect(pool(r, 'P').partners.map((p) => p.riskShare)).toEqual(['70.00', '30.00']);
  });
  describe('lead', () => {
    const lead = (reserve: number, extraLines: unknown[] = [], extraContribs: unknown[] = [], savings: unknown[] = []) => go({
      Partners: partners2, Settings: settings, Pools: [pooled({ Method: 'lead', Reserve: reserve })],
      Lines: [{ Pool: 'P', Line: 'L1', Lead: 'CC', Forecast: 700 }, { Pool: 'P', Line: 'L2', Lead: 'ICB', Forecast: 380 }, ...extraLines] as never,
      Contributions: [{ Pool: 'P', Line: 'L1', Partner: 'CC', Gross: 500 }, { Pool: 'P', Line: 'L2', Partner: 'ICB', Gross: 400 }, ...extraContribs] as never,
      Savings: savings as never,
    });
    it('gives each line its own variance, less its savings charges and its part of the reserve, to its lead', () => {
      // L1: 700 − 500 = 200, less saving 50, less reserve 60 = 90 to CC; L2: 380 − 400 = −20 to ICB; V2 = 70.
      const r = lead(60, [], [], [{ Pool: 'P', Line: 'L1', Partner: 'CC', Planned: 80, Delivered: 30 }]);
      const p = pool(r, 'P');
      expect([p.variance, p.reserveUsed]).toEqual(['180.00', '60.00']);
      expect(partner(r, 'P', 'CC')).toMatchObject({ savingsCharge: '50.00', riskShare: '90.00', finalCost: '640.00' });
      expect(partner(r, 'P', 'ICB')).toMatchObject({ riskShare: '-20.00', finalCost: '380.00' });
      expect(p.steps.find((s) => s.line === 'L1' && s.step === 'share')!.why).toBe('line L1: forecast 700.00 − net 500.00 − savings charged 50.00 − reserve 60.00 = 90.00, to its lead CC');
    });
    it('spreads the reserve over the lines still overspent, in proportion to their overspends', () => {
      // L1 over 200, L3 over 50 (lead ICB), L2 under 20: reserve 100 -> 80 and 20.
      const r = lead(100, [{ Pool: 'P', Line: 'L3', Lead: 'ICB', Forecast: 150 }], [{ Pool: 'P', Line: 'L3', Partner: 'CC', Gross: 100 }]);
      expect(partner(r, 'P', 'CC').riskShare).toBe('120.00');
      expect(partner(r, 'P', 'ICB').riskShare).toBe('10.00'); // −20 + (50 − 20)
    });
    it('needs a lead on every line (NO_LEAD)', () => {
      const r = go({
        Partners: partners2, Settings: settings, Pools: [pooled({ Method: 'lead' })],
        Lines: [{ Pool: 'P', Line: 'L1', Forecast: 700 }], Contributions: [{ Pool: 'P', Line: 'L1', Partner: 'CC', Gross: 500 }],
      });
      expect(codes(r)).toContain('NO_LEAD');
      expect(r.pools[0]).toHaveProperty('errors');
    });
  });
  describe('banded', () => {
    const banded = (forecast: number) => go({
      Partners: partners2, Settings: settings, Pools: [pooled({ Method: 'banded' })],
      Lines: [{ Pool: 'P', Line: 'L', Forecast: forecast }],
      Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 6000000 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 4000000 }],
      RiskShare: [
        { Pool: 'P', Partner: 'CC', Percent: 50, From: 0, To: 1000000, 'Band method': 'fixed' },
        { Pool: 'P', Partner: 'ICB', Percent: 50, From: 0, To: 1000000, 'Band method': 'fixed' },
        { Pool: 'P', Partner: null, From: 1000000, To: null, 'Band method': 'proportional' },
      ],
    });
    it('shares the first £1m 50:50 and the rest in proportion', () => {
      const r = banded(11500000);
      expect([partner(r, 'P', 'CC').riskShare, partner(r, 'P', 'ICB').riskShare]).toEqual(['800000.00', '700000.00']);
      expect(pool(r, 'P').steps.map((s) => s.why)).toEqual([
        'band 0.00 to 1,000,000.00: 50% of 1,000,000.00', 'band 0.00 to 1,000,000.00: 50% of 1,000,000.00',
        'band 1,000,000.00 to no limit: 6,000,000.00/10,000,000.00 of 500,000.00', 'band 1,000,000.00 to no limit: 4,000,000.00/10,000,000.00 of 500,000.00',
      ]);
    });
    it('bands an underspend by its size', () => {
      const r = banded(9500000);
      expect([partner(r, 'P', 'CC').riskShare, partner(r, 'P', 'ICB').riskShare]).toEqual(['-250000.00', '-250000.00']);
    });
  });
});

describe('rule 6: caps', () => {
  const capped = (caps: Array<[string, number]>, kind = 'pooled', host: string | null = 'CC') => go({
    Partners: partners3, Settings: settings,
    Pools: [{ Pool: 'P', Kind: kind, Host: host, Method: 'fixed' }],
    Lines: [{ Pool: 'P', Line: 'L', Forecast: 2000 }],
    Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 500, Spend: 1000 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 300, Spend: 600 }, { Pool: 'P', Line: 'L', Partner: 'DC', Gross: 200, Spend: 400 }],
    RiskShare: [
      { Pool: 'P', Partner: 'CC', Percent: 50 }, { Pool: 'P', Partner: 'ICB', Percent: 30 }, { Pool: 'P', Partner: 'DC', Percent: 20 },
      ...caps.map(([p, c]) => ({ Pool: 'P', Partner: p, Cap: c })),
    ],
  });
  it('cuts to the cap and gives the excess to the others in proportion, repeated until no cap is broken', () => {
    // step 5: 500/300/200. CC cap 400: 100 to ICB, DC 60:40 -> 360, 240. ICB cap 340: 20 to DC -> 260.
    const r = capped([['CC', 400], ['ICB', 340]]);
    expect(pool(r, 'P').partners.map((p) => p.riskShare)).toEqual(['400.00', '340.00', '260.00']);
    expect(pool(r, 'P').steps.filter((s) => s.step === 'cap')[0].why).toBe('cap 400.00; excess 100.00 to ICB, DC in proportion to 300.00 : 200.00');
    expect(codes(r)).not.toContain('CAP_UNALLOCATED');
  });
  it('lets what no partner can take fall to the host, with a warning', () => {
    const r = capped([['CC', 400], ['ICB', 250], ['DC', 150]]);
    expect(pool(r, 'P').partners.map((p) => p.riskShare)).toEqual(['600.00', '250.00', '150.00']);
    expect(pool(r, 'P').unallocated).toBe('200.00');
    expect(r.warnings.find((w) => w.code === 'CAP_UNALLOCATED')).toMatchObject({ severity: 'warning', pool: 'P' });
  });
  it('is an error when there is no host to take it', () => {
    const r = capped([['CC', 400], ['ICB', 250], ['DC', 150]], 'aligned', null);
    expect(r.warnings.find((w) => w.code === 'CAP_UNALLOCATED')).toMatchObject({ severity: 'error' });
    expect(r.pools[0]).toHaveProperty('errors');
  });
  it('does not cap an underspend', () => {
    const r = go({
      Partners: partners2, Settings: settings, Pools: [pooled()], ...twoLines(0),
      RiskShare: [{ Pool: 'P', Partner: 'ICB', Cap: 10 }],
    });
    expect(partner(r, 'P', 'ICB').riskShare).toBe('-400.00');
  });
});

describe('rules 7 and 8: aligned pools settle by transfers', () => {
  const r = go({
    Partners: partners2, Settings: settings,
    Pools: [{ Pool: 'MH', Kind: 'aligned', Method: 'proportional' }],
    Lines: [{ Pool: 'MH', Line: 'L', Forecast: 1200 }],
    Contributions: [{ Pool: 'MH', Line: 'L', Partner: 'CC', Gross: 500, Spend: 550 }, { Pool: 'MH', Line: 'L', Partner: 'ICB', Gross: 500, Spend: 450 }],
  });
  it('uses the partners\' Spend as outturn and as what each has put in', () => {
    expect(pool(r, 'MH')).toMatchObject({ outturn: '1000.00', variance: '0.00' });
    expect(partner(r, 'MH', 'CC')).toMatchObject({ finalCost: '500.00', paid: '550.00', balance: '-50.00' });
    expect(r.netting.payments).toEqual([{ from: 'ICB', to: 'CC', amount: '50.00' }]);
    expect(r.schedules).toEqual([]);
  });
  it('warns when a typed Forecast is not the sum of Spend', () => {
    expect(r.warnings.find((w) => w.code === 'SPEND_MISMATCH')).toMatchObject({ severity: 'warning', table: 'Lines', row: 1, column: 'Forecast' });
  });
  it('holds no reserve (ALIGNED_RESERVE)', () => {
    const bad = go({ Partners: partners2, Pools: [{ Pool: 'MH', Kind: 'aligned', Reserve: 10 }], Lines: [{ Pool: 'MH', Line: 'L' }], Contributions: [{ Pool: 'MH', Line: 'L', Partner: 'CC', Gross: 1 }] });
    expect(codes(bad)).toContain('ALIGNED_RESERVE');
  });
});

describe('rule 9: netting', () => {
  // Pool A (host CC): ICB owes 100, DC owes 50. Pool B (host ICB): CC owes 80.
  const tables = {
    Partners: partners3, Settings: settings,
    Pools: [{ Pool: 'A', Host: 'CC' }, { Pool: 'B', Host: 'ICB' }],
    Lines: [{ Pool: 'A', Line: 'L', Forecast: 1000 }, { Pool: 'B', Line: 'L', Forecast: 1000 }],
    Contributions: [
      { Pool: 'A', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'A', Line: 'L', Partner: 'ICB', Gross: 300 }, { Pool: 'A', Line: 'L', Partner: 'DC', Gross: 100 },
      { Pool: 'B', Line: 'L', Partner: 'CC', Gross: 400 }, { Pool: 'B', Line: 'L', Partner: 'ICB', Gross: 600 },
    ],
    Payments: [{ Pool: 'A', Partner: 'ICB', Amount: 200 }, { Pool: 'A', Partner: 'DC', Amount: 50 }, { Pool: 'B', Partner: 'CC', Amount: 320 }],
  };
  it('gross: each pool through its host', () => {
    const r = go(tables, 'gross');
    expect(r.netting).toMatchObject({ grossCount: 3, grossValue: '230.00', netCount: 3, netValue: '230.00' });
    expect(r.netting.payments).toEqual([{ from: 'ICB', to: 'CC', amount: '100.00' }, { from: 'DC', to: 'CC', amount: '50.00' }, { from: 'CC', to: 'ICB', amount: '80.00' }]);
  });
  it('bilateral: one payment per pair', () => {
    const r = go(tables, 'bilateral');
    expect(r.netting.payments).toEqual([{ from: 'ICB', to: 'CC', amount: '20.00' }, { from: 'DC', to: 'CC', amount: '50.00' }]);
    expect(r.netting).toMatchObject({ mode: 'bilateral', netCount: 2, netValue: '70.00', grossCount: 3 });
  });
  it('multilateral: largest debtor pays largest creditor', () => {
    const r = go(tables);
    expect(r.positions).toEqual([{ partner: 'CC', position: '-70.00' }, { partner: 'ICB', position: '20.00' }, { partner: 'DC', position: '50.00' }]);
    expect(r.netting.payments).toEqual([{ from: 'DC', to: 'CC', amount: '50.00' }, { from: 'ICB', to: 'CC', amount: '20.00' }]);
  });
  it('the Netting setting chooses the mode; the option overrides it', () => {
    const r = go({ ...tables, Settings: [...settings, { Setting: 'Netting', Value: 'Bilateral' }] });
    expect(r.netting.mode).toBe('bilateral');
    expect(run(wb({ ...tables, Settings: [{ Setting: 'Netting', Value: 'bilateral' }] }), { netting: 'gross', today: TODAY }).netting.mode).toBe('gross');
  });
  it('aligned pools: debtors pay creditors in proportion, to the penny', () => {
    const r = go({
      Partners: partners3, Settings: settings, Pools: [{ Pool: 'M', Kind: 'aligned' }],
      Lines: [{ Pool: 'M', Line: 'L' }],
      Contributions: [
        { Pool: 'M', Line: 'L', Partner: 'CC', Gross: 100, Spend: 0 },
        { Pool: 'M', Line: 'L', Partner: 'ICB', Gross: 100, Spend: 200 },
        { Pool: 'M', Line: 'L', Partner: 'DC', Gross: 100, Spend: 100.01 },
      ],
    }, 'gross');
    // V = 0.01 shared 0.01/0/0 (CC first on a tie). Balances: CC 100.01, ICB −100, DC −0.01.
    expect(r.positions.map((p) => p.position)).toEqual(['100.01', '-100.00', '-0.01']);
    expect(r.netting.payments).toEqual([{ from: 'CC', to: 'ICB', amount: '100.00' }, { from: 'CC', to: 'DC', amount: '0.01' }]);
  });
});

describe('rule 10: schedules', () => {
  const sched = (freq: string, start: string, gross: number) => go({
    Partners: partners2, Settings: [{ Setting: 'Frequency', Value: freq }, { Setting: 'Year start', Value: start }, { Setting: 'Materiality', Value: 100 }],
    Pools: [pooled()], Lines: [{ Pool: 'P', Line: 'L', Forecast: gross + 1000 - 10 }],
    Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 1000 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: gross }],
  }).schedules;
  it('quarterly: four instalments from Year start, extra pennies first, then the balancing payment', () => {
    const s = sched('quarterly', '2025-04', 1000.01);
    expect(s.map((x) => [x.due, x.kind, x.amount])).toEqual([
      ['2025-04', 'instalment', '250.01'], ['2025-07', 'instalment', '250.00'], ['2025-10', 'instalment', '250.00'], ['2026-01', 'instalment', '250.00'],
      ['2026-04', 'balancing', '-5.00'],
    ]);
  });
  it('monthly from an October year start wraps into the next year', () => {
    const s = sched('monthly', '2025-10', 1200);
    expect(s[0].due).toBe('2025-10');
    expect(s[11].due).toBe('2026-09');
    expect(s[12]).toMatchObject({ due: '2026-10', kind: 'balancing' });
  });
  it('Year start defaults to the April before today', () => {
    const r = run(wb({ Partners: partners2, Pools: [pooled()], ...twoLines(1000), Settings: [] }), { today: new Date('2027-02-10') });
    expect(r.schedules[0].due).toBe('2026-04');
    const r2 = run(wb({ Partners: partners2, Pools: [pooled()], ...twoLines(1000), Settings: [] }), { today: new Date('2026-04-01') });
    expect(r2.schedules[0].due).toBe('2026-04');
  });
  it("keeps £'000 units and splits to 2 decimals of the unit", () => {
    const r = go({ Partners: partners2, Settings: [{ Setting: 'Units', Value: "£'000" }, { Setting: 'Year start', Value: '2025-04' }], Pools: [pooled()], ...twoLines(1000) });
    expect(r.units).toBe("£'000");
    expect(r.schedules[0].amount).toBe('33.34');
  });
});

describe('settings and blanks', () => {
  it.each([['2025-10', '2025-10'], ['2025/10', '2025-10'], ['Oct 2025', '2025-10'], ['October 2025', '2025-10'], ['2025-10-01', '2025-10'], [45931, '2025-10']])(
    'Year start %p is %s', (value, due) => {
      const r = go({ Partners: partners2, Pools: [pooled()], ...twoLines(1000), Settings: [{ Setting: 'Year start', Value: value }] });
      expect(r.schedules[0].due).toBe(due);
    });
  it('a pooled line with no contributions and a blank Forecast counts as 0, with a BLANK_AS_ZERO warning', () => {
    const r = go({ Partners: partners2, Settings: settings, Pools: [pooled()], Lines: [{ Pool: 'P', Line: 'L', Forecast: 10 }, { Pool: 'P', Line: 'M' }],
      Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 10 }] });
    expect(pool(r, 'P').outturn).toBe('10.00');
    expect(r.warnings.find((w) => w.code === 'BLANK_AS_ZERO')).toMatchObject({ severity: 'warning', table: 'Lines', row: 2, column: 'Forecast' });
  });
});

describe('unknown names', () => {
  it('suggests the nearest known partner, a swap of two letters counting as one edit', () => {
    const r = go({ Partners: [...partners2, { Partner: 'CCG' }], Settings: settings, Pools: [pooled()], ...twoLines(1000),
      Payments: [{ Pool: 'P', Partner: 'IBC', Amount: 5 }] });
    const w = r.warnings.find((x) => x.code === 'UNKNOWN_PARTNER')!;
    expect(w).toMatchObject({ severity: 'error', table: 'Payments', row: 1, column: 'Partner', pool: 'P' });
    expect(w.message).toBe('Payments row 1, column Partner: partner "IBC" is not in the Partners table. Did you mean ICB? Correct the code or add the partner.');
  });
});

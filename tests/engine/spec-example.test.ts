/** The worked example of docs/rules.md (the spec), "Results", figure for figure. */
import { go, partners2 } from './helpers';

const example = {
  Partners: partners2,
  Pools: [{ Pool: 'BCF', Kind: 'pooled', Host: 'CC', Method: 'proportional' }],
  Lines: [{ Pool: 'BCF', Line: 'Community', Lead: 'CC', Forecast: 1100 }],
  Contributions: [
    { Pool: 'BCF', Line: 'Community', Partner: 'CC', Gross: 600 },
    { Pool: 'BCF', Line: 'Community', Partner: 'ICB', Gross: 400 },
  ],
  Payments: [{ Pool: 'BCF', Partner: 'ICB', Period: '2025-04', Amount: 400 }],
  Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Materiality', Value: 10 }],
};

describe('the spec example', () => {
  const r = go(example);
  it('gives the pool figures, partners and steps of the contract', () => {
    expect(r.units).toBe('£');
    expect(r.pools).toEqual([{
      pool: 'BCF', kind: 'pooled', host: 'CC', method: 'proportional',
      budget: '1000.00', outturn: '1100.00', variance: '100.00',
      reserveUsed: '0.00', reserveCarried: '0.00', unallocated: '0.00',
      partners: [
        { partner: 'CC', net: '600.00', share: '0.600000', savingsCharge: '0.00', riskShare: '60.00', finalCost: '660.00', paid: '700.00', balance: '-40.00' },
        { partner: 'ICB', net: '400.00', share: '0.400000', savingsCharge: '0.00', riskShare: '40.00', finalCost: '440.00', paid: '400.00', balance: '40.00' },
      ],
      steps: [
        { step: 'share', partner: 'CC', amount: '60.00', why: '600.00/1,000.00 of 100.00' },
        { step: 'share', partner: 'ICB', amount: '40.00', why: '400.00/1,000.00 of 100.00' },
      ],
    }]);
  });
  it('gives positions and netting', () => {
    expect(r.positions).toEqual([{ partner: 'CC', position: '-40.00' }, { partner: 'ICB', position: '40.00' }]);
    expect(r.netting).toMatchObject({
      mode: 'multilateral', grossCount: 1, grossValue: '40.00',
      payments: [{ from: 'ICB', to: 'CC', amount: '40.00' }], netCount: 1, netValue: '40.00',
    });
  });
  it('gives twelve instalments, April to July 33.34, and the balancing payment', () => {
    const inst = r.schedules.filter((s) => s.kind === 'instalment');
    expect(inst.map((s) => s.due)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
    expect(inst.map((s) => s.amount)).toEqual([...Array(4).fill('33.34'), ...Array(8).fill('33.33')]);
    expect(inst.every((s) => s.pool === 'BCF' && s.partner === 'ICB' && s.to === 'CC')).toBe(true);
    expect(r.schedules[12]).toEqual({ pool: 'BCF', partner: 'ICB', to: 'CC', due: '2026-04', kind: 'balancing', amount: '40.00',
      paid: '0.00', outstanding: '40.00' }); // yearend.md: ICB's 400.00 covers all twelve instalments
    expect(r.schedules).toHaveLength(13);
  });
  it('has no warnings (variance 10% is not above a materiality of 10)', () => {
    expect(r.warnings).toEqual([]);
  });
  it('reports a typed Net that does not tie with the spec message, and the pool gets no figures', () => {
    const r3 = go({
      ...example,
      Lines: [...example.Lines, { Pool: 'BCF', Line: 'Other', Lead: 'CC', Forecast: 0 }],
      Contributions: [...example.Contributions, { Pool: 'BCF', Line: 'Other', Partner: 'CC', Gross: 1200, Net: '1,250' }],
    });
    const w = r3.warnings.find((x) => x.code === 'NET_MISMATCH')!;
    expect(w).toMatchObject({ code: 'NET_MISMATCH', severity: 'error', table: 'Contributions', row: 3, column: 'Net' });
    expect(w.message.startsWith('Net 1,250.00 is not Gross less Income less Grant (1,200.00): difference 50.00')).toBe(true);
    expect(r3.pools[0]).toMatchObject({ pool: 'BCF', errors: [expect.objectContaining({ code: 'NET_MISMATCH' })] });
    expect(r3.pools[0]).not.toHaveProperty('budget');
    expect(r3.schedules).toEqual([]);
    expect(r3.netting.payments).toEqual([]);
  });
});

/**
 * The spec's "Readings decided" 10–14, 16 and 17, hand-worked, with a property where the reading
 * touches money; and one error per cause (a missing table, a bad cell), bounded "did you mean".
 */
import fc from 'fast-check';
import { parseInputJson, run } from '../../src/engine';
import type { RawRow, RunResult } from '../../src/engine';
import { inferYearStart } from '../../src/engine/settings';
import { distance } from '../../src/engine/warnings';
import { suspects } from '../../src/engine/model/units';
import { Decimal } from '../../src/engine';
import * as warningsModule from '../../src/engine/warnings';
import { codes, go, partner, partners2, pool, TODAY } from './helpers';
import { checkInvariants } from '../robustness/invariants';

type Tables = Record<string, RawRow[]>;
const settings = [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Materiality', Value: 100 }];

/** One pooled pool P hosted by CC: CC gives 600, ICB 400 on line L; forecast as given. */
function book(forecast: unknown = 1100, extra: Partial<Tables> = {}): Tables {
  return {
    Partners: partners2, Settings: settings,
    Pools: [{ Pool: 'P', Host: 'CC' }],
    Lines: [{ Pool: 'P', Line: 'L', Forecast: forecast as number }],
    Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 }],
    ...extra,
  };
}
const figures = (r: RunResult) => JSON.stringify({ pools: r.pools, positions: r.positions, netting: r.netting, schedules: r.schedules });
const errors = (r: RunResult) => r.warnings.filter((w) => w.severity === 'error');
/** Pool P shared by fixed percents, overspend 100. */
const fixed = (cc: number, icb: number) => go(book(1100, {
  Pools: [{ Pool: 'P', Host: 'CC', Method: 'fixed' }],
  RiskShare: [{ Pool: 'P', Partner: 'CC', Percent: cc }, { Pool: 'P', Partner: 'ICB', Percent: icb }],
}));
const riskShares = (r: RunResult) => [partner(r, 'P', 'CC').riskShare, partner(r, 'P', 'ICB').riskShare];

describe('reading 10: a 0 is a value, never a blank', () => {
  it('Cap 0: the partner bears none of the overspend (ICB takes all 100)', () => {
    expect(riskShares(go(book(1100, { RiskShare: [{ Pool: 'P', Partner: 'CC', Cap: 0 }] })))).toEqual(['0.00', '100.00']);
  });
  it('a Cap typed "-" is a cap of 0 too', () => {
    expect(riskShares(go(book(1100, { RiskShare: [{ Pool: 'P', Partner: 'ICB', Cap: '-' }] })))).toEqual(['100.00', '0.00']);
  });
  it('Percent 0: no share (fixed 0:100)', () => {
    expect(riskShares(fixed(0, 100))).toEqual(['0.00', '100.00']);
  });
  it('To 0 is a bound of 0, not "no upper bound": a band from 0 to 0 is an error on To', () => {
    const r = go(book(1100, {
      Pools: [{ Pool: 'P', Host: 'CC', Method: 'banded' }],
      RiskShare: [{ Pool: 'P', Partner: null, From: 0, To: 0, 'Band method': 'proportional' }],
    }));
    expect(r.warnings.find((w) => w.code === 'BAND_OVERLAP')).toMatchObject({ table: 'RiskShare', row: 1, column: 'To' });
  });
  it('property: with a cap of 0, a partner never bears any overspend, and the shares still add up to V₂', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }),
      fc.integer({ min: 1, max: 10_000_000 }), (a, b, over) => {
        const r = go({ ...book((a + b + over) / 100), Contributions: [
          { Pool: 'P', Line: 'L', Partner: 'CC', Gross: a / 100 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: b / 100 }],
        RiskShare: [{ Pool: 'P', Partner: 'ICB', Cap: 0 }] });
        expect(partner(r, 'P', 'ICB').riskShare).toBe('0.00');
        expect(partner(r, 'P', 'CC').riskShare).toBe((over / 100).toFixed(2));
      }), { numRuns: 60 });
  });
});

describe('reading 11: percents held as fractions', () => {
  const variance6 = (materiality: unknown) =>
    go(book(1060, { Settings: [{ Setting: 'Year start', Value: '2025-04' }, { Setting: 'Materiality', Value: materiality as number }] }));
  it.each([[0.05, true], [5, true], ['5%', true], [0.07, false], [7, false], ['0.5%', true]])(
    'Materiality %p against a variance of 6%: over it = %p', (m, over) => {
      expect(codes(variance6(m)).includes('VARIANCE_OVER_MATERIALITY')).toBe(over);
    });
  it('the warning quotes the fraction as a percent (0.05 is 5%)', () => {
    expect(variance6(0.05).warnings[0].message).toContain('above the materiality of 5%');
  });
  it('fixed Percents totalling 1 are fractions (0.7 and 0.3 are 70% and 30%)', () => {
    expect(riskShares(fixed(0.7, 0.3))).toEqual(['70.00', '30.00']);
  });
});

describe('reading 12: an Income or Grant typed negative is a deduction of its size', () => {
  // The real case: income typed as a report prints it made the budget 151,956 instead of 140,952.
  const real = (income: number) => go({
    Partners: partners2, Settings: settings, Pools: [{ Pool: 'P', Host: 'CC' }],
    Lines: [{ Pool: 'P', Line: 'L', Forecast: 140952 }],
    Contributions: [
      { Pool: 'P', Line: 'L', Partner: 'CC', Gross: 100000, Income: income, Net: 94498 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 46454, Grant: 0 },
    ],
  });
  it('budget 140,952.00, not 151,956.00, with SIGN_READ on the Income cell', () => {
    const r = real(-5502);
    expect(pool(r, 'P').budget).toBe('140952.00');
    const w = r.warnings.filter((x) => x.code === 'SIGN_READ');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', table: 'Contributions', row: 1, column: 'Income', pool: 'P' });
    expect(w[0].message).toBe('Contributions row 1, column Income: income -5,502.00 is typed negative, as a report prints it; '
      + 'it is read as a deduction of 5,502.00. Type it as a positive amount.');
    expect(codes(r)).not.toContain('NET_MISMATCH'); // Net 94,498 = 100,000 − 5,502
  });
  it('the same figures as the income typed positive, which gives no warning', () => {
    expect(figures(real(-5502))).toBe(figures(real(5502)));
    expect(real(5502).warnings).toEqual([]);
  });
  it('property: typing Income or Grant negative changes no figure and adds one SIGN_READ per cell', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 1e7 }), fc.integer({ min: 1, max: 1e7 }),
      fc.boolean(), (gross, income, grant, negGrant) => {
        const t = (i: number, g: number) => ({ ...book((gross + 50000) / 100), Contributions: [
          { Pool: 'P', Line: 'L', Partner: 'CC', Gross: gross / 100, Income: i / 100, Grant: g / 100 },
          { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 }] });
        const plain = go(t(income, grant));
        const signed = go(t(-income, negGrant ? -grant : grant));
        expect(figures(signed)).toBe(figures(plain));
        expect(signed.warnings.filter((w) => w.code === 'SIGN_READ')).toHaveLength(negGrant ? 2 : 1);
      }), { numRuns: 60 });
  });
});

describe('reading 13: a blank Forecast on a funded line is an error; "-" alone is 0', () => {
  it('blank Forecast on a line with contributions: BLANK_REQUIRED, the pool has no figures, the others run', () => {
    const t = book(null);
    t.Pools.push({ Pool: 'Q', Host: 'ICB' });
    t.Lines.push({ Pool: 'Q', Line: 'M', Forecast: 100 });
    t.Contributions.push({ Pool: 'Q', Line: 'M', Partner: 'ICB', Gross: 100 });
    const r = go(t);
    checkInvariants(r);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ code: 'BLANK_REQUIRED', table: 'Lines', row: 1, column: 'Forecast', pool: 'P' });
    expect(errors(r)[0].message).toBe('Lines row 1, column Forecast: line L of pool P has contributions but no forecast; '
      + 'type its forecast outturn (0 if nothing will be spent, or - for zero).');
    expect(r.pools[0]).toHaveProperty('errors');
    expect(pool(r, 'Q').outturn).toBe('100.00');
    expect(codes(r)).not.toContain('BLANK_AS_ZERO');
  });
  it('aligned pools are exempt: their outturn is the partners\' Spend', () => {
    const r = go(book(null, {
      Pools: [{ Pool: 'P', Kind: 'aligned' }],
      Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600, Spend: 650 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400, Spend: 400 }],
    }));
    expect(errors(r)).toEqual([]);
    expect(pool(r, 'P').outturn).toBe('1050.00');
  });
  it.each(['-', ' - ', '–', ' — ', '--'])('%p alone in an amount cell is 0: no error, no follow-on', (dash) => {
    // The real case: "-" typed for a zero forecast gave NOT_A_NUMBER and UNKNOWN_LINE on every row of the line.
    const r = go(book(dash, {
      Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600, Income: dash, Grant: dash },
        { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400, Net: dash === '-' ? 400 : undefined }],
    }));
    expect(errors(r)).toEqual([]);
    expect(pool(r, 'P')).toMatchObject({ outturn: '0.00', budget: '1000.00' });
  });
  it('property: "-" in place of any 0 amount changes no figure', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e9 }), fc.boolean(), fc.boolean(), (gross, dashIncome, dashReserve) => {
      const t = (zero: (yes: boolean) => unknown) => ({ ...book(gross / 100 + 1),
        Pools: [{ Pool: 'P', Host: 'CC', Reserve: zero(dashReserve) as number }],
        Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: gross / 100, Income: zero(dashIncome) as number },
          { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 1 }] });
      expect(figures(go(t((yes) => (yes ? '-' : 0))))).toBe(figures(go(t(() => 0))));
    }), { numRuns: 40 });
  });
  it('"-" in a key cell is blank: one BLANK_REQUIRED, no UNKNOWN_LINE or "did you mean"', () => {
    const t = book(1000);
    t.Contributions[1].Line = '-';
    const r = go(t);
    expect(errors(r).map((w) => w.code)).toEqual(['BLANK_REQUIRED']);
    expect(errors(r)[0]).toMatchObject({ table: 'Contributions', row: 2, column: 'Line', pool: 'P' });
  });
  it('"-" in a Pool cell is blank: one BLANK_REQUIRED, belonging to no pool, and P still runs', () => {
    const t = book(1000);
    t.Payments = [{ Pool: '-', Partner: 'ICB', Amount: 10 }];
    const r = go(t);
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ code: 'BLANK_REQUIRED', table: 'Payments', row: 1, column: 'Pool' });
    expect(errors(r)[0].pool).toBeUndefined();
    expect(pool(r, 'P').budget).toBe('1000.00');
  });
  it('a bad Forecast is one error: its line is still known to the contributions', () => {
    const r = go(book('n/a'));
    expect(errors(r).map((w) => `${w.code} ${w.table} ${w.row}`)).toEqual(['NOT_A_NUMBER Lines 1']);
  });
});

describe('reading 14: a row labelled as a total is skipped with TOTAL_ROW', () => {
  it('a Total row at the foot of Lines does not double the outturn (the real case)', () => {
    const t = book(1100);
    t.Lines.push({ Pool: 'P', Line: 'Total', Forecast: 1100 });
    const r = go(t);
    expect(pool(r, 'P').outturn).toBe('1100.00');
    const w = r.warnings.filter((x) => x.code === 'TOTAL_ROW');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'info', table: 'Lines', row: 2, column: 'Line', pool: 'P' });
    expect(w[0].message).toBe('Lines row 2, column Line: the row is labelled "Total", so it is read as a total, not data, and skipped.');
  });
  it.each(['TOTAL', 'Sub-total', 'Subtotal', 'sub total', 'Grand total', 'Grand Total:', ' total: '])('%p in a key cell is a total', (label) => {
    const t = book(1100);
    t.Contributions.push({ Pool: 'P', Line: 'L', Partner: label, Gross: 1000 });
    const r = go(t);
    expect(errors(r)).toEqual([]);
    expect(pool(r, 'P').budget).toBe('1000.00');
    expect(r.warnings.find((x) => x.code === 'TOTAL_ROW')).toMatchObject({ table: 'Contributions', row: 3, column: 'Partner' });
  });
  it.each(['Totally', 'Total care', 'Subtotals'])('%p is a name, not a total', (name) => {
    const t = book(1100);
    t.Lines.push({ Pool: 'P', Line: name, Forecast: 10 });
    expect(codes(go(t))).not.toContain('TOTAL_ROW');
  });
  it('property: appending a total row to Lines or Contributions changes no figure', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e9 }), fc.constantFrom('Lines', 'Contributions'), fc.constantFrom('Total', 'Sub-total', 'Grand total:'),
      (f, table, label) => {
        const t = book(f / 100);
        const before = figures(go(t));
        if (table === 'Lines') t.Lines.push({ Pool: 'P', Line: label, Forecast: f / 100 });
        else t.Contributions.push({ Pool: label, Line: null, Partner: null, Gross: 1000 });
        expect(figures(go(t))).toBe(before);
      }), { numRuns: 30 });
  });
});

describe('reading 16: UNITS_SUSPECT, an amount 500 times or more the median of its pool\'s others', () => {
  const contributions = (grosses: number[]) => book(1000, {
    Partners: [...partners2, { Partner: 'DC' }],
    Contributions: grosses.map((g, i) => ({ Pool: 'P', Line: 'L', Partner: ['CC', 'ICB', 'DC'][i], Gross: g })),
  });
  const suspect = (r: RunResult) => r.warnings.filter((w) => w.code === 'UNITS_SUSPECT');
  it('a Gross of exactly 500 times the median of the other rows is flagged on its cell; 499.99 times is not', () => {
    const r = go(contributions([10, 5000, 10]));
    expect(suspect(r)).toHaveLength(1);
    expect(suspect(r)[0]).toMatchObject({ severity: 'warning', table: 'Contributions', row: 2, column: 'Gross', pool: 'P' });
    expect(suspect(r)[0].message).toBe("Contributions row 2, column Gross: 5,000.00 is 500 times or more the median of pool P's other "
      + "contribution rows (10.00); check its units (a £ figure in a £'000 book?) and correct it if so.");
    expect(suspect(go(contributions([10, 4999.99, 10])))).toEqual([]);
  });
  it('compares absolute values, and the median of the others (12 against 10 and 14)', () => {
    expect(suspect(go(contributions([-10, 6000, 14]))).map((w) => w.row)).toEqual([2]);
    expect(suspect(go(contributions([10, 5999.99, 14])))).toEqual([]);
  });
  it('skips a median of 0', () => {
    expect(suspect(go(contributions([0, 5000, 0])))).toEqual([]);
  });
  it('a line\'s Forecast against the pool\'s other lines', () => {
    const t = book(100, { Lines: [{ Pool: 'P', Line: 'L', Forecast: 100 }, { Pool: 'P', Line: 'M', Forecast: 60000 }] });
    const w = suspect(go(t));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ table: 'Lines', row: 2, column: 'Forecast' });
  });
  it("a payment against the pool's other payments, or when alone against the contribution rows (the real case: £ in a £'000 book)", () => {
    const pay = (amounts: number[]) => go(book(1000, { Payments: amounts.map((Amount) => ({ Pool: 'P', Partner: 'ICB', Period: '2025-05', Amount })) }));
    expect(suspect(pay([10, 5000, 10])).map((w) => `${w.table} ${w.row} ${w.column}`)).toEqual(['Payments 2 Amount']);
    const alone = suspect(pay([250000]));
    expect(alone.map((w) => `${w.table} ${w.row} ${w.column}`)).toEqual(['Payments 1 Amount']);
    expect(alone[0].message).toContain("median of pool P's contribution rows (500.00)");
    expect(suspect(pay([249999]))).toEqual([]);
  });
  it('property: the flagged figures are exactly those 500 times or more the plain median of the others', () => {
    const median = (xs: Decimal[]) => {
      const s = [...xs].sort((a, b) => a.comparedTo(b));
      const k = s.length;
      return k % 2 ? s[(k - 1) / 2] : s[k / 2 - 1].plus(s[k / 2]).dividedBy(2);
    };
    const amount = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1e9, max: 1e9 }), fc.constant(0));
    fc.assert(fc.property(fc.array(amount, { minLength: 2, maxLength: 12 }), (xs) => {
      const figures = xs.map((x, i) => ({ row: i + 1, value: new Decimal(x).dividedBy(100) }));
      const want = figures.filter((f, i) => {
        const m = median(figures.filter((_, j) => j !== i).map((g) => g.value.abs()));
        return !m.isZero() && f.value.abs().gte(m.times(500));
      }).map((f) => f.row);
      expect(suspects(figures).map((f) => f.row)).toEqual(want);
    }), { numRuns: 300 });
  });
  it('is a warning: the figures still come out', () => {
    expect(pool(go(contributions([10, 5000, 10])), 'P').budget).toBe('5020.00');
  });
});

describe('reading 17: the year is never guessed silently', () => {
  it.each<[string[], string | null]>([
    [['2017-04', '2017-12', '2018-03'], '2017-04'],
    [['2018-01'], '2017-04'],
    [['2018-04'], '2018-04'],
    [['2017-03', '2017-04'], null],
    [['2017-04', '2018-04'], null],
    [[], null],
    [['April 2017'], null],
  ])('inferYearStart(%p) is %p', (periods, want) => expect(inferYearStart(periods)).toBe(want));

  const pays = (periods: Array<Record<string, unknown>>, extra: Partial<Tables> = {}) => run({ tables: {
    ...book(1000), Settings: [], ...extra,
    Payments: periods.map((p) => ({ Pool: 'P', Partner: 'ICB', Amount: 10, ...p })) as RawRow[],
  } }, { today: TODAY });
  it('without Year start, from the Payments periods (Period, else Date) when they share one year', () => {
    const r = pays([{ Period: '2017-05' }, { Date: '2018-03-15' }, { Date: 43009 }]); // 43009 is 2017-10-01
    expect(r.year).toEqual({ start: '2017-04', from: 'periods' });
    expect(r.schedules[0].due).toBe('2017-04');
    expect(r.schedules.find((s) => s.kind === 'balancing')!.due).toBe('2018-04');
  });
  it('periods over two years: the default (the April before today), and it says so', () => {
    expect(pays([{ Period: '2017-05' }, { Period: '2018-05' }]).year).toEqual({ start: '2026-04', from: 'default' });
    expect(pays([]).year).toEqual({ start: '2026-04', from: 'default' });
  });
  it('a Year start setting wins over the periods', () => {
    const r = pays([{ Period: '2017-05' }], { Settings: [{ Setting: 'Year start', Value: '2019-04' }] });
    expect(r.year).toEqual({ start: '2019-04', from: 'setting' });
  });
  it('the result names every partner in order (null when no Name is typed), and the pool of each payment before netting', () => {
    const r = go(book(1100, { Partners: [{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB' }, { Partner: 'DC', Name: '' }] }));
    expect(r.partners).toEqual([{ partner: 'CC', name: 'County Council' }, { partner: 'ICB', name: null }, { partner: 'DC', name: null }]);
    expect(r.netting.grossPayments).toEqual([{ from: 'ICB', to: 'CC', amount: '440.00', pool: 'P' }]);
  });
});

describe('reading 17 revised: Savings periods do not decide the year', () => {
  // Two pools; P2's saving slips into next year. Payments say 2025/26.
  const slipped = (): Tables => ({
    Partners: partners2, Settings: [],
    Pools: [{ Pool: 'P', Host: 'CC' }, { Pool: 'P2', Host: 'CC' }],
    Lines: [{ Pool: 'P', Line: 'L', Forecast: 1100 }, { Pool: 'P2', Line: 'L', Forecast: 1000 }],
    Contributions: [{ Pool: 'P', Line: 'L', Partner: 'CC', Gross: 600 }, { Pool: 'P', Line: 'L', Partner: 'ICB', Gross: 400 },
      { Pool: 'P2', Line: 'L', Partner: 'CC', Gross: 500 }, { Pool: 'P2', Line: 'L', Partner: 'ICB', Gross: 500 }],
    Payments: [{ Pool: 'P', Partner: 'ICB', Period: '2025-05', Amount: 10 }],
    Savings: [{ Pool: 'P2', Line: 'L', Partner: 'ICB', Planned: 50, Delivered: 20 },
      { Pool: 'P2', Line: 'L', Partner: 'ICB', Planned: 50, Delivered: 40, Period: '2026-05' }],
  });
  it('a saving dated next year leaves the year to the Payments, and fails only its own pool', () => {
    const r = run({ tables: slipped() }, { today: TODAY });
    expect(r.year).toEqual({ start: '2025-04', from: 'periods' });
    const err = errors(r);
    expect(err.map((w) => [w.code, w.table, w.row, w.column, w.pool])).toEqual([
      ['PERIOD_OUTSIDE_YEAR', 'Savings', 2, 'Period', 'P2']]);
    expect(pool(r, 'P').variance).toBe('100.00');
    expect(r.pools.find((p) => p.pool === 'P2')).toHaveProperty('errors');
  });
  it('Savings periods alone give no year: the default, said so', () => {
    const t = slipped();
    t.Payments = [];
    expect(run({ tables: t }, { today: TODAY }).year).toEqual({ start: '2026-04', from: 'default' });
  });
});

describe('reading 20: which saving a dated Savings row belongs to', () => {
  const withSavings = (savings: RawRow[]) => go(book(1100, { Savings: savings }));
  it('two undated savings of one key with dated rows: AMBIGUOUS_SAVING on the dated rows, the pool not run', () => {
    const r = withSavings([
      { Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 50, Delivered: 20 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 30, Delivered: 30 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 50, Delivered: 40, Period: '2025-09' },
    ]);
    expect(errors(r).map((w) => [w.code, w.table, w.row, w.column])).toEqual([['AMBIGUOUS_SAVING', 'Savings', 3, 'Period']]);
    expect(errors(r)[0].message).toMatch(/add a Saving column naming each saving/);
    expect(r.pools[0]).toHaveProperty('errors');
  });
  it('a Saving column tells them apart: each dated row forecasts the saving of its name', () => {
    const named = withSavings([
      { Pool: 'P', Line: 'L', Partner: 'ICB', Saving: 'Beds', Planned: 50, Delivered: 20 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Saving: 'Staff', Planned: 30, Delivered: 30 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Saving: 'Beds', Planned: 50, Delivered: 40, Period: '2025-09' },
    ]);
    expect(errors(named)).toEqual([]);
    // The year end reads Beds at its latest row (40 of 50) and Staff undated (30 of 30): 10 short in all.
    const same = withSavings([
      { Pool: 'P', Line: 'L', Partner: 'ICB', Saving: 'Beds', Planned: 50, Delivered: 40 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Saving: 'Staff', Planned: 30, Delivered: 30 },
    ]);
    expect(figures(named)).toBe(figures(same));
    // Without names, one undated and dated rows are one saving, as before.
    expect(errors(withSavings([
      { Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 50, Delivered: 20 },
      { Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 50, Delivered: 40, Period: '2025-09' },
    ]))).toEqual([]);
  });
});

describe('one error per cause', () => {
  it.each(['Partners', 'Pools', 'Lines', 'Contributions'])('a missing %s table is one MISSING_TABLE error and nothing else', (table) => {
    const t = book(1100);
    t.Payments = [{ Pool: 'P', Partner: 'ICB', Amount: 10 }];
    t.Savings = [{ Pool: 'P', Line: 'L', Partner: 'ICB', Planned: 10 }];
    t.RiskShare = [{ Pool: 'P', Partner: 'ICB', Cap: 10 }];
    delete t[table];
    const r = go(t);
    checkInvariants(r);
    expect(errors(r).map((w) => w.code)).toEqual(['MISSING_TABLE']);
  });
  it('a Lines table with no Line column: one MISSING_COLUMN naming the headers found and the header row', () => {
    const t = book(1100, { Lines: [{ Pool: 'P', Lin: 'L', Forecast: 1100 }] });
    const r = run({ tables: t, locate: (table, row, column) => ({ sheet: `${table} sheet`, cell: `${column === 'Pool' ? 'A' : 'B'}${row + 1}` }) },
      { today: TODAY });
    expect(errors(r)).toHaveLength(1);
    expect(errors(r)[0]).toMatchObject({ code: 'MISSING_COLUMN', table: 'Lines', column: 'Line', sheet: 'Lines sheet', cell: 'A1' });
    expect(errors(r)[0].message).toBe('Table Lines has no Line column (header row at Lines sheet!A1): it has the headers '
      + '"Pool", "Lin", "Forecast"; add a column headed Line.');
  });
  it('without a locator, MISSING_COLUMN still names the headers found', () => {
    const r = go(book(1100, { Lines: [{ Pool: 'P', Forecast: 1100 }] }));
    expect(errors(r)[0].message).toBe('Table Lines has no Line column: it has the headers "Pool", "Forecast"; add a column headed Line.');
  });
});

describe('"did you mean", bounded (issue 10)', () => {
  it('edit distance counts a swap as one edit and gives up past its limit', () => {
    expect(distance('icb', 'ibc')).toBe(1);
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('kitten', 'sitting', 1)).toBe(2);
    expect(distance('abc', 'abcdefgh', 2)).toBe(3);
  });
  it('two unmatched names of 32,767 characters: a suggestion from their first 64 characters, both cut in the message', () => {
    const known = 'a'.repeat(32767);
    const typed = 'b' + 'a'.repeat(32766);
    const r = go(book(1100, { Pools: [{ Pool: known, Host: 'CC' }, { Pool: 'P', Host: 'CC' }],
      Payments: [{ Pool: typed, Partner: 'ICB', Amount: 1 }] }));
    const w = r.warnings.find((x) => x.code === 'UNKNOWN_POOL')!;
    expect(w.message).toBe(`Payments row 1, column Pool: pool "b${'a'.repeat(79)}… (32,767 characters)" is not in the Pools `
      + `table. Did you mean ${'a'.repeat(80)}… (32,767 characters)? Correct the name or add the pool.`);
  });
  it('one suggestion per distinct unknown name, however many rows carry it', () => {
    const spy = jest.spyOn(warningsModule, 'nearest');
    try {
      const t = book(1100);
      for (let i = 0; i < 500; i++) t.Contributions.push({ Pool: 'P', Line: 'Lx', Partner: 'ICB', Gross: 1 });
      for (let i = 0; i < 300; i++) t.Contributions.push({ Pool: 'P', Line: 'L', Partner: 'IBC', Gross: 1 });
      const r = go(t);
      expect(r.warnings.filter((w) => w.code === 'UNKNOWN_LINE')).toHaveLength(500);
      expect(r.warnings.filter((w) => w.code === 'UNKNOWN_PARTNER')).toHaveLength(300);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('1e400 in JSON input', () => {
  it.each(['1e400', '-1e400'])('%s is INVALID_VALUE on its cell, with a plain message', (text) => {
    const json = JSON.parse(`{"tables": ${JSON.stringify(book(1100)).slice(0, -1)}, "Payments": [{"Pool": "P", "Partner": "ICB", "Amount": ${text}}]}}`);
    const r = run(parseInputJson(json), { today: TODAY });
    checkInvariants(r);
    const w = r.warnings.find((x) => x.code === 'INVALID_VALUE')!;
    expect(w).toMatchObject({ severity: 'error', table: 'Payments', row: 1, column: 'Amount', pool: 'P' });
    expect(w.message).toBe('Payments row 1, column Amount: the number is too large for an amount (Excel keeps 15 digits); check the figure.');
  });
});

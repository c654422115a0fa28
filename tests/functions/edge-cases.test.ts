/**
 * The POOL functions' edge cases (issue 8): no guessed tables, cross-row checks, header rows,
 * money in whole pennies, no hidden dependence on today's date.
 */
import { ALLOCATE, RISKSHARE, SCHEDULE, SETTLE, VALIDATE } from '../../src/functions/functions';
import { isFunctionError } from '../../src/functions/errors';

function message(v: unknown): string {
  expect(isFunctionError(v)).toBe(true);
  expect((v as { code: string }).code).toBe('#VALUE!');
  return (v as { message: string }).message;
}

describe('POOL.VALIDATE', () => {
  const risk90 = [['Pool', 'Partner', 'Percent'], ['LD', 'CC', 60], ['LD', 'ICB', 30]];

  it('recognises a RiskShare range by its header and runs the cross-row checks (percents total 90)', () => {
    const out = VALIDATE(risk90) as unknown[][];
    expect(out[0]).toEqual(['Severity', 'Code', 'Where', 'Message']);
    expect(out.slice(1).map((r) => r[1])).toEqual(['PERCENT_TOTAL']);
    expect(out[1][3]).toMatch(/total 90, not 100/);
    expect(VALIDATE(risk90, 'RiskShare')).toEqual(out);
  });

  it('says OK for percents that total 100, or fractions that total 1', () => {
    expect(VALIDATE([['Pool', 'Partner', 'Percent'], ['LD', 'CC', 70], ['LD', 'ICB', 30]])).toEqual([['OK']]);
    expect(VALIDATE([['Pool', 'Partner', 'Percent'], ['LD', 'CC', 0.7], ['LD', 'ICB', 0.3]])).toEqual([['OK']]);
  });

  it('does not guess a table from a header that fits several, or none exactly', () => {
    expect(message(VALIDATE([['Pool'], ['BCF']]))).toBe(
      'POOL.VALIDATE: the header row could be Pools or RiskShare: name the table as table_name ' +
        '(Partners, Pools, Lines, Contributions, RiskShare, Savings, Payments, Settings, Forecasts)',
    );
    expect(message(VALIDATE([['Partner', 'Notes'], ['CC', 'x']]))).toMatch(/header row matches no spec table exactly: name the table/);
    expect(VALIDATE([['Partner', 'Notes'], ['CC', 'x']], 'Partners')).toEqual([['OK']]);
  });

  it('checks each pool of a RiskShare range by its own method', () => {
    const mixed = [['Pool', 'Partner', 'Percent', 'From', 'To'], ['LD', 'CC', 50, null, null], ['LD', 'ICB', 40, null, null],
      ['OP', null, null, 0, null]];
    const out = VALIDATE(mixed) as unknown[][];
    expect(out.slice(1).map((r) => [r[1], r[3]])).toEqual([['PERCENT_TOTAL', expect.stringMatching(/pool LD total 90/)]]);
  });
});

describe('POOL.SETTLE', () => {
  it('accepts a header row whatever its headings say', () => {
    expect(SETTLE([['Partner', 'Owes (+) / is owed (-)'], ['CC', -40], ['ICB', 40]])).toEqual([['From', 'To', 'Amount'], ['ICB', 'CC', 40]]);
    expect(SETTLE([['Pool', 'Partner', 'Net'], ['BCF', 'CC', -40], ['BCF', 'ICB', 40]], 'gross'))
      .toEqual([['From', 'To', 'Amount'], ['ICB', 'CC', 40]]);
  });
  it('still names a first row whose balance is a mistyped number', () => {
    expect(message(SETTLE([['CC', '4O'], ['ICB', -40]]))).toMatch(/balances row 1 is not a number: "4O"/);
  });
});

describe('POOL.RISKSHARE without its header row', () => {
  it('says a header row is needed and which columns', () => {
    const out = RISKSHARE([['BCF', 'Care', 'CC', 600], ['BCF', 'Care', 'ICB', 400]], [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]]);
    expect(message(out)).toBe(
      'POOL.RISKSHARE: the first row of contributions_range must be the Contributions header row, with at least ' +
        'Pool, Line, Partner, Gross (no Pool, Line, Partner, Gross in its first row: "BCF", "Care", "CC", "600")',
    );
  });
});

describe('money in whole pennies', () => {
  it('refuses a fraction of a penny to split, asking to round, rather than spill 50.005', () => {
    expect(message(ALLOCATE(100.005, [[1], [1]]))).toBe(
      'POOL.ALLOCATE: amount 100.005 has a fraction of a penny: round it to 2 decimals first, e.g. =ROUND(A1, 2)',
    );
    expect(message(SCHEDULE('1,200.001', 'monthly', '2025-04'))).toMatch(/amount 1200.001 has a fraction of a penny/);
    expect(ALLOCATE(100.01, [[1], [1]])).toEqual([[50.01], [50]]);
  });
});

describe('POOL.SCHEDULE and the clock', () => {
  it('needs the year start instead of taking the April before today', () => {
    expect(message(SCHEDULE(1200, 'monthly', null))).toBe(
      'POOL.SCHEDULE: year_start is blank: give the first month of the financial year, e.g. "2025-04" or a date',
    );
    expect(message(SCHEDULE(1200, null, 0))).toMatch(/year_start is blank/);
    expect((SCHEDULE(1200, null, 'Apr 2026') as unknown[][])[1]).toEqual(['2026-04', 100]);
  });
});

describe('POOL.RISKSHARE without a Pools range', () => {
  const c = [['Pool', 'Line', 'Partner', 'Gross', 'Spend'], ['MH', 'Beds', 'CC', 600, 700], ['MH', 'Beds', 'ICB', 400, 500]];
  const l = [['Pool', 'Line', 'Lead', 'Forecast'], ['MH', 'Beds', 'CC', 1200]];

  it('does not take a pool with Spend figures for pooled: it asks for its Pools row', () => {
    expect(message(RISKSHARE(c, l))).toBe(
      'POOL.RISKSHARE: contributions_range has Spend figures for MH (an aligned pool?): ' +
        "give the pool's row of Pools, with its header and Kind, as the last argument",
    );
    const pools = [['Pool', 'Kind', 'Method'], ['MH', 'aligned', 'proportional']];
    expect((RISKSHARE(c, l, null as never, null as never, pools) as unknown[][])[0][0]).toBe('Partner');
  });

  it('does not let caps send an excess to a host it would have to guess', () => {
    const c2 = [['Pool', 'Line', 'Partner', 'Gross', 'Income'], ['BCF', 'Care', 'CC', 600, null], ['BCF', 'Care', 'ICB', 400, null]];
    const l2 = [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]];
    const caps = [['Pool', 'Partner', 'Cap'], ['BCF', 'CC', 0], ['BCF', 'ICB', 0]];
    expect(message(RISKSHARE(c2, l2, caps))).toBe(
      'POOL.RISKSHARE: BCF: caps leave 100.00 that falls to the host: give the Pools range (with Host) as the last argument',
    );
    const pools = [['Pool', 'Host'], ['BCF', 'ICB']];
    expect((RISKSHARE(c2, l2, caps, null as never, pools) as unknown[][]).slice(1).map((r) => r[4])).toEqual([0, 100]);
  });
});


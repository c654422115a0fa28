/**
 * Slips a review found giving silently wrong figures (or hanging), each on the example workbook
 * with one change: the year end (`run`) now checks dated inputs as monitoring does; a percent is
 * not money; a bare year is not a date serial; "did you mean" has a bounded cost.
 */
import * as fs from 'fs';
import * as path from 'path';
import { run } from '../../src/engine';
import { monitor } from '../../src/engine/monitor';
import { isFailedPool, type RawRow, type RunResult, type WorkbookInput } from '../../src/engine/types';
import { trendSvg } from '../../src/cli/report';

type Tables = Record<string, RawRow[]>;
const example = (): WorkbookInput =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../examples/poolshare-example.json'), 'utf8'));
const TODAY = { today: new Date(Date.UTC(2026, 10, 26)) };
const pool = (r: RunResult, name: string) => r.pools.find((p) => p.pool === name)!;
const codes = (r: { warnings: Array<{ code: string; severity: string }> }) =>
  r.warnings.filter((w) => w.severity === 'error').map((w) => w.code);

describe('the year end checks dated inputs as monitoring does', () => {
  it('an unreadable saving Period is an error on its cell, not a second saving charged again', () => {
    const wb = example();
    const t = wb.tables as Tables;
    t.Savings[4] = { ...t.Savings[4], Period: '2025-13', Delivered: 0 };
    const r = run(wb, TODAY);
    expect(isFailedPool(pool(r, 'LD'))).toBe(true);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'INVALID_VALUE', table: 'Savings', row: 5,
      column: 'Period', pool: 'LD' }));
    expect(codes(monitor(wb, TODAY))).toContain('INVALID_VALUE');
  });

  it('a saving Period outside the year is PERIOD_OUTSIDE_YEAR at year end too', () => {
    const wb = example();
    (wb.tables as Tables).Savings[4].Period = '2026-11';
    const r = run(wb, TODAY);
    expect(isFailedPool(pool(r, 'LD'))).toBe(true);
    expect(codes(r)).toContain('PERIOD_OUTSIDE_YEAR');
  });

  it('a Forecasts row outside the year, or twice for a period, is an error, never the year-end outturn', () => {
    const outside = example();
    (outside.tables as Tables).Forecasts.push({ Pool: 'BCF', Line: 'Disabled facilities grants', Period: '2026-09',
      Forecast: 9999999 });
    const r = run(outside, TODAY);
    expect(isFailedPool(pool(r, 'BCF'))).toBe(true);
    expect(codes(r)).toContain('PERIOD_OUTSIDE_YEAR');
    const twice = example();
    const f = (twice.tables as Tables).Forecasts;
    const last = f.filter((x) => x.Pool === 'BCF' && x.Line === 'Disabled facilities grants').pop()!;
    f.push({ ...last, Forecast: 1 });
    expect(codes(run(twice, TODAY))).toContain('DUPLICATE_ROW');
  });

  it('an aligned Forecasts row for a partner with no contribution on the line is an error, not dropped', () => {
    const wb = example();
    const t = wb.tables as Tables;
    const mh = t.Contributions.find((c) => c.Pool === 'MH')!;
    t.Forecasts.push({ Pool: 'MH', Line: mh.Line, Partner: 'DC', Period: '2025-11', Spend: 500000 });
    const m = monitor(wb, TODAY);
    expect(m.warnings).toContainEqual(expect.objectContaining({ code: 'UNKNOWN_PARTNER', table: 'Forecasts',
      column: 'Partner', pool: 'MH' }));
    expect(m.pools.find((p) => p.pool === 'MH')).toEqual(expect.objectContaining({ errors: expect.any(Array) }));
  });
});

describe('readings at the cell', () => {
  it('a percent typed in an amount column is refused on its cell, not read as pounds', () => {
    const wb = example();
    (wb.tables as Tables).Contributions[0].Income = '5%';
    const r = run(wb, TODAY);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'INVALID_VALUE', table: 'Contributions',
      row: 1, column: 'Income' }));
    expect(isFailedPool(pool(r, String((wb.tables as Tables).Contributions[0].Pool)))).toBe(true);
  });

  it('a bare year typed as Year start is refused, never read as a date in 1905', () => {
    const wb = example();
    const s = (wb.tables as Tables).Settings.find((x) => String(x.Setting).toLowerCase() === 'year start')!;
    s.Value = 2025;
    const r = run(wb, TODAY);
    expect(r.warnings).toContainEqual(expect.objectContaining({ code: 'INVALID_VALUE', table: 'Settings' }));
    expect(r.year.start).not.toMatch(/^19/);
    expect(r.schedules.every((x) => x.due >= '2025-04')).toBe(true);
  });
});

describe('"did you mean" has a bounded cost', () => {
  it('1,200 misspelt partner codes against 1,200 partners: every row flagged, suggestions stop at the budget', () => {
    const code = (i: number) => `PARTNER-${String(i).padStart(5, '0')}`;
    const partners = Array.from({ length: 1200 }, (_, i) => ({ Partner: code(i) }));
    // Each a swap of two letters from a real code: a suggestion while the budget lasts.
    const rows = Array.from({ length: 1200 }, (_, i) => ({ Pool: 'P', Line: 'L', Partner: code(i).replace('NE', 'EN'),
      Gross: 1 }));
    const r = run({ tables: {
      Partners: partners, Pools: [{ Pool: 'P', Host: code(0) }], Lines: [{ Pool: 'P', Line: 'L', Forecast: 1 }],
      Contributions: rows,
    } }, TODAY);
    const unknown = r.warnings.filter((w) => w.code === 'UNKNOWN_PARTNER');
    expect(unknown).toHaveLength(1200);
    expect(unknown[0].message).toContain('Did you mean PARTNER-00000?');
    // 1,200 x 1,200 comparisons would be 1.44 million; the run stops suggesting at SUGGEST_COMPARISONS.
    expect(unknown[1199].message).not.toContain('Did you mean');
  });
});

describe('the committee pack', () => {
  it('keeps a $ in a pool name as text in the chart label', async () => {
    const svg = await trendSvg("ABI $' x", [{ period: '2025-05', variance: 1 }, { period: '2025-07', variance: 2 }], '£');
    expect(svg).toContain('aria-label="Variance by period, ABI $&#39; x"');
  });
});

/**
 * The pane's Monitoring view, without a browser: each pool at the period reported on, figures as
 * the engine gives them (grouped, true minus), movement "–" at the first period, a pool not run
 * said in words. (The view itself is drawn with the year-end view's table.)
 */
import { monitor } from '../../src/engine/monitor';
import { readWorkbook } from '../../src/workbook';
import { monitorRows } from '../../src/taskpane/monitoring';

type Grid = (string | number | null)[][];
const tables: Record<string, Grid> = {
  Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']],
  Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional'], ['LD', 'pooled', 'CC', 'proportional'],
    ['MH', 'pooled', 'NOBODY', 'proportional']],
  Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', null], ['LD', 'Care', 'CC', null], ['MH', 'Care', 'CC', null]],
  Contributions: [['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
    ['BCF', 'Care', 'CC', 600000, 0, 0, 600000], ['BCF', 'Care', 'ICB', 400000, 0, 0, 400000],
    ['LD', 'Care', 'CC', 300, 0, 0, 300], ['LD', 'Care', 'ICB', 700, 0, 0, 700],
    ['MH', 'Care', 'CC', 10, 0, 0, 10]],
  Forecasts: [['Pool', 'Line', 'Period', 'Forecast'], ['BCF', 'Care', '2025-05', 1001234.5], ['LD', 'Care', '2025-05', 900],
    ['BCF', 'Care', '2025-07', 998000]],
};
const read = (t: Record<string, Grid>) =>
  readWorkbook(Object.entries(t).map(([name, values]) => ({ name, values, top: 1, left: 1 }))).input;

describe('monitorRows', () => {
  it('gives each pool at the period reported on (hand-worked), and a pool not run in words', () => {
    const result = monitor(read(tables));
    const rows = monitorRows(result);
    expect(rows.slice(0, 2)).toEqual([
      // BCF: 998,000 against 1,000,000: −2,000, moved from +1,234.50 by −3,234.50.
      { pool: 'BCF', period: '2025-07', outturn: '998,000.00', variance: '\u22122,000.00', movement: '\u22123,234.50' },
      // LD: no new row at 2025-07: 900 carried, variance −100, no movement.
      { pool: 'LD', period: '2025-07', outturn: '900.00', variance: '\u2212100.00', movement: '0.00' },
    ]);
    expect(rows[2]).toMatchObject({ pool: 'MH', period: '', variance: expect.stringMatching(/^not run: \d+ errors?$/) });
  });

  it('shows "–" for the movement at the first period', () => {
    const [bcf] = monitorRows(monitor(read(tables), { period: '2025-05' }));
    expect(bcf).toEqual({ pool: 'BCF', period: '2025-05', outturn: '1,001,234.50', variance: '1,234.50', movement: '\u2013' });
  });
});

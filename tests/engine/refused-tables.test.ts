/**
 * A table the reader refused (AMBIGUOUS_TABLE: two differing copies; MERGED_HEADER: a column with
 * no header) stops every pool, even an optional table such as Payments: its rows could belong to
 * any pool, and running without them would settle balances on payments that were never read.
 * The reader's error is the one error for that cause (no follow-on MISSING_TABLE).
 */
import { run } from '../../src/engine';
import { monitor } from '../../src/engine/monitor';
import { readWorkbook } from '../../src/workbook/read';
import type { CellValue } from '../../src/engine/types';
import type { SheetData } from '../../src/workbook/types';

const TODAY = { today: new Date(Date.UTC(2025, 9, 1)) };

function sheets(payments2: CellValue[][] | null): SheetData[] {
  const out: SheetData[] = [
    { name: 'Partners', values: [['Partner', 'Name'], ['CC', 'County'], ['ICB', 'Board']] },
    { name: 'Pools', values: [['Pool', 'Host'], ['BCF', 'CC']] },
    { name: 'Lines', values: [['Pool', 'Line', 'Forecast'], ['BCF', 'Care', 1100]] },
    { name: 'Contributions', values: [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'Care', 'CC', 600],
      ['BCF', 'Care', 'ICB', 400]] },
    { name: 'Payments', values: [['Pool', 'Partner', 'Period', 'Amount'], ['BCF', 'ICB', '2025-04', 400]] },
  ];
  if (payments2) out.push({ name: 'Payments (2)', values: payments2 });
  return out;
}

describe('a table the reader refused', () => {
  it('runs when the copy is identical (a note only)', () => {
    const read = readWorkbook(sheets([['Pool', 'Partner', 'Period', 'Amount'], ['BCF', 'ICB', '2025-04', 400]]));
    const r = run(read.input, TODAY);
    expect(r.pools[0]).toEqual(expect.objectContaining({ pool: 'BCF', budget: '1000.00' }));
    expect(r.warnings.map((w) => w.code)).toContain('SOURCE_NOTE');
  });

  it('stops every pool when an optional table has two differing copies, with one error for the cause', () => {
    const read = readWorkbook(sheets([['Pool', 'Partner', 'Period', 'Amount'], ['BCF', 'ICB', '2025-04', 40]]));
    const r = run(read.input, TODAY);
    expect(r.pools).toHaveLength(1);
    expect(r.pools[0]).toEqual(expect.objectContaining({ pool: 'BCF', errors: [expect.objectContaining({
      code: 'AMBIGUOUS_TABLE' })] }));
    expect(r.positions.every((p) => p.position === '0.00')).toBe(true);
    expect(r.warnings.filter((w) => w.code === 'MISSING_TABLE')).toEqual([]);
    const m = monitor(read.input, TODAY);
    expect(m.pools[0]).toEqual(expect.objectContaining({ pool: 'BCF', errors: expect.any(Array) }));
  });

  it('gives no MISSING_TABLE after a required table refused for a merged header', () => {
    const s = sheets(null);
    s[3] = { ...s[3], values: [['Pool', 'Line', 'Partner', 'Gross', null], ['BCF', 'Care', 'CC', 600, 0]],
      merges: ['D1:E1'] };
    const r = run(readWorkbook(s).input, TODAY);
    const codes = r.warnings.filter((w) => w.severity === 'error').map((w) => w.code);
    expect(codes).toContain('MERGED_HEADER');
    expect(codes).not.toContain('MISSING_TABLE');
    expect(r.pools[0]).toEqual(expect.objectContaining({ pool: 'BCF', errors: expect.any(Array) }));
  });
});

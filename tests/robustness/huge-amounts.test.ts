/**
 * Found by the fuzz test (tests/fuzz): an amount beyond the engine's Decimal precision used to make
 * `run` throw. Amounts of 1e15 or more (past the 15 digits Excel keeps) are now reported on their
 * cell as INVALID_VALUE, and the pool gets no figures.
 */
import { run } from '../../src/engine';
import type { RawRow, Warning } from '../../src/engine/types';
import { buildOutputSheets } from '../../src/workbook/output';
import { checkInvariants } from './invariants';

function workbook(gross: number | string): Record<string, RawRow[]> {
  return {
    Partners: [{ Partner: 'CC' }, { Partner: 'ICB' }],
    Pools: [{ Pool: 'P1', Host: 'CC' }],
    Lines: [{ Pool: 'P1', Line: 'A', Forecast: 1100 }],
    Contributions: [
      { Pool: 'P1', Line: 'A', Partner: 'CC', Gross: gross },
      { Pool: 'P1', Line: 'A', Partner: 'ICB', Gross: 400 },
    ],
  };
}

describe('amounts beyond what Excel keeps', () => {
  test('999,999,999,999.99 is still an amount', () => {
    const r = run({ tables: workbook('999,999,999,999.99') });
    checkInvariants(r);
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  });
  test('9,999,999,999,999.99 is the largest amount: £10 trillion is refused on its cell (Excel cannot hold its pennies)', () => {
    const ok = run({ tables: workbook('9,999,999,999,999.99') });
    expect(ok.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    for (const gross of [1e13, '10,000,000,000,000', '(£10,000,000,000,000.00)']) {
      const r = run({ tables: workbook(gross) });
      const w = r.warnings.find((x) => x.code === 'INVALID_VALUE')!;
      expect(w).toMatchObject({ severity: 'error', table: 'Contributions', row: 1, column: 'Gross', pool: 'P1' });
      expect(w.message).toMatch(/£10 trillion or more, too large for Excel to hold to the penny/);
    }
  });
  test('"(-5)" is refused on its cell, with why', () => {
    const r = run({ tables: workbook('(-5)') });
    const w = r.warnings.find((x) => x.code === 'NOT_A_NUMBER')!;
    expect(w).toMatchObject({ severity: 'error', table: 'Contributions', row: 1, column: 'Gross' });
    expect(w.message).toContain('"(-5)" has both brackets and a minus sign');
  });
  test.each([1e15, 1e61, 1e300, Number.MAX_VALUE, '1e400'])('Gross %p is reported on its cell, not thrown', (gross) => {
    const r = run({ tables: workbook(gross) });
    checkInvariants(r);
    const w = r.warnings.find((x) => x.code === 'INVALID_VALUE')!;
    expect(w).toMatchObject({ severity: 'error', table: 'Contributions', row: 1, column: 'Gross', pool: 'P1' });
    expect(w.message).toMatch(/too large/);
    expect(r.pools[0]).toHaveProperty('errors');
  });
  test('a result of £10 trillion or more (a sum of accepted amounts) is written with a warning naming its cell', () => {
    const tables = workbook('6,000,000,000,000.01'); // two lines, each under the limit; the pool's total is not
    tables.Lines = [{ Pool: 'P1', Line: 'A', Forecast: '6,000,000,000,000.01' },
      { Pool: 'P1', Line: 'B', Forecast: '6,000,000,000,000.02' }];
    tables.Contributions[1] = { Pool: 'P1', Line: 'B', Partner: 'ICB', Gross: '6,000,000,000,000.02' };
    const r = run({ tables });
    expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
    const notes: Warning[] = [];
    const sheets = buildOutputSheets(r, notes);
    const big = notes.filter((w) => w.code === 'INVALID_VALUE');
    expect(big.length).toBeGreaterThan(0);
    for (const w of big) {
      expect(w.severity).toBe('warning');
      expect(w.message).toMatch(/^Results sheet [A-Za-z ]+, cell [A-Z]+\d+( \(and \d+ more cells?\))?: about £12,000,000,000,000, /);
      expect(w.message).toContain('the exact figure is in the JSON result');
      // The cell named holds the figure.
      const [, sheet, col, row] = /^Results sheet ([A-Za-z ]+), cell ([A-Z])(\d+)/.exec(w.message)!;
      const s = sheets.find((x) => x.name === sheet)!;
      const v = s.values[Number(row) - 1][col.charCodeAt(0) - 65];
      expect(Math.abs(v as number)).toBeGreaterThanOrEqual(1e13);
    }
    // The warnings sheet lists them too; a result under £10 trillion gives none.
    const warned = sheets.find((x) => x.name === 'Warnings')!.values.flat();
    expect(warned.some((v) => typeof v === 'string' && v.includes('£10 trillion or more, has more digits'))).toBe(true);
    const small: Warning[] = [];
    buildOutputSheets(run({ tables: workbook('4,000,000,000,000') }), small);
    expect(small).toEqual([]);
  });
});

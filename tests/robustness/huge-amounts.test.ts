/**
 * Found by the fuzz test (tests/fuzz): an amount beyond the engine's Decimal precision used to make
 * `run` throw. Amounts of 1e15 or more (past the 15 digits Excel keeps) are now reported on their
 * cell as INVALID_VALUE, and the pool gets no figures.
 */
import { run } from '../../src/engine';
import type { RawRow } from '../../src/engine/types';
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
});

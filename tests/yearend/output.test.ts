/** The results workbook's year-end parts: Paid/Outstanding on partner sheets, and the Statements sheet. */
import { buildOutputSheets } from '../../src/workbook/output';
import type { OutputSheet } from '../../src/workbook/types';
import { go, specExample, star } from './workbooks';

const cellsOf = (s: OutputSheet) => s.values;
const rowStarting = (s: OutputSheet, first: string) => cellsOf(s).filter((r) => r[0] === first);

describe('results workbook', () => {
  it('partner sheets show Paid and Outstanding; a refund row turns them with its amount', () => {
    // specExample([100]): ICB's June instalment 33.34, 33.32 paid, 0.02 outstanding (statements.test.ts).
    const icb = buildOutputSheets(go(specExample([100]))).find((s) => s.name === 'ICB')!;
    const header = cellsOf(icb).find((r) => r[0] === 'Pool' && r[3] === 'Due')!;
    expect(header.slice(0, 8)).toEqual(['Pool', 'From', 'To', 'Due', 'Kind', 'Amount', 'Paid', 'Outstanding']);
    const june = rowStarting(icb, 'BCF').filter((r) => r[4] === 'instalment')[2];
    expect(june.slice(5, 8)).toEqual([33.34, 33.32, 0.02]);
    // ICB paid 460 against final cost 440 and instalments 400: balancing 40 paid 60, outstanding −20.
    const over = buildOutputSheets(go(specExample([460]))).find((s) => s.name === 'ICB')!;
    expect(rowStarting(over, 'BCF').find((r) => r[4] === 'balancing')!.slice(5, 8)).toEqual([40, 60, -20]);
  });

  it('a refund from the host: paid and outstanding turned, so amount − paid = outstanding', () => {
    // Star: HA's net 100 with forecast at budget; make the pool underspend so HA's balancing is negative.
    const tables = { ...star, Lines: [{ Pool: 'BCF', Line: 'L', Lead: 'CC', Forecast: 900 }] };
    // Underspend 100 shared by net 4:3:2:1: HA −10, final cost 90; balancing −10 (a refund from CC).
    // HA paid 100: instalments 100 paid, balancing paid 0, outstanding −10: turned, CC owes HA 10.
    const ha = buildOutputSheets(go(tables)).find((s) => s.name === 'HA')!;
    const refund = rowStarting(ha, 'BCF').find((r) => r[4] === 'refund from host')!;
    expect(refund.slice(1, 3)).toEqual(['CC', 'HA']);
    expect(refund.slice(5, 8)).toEqual([10, 0, 10]);
  });

  it('a Statements sheet: the pairs, then a block per pair with a line to sign for each side', () => {
    const r = go({ ...specExample([100], [{ Setting: 'Statement threshold', Value: 1000 }]),
      Partners: [{ Partner: 'CC', Name: 'County Council' }, { Partner: 'ICB', Name: 'Integrated Care Board' }] });
    const sheets = buildOutputSheets(r);
    expect(sheets.map((s) => s.name)).toEqual(['Pool results', 'CC', 'ICB', 'Settlement', 'Statements', 'Warnings']);
    const st = sheets.find((s) => s.name === 'Statements')!;
    const text = cellsOf(st).map((row) => row.filter((c) => c !== null && c !== '').join(' | '));
    // March 2026 (the year end) as an Excel date: 46082.
    expect(text[0]).toBe('Agreement of balances as at the end of | 46082');
    expect(text).toContain('Partner | Counterparty | Balance | Who owes whom | Threshold');
    // 340 is below the threshold of 1,000: listed, not marked.
    expect(text).toContain('CC | ICB | -340 | ICB owes CC 340.00');
    expect(text).toContain('CC (County Council) and ICB (Integrated Care Board)');
    expect(text).toContain('BCF | -300 | -40 | -340');
    expect(text).toContain('Total | -340');
    expect(text).toContain('Agreed for CC (County Council) | Name: | Signature: | Date:');
    expect(text).toContain('Agreed for ICB (Integrated Care Board) | Name: | Signature: | Date:');
    const marked = buildOutputSheets(go(specExample([100]))).find((s) => s.name === 'Statements')!;
    expect(cellsOf(marked).some((row) => row[0] === 'CC and ICB (at or above the statement threshold)')).toBe(true);
  });
});

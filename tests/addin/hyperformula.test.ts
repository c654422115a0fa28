/**
 * The POOL functions as real formulas in HyperFormula, over ranges of a small workbook: the
 * arguments arrive from cells (blanks, text numbers, errors of other formulas), results spill.
 */
import { HyperFormula } from './hyperformula-pool';

function book() {
  const hf = HyperFormula.buildFromSheets(
    {
      Contributions: [
        ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant'],
        ['BCF', 'Care', 'CC', 700, 100, null],
        ['BCF', 'Care', 'ICB', '400', null, 0],
      ],
      Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]],
      Calc: [
        [1000, 600, 400, null, '=1/0'],
        ['=POOL.ALLOCATE(A1, B1:C1)'],
        ['=POOL.SHARES(B1:C1)'],
        ['=POOL.NET(Contributions!D2:D3, Contributions!E2:E3, Contributions!F2:F3)'],
        [],
        ['=POOL.RISKSHARE(Contributions!A1:F3, Lines!A1:D2)'],
        [], [], [],
        ['=POOL.ALLOCATE(A1, B1:E1)'],
        ['=SUM(POOL.ALLOCATE(100, {1,1,1}))'],
        ['=POOL.SCHEDULE(400, "quarterly", "2025-04")'],
        [], [], [], [], [], [], [], [], [], [], [], [],
        ['=POOL.VALIDATE(Lines!A1:D2)'],
      ],
    },
    { licenseKey: 'gpl-v3' },
  );
  const calc = hf.getSheetId('Calc')!;
  const at = (row: number, col: number) => hf.getCellValue({ sheet: calc, row, col });
  const block = (row: number, rows: number, cols: number) =>
    Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => at(row + r, c)));
  return { hf, at, block };
}

describe('POOL functions in HyperFormula', () => {
  it('spills the exact split, the shares and the nets from cell ranges', () => {
    const { block } = book();
    expect(block(1, 1, 2)).toEqual([[600, 400]]);
    expect(block(2, 1, 2)).toEqual([[0.6, 0.4]]);
    expect(block(3, 2, 1)).toEqual([[600], [400]]);
  });

  it('spills the risk-share table with its header from the spec tables', () => {
    const { block } = book();
    expect(block(5, 3, 6)).toEqual([
      ['Partner', 'Net', 'Share', 'Savings charge', 'Risk share', 'Final cost'],
      ['CC', 600, 0.6, 0, 60, 660],
      ['ICB', 400, 0.4, 0, 40, 440],
    ]);
  });

  it('spills a quarterly schedule', () => {
    const { block } = book();
    expect(block(11, 5, 2)).toEqual([['Due', 'Amount'], ['2025-04', 100], ['2025-07', 100], ['2025-10', 100], ['2026-01', 100]]);
  });

  it('returns #VALUE! with a message for an error among the weights, and feeds other formulas', () => {
    const { at } = book();
    const err = at(9, 0) as { value: string; message: string };
    expect(err.value).toBe('#VALUE!');
    expect(err.message).toMatch(/POOL.ALLOCATE: weights, row 1 column 4 is the error #DIV_BY_ZERO|#DIV\/0!/);
    expect(at(10, 0)).toBe(100);
    expect(at(24, 0)).toBe('OK');
  });

  it('recalculates when a referenced cell changes', () => {
    const { hf, block } = book();
    hf.setCellContents({ sheet: hf.getSheetId('Calc')!, row: 0, col: 2 }, [[600]]);
    expect(block(1, 1, 2)).toEqual([[500, 500]]);
  });
});

describe('POOL.RISKSHARE over cells in HyperFormula: a 0 is a value, an empty cell is blank', () => {
  it('gives a Cap of 0 no overspend and an empty Cap none, from the same sheet', () => {
    const hf = HyperFormula.buildFromSheets(
      {
        Contributions: [['Pool', 'Line', 'Partner', 'Gross'], ['BCF', 'Care', 'CC', 600], ['BCF', 'Care', 'ICB', 400]],
        Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care', 'CC', 1100]],
        Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
        RiskShare: [['Pool', 'Partner', 'Cap'], ['BCF', 'ICB', 0]],
        Calc: [['=POOL.RISKSHARE(Contributions!A1:D3, Lines!A1:D2, RiskShare!A1:C2, , Pools!A1:D2)']],
      },
      { licenseKey: 'gpl-v3' },
    );
    const calc = hf.getSheetId('Calc')!;
    const riskShares = () => [1, 2].map((row) => hf.getCellValue({ sheet: calc, row, col: 4 }));
    expect(riskShares()).toEqual([100, 0]);
    hf.setCellContents({ sheet: hf.getSheetId('RiskShare')!, row: 1, col: 2 }, [[null]]);
    expect(riskShares()).toEqual([60, 40]);
  });
});

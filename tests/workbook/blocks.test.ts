import { blockToTables, checkReportBlock, findReportBlocks, readWorkbook } from '../../src/workbook';
import type { CellValue, SheetData } from '../../src/workbook';

/** The note that report blocks supplied Contributions (tested in tests/realbook/findings.test.ts). */
const notBlockSource = (w: { code: string; table?: string }) => !(w.code === 'SOURCE_NOTE' && w.table === 'Contributions');


/** The spec's committee-report block, at A1 of a sheet called Report (figures tie). */
const SPEC_BLOCK: CellValue[][] = [
  ['Pool 1: Adults with care and support needs', 'County Council', 'NHS commissioner'],
  [null, "£'000", "£'000"],
  ['Contributions to pool:', null, null],
  ['Learning disabilities', 70000, 12000],
  ['Mental health', 9000, 45000],
  ['Gross contribution', 79000, 57000],
  ['Less service user income', -5000, 0],
  ['Net contribution', 74000, 57000],
];

const sheet = (values: CellValue[][], name = 'Report', top = 1, left = 1): SheetData => ({ name, values, top, left });

describe('findReportBlocks', () => {
  test('reads the spec block: units row, text row, lines, gross, deduction and net', () => {
    const [b, ...rest] = findReportBlocks(sheet(SPEC_BLOCK));
    expect(rest).toHaveLength(0);
    expect(b.pool).toBe('Adults with care and support needs');
    expect(b.partners.map((p) => p.name)).toEqual(['County Council', 'NHS commissioner']);
    expect(b.units).toEqual({ text: "£'000", cell: 'B2' });
    expect(b.lines.map((l) => l.label)).toEqual(['Learning disabilities', 'Mental health']);
    expect(b.gross.row).toBe(6);
    expect(b.deductions.map((d) => [d.label, d.kind])).toEqual([['Less service user income', 'income']]);
    expect(b.net.cells.map((c) => c.cell)).toEqual(['B8', 'C8']);
    expect(checkReportBlock(b)).toEqual([]);
  });

  test('a slip in one net figure gives exactly one NET_MISMATCH at that cell', () => {
    const values = SPEC_BLOCK.map((r) => [...r]);
    values[7][2] = 57500;
    const [b] = findReportBlocks(sheet(values));
    const w = checkReportBlock(b);
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ code: 'NET_MISMATCH', severity: 'error', sheet: 'Report', cell: 'C8', pool: 'Adults with care and support needs' });
    expect(w[0].message).toContain('57,500.00');
    expect(w[0].message).toContain('57,000.00');
    expect(w[0].message).toContain('difference 500.00');
  });

  test('lines that do not add to gross give TOTAL_MISMATCH at the gross cell, and no net cascade', () => {
    const values = SPEC_BLOCK.map((r) => [...r]);
    values[5][1] = 79600; // gross printed 79,600 but lines add to 79,000; net 74,000 = 79,600 - 5,000? no: 74,600
    values[7][1] = 74600;
    const [b] = findReportBlocks(sheet(values));
    const w = checkReportBlock(b);
    expect(w.map((x) => [x.code, x.cell])).toEqual([['TOTAL_MISMATCH', 'B6']]);
    expect(w[0].message).toMatch(/printed as 79,600\.00 but its lines add up to 79,000\.00: difference 600\.00/);
  });

  test('text numbers, bracketed and grant deductions, a Total column, offset on the sheet', () => {
    const values: CellValue[][] = [
      [null, null, null, null, null],
      [null, 'Pool: Better Care Fund', 'CC', 'ICB', 'Total'],
      [null, null, '£', '£', '£'],
      [null, 'Care homes', '1,000.50', '(200)', '800.50'],
      [null, 'Reablement', '-', '2,000', '2,000'],
      [null, 'Gross contributions', '1,000.50', '1,800', '2,800.50'],
      [null, 'Deductions:', null, null, null],
      [null, 'Less income from charges', '(100)', null, '(100)'],
      [null, 'Less Disabled Facilities Grant', '-50', '(300)', '(350)'],
      [null, 'Net contributions', '850.50', '1,500', '2,350.50'],
    ];
    const [b] = findReportBlocks(sheet(values, 'BCF', 3, 2));
    expect(b.titleCell).toBe('C4');
    expect(b.totalColumn?.cell).toBe('F4');
    expect(b.units?.text).toBe('£');
    expect(b.deductions.map((d) => d.kind)).toEqual(['income', 'grant']);
    expect(checkReportBlock(b)).toEqual([]);
    const t = blockToTables(b);
    expect(t.Pools[0].values).toEqual({ Pool: 'Better Care Fund' });
    expect(t.Contributions.map((r) => r.values)).toEqual([
      { Pool: 'Better Care Fund', Line: 'Care homes', Partner: 'CC', Gross: '1000.5', Income: '100', Grant: '50' },
      { Pool: 'Better Care Fund', Line: 'Reablement', Partner: 'CC', Gross: '0', Income: '0', Grant: '0' },
      // ICB has a negative line: its grant cannot be weighed, so it sits whole on its first line
      { Pool: 'Better Care Fund', Line: 'Care homes', Partner: 'ICB', Gross: '-200', Grant: '300' },
      { Pool: 'Better Care Fund', Line: 'Reablement', Partner: 'ICB', Gross: '2000', Grant: '0' },
    ]);
    expect(t.Contributions[0].cells.Gross).toEqual({ sheet: 'BCF', cell: 'D6' });
    expect(t.Contributions[0].cells.Income).toEqual({ sheet: 'BCF', cell: 'D10' });
  });

  test('two blocks on one sheet, a Total column slip, and a non-number', () => {
    const values: CellValue[][] = [
      ['Pool 1: Mental health', 'CC', 'ICB', 'Total'],
      ['Community', 100, 200, 300],
      ['Gross', 100, 200, 310],
      ['Net', 100, 200, 300],
      [],
      ['Pool 2: Learning disabilities', 'CC', 'ICB'],
      ['Supported living', 'n/a', 50],
      ['Day services', 10, 50],
      ['Gross contribution', 10, 100],
      ['Less grant funding', 0, -20],
      ['Net contribution', 10, 80],
    ];
    const blocks = findReportBlocks(sheet(values));
    expect(blocks.map((b) => b.pool)).toEqual(['Mental health', 'Learning disabilities']);
    expect(checkReportBlock(blocks[0]).map((w) => [w.code, w.cell])).toEqual([['TOTAL_MISMATCH', 'D3']]);
    expect(checkReportBlock(blocks[1]).map((w) => [w.code, w.cell])).toEqual([['NOT_A_NUMBER', 'B7']]);
    const grants = blockToTables(blocks[1]).Contributions.filter((r) => r.values.Partner === 'ICB').map((r) => r.values.Grant);
    expect(grants).toEqual(['10', '10']);
  });

  test('two blocks side by side, each checked on its own columns', () => {
    const values: CellValue[][] = [
      ['Pool A', 'CC', 'ICB', null, 'Pool B', 'CC', 'DC'],
      ['Line 1', 10, 20, null, 'Line 9', 5, 6],
      ['Gross', 10, 20, null, 'Gross', 5, 7],
      ['Net', 10, 20, null, 'Net', 5, 6],
    ];
    const blocks = findReportBlocks(sheet(values));
    expect(blocks.map((b) => [b.pool, b.partners.map((p) => p.name)])).toEqual([['Pool A', ['CC', 'ICB']], ['Pool B', ['CC', 'DC']]]);
    expect(checkReportBlock(blocks[0])).toEqual([]);
    expect(checkReportBlock(blocks[1]).map((w) => [w.code, w.cell])).toEqual([['TOTAL_MISMATCH', 'G3'], ['NET_MISMATCH', 'G4']]);
  });

  test('an ordinary table is not a block', () => {
    const values: CellValue[][] = [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated care board']];
    expect(findReportBlocks(sheet(values))).toEqual([]);
  });
});

describe('readWorkbook', () => {
  test('tables from sheets locate every row to its sheet row; blocks supply Contributions', () => {
    const sheets: SheetData[] = [
      { name: 'Partners', values: [['Partner', 'Name'], ['CC', 'County Council'], [null, null], ['ICB', 'NHS commissioner']] },
      sheet(SPEC_BLOCK),
    ];
    const read = readWorkbook(sheets);
    expect(read.warnings.filter(notBlockSource)).toEqual([]);
    expect(read.input.tables.Partners).toHaveLength(3);
    expect(read.input.locate?.('Partners', 3, 'name')).toEqual({ sheet: 'Partners', cell: 'B4' });
    const contributions = read.input.tables.Contributions;
    expect(contributions.map((r) => [r.Line, r.Partner, r.Gross, r.Income])).toEqual([
      // 5,000 over 70,000:9,000 is 4,430.379.. and 569.620..: the penny goes to the larger remainder
      ['Learning disabilities', 'CC', '70000', '4430.38'],
      ['Mental health', 'CC', '9000', '569.62'],
      ['Learning disabilities', 'ICB', '12000', '0'],
      ['Mental health', 'ICB', '45000', '0'],
    ]);
    expect(read.input.locate?.('Contributions', 4, 'Gross')).toEqual({ sheet: 'Report', cell: 'C5' });
    expect(read.input.tables.Settings).toEqual([{ Setting: 'Units', Value: "£'000" }]);
  });

  test('Excel tables by name come first', () => {
    const sheets: SheetData[] = [{ name: 'Sheet1', values: [] }];
    const read = readWorkbook(sheets, [{ name: 'Pools', sheet: 'Sheet1', top: 5, left: 3, values: [['Pool', 'Host'], ['BCF', 'CC']] }]);
    expect(read.input.tables.Pools).toEqual([{ Pool: 'BCF', Host: 'CC' }]);
    expect(read.input.locate?.('Pools', 1, 'Host')).toEqual({ sheet: 'Sheet1', cell: 'D6' });
  });
});

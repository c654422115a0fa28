/** An Excel table's totals row is not data (found in review: it was read as a row of pool "Total"). */
import ExcelJS from 'exceljs';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readXlsx } from '../../src/cli/xlsx';
import { run } from '../../src/engine';

function table(wb: ExcelJS.Workbook, name: string, header: string[], rows: (string | number)[][], totals = false) {
  const ws = wb.addWorksheet(name);
  ws.addTable({
    name, ref: 'A1', headerRow: true, totalsRow: totals,
    // The totals row says "Total" under the first column (a SUBTOTAL written here would have no saved result).
    columns: header.map((h, i) => (totals && i === 0 ? { name: h, totalsRowLabel: 'Total' } : { name: h })),
    rows,
  });
}

it('leaves out an Excel table\'s totals row, and still reads the rows typed in the table', async () => {
  const wb = new ExcelJS.Workbook();
  table(wb, 'Partners', ['Partner'], [['CC'], ['ICB']]);
  table(wb, 'Pools', ['Pool', 'Host'], [['BCF', 'CC']]);
  table(wb, 'Lines', ['Pool', 'Line', 'Forecast'], [['BCF', 'L', 1100]], true);
  table(wb, 'Contributions', ['Pool', 'Line', 'Partner', 'Gross'], [['BCF', 'L', 'CC', 600], ['BCF', 'L', 'ICB', 400]], true);
  table(wb, 'Settings', ['Setting', 'Value'], [['Year start', '2025-04']]);
  const file = join(mkdtempSync(join(tmpdir(), 'poolshare-totals-')), 'book.xlsx');
  await wb.xlsx.writeFile(file);
  const read = await readXlsx(file);
  expect(read.input.tables.Contributions).toHaveLength(2);
  const r = run(read.input);
  expect(r.warnings.filter((w) => w.severity === 'error')).toEqual([]);
  expect(r.pools[0]).toMatchObject({ pool: 'BCF', budget: '1000.00', outturn: '1100.00' });
});

it('a formula with no saved result stops its pool (found in review: it ran with the cell as 0)', async () => {
  const wb = new ExcelJS.Workbook();
  table(wb, 'Partners', ['Partner'], [['CC'], ['ICB']]);
  table(wb, 'Pools', ['Pool', 'Host'], [['BCF', 'CC'], ['LD', 'CC']]);
  table(wb, 'Lines', ['Pool', 'Line', 'Forecast'], [['BCF', 'L', 1100], ['LD', 'L', 100]]);
  table(wb, 'Contributions', ['Pool', 'Line', 'Partner', 'Gross', 'Income'], [['BCF', 'L', 'CC', 600, 0], ['BCF', 'L', 'ICB', 400, 0], ['LD', 'L', 'CC', 100, 0]]);
  wb.getWorksheet('Contributions')!.getCell('E3').value = { formula: '10*5' } as ExcelJS.CellFormulaValue;
  const file = join(mkdtempSync(join(tmpdir(), 'poolshare-unsaved-')), 'book.xlsx');
  await wb.xlsx.writeFile(file);
  const r = run((await readXlsx(file)).input);
  const w = r.warnings.find((x) => x.code === 'INVALID_VALUE')!;
  expect(w).toMatchObject({ severity: 'error', sheet: 'Contributions', cell: 'E3', pool: 'BCF', table: 'Contributions', row: 2, column: 'Income' });
  expect(r.pools.find((p) => p.pool === 'BCF')).toHaveProperty('errors');
  expect(r.pools.find((p) => p.pool === 'LD')).toHaveProperty('budget', '100.00');
});

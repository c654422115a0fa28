/**
 * The reference writer for tests only: the command line's results writer as it was before the
 * streaming one (src/cli/xlsx/write.ts), on exceljs's whole-workbook model. tests/robustness/
 * writers.test.ts writes the same sheets with both and compares what exceljs reads back.
 */
import ExcelJS from 'exceljs';
import { a1, parseA1 } from '../../src/workbook';
import type { OutputSheet } from '../../src/workbook';

type Styles = (numFmt: string) => Partial<ExcelJS.Style>;

function putRow(sheet: OutputSheet, r: number, cell: (c: number) => ExcelJS.Cell, styles: Styles): void {
  const row = sheet.values[r];
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    const blank = v === null || v === undefined || v === '';
    const f = sheet.numberFormats[r][c];
    if (blank && !f) continue;
    const x = cell(c + 1);
    if (!blank) x.value = v;
    if (f) x.style = styles(f);
  }
}

function putSheet(wb: ExcelJS.Workbook, sheet: OutputSheet, styles: Styles): void {
  const ws = wb.addWorksheet(sheet.name, { views: sheet.freezeRows ? [{ state: 'frozen', ySplit: sheet.freezeRows }] : [] });
  for (const t of sheet.tables) {
    const [from, to] = t.range.split(':').map(parseA1);
    const header = sheet.values[from.row - 1].slice(from.col - 1, to.col);
    ws.addTable({
      name: t.name,
      ref: a1(from.row, from.col),
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: header.map((h) => ({ name: String(h), filterButton: true })),
      rows: sheet.values.slice(from.row, to.row).map((r) => r.slice(from.col - 1, to.col)),
    });
  }
  for (let r = 0; r < sheet.values.length; r++) putRow(sheet, r, (c) => ws.getCell(r + 1, c), styles);
  sheet.columnWidths?.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
}

/** Writes the sheets as exceljs's in-memory writer did. */
export async function writeWithExceljs(file: string, sheets: OutputSheet[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Poolshare';
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styles = (numFmt: string) => shared.get(numFmt) ?? shared.set(numFmt, { numFmt }).get(numFmt)!;
  for (const sheet of sheets) putSheet(wb, sheet, styles);
  await wb.xlsx.writeFile(file);
}

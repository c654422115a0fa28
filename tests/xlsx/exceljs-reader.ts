/**
 * The reference reader for tests only: the command line's .xlsx reader as it was before the
 * streaming one (src/cli/xlsx-read.ts), on exceljs's whole-workbook model, with no limits checked.
 * tests/xlsx/reader.test.ts reads every fixture with both and compares what readWorkbook gets.
 */
import ExcelJS from 'exceljs';
import { checkedXlsx } from './exceljs-zip';
import type { Warning } from '../../src/engine/types';
import { a1, indexes, parseA1 } from '../../src/workbook';
import type { CellValue, ListObjectData, SheetData } from '../../src/workbook';
import { LIMITS } from '../../src/cli/xlsx-zip';

/** One cell as the workbook layer wants it, or a note that a formula has no saved result. */
/**
 * Text as the user typed it: Excel stores a character XML cannot hold as `_xHHHH_` (ECMA-376
 * ST_Xstring: a carriage return pasted into a cell is `_x000D_`; `_x005F_` escapes an underscore).
 */
export function unescapeXstring(s: string): string {
  if (!s.includes('_x')) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function plain(v: ExcelJS.CellValue): CellValue | { unsaved: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return unescapeXstring(v);
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('error' in v) return String(v.error);
    if ('richText' in v) return unescapeXstring(v.richText.map((r) => r.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) {
      const f = v as { formula?: string; sharedFormula?: string; result?: ExcelJS.CellValue };
      if (f.result === undefined) return { unsaved: f.formula ?? f.sharedFormula ?? '' };
      const r = plain(f.result as ExcelJS.CellValue);
      return typeof r === 'object' && r !== null ? null : r;
    }
    if ('text' in v) return plain((v as { text: ExcelJS.CellValue }).text);
  }
  return String(v);
}

/** exceljs keeps a sheet's rows and a row's cells in sparse arrays (by 0-based index). */
interface Sparse {
  _rows?: Array<(ExcelJS.Row & { _cells?: ExcelJS.Cell[] }) | undefined>;
  _merges?: Record<string, { range: string }>;
}

/**
 * Visits the sheet's cells that exist, row by row (1-based numbers), letting each row of exceljs's
 * model go once visited, so a large sheet is not held twice.
 */
function eachCell(ws: ExcelJS.Worksheet, visit: (r: number, c: number, cell: ExcelJS.Cell) => void): void {
  const rows = (ws as unknown as Sparse)._rows;
  if (!Array.isArray(rows)) {
    // Not the exceljs this was written for: its public (padded) walk.
    ws.eachRow((row, r) => row.eachCell((cell, c) => visit(r, c, cell)));
    return;
  }
  for (const i of indexes(rows)) {
    const cells = rows[i]?._cells ?? [];
    for (const j of indexes(cells)) visit(i + 1, j + 1, cells[j]);
    rows[i] = undefined;
  }
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Past a limit: one plain line. */
function limit(file: string, where: string, what: string): never {
  throw new Error(`${file}: ${where} ${what}; the reader stops there.`);
}

/** A sheet's values from A1 (array indexes are sheet rows and columns less one), sparse. */
function sheetValues(file: string, ws: ExcelJS.Worksheet, warnings: Warning[]): CellValue[][] {
  const values: CellValue[][] = [];
  const rows = (ws as unknown as Sparse)._rows;
  // exceljs's rows array is as long as the sheet's last row: past Excel's, nothing is read.
  const last = Array.isArray(rows) ? rows.length : ws.rowCount;
  if (last > LIMITS.rows) {
    limit(file, `sheet ${ws.name} has a cell at row ${count(last)},`, `past Excel's last row (${count(LIMITS.rows)})`);
  }
  eachCell(ws, (r, c, cell) => {
    // A merged range's value sits in its first cell only, as Excel (and Office.js) give it.
    const v = cell.type === ExcelJS.ValueType.Merge ? null : plain(cell.value);
    if (v !== null && typeof v === 'object') {
      const at = a1(r, c);
      warnings.push({
        code: 'INVALID_VALUE', severity: 'error', sheet: ws.name, cell: at,
        message: `${ws.name}!${at}: the formula =${v.unsaved} has no saved result; open the workbook in Excel and `
          + 'save it, then run again.',
      });
      return;
    }
    if (typeof v === 'string' && v.length > LIMITS.cellText) {
      const where = `${ws.name}!${a1(r, c)} holds ${count(v.length)} characters,`;
      limit(file, where, `more than a cell can hold (${count(LIMITS.cellText)})`);
    }
    if (v !== null) (values[r - 1] ??= [])[c - 1] = v;
  });
  return values;
}

/** The sheet's Excel tables, each extended over rows typed directly beneath it (Excel grows a
 * table as you type under it; files saved by other tools may not have). Only rows that exist are visited. */
function listObjects(ws: ExcelJS.Worksheet, values: CellValue[][]): ListObjectData[] {
  const out: ListObjectData[] = [];
  type Table = { table: { name: string; tableRef?: string; ref?: string; totalsRow?: boolean } };
  for (const t of ws.getTables() as unknown as Table[]) {
    const ref = t.table.tableRef ?? t.table.ref;
    if (!ref) continue;
    const [from, to = from] = ref.split(':');
    const tl = parseA1(from);
    const br = parseA1(to);
    const width = Math.min(br.col, LIMITS.columns) - tl.col + 1;
    const slice = (row: CellValue[] | undefined) =>
      Array.from({ length: width }, (_, i) => row?.[tl.col - 1 + i] ?? null);
    const filled = (r: number) => slice(values[r - 1]).some((v) => v !== null && v !== undefined && v !== '');
    const rows = indexes(values).map((i) => i + 1).filter((r) => r >= tl.row);
    // A totals row is not data: the table's data ends above it (and nothing is typed beneath it).
    let bottom = t.table.totalsRow ? br.row - 1 : br.row;
    if (!t.table.totalsRow) for (const r of rows) if (r === bottom + 1 && filled(r)) bottom = r;
    // The table's rows up to its last filled one (a range declared down to row 1,048,576 costs what it holds).
    const last = rows.filter((r) => r <= bottom && filled(r)).pop() ?? tl.row;
    out.push({
      name: t.table.name,
      sheet: ws.name,
      top: tl.row,
      left: tl.col,
      values: Array.from({ length: last - tl.row + 1 }, (_, i) => slice(values[tl.row - 1 + i])),
    });
  }
  return out;
}

/** The areas merged on a sheet, as A1 ranges. */
function merges(ws: ExcelJS.Worksheet): string[] {
  const all = Object.values((ws as unknown as Sparse)._merges ?? {});
  return all.map((m) => m.range).filter((r) => typeof r === 'string');
}

/** What exceljs's own failure means, as one line (never its internal message). */
function loadError(file: string, e: unknown): Error {
  const message = e instanceof Error ? e.message : String(e);
  if (/out of bounds.*column|invalid column letter/i.test(message)) {
    return new Error(`${file}: a sheet has a cell past Excel's last column XFD (${count(LIMITS.columns)}); `
      + 'the reader stops there.');
  }
  if (/richText/.test(message)) {
    return new Error(`${file} is damaged: a cell refers to a shared string that is not in the workbook `
      + '(a bad shared-string index); open it in Excel and save it again.');
  }
  return new Error(`${file} could not be read as an .xlsx workbook: a part of it is damaged or not as Excel `
    + 'writes it; open it in Excel and save it again.');
}

/** An .xlsx file's sheets (sparse, with visibility and merges), Excel tables and cell warnings, for readWorkbook. */
export async function xlsxSheets(file: string):
  Promise<{ sheets: SheetData[]; tables: ListObjectData[]; warnings: Warning[] }> {
  const buffer = await checkedXlsx(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    throw loadError(file, e);
  }
  const warnings: Warning[] = [];
  const sheets: SheetData[] = [];
  const tables: ListObjectData[] = [];
  wb.eachSheet((ws) => {
    const values = sheetValues(file, ws, warnings);
    const state = ws.state === 'hidden' || ws.state === 'veryHidden' ? ws.state : 'visible';
    sheets.push({ name: ws.name, values, top: 1, left: 1, visibility: state, merges: merges(ws) });
    tables.push(...listObjects(ws, values));
  });
  return { sheets, tables, warnings };
}

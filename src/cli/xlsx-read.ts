/**
 * .xlsx in for the command line (Node only: exceljs lives in src/cli/, never in src/workbook/,
 * which the add-in bundles). readXlsx: every sheet's values (formulas as their saved result, dates
 * as YYYY-MM-DD, rich text as plain text, errors as "#REF!"-style text) and Excel tables, through
 * readWorkbook.
 */
import { promises as fs } from 'fs';
import ExcelJS from 'exceljs';
import type { Warning } from '../engine/types';
import { a1, parseA1, readWorkbook } from '../workbook';
import type { CellValue, ListObjectData, SheetData, WorkbookRead } from '../workbook';
import { noteInput } from './files';

/** One cell as the workbook layer wants it, or a note that a formula has no saved result. */
function plain(v: ExcelJS.CellValue): CellValue | { unsaved: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('error' in v) return String(v.error);
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
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

/** A sheet's values from A1 (so array indexes are sheet rows and columns less one). */
function sheetValues(ws: ExcelJS.Worksheet, warnings: Warning[]): CellValue[][] {
  const values: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: CellValue[] = [];
    const src = row.values as ExcelJS.CellValue[];
    for (let c = 1; c < src.length; c++) {
      // A merged range's value sits in its first cell only, as Excel (and Office.js) give it.
      const v = src[c] !== undefined && row.getCell(c).type === ExcelJS.ValueType.Merge ? null : plain(src[c]);
      if (v !== null && typeof v === 'object') {
        const cell = a1(r, c);
        warnings.push({
          code: 'INVALID_VALUE', severity: 'error', sheet: ws.name, cell,
          message: `${ws.name}!${cell}: the formula =${v.unsaved} has no saved result; open the workbook in Excel and save it, then run again.`,
        });
        out[c - 1] = null;
      } else out[c - 1] = v;
    }
    values[r - 1] = out;
  });
  for (let i = 0; i < values.length; i++) values[i] ??= [];
  return values;
}

/** The sheet's Excel tables, each extended over rows typed directly beneath it (Excel grows a
 * table as you type under it; files saved by other tools may not have). */
function listObjects(ws: ExcelJS.Worksheet, values: CellValue[][]): ListObjectData[] {
  const out: ListObjectData[] = [];
  for (const t of ws.getTables() as unknown as Array<{ table: { name: string; tableRef?: string; ref?: string; totalsRow?: boolean } }>) {
    const ref = t.table.tableRef ?? t.table.ref;
    if (!ref) continue;
    const [from, to = from] = ref.split(':');
    const tl = parseA1(from);
    const br = parseA1(to);
    const filled = (r: number) => (values[r - 1] ?? []).slice(tl.col - 1, br.col).some((v) => v !== null && v !== undefined && v !== '');
    // A totals row is not data: the table's data ends above it (and nothing is typed beneath it).
    let bottom = t.table.totalsRow ? br.row - 1 : br.row;
    if (!t.table.totalsRow) while (filled(bottom + 1)) bottom++;
    out.push({
      name: t.table.name,
      sheet: ws.name,
      top: tl.row,
      left: tl.col,
      values: values.slice(tl.row - 1, bottom).map((row) => Array.from({ length: br.col - tl.col + 1 }, (_, i) => row?.[tl.col - 1 + i] ?? null)),
    });
  }
  return out;
}

/** Reads an .xlsx workbook: its tables (Excel tables or sheets named like them) and report blocks. */
export async function readXlsx(file: string): Promise<WorkbookRead> {
  await noteInput(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((await fs.readFile(file)) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code ? (e as Error).message : `not a readable .xlsx workbook (${(e as Error).message.split('\n')[0]})`;
    throw new Error(`cannot read ${file}: ${why}`);
  }
  const warnings: Warning[] = [];
  const sheets: SheetData[] = [];
  const tables: ListObjectData[] = [];
  wb.eachSheet((ws) => {
    const values = sheetValues(ws, warnings);
    sheets.push({ name: ws.name, values, top: 1, left: 1 });
    tables.push(...listObjects(ws, values));
  });
  const read = readWorkbook(sheets, tables);
  const all = [...warnings, ...read.warnings];
  return { input: { ...read.input, warnings: all }, warnings: all };
}

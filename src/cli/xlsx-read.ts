/**
 * .xlsx in for the command line (Node only: never in src/workbook/, which the add-in bundles).
 * readXlsx streams the workbook: the zip is checked from its central directory before anything is
 * inflated (xlsx-zip.ts), then each part is inflated as a stream and parsed with saxes
 * (src/cli/xlsx/): the workbook's sheets in tab order with their visibility, the shared strings,
 * which cell styles show dates, then each sheet's cells that exist (formulas as their saved result,
 * dates as YYYY-MM-DD, rich text as plain text, errors as "#REF!"-style text), its merged areas and
 * its Excel tables, all going through readWorkbook. Nothing whole-workbook is built: rows and cells
 * are sparse (a cell at row 1,048,576 or in column XFD costs one cell), a table or merge covering
 * the whole sheet costs what its filled cells cost, and every limit is counted as the XML is read.
 */
import type { Warning } from '../engine/types';
import { readWorkbook } from '../workbook';
import type { CellValue, ListObjectData, SheetData, WorkbookRead } from '../workbook';
import { noteInput } from './files';
import { dateStyles, relationships, sharedStrings, workbook } from './xlsx/parts';
import { readSheet, type BookContext } from './xlsx/sheet';
import { listObjects, rowNumbers, tableDefs } from './xlsx/tables';
import { LIMITS, openXlsx } from './xlsx-zip';

export { unescapeXstring } from './xlsx/parts';

/** A merged range's value sits in its first cell only, as Excel (and Office.js) give it. */
function clearMerged(values: CellValue[][], merges: string[]): void {
  for (const m of merges) {
    const [from, to] = m.split(':');
    const at = (ref: string) => {
      const k = /^([A-Z]+)(\d+)$/.exec(ref)!;
      let col = 0;
      for (const ch of k[1]) col = col * 26 + ch.charCodeAt(0) - 64;
      return [Number(k[2]), col];
    };
    const [top, left] = at(from);
    const [bottom, right] = at(to);
    // The covered cells are counted as the merges are read (LIMITS.mergedCells): this is bounded.
    for (let r = top; r <= bottom; r++) {
      const row = values[r - 1];
      if (!row) continue;
      for (let c = left; c <= right; c++) if (!(r === top && c === left) && row[c - 1] !== undefined) delete row[c - 1];
    }
  }
}

/** An .xlsx file's sheets (sparse, with visibility and merges), Excel tables and cell warnings, for readWorkbook. */
export async function xlsxSheets(file: string):
  Promise<{ sheets: SheetData[]; tables: ListObjectData[]; warnings: Warning[] }> {
  const pkg = await openXlsx(file);
  try {
    const { sheets: entries, date1904 } = await workbook(pkg);
    const rels = [...(await relationships(pkg, 'xl/workbook.xml')).values()];
    // The shared strings and styles where the workbook's relationships put them, else where Excel does.
    const strings = await sharedStrings(pkg, rels.find((r) => r.type === 'sharedStrings')?.target
      ?? 'xl/sharedStrings.xml');
    const styles = rels.find((r) => r.type === 'styles')?.target ?? 'xl/styles.xml';
    const ctx: BookContext = { pkg, strings, dates: await dateStyles(pkg, styles), date1904, warnings: [], cells: 0,
      texts: new Map() };
    const sheets: SheetData[] = [];
    const tables: ListObjectData[] = [];
    const seen = { tables: 0 };
    for (const entry of entries) {
      const read = await readSheet(ctx, entry.name, entry.part);
      clearMerged(read.values, read.merges);
      sheets.push({ name: entry.name, values: read.values, top: 1, left: 1, visibility: entry.visibility,
        merges: read.merges });
      const defs = await tableDefs(pkg, entry.part, read.tableParts, seen);
      if (defs.length > 0) tables.push(...listObjects(entry.name, defs, read.values, rowNumbers(read.values)));
    }
    return { sheets, tables, warnings: ctx.warnings };
  } finally {
    pkg.close();
  }
}

/** Reads an .xlsx workbook: its tables (Excel tables or sheets named like them) and report blocks. */
export async function readXlsx(file: string): Promise<WorkbookRead> {
  await noteInput(file);
  const { sheets, tables, warnings } = await xlsxSheets(file);
  const read = readWorkbook(sheets, tables);
  const all = [...warnings, ...read.warnings];
  return { input: { ...read.input, warnings: all }, warnings: all };
}

export { LIMITS };

/**
 * .xlsx out for the command line (Node only).
 * - writeResultsXlsx: buildOutputSheets' sheets as Excel tables, formats, frozen header, widths.
 * - writeTemplateXlsx: every input table of the spec, with validation lists and instructions.
 * - writeTablesXlsx: an input workbook holding given tables (examples, tests).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { RawRow, RunResult } from '../engine/types';
import { TABLES, TABLE_NAMES } from '../engine/tables';
import { a1, buildOutputSheets, parseA1, TEXT_FORMAT } from '../workbook';
import type { OutputSheet, SheetData } from '../workbook';
import { isInput } from './files';

/** Refuses to replace an existing file unless forced. */
async function checkTarget(file: string, force?: boolean): Promise<void> {
  if (force) return;
  try {
    await fs.access(file);
  } catch {
    return;
  }
  throw new Error(`${file} already exists; not overwritten (add --force to replace it)`);
}

/** Writes the workbook to a temporary file beside the target, then moves it into place. */
async function save(wb: ExcelJS.Workbook, file: string, force?: boolean): Promise<void> {
  await checkTarget(file, force);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    await wb.xlsx.writeFile(tmp);
    if (force) await fs.rename(tmp, file);
    else await fs.link(tmp, file); // fails if the file appeared meanwhile: never clobbers
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') await checkTarget(file, false);
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/**
 * Puts one OutputSheet on a worksheet: values, Excel tables, formats, freeze, widths. Cells of one
 * format share one style object (read-only), which exceljs registers once instead of per cell.
 */
function putSheet(wb: ExcelJS.Workbook, sheet: OutputSheet, styles: (numFmt: string) => Partial<ExcelJS.Style>): void {
  const ws = wb.addWorksheet(sheet.name, sheet.freezeRows ? { views: [{ state: 'frozen', ySplit: sheet.freezeRows }] } : {});
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
  sheet.values.forEach((row, r) => {
    row.forEach((v, c) => {
      const blank = v === null || v === undefined || v === '';
      const f = sheet.numberFormats[r][c];
      if (blank && !f) return; // no cell for padding
      const cell = ws.getCell(r + 1, c + 1);
      if (!blank) cell.value = v; // strings stay strings: never formulas
      if (f) cell.style = styles(f);
    });
  });
  sheet.columnWidths?.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
}

/**
 * Writes the results workbook (Pools, one sheet per partner, Settlement, Warnings). Refuses an
 * existing file without `force`, and a workbook read by readXlsx even with it.
 */
export async function writeResultsXlsx(file: string, result: RunResult, opts: { force?: boolean }): Promise<void> {
  await writeSheetsXlsx(file, buildOutputSheets(result), opts);
}

/** Writes output sheets (e.g. Monitoring and Warnings) as a results workbook, with the same guards. */
export async function writeSheetsXlsx(file: string, sheets: OutputSheet[], opts: { force?: boolean }): Promise<void> {
  if (await isInput(file)) throw new Error(`${file} is the input workbook; write the results to another file`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Poolshare';
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styles = (numFmt: string) => shared.get(numFmt) ?? shared.set(numFmt, { numFmt }).get(numFmt)!;
  for (const sheet of sheets) putSheet(wb, sheet, styles);
  await save(wb, file, opts.force);
}

/** Validation lists of the template's choice columns (spec, "Input tables" and Settings). */
const CHOICES: Record<string, string[]> = {
  Kind: ['pooled', 'aligned'],
  Method: ['proportional', 'fixed', 'lead', 'banded'],
  Underspend: ['share', 'return', 'reserve'],
  Basis: ['net', 'gross'],
  'Band method': ['proportional', 'fixed'],
  Agreed: ['yes', 'no'],
  Setting: ['Units', 'Year start', 'Frequency', 'Netting', 'Materiality'],
};
/** Rows below the header that carry the validation lists. */
const VALIDATED_ROWS = 5000;

const INSTRUCTIONS = [
  'Poolshare input workbook',
  '',
  'Fill in one Excel table per sheet; each row of a table is one row of the spec (../shared/spec/workbook.md).',
  'Partners, Pools, Lines and Contributions are required; RiskShare, Savings, Payments and Settings are optional.',
  'Type under a table and Excel grows it. Columns may be in any order; extra columns are ignored; blank rows are skipped.',
  'Partners: one row per partner, a short code (Partner) and a Name; this order is the partner order everywhere.',
  'Pools: Kind pooled (a Host holds the fund) or aligned; Method proportional, fixed, lead or banded; Reserve amount;',
  '  Underspend share, return or reserve; Basis net or gross.',
  'Lines: each pool line with its Lead partner and its Forecast net outturn.',
  'Contributions: Gross, Income and Grant per pool, line and partner; Net if you want it checked; Spend for aligned pools.',
  'RiskShare: Percent for fixed shares, Cap on a partner\'s overspend share, From/To and Band method for bands.',
  'Savings: Planned and Delivered savings; Agreed yes or no.  Payments: what non-host partners have paid the host.',
  "Settings: Units (£ or £'000), Year start (YYYY-MM, default the April before today), Frequency, Netting, Materiality (%).",
  'Amounts may be typed as 1,234.50, £1,234 or (1,234) for a negative. A blank optional amount is 0.',
  'Committee-report blocks (pool, then partner columns; lines; Gross ...; deductions; Net ...) on other sheets are found',
  '  and checked too; with no Contributions table they supply its rows.',
  'Run: poolshare run THIS.xlsx --out results.xlsx',
];

/** Range-wide data validation: in exceljs 4 but missing from its type declarations. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, rule: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
}

/** Default rows of the template's Settings table. */
const SETTINGS: RawRow[] = [
  { Setting: 'Units', Value: '£' },
  { Setting: 'Frequency', Value: 'monthly' },
  { Setting: 'Netting', Value: 'multilateral' },
  { Setting: 'Materiality', Value: 5 },
];

/**
 * A workbook with an Instructions sheet, then each given input table of the spec (in the spec's
 * order) as an Excel table on a sheet of its name (its rows, or one empty row), with validation
 * lists on the choice columns; then any extra sheets of plain values (e.g. a committee report).
 */
function tablesWorkbook(rows: Partial<Record<string, RawRow[]>>, extra: SheetData[] = []): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Poolshare';
  const info = wb.addWorksheet('Instructions');
  INSTRUCTIONS.forEach((line, i) => {
    info.getCell(i + 1, 1).value = line;
  });
  info.getCell(1, 1).font = { bold: true, size: 14 };
  info.getColumn(1).width = 120;
  for (const name of TABLE_NAMES.filter((n) => rows[n] !== undefined)) {
    const headers = TABLES[name].columns.map((c) => c.header);
    const data = rows[name] ?? [];
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addTable({
      name,
      ref: 'A1',
      headerRow: true,
      style: { theme: 'TableStyleMedium2', showRowStripes: true },
      columns: headers.map((h) => ({ name: h, filterButton: true })),
      rows: (data.length ? data : [{}]).map((r) => headers.map((h) => (r[h] ?? null) as ExcelJS.CellValue)),
    });
    headers.forEach((h, i) => {
      ws.getColumn(i + 1).width = Math.max(12, h.length + 4);
      const list = CHOICES[h];
      if (list) {
        const col = a1(2, i + 1).replace(/\d+$/, '');
        validations(ws).add(`${col}2:${col}${VALIDATED_ROWS}`, {
          type: 'list', allowBlank: true, showErrorMessage: true, formulae: [`"${list.join(',')}"`],
          errorTitle: h, error: `${h}: one of ${list.join(', ')}`,
        });
      }
      // Text columns keep what is typed as text (a code such as 0123 or +44 stays as typed).
      if (TABLES[name].columns[i].kind === 'text') ws.getColumn(i + 1).numFmt = TEXT_FORMAT;
    });
  }
  for (const sheet of extra) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.values.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null && v !== undefined) ws.getCell((sheet.top ?? 1) + r, (sheet.left ?? 1) + c).value = v;
    }));
  }
  return wb;
}

/** Writes an input workbook holding the given tables (e.g. a JSON workbook's) and extra sheets. */
export async function writeTablesXlsx(
  file: string,
  rows: Partial<Record<string, RawRow[]>>,
  opts: { force?: boolean; sheets?: SheetData[] },
): Promise<void> {
  await save(tablesWorkbook(rows, opts.sheets), file, opts.force);
}

/** Writes an empty input workbook, ready to fill in. */
export async function writeTemplateXlsx(file: string, opts: { force?: boolean }): Promise<void> {
  const empty = Object.fromEntries(TABLE_NAMES.map((n) => [n, [] as RawRow[]]));
  await writeTablesXlsx(file, { ...empty, Settings: SETTINGS }, opts);
}

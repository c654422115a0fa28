/**
 * .xlsx out for the command line (Node only).
 * - writeResultsXlsx: buildOutputSheets' sheets as Excel tables, formats, frozen header, widths.
 * - writeTemplateXlsx: every input table of the spec, with validation lists and instructions.
 * - writeTablesXlsx: an input workbook holding given tables (examples, tests).
 */
import { promises as fs, rmSync } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { RawRow, RunResult, Warning } from '../engine/types';
import { TABLES, TABLE_NAMES } from '../engine/tables';
import { defaultYearStart } from '../engine/settings';
import { a1, buildOutputSheets, parseA1, TEXT_FORMAT } from '../workbook';
import type { OutputSheet, SheetData } from '../workbook';
import { isInput, sameFile } from './files';

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

/** Temporary files being written now: removed if the process is interrupted. */
const pending = new Set<string>();

function dropPending(): void {
  for (const f of pending) rmSync(f, { force: true });
  pending.clear();
}

/** On SIGINT/SIGTERM while writing: remove the temporary files, then exit as the signal asks. */
function onSignal(signal: NodeJS.Signals): void {
  dropPending();
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

/** Filesystems without hard links (FAT, exFAT, some network shares) answer a link with these. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EACCES']);

/**
 * Writes a file (by `write`) to a temporary file beside the target, then moves it into place: with
 * `force` by a rename; without, by a hard link, which fails if the file appeared meanwhile (never
 * clobbers), or, where the filesystem has no hard links, by a rename once the target is checked
 * absent. The temporary file is removed on error and on SIGINT/SIGTERM.
 */
export async function save(write: (tmp: string) => Promise<unknown>, file: string, force?: boolean): Promise<void> {
  await checkTarget(file, force);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  pending.add(tmp);
  if (pending.size === 1) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  try {
    await write(tmp);
    if (force) await fs.rename(tmp, file);
    else {
      try {
        await fs.link(tmp, file);
      } catch (e) {
        if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
        await checkTarget(file, false);
        await fs.rename(tmp, file);
      }
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') await checkTarget(file, false);
    throw e;
  } finally {
    await fs.rm(tmp, { force: true });
    pending.delete(tmp);
    if (pending.size === 0) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

type Styles = (numFmt: string) => Partial<ExcelJS.Style>;

/** The frozen header rows of a sheet, as exceljs views. */
function views(sheet: OutputSheet): Partial<ExcelJS.WorksheetView>[] {
  return sheet.freezeRows ? [{ state: 'frozen', ySplit: sheet.freezeRows }] : [];
}

/** Puts row r of a sheet into cells: values (strings stay strings, never formulas) and formats. */
function putRow(sheet: OutputSheet, r: number, cell: (c: number) => ExcelJS.Cell, styles: Styles): void {
  const row = sheet.values[r];
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    const blank = v === null || v === undefined || v === '';
    const f = sheet.numberFormats[r][c];
    if (blank && !f) continue; // no cell for padding
    const x = cell(c + 1);
    if (!blank) x.value = v;
    if (f) x.style = styles(f);
  }
}

/**
 * Puts one OutputSheet on a worksheet: values, Excel tables, formats, freeze, widths. Cells of one
 * format share one style object (read-only), which exceljs registers once instead of per cell.
 */
function putSheet(wb: ExcelJS.Workbook, sheet: OutputSheet, styles: Styles): void {
  const ws = wb.addWorksheet(sheet.name, { views: views(sheet) });
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
  // Plain loops, no spread or apply over rows: a sheet may hold hundreds of thousands of rows.
  for (let r = 0; r < sheet.values.length; r++) putRow(sheet, r, (c) => ws.getCell(r + 1, c), styles);
  sheet.columnWidths?.forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
}

/**
 * Streams the sheets to a file row by row (exceljs's streaming writer): memory stays flat however
 * many rows. It cannot make Excel tables, so the sections are plain ranges with bold headers.
 */
async function streamSheets(sheets: OutputSheet[], file: string, styles: Styles): Promise<void> {
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const bold = (numFmt: string) =>
    shared.get(numFmt) ?? shared.set(numFmt, { numFmt, font: { bold: true } }).get(numFmt)!;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Poolshare';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: views(sheet) });
    sheet.columnWidths?.forEach((w, c) => {
      ws.getColumn(c + 1).width = w;
    });
    const headers = new Set(sheet.tables.map((t) => parseA1(t.range.split(':')[0]).row));
    for (let r = 0; r < sheet.values.length; r++) {
      const row = ws.getRow(r + 1);
      putRow(sheet, r, (c) => row.getCell(c), headers.has(r + 1) ? bold : styles);
      row.commit();
    }
    ws.commit();
  }
  await wb.commit();
}

/** Excel's rows per sheet. */
export const EXCEL_ROWS = 1_048_576;
/** Above this many rows in all, the results are streamed (no Excel tables, flat memory). */
export const STREAM_ROWS = 100_000;

/** Refuses sheets Excel cannot open (more rows than a sheet holds), before anything is written. */
export function checkRowLimit(sheets: OutputSheet[]): void {
  for (const s of sheets) {
    if (s.values.length > EXCEL_ROWS) {
      throw new Error(`the results sheet ${s.name} would have ${s.values.length.toLocaleString('en-GB')} rows, ` +
        `more than an Excel sheet holds (${EXCEL_ROWS.toLocaleString('en-GB')}); use --json for results this large`);
    }
  }
}

/**
 * Writes the results workbook (Pools, one sheet per partner, Settlement, Warnings). Refuses an
 * existing file without `force`, and any input (`opts.inputs`, or a workbook read by readXlsx) even
 * with it. Past STREAM_ROWS rows in all (or `streamAbove`) the workbook is streamed: the same cells,
 * formats, widths and frozen headers, without Excel tables. Returns the TEXT_CUT warnings for text
 * that had to change to be written (also on the workbook's Warnings sheet).
 */
export async function writeResultsXlsx(
  file: string, result: RunResult, opts: WriteOptions,
): Promise<Warning[]> {
  const notes: Warning[] = [];
  await writeSheetsXlsx(file, buildOutputSheets(result, notes), opts);
  return notes;
}

export interface WriteOptions {
  force?: boolean;
  inputs?: string[];
  streamAbove?: number;
}

/** Writes output sheets (e.g. Monitoring and Warnings) as a results workbook, with the same guards. */
export async function writeSheetsXlsx(file: string, sheets: OutputSheet[], opts: WriteOptions): Promise<void> {
  for (const input of opts.inputs ?? []) {
    if (await sameFile(file, input)) {
      throw new Error(`${file} is the input workbook (${input}); write the results to another file`);
    }
  }
  if (await isInput(file)) throw new Error(`${file} is the input workbook; write the results to another file`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Poolshare';
  const shared = new Map<string, Partial<ExcelJS.Style>>();
  const styles = (numFmt: string) => shared.get(numFmt) ?? shared.set(numFmt, { numFmt }).get(numFmt)!;
  checkRowLimit(sheets);
  let rows = 0;
  for (const sheet of sheets) rows += sheet.values.length;
  if (rows > (opts.streamAbove ?? STREAM_ROWS)) {
    await save((tmp) => streamSheets(sheets, tmp, styles), file, opts.force);
  } else {
    for (const sheet of sheets) putSheet(wb, sheet, styles);
    await save((tmp) => wb.xlsx.writeFile(tmp), file, opts.force);
  }
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
  'Fill in one Excel table per sheet; what each table and column means, and the rules applied, are in docs/rules.md.',
  'Partners, Pools, Lines and Contributions are required; RiskShare, Savings, Payments and Settings are optional.',
  'Type under a table and Excel grows it. Columns may be in any order; extra columns are ignored;',
  '  blank rows are skipped.',
  'Partners: one row per partner, a short code (Partner) and a Name; this order is the partner order everywhere.',
  'Pools: Kind pooled (a Host holds the fund) or aligned; Method proportional, fixed, lead or banded; Reserve amount;',
  '  Underspend share, return or reserve; Basis net or gross.',
  'Lines: each pool line with its Lead partner and its Forecast net outturn.',
  'Contributions: Gross, Income and Grant per pool, line and partner; Net if you want it checked;',
  '  Spend for aligned pools.',
  'RiskShare: Percent for fixed shares, Cap on a partner\'s overspend share, From/To and Band method for bands.',
  'Savings: Planned and Delivered savings; Agreed yes or no.  Payments: what non-host partners have paid the host.',
  "Settings: Units (£ or £'000), Year start (YYYY-MM, default the April before today), Frequency, Netting,",
  '  Materiality (%).',
  'Amounts may be typed as 1,234.50, £1,234 or (1,234) for a negative. A blank optional amount is 0.',
  'Committee-report blocks (pool, then partner columns; lines; Gross ...; deductions; Net ...) on other sheets',
  '  are found',
  '  and checked too; with no Contributions table they supply its rows.',
  'Run: poolshare run THIS.xlsx --out results.xlsx',
];

/** Range-wide data validation: in exceljs 4 but missing from its type declarations. */
function validations(ws: ExcelJS.Worksheet): { add(range: string, rule: ExcelJS.DataValidation): void } {
  type Adder = { add(range: string, rule: ExcelJS.DataValidation): void };
  return (ws as unknown as { dataValidations: Adder }).dataValidations;
}

/** Default rows of the template's Settings table; `Year start` is the April before today. */
function settings(today: Date): RawRow[] {
  return [
    { Setting: 'Units', Value: '£' },
    { Setting: 'Year start', Value: defaultYearStart(today) },
    { Setting: 'Frequency', Value: 'monthly' },
    { Setting: 'Netting', Value: 'multilateral' },
    { Setting: 'Materiality', Value: 5 },
  ];
}

/** Number formats of the template's columns, so what is typed later is read as it is meant. */
const AMOUNT_FORMAT = '#,##0.00;-#,##0.00';
function columnFormat(table: string, header: string): string | null {
  if (header === 'Date') return 'yyyy-mm-dd';
  if (header === 'Period') return TEXT_FORMAT; // YYYY-MM stays text, never turned into a date
  if (table === 'Settings' && header === 'Value') return null; // per row: see settingFormat
  const kind = TABLES[table as keyof typeof TABLES].columns.find((c) => c.header === header)?.kind;
  if (kind === 'amount') return AMOUNT_FORMAT;
  if (kind === 'percent') return '0.00';
  return TEXT_FORMAT; // codes, names and choices
}

/** A Settings value's format: text, except Materiality (a number). */
function settingFormat(setting: unknown): string {
  return setting === 'Materiality' ? '0.00' : TEXT_FORMAT;
}

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
      // Each column typed for what it holds: a code such as 0123 stays text, an amount a number.
      const f = columnFormat(name, h);
      if (f) ws.getColumn(i + 1).numFmt = f;
    });
    if (name === 'Settings') {
      (data.length ? data : [{}]).forEach((r, j) => {
        ws.getCell(j + 2, headers.indexOf('Value') + 1).numFmt = settingFormat(r.Setting);
      });
    }
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
  const wb = tablesWorkbook(rows, opts.sheets);
  await save((tmp) => wb.xlsx.writeFile(tmp), file, opts.force);
}

/** Writes an empty input workbook, ready to fill in (`today` gives the default Year start). */
export async function writeTemplateXlsx(file: string, opts: { force?: boolean; today?: Date }): Promise<void> {
  const empty = Object.fromEntries(TABLE_NAMES.map((n) => [n, [] as RawRow[]]));
  await writeTablesXlsx(file, { ...empty, Settings: settings(opts.today ?? new Date()) }, opts);
}

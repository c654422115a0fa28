/**
 * .xlsx out for the command line (Node only).
 * - writeResultsXlsx: buildOutputSheets' sheets as Excel tables, formats, frozen header, widths.
 * All three stream through xlsx/write.ts.
 * - writeTemplateXlsx: every input table of the spec, with validation lists and instructions.
 * - writeTablesXlsx: an input workbook holding given tables (examples, tests).
 */
import { promises as fs, rmSync } from 'fs';
import * as path from 'path';
import type { RawRow, RunResult, Warning } from '../engine/types';
import { buildOutputSheets, columnLetters, parseRange } from '../workbook';
import { TEMPLATE_TABLES, VALIDATED_ROWS, columnFormat, instructions, settingFormat, templateSettings,
} from '../workbook/template';
import type { OutputSheet, SheetData } from '../workbook';
import { isInput, sameFile } from './files';
import { writeXlsx, type XSheet } from './xlsx/write';

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

/** A results sheet as the streaming writer takes it: its cells, formats, tables, frozen rows, widths. */
function resultsSheet(sheet: OutputSheet): XSheet {
  return {
    name: sheet.name,
    rowCount: sheet.values.length,
    width: sheet.values[0]?.length ?? 1,
    row: (r) => ({ values: sheet.values[r], formats: sheet.numberFormats[r] }),
    tables: sheet.tables.map((t) => {
      const { top, left, right } = parseRange(t.range);
      return { ...t, columns: sheet.values[top - 1].slice(left - 1, right).map((h) => String(h ?? '')) };
    }),
    freezeRows: sheet.freezeRows,
    columns: sheet.columnWidths?.map((width) => ({ width })),
  };
}

/** Excel's rows per sheet. */
export const EXCEL_ROWS = 1_048_576;

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
 * with it. Streamed at every size (xlsx/write.ts): Excel tables, formats, widths and frozen headers.
 * Returns the warnings on text (and amounts) that could not be written as they are (also on the
 * workbook's Warnings sheet).
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
}

/** Writes output sheets (e.g. Monitoring and Warnings) as a results workbook, with the same guards. */
export async function writeSheetsXlsx(file: string, sheets: OutputSheet[], opts: WriteOptions): Promise<void> {
  for (const input of opts.inputs ?? []) {
    if (await sameFile(file, input)) {
      throw new Error(`${file} is the input workbook (${input}); write the results to another file`);
    }
  }
  if (await isInput(file)) throw new Error(`${file} is the input workbook; write the results to another file`);
  checkRowLimit(sheets);
  const out = sheets.map(resultsSheet);
  await save((tmp) => writeXlsx(tmp, out), file, opts.force);
}

/**
 * The sheets of an input workbook: an Instructions sheet, then each given input table of the spec
 * (in the spec's order) as an Excel table on a sheet of its name (its rows, or one empty row), each
 * column typed for what it holds and the choice columns with validation lists; then any extra sheets
 * of plain values (e.g. a committee report).
 */
function tablesSheets(rows: Partial<Record<string, RawRow[]>>, extra: SheetData[] = []): XSheet[] {
  const lines = instructions();
  const sheets: XSheet[] = [{
    name: 'Instructions',
    rowCount: lines.length,
    width: 1,
    row: (r) => ({ values: [lines[r]], font: r === 0 ? 'title' : 'normal' }),
    columns: [{ width: 120 }],
  }];
  for (const table of TEMPLATE_TABLES.filter((t) => rows[t.name] !== undefined)) {
    const { name } = table;
    const headers = table.columns.map((c) => c.header);
    const given = rows[name] ?? [];
    const data = given.length ? given : [{}];
    // Each column typed for what it holds: a code such as 0123 stays text, an amount a number; a
    // Settings value by its setting, row by row (the column untyped: a value typed later is not forced to text).
    const value = name === 'Settings' ? headers.indexOf('Value') : -1;
    const formats = headers.map((h, i) => (i === value ? null : columnFormat(name, h)));
    sheets.push({
      name,
      rowCount: data.length + 1,
      width: headers.length,
      row: (r) => {
        if (r === 0) return { values: headers };
        const row = data[r - 1];
        const f = value < 0 ? formats : formats.map((x, i) => (i === value ? settingFormat(row.Setting) : x));
        return { values: headers.map((h) => row[h] ?? null), formats: f };
      },
      tables: [{ name, range: `A1:${columnLetters(headers.length)}${data.length + 1}`, columns: headers }],
      freezeRows: 1,
      columns: headers.map((h, i) => ({ width: Math.max(12, h.length + 4), format: formats[i] })),
      validations: table.columns.flatMap((c, i) => {
        if (!c.choices) return [];
        const col = columnLetters(i + 1);
        const { list, strict } = c.choices;
        return [{ range: `${col}2:${col}${VALIDATED_ROWS}`, list, strict, title: c.header,
          error: strict ? `${c.header}: one of ${list.join(', ')}`
            : `${c.header}: usually one of ${list.join(', ')}; keep another only if you mean it` }];
      }),
    });
  }
  for (const sheet of extra) {
    let width = 1;
    for (const r of sheet.values) width = Math.max(width, r.length);
    sheets.push({ name: sheet.name, rowCount: sheet.values.length, width, row: (r) => ({ values: sheet.values[r] }),
      top: sheet.top, left: sheet.left });
  }
  return sheets;
}

/** Writes an input workbook holding the given tables (e.g. a JSON workbook's) and extra sheets. */
export async function writeTablesXlsx(
  file: string,
  rows: Partial<Record<string, RawRow[]>>,
  opts: { force?: boolean; sheets?: SheetData[] },
): Promise<void> {
  const sheets = tablesSheets(rows, opts.sheets);
  await save((tmp) => writeXlsx(tmp, sheets), file, opts.force);
}

/** Writes an empty input workbook, ready to fill in (`today` gives the default Year start). */
export async function writeTemplateXlsx(file: string, opts: { force?: boolean; today?: Date }): Promise<void> {
  const empty = Object.fromEntries(TEMPLATE_TABLES.map((t) => [t.name, [] as RawRow[]]));
  await writeTablesXlsx(file, { ...empty, Settings: templateSettings(opts.today ?? new Date()) }, opts);
}

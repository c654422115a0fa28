/**
 * Where each figure the pane shows was written, after Build schedules: the pane rebuilds the
 * output sheets from the same result (buildOutputSheets, as the adapter did), finds a figure in
 * them by table, row key and column header (never by fixed coordinates, so a change of layout
 * keeps working or finds nothing), and maps each output sheet to the name the job reports it
 * was written under.
 */
import type { MonitorResult } from '../engine/monitor/types';
import type { RunResult } from '../engine/types';
import type { OptionsResult } from '../engine/options';
import {
  a1, buildOutputSheets, monitoringSheet, optionsSheet, monthSerial, parseA1, type CellValue, type OutputSheet,
} from '../workbook';

export interface CellLink {
  sheet: string;
  cell: string;
}

/** What a figure is: which table of which sheet, the row's key columns and the figure's column. */
export interface FigureRef {
  /** Table name as buildOutputSheets names it (a RegExp for the partner sheets' `tblP<n>Pools`). */
  table: string | RegExp;
  /** Key column header -> value, e.g. { Pool: 'BCF' } or { From: 'ICB', To: 'CC' }. */
  key: Record<string, string>;
  header: string;
  /** Only sheets whose first row reads [label, value] (a partner's sheet: ['Partner', 'CC']). */
  first?: [string, string];
}

export type Linker = (ref: FigureRef) => CellLink | null;

const text = (v: CellValue) => (v === null || v === undefined ? '' : String(v)).trim();

/** Finds a figure's cell in one output sheet (A1 on that sheet), or null. */
export function findInSheet(out: OutputSheet, ref: FigureRef): string | null {
  const top = out.values[0] ?? [];
  if (ref.first && (text(top[0]) !== ref.first[0] || text(top[1]) !== ref.first[1])) return null;
  for (const t of out.tables) {
    if (typeof ref.table === 'string' ? t.name !== ref.table : !ref.table.test(t.name)) continue;
    const [from, to] = t.range.split(':').map(parseA1);
    const header = out.values[from.row - 1]?.slice(from.col - 1, to.col).map(text) ?? [];
    const col = header.indexOf(ref.header);
    const keys = Object.entries(ref.key).map(([h, v]) => ({ i: header.indexOf(h), v }));
    if (col < 0 || keys.some((k) => k.i < 0)) continue;
    for (let r = from.row + 1; r <= to.row; r++) {
      const row = out.values[r - 1]?.slice(from.col - 1, to.col) ?? [];
      if (keys.every((k) => text(row[k.i]) === k.v)) return a1(r, from.col + col);
    }
  }
  return null;
}

/**
 * A linker over output sheets built from a result: `written` are the sheet names the job reports,
 * in the order of `outs`. When the counts differ, a sheet is matched by its own name (the warnings
 * sheet by "warnings"), and a figure on a sheet that cannot be matched is left unlinked.
 */
export function linkSheets(outs: OutputSheet[], written: string[]): Linker {
  const names = outs.map((o, i) => {
    if (written.length === outs.length) return written[i];
    const wanted = o.name.toLowerCase();
    return written.find((w) => w.toLowerCase() === wanted || (wanted === 'warnings' && /warnings/i.test(w))) ?? null;
  });
  return (ref) => {
    for (let i = 0; i < outs.length; i++) {
      const cell = names[i] !== null ? findInSheet(outs[i], ref) : null;
      if (cell) return { sheet: names[i] as string, cell };
    }
    return null;
  };
}

/** A linker for a Build's result (the sheets buildOutputSheets makes, as the adapter wrote them). */
export function linkFigures(result: RunResult, written: string[]): Linker {
  return linkSheets(buildOutputSheets(result), written);
}

/**
 * A pool's figure at a period on the Monitoring sheet (tblMonitoringPools). The sheet's Period
 * column holds the month's date serial (shown "May 2025"), so the key is that serial; a period that
 * is not a month stays as written.
 */
export function monitoringRef(pool: string, period: string, header: string): FigureRef {
  const serial = monthSerial(period);
  const key = { Pool: pool, Period: serial === null ? period : String(serial) };
  return { table: 'tblMonitoringPools', key, header };
}

/** A linker for a Monitoring result: the Monitoring sheet (monitoringSheet) under the name it was written as. */
export function linkMonitoring(result: MonitorResult, written: string[]): Linker {
  return linkSheets([monitoringSheet(result)], written);
}

/**
 * A linker for an Options result: the Options sheet (optionsSheet) under the name the job wrote it
 * as (the first sheet it reports: `Options results`, or that name made unique).
 */
export function linkOptions(result: OptionsResult, written: string[]): Linker {
  return linkSheets([optionsSheet(result)], written.slice(0, 1));
}

/**
 * The pure half of the Office adapter: what to read, what to write and where, decided from plain
 * data so it can be tested without Excel. ./adapter.ts (the only Office.js code) carries it out.
 */
import type { CellValue, Warning } from '../engine/types';
import { TABLES, TABLE_NAMES, norm, type TableName } from '../engine/tables';
import { TEMPLATE_TABLES } from '../workbook/template';
import { nameKey, sheetName, TEXT_FORMAT, type OutputSheet } from '../workbook';
import type { ExampleTables } from './example';

/** The worksheet custom property (ExcelApi 1.12) that marks a sheet as Poolshare's. */
export const MARK_KEY = 'Poolshare';
/** Document settings key where versions before 0.2 kept the ids of the sheets they made. */
export const LEGACY_SHEETS = 'poolshare.sheets';
/** The fill Poolshare paints on a cell a warning points at. */
export const HIGHLIGHT = '#FFC7CE';
/** The validation sheet; the workbook layer's `Warnings` sheet is written under this name. */
export const WARNINGS_SHEET = 'Poolshare warnings';
/** Charts Poolshare adds are named with this prefix (a user's own chart is never removed). */
export const CHART_PREFIX = 'Poolshare';

/**
 * Size budget. Excel on the web refuses a request or a response over about 5 MB, so values are
 * read at most READ_CELLS cells per round trip (125 bytes a cell before the limit) and written at
 * most WRITE_CELLS cells (value and number format) per round trip. Report blocks are looked for on
 * a sheet of up to BLOCK_SHEET_CELLS used cells, and on BLOCK_TOTAL_CELLS in all.
 */
export const READ_CELLS = 40_000;
export const WRITE_CELLS = 20_000;
/**
 * The same limit on a write's bytes (UTF-8 JSON of values and formats), not its cells: a round trip
 * of long texts is cut before 4 MB, leaving room for the marks, tables and charts queued with it.
 */
export const WRITE_BYTES = 4_000_000;
/** Excel's grid (Excel specifications and limits): 1,048,576 rows by 16,384 columns. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;
/** A mark is kept well under 255 characters, the limit Excel documents for a custom property's value. */
export const MAX_MARK = 200;
export const BLOCK_SHEET_CELLS = 250_000;
export const BLOCK_TOTAL_CELLS = 1_000_000;
/** Highlights remembered (in the warnings sheet's mark) and painted, at most. */
export const MAX_HIGHLIGHTS = 500;

/** What the pane's store gives (Office's document settings): read only, never saved. */
export interface Store {
  get(key: string): unknown;
}

/** A highlighted cell and the fill it had before (null: none). */
export interface Highlight {
  sheet: string;
  cell: string;
  original: string | null;
}

/** A 0-based block of cells. */
export interface Box {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/**
 * Poolshare's mark on a sheet it made (the custom property's JSON, well under MAX_MARK characters):
 * the name it gave the sheet, the area it wrote and a checksum of it. The highlights to clear are
 * not in the mark but on the warnings sheet itself, in the rows at `hl` (highlightRows).
 */
export interface Mark {
  name: string;
  area: string;
  /** Where the warnings sheet lists the cells Poolshare highlighted (A1 range, header row first). */
  hl?: string;
  /** Versions before 0.3 kept the highlights in the mark itself: still read, never written. */
  highlights?: Highlight[];
  /** The job that writes the sheet when it is not Build schedules (`Monitoring`): Build never retires it. */
  job?: string;
  /**
   * A checksum of the values Poolshare wrote in the area (valuesSum), set once the sheet is written in
   * full. Should the area hold anything else on the next run, the user typed there: the sheet is theirs.
   */
  sum?: string;
}

/** One cell as Excel gives it back, for valuesSum: blank, number, text or true/false. */
function cellKey(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return `n${v}`;
  if (typeof v === 'boolean') return `b${v}`;
  return `s${String(v).replace(/\r\n?/g, '\n')}`;
}

/** A checksum of a block of values (FNV-1a, 32 bits, over every cell in order) and its size. */
export function valuesSum(values: unknown[][]): string {
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  };
  let cols = 0;
  for (const row of values) {
    if (row.length > cols) cols = row.length;
    for (const v of row) mix(`${cellKey(v)}\u0000`);
    mix('\u0001');
  }
  return `${values.length}x${cols}:${h.toString(16)}`;
}

export { nameKey };
const SPEC_KEYS = new Set(TABLE_NAMES.map(nameKey));
export function isSpecName(s: string): boolean {
  return SPEC_KEYS.has(nameKey(s));
}

function letters(n: number): string {
  let s = '';
  for (let x = n + 1; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
export function a1(row: number, col: number): string {
  return `${letters(col)}${row + 1}`;
}
export function boxAddress(b: Box): string {
  return `${a1(b.top, b.left)}:${a1(b.top + b.rows - 1, b.left + b.cols - 1)}`;
}
export function parseBox(address: string): Box | null {
  const m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(address.replace(/^.*!/, '').replace(/\$/g, ''));
  if (!m) return null;
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const top = Number(m[2]) - 1;
  const left = col(m[1]);
  const bottom = m[4] ? Number(m[4]) - 1 : top;
  const right = m[3] ? col(m[3]) : left;
  return bottom < top || right < left ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}
export function within(inner: Box, outer: Box): boolean {
  return inner.top >= outer.top && inner.left >= outer.left
    && inner.top + inner.rows <= outer.top + outer.rows && inner.left + inner.cols <= outer.left + outer.cols;
}

/** A mark read back from a sheet; null when absent or not Poolshare's JSON. */
export function parseMark(text: unknown): Mark | null {
  if (typeof text !== 'string') return null;
  try {
    const v = JSON.parse(text) as Partial<Mark>;
    if (!v || typeof v.name !== 'string' || typeof v.area !== 'string' || !parseBox(v.area)) return null;
    const ok = (h: Highlight) => !!h && typeof h.sheet === 'string' && typeof h.cell === 'string'
      && (h.original === null || typeof h.original === 'string');
    const highlights = Array.isArray(v.highlights) ? v.highlights.filter(ok) : undefined;
    const job = typeof v.job === 'string' ? { job: v.job } : {};
    const sum = typeof v.sum === 'string' ? { sum: v.sum } : {};
    const hl = typeof v.hl === 'string' && parseBox(v.hl) ? { hl: v.hl } : {};
    return { name: v.name, area: v.area, ...hl, ...(highlights ? { highlights } : {}), ...job, ...sum };
  } catch {
    return null;
  }
}

/** What the adapter learns about each sheet in its first two round trips. */
export interface SheetInfo {
  name: string;
  id: string;
  mark: Mark | null;
  /** The used range (values only); null when the sheet holds no value. */
  used: Box | null;
  protected: boolean;
  /** Names of the Excel tables and charts on the sheet. */
  tables: string[];
  charts: string[];
  /** Hidden sheets are written but never activated (Excel refuses to activate one). */
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
}

/**
 * Which sheets are Poolshare's: marked, still under the name Poolshare gave them, not protected,
 * and holding no value outside the area Poolshare wrote. A sheet renamed, written into outside
 * that area, or protected is the user's from then on, and a note says so. A sheet made by a
 * version that kept ids in the document settings (`legacy`) is Poolshare's if it has no mark.
 */
export const YOURS = 'it is yours now and is left as it is.';
export function ownership(sheets: SheetInfo[], legacy: Set<string>): { ours: Set<string>; notes: string[] } {
  const ours = new Set<string>();
  const notes: string[] = [];
  for (const s of sheets) {
    if (!s.mark) {
      if (legacy.has(s.id) && !s.protected) ours.add(s.id);
      continue;
    }
    const area = parseBox(s.mark.area)!;
    if (s.name !== s.mark.name) {
      notes.push(`${s.name} was made by Poolshare as ${s.mark.name} and has been renamed: ${YOURS}`);
    } else if (s.used && !within(s.used, area)) {
      notes.push(`${s.name} has entries of yours outside Poolshare's area (${s.mark.area}): ${YOURS}`);
    } else if (s.protected) {
      notes.push(`${s.name} is protected: Poolshare leaves it as it is.`);
    } else {
      ours.add(s.id);
    }
  }
  return { ours, notes };
}

export interface SheetPlan {
  out: OutputSheet;
  /** The name to write under (the wanted one unless a user's sheet holds it). */
  name: string;
  /** Poolshare's sheet of that name, rewritten in place; undefined: a new sheet. */
  reuse?: SheetInfo;
  /** Table names, made unique in the workbook. */
  tables: Array<{ name: string; range: string }>;
  /** Poolshare's sheet that this run no longer writes: cleared to a one-line note. */
  retired?: boolean;
}

/**
 * Where each output sheet goes: Poolshare's own sheet of that name is rewritten in place (same
 * sheet, so formulas pointing into it keep working); a user's sheet is never touched, so an output
 * whose name a user's sheet holds goes to a new "(2)" sheet. Table names are workbook-wide in
 * Excel and shared with defined names: one a user's table or a defined name (`names`) holds gets a
 * suffix. With `retire`, Poolshare's sheets that this run does not write (a partner no longer in
 * the results) are cleared to a one-line note, not deleted
 * (deleting a sheet would clear Excel's undo history).
 */
export function planWrite(
  outs: OutputSheet[], sheets: SheetInfo[], ours: Set<string>, retire: boolean, names: string[] = [],
): SheetPlan[] {
  const mine = sheets.filter((s) => ours.has(s.id));
  const theirs = sheets.filter((s) => !ours.has(s.id));
  const taken = new Set(theirs.map((s) => s.name.toLowerCase()));
  const byName = new Map(mine.map((s) => [s.name.toLowerCase(), s]));
  const tablesTaken = new Set([...theirs.flatMap((s) => s.tables), ...names].map((t) => t.toLowerCase()));
  const plans: SheetPlan[] = outs.map((out) => {
    const wanted = out.name === 'Warnings' ? WARNINGS_SHEET : out.name;
    const name = sheetName(wanted, taken);
    const tables = out.tables.map((t) => {
      let tn = t.name;
      for (let i = 2; tablesTaken.has(tn.toLowerCase()); i++) tn = `${t.name}_${i}`;
      tablesTaken.add(tn.toLowerCase());
      return { name: tn, range: t.range };
    });
    return { out, name, reuse: byName.get(name.toLowerCase()), tables };
  });
  if (retire) {
    const used = new Set(plans.map((p) => p.reuse?.id));
    // Only marked sheets: one an earlier version made is reused by name, never cleared; nor is a
    // sheet another job writes (the Monitoring sheet).
    for (const s of mine.filter((x) => x.mark && !x.mark.job && !used.has(x.id))) {
      const note = `Poolshare no longer writes this sheet: ${s.name} is not in the latest results.`;
      const out = { name: s.name, values: [[note]], numberFormats: [[null]], tables: [] };
      plans.push({ out, name: s.name, reuse: s, tables: [], retired: true });
    }
  }
  return plans;
}

/** One rectangle of a range read or written in a round trip: offsets within range `index`. */
export interface Piece {
  index: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * Cuts ranges (in order) into round trips of at most `budget` cells each, every round trip but
 * the last exactly full: whole rows where they fit, then the part of a row that fits. So n cells
 * take ceil(n / budget) round trips. Excel's widest row (16,384 cells) is below any budget used.
 */
export function chunk(sizes: Array<{ rows: number; cols: number }>, budget: number): Piece[][] {
  const trips: Piece[][] = [];
  let trip: Piece[] = [];
  let room = budget;
  const take = (p: Piece) => {
    trip.push(p);
    room -= p.rows * p.cols;
    if (room === 0) {
      trips.push(trip);
      trip = [];
      room = budget;
    }
  };
  sizes.forEach(({ rows, cols }, index) => {
    let row = 0;
    let col = 0;
    while (row < rows && cols > 0) {
      if (col > 0 || room < cols) {
        const n = Math.min(room, cols - col);
        take({ index, row, col, rows: 1, cols: n });
        col += n;
        if (col === cols) {
          col = 0;
          row++;
        }
        continue;
      }
      const n = Math.min(rows - row, Math.floor(room / cols));
      take({ index, row, col: 0, rows: n, cols });
      row += n;
    }
  });
  if (trip.length) trips.push(trip);
  return trips;
}

/** Formula-like text: Excel would run it if it were not stored as text. */
export function looksLikeFormula(v: CellValue): boolean {
  return typeof v === 'string' && /^[=+\-@]/.test(v);
}

type Written = string | number | boolean;

/**
 * The 2-D values and number formats to assign: blanks as "", General as "General", and every
 * text cell starting with = + - @ formatted as text ("@") so Excel keeps it as typed. `values` is
 * what Excel gives back once written; `send` what is assigned: a text starting with an apostrophe
 * gets a second one, as Excel takes a leading apostrophe as its text prefix and drops it.
 */
export function cellsToWrite(out: OutputSheet): { values: Written[][]; send: Written[][]; formats: string[][] } {
  const values = out.values.map((row) => row.map((v) => (v === null || v === undefined ? '' : v)));
  const send = values.map((row) => row.map((v) => (typeof v === 'string' && v.startsWith("'") ? `'${v}` : v)));
  const formats = out.values.map((row, r) =>
    row.map((v, c) => (looksLikeFormula(v) ? TEXT_FORMAT : out.numberFormats[r]?.[c] ?? 'General')),
  );
  return { values, send, formats };
}

/** UTF-8 bytes of a string. */
function utf8(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800 && (c < 0xd800 || c > 0xdfff)) n += 2;
    else if (c >= 0x80 && (c < 0xd800 || c > 0xdfff)) n += 1;
  }
  return n;
}

/** Bytes one cell adds to a request: its value and its number format as JSON, with their commas. */
function cellBytes(v: Written, f: string): number {
  return utf8(JSON.stringify(v)) + utf8(JSON.stringify(f)) + 2;
}

/**
 * Cuts blocks to write into round trips of at most `cells` cells and `bytes` bytes each, as chunk
 * does (whole rows where they fit, then the part of a row that fits): with short cells exactly
 * chunk's trips; a block of long texts takes more, smaller ones. A cell over `bytes` goes alone.
 */
export function chunkWrites(blocks: Array<{ send: Written[][]; formats: string[][] }>, cells: number, bytes: number):
  Piece[][] {
  const trips: Piece[][] = [];
  let trip: Piece[] = [];
  let roomCells = cells;
  let roomBytes = bytes;
  const close = () => {
    if (trip.length) trips.push(trip);
    trip = [];
    roomCells = cells;
    roomBytes = bytes;
  };
  const take = (p: Piece, b: number) => {
    trip.push(p);
    roomCells -= p.rows * p.cols;
    roomBytes -= b;
    if (roomCells === 0) close();
  };
  blocks.forEach(({ send, formats }, index) => {
    const cols = send[0]?.length ?? 0;
    const at = (r: number, c: number) => cellBytes(send[r][c], formats[r][c]);
    const rowBytes = (r: number) => send[r].reduce<number>((n, _, c) => n + at(r, c), 2);
    let row = 0;
    let col = 0;
    while (row < send.length && cols > 0) {
      if (col === 0) {
        let n = 0;
        let b = 0;
        while (row + n < send.length && (n + 1) * cols <= roomCells) {
          const more = rowBytes(row + n);
          if (b + more > roomBytes) break;
          b += more;
          n++;
        }
        if (n > 0) {
          take({ index, row, col: 0, rows: n, cols }, b);
          row += n;
          continue;
        }
      }
      let k = 0;
      let b = 0;
      while (col + k < cols && k < roomCells && b + at(row, col + k) <= roomBytes) b += at(row, col + k++);
      if (k === 0 && trip.length) {
        close();
        continue;
      }
      if (k === 0) b = at(row, col + k++);
      take({ index, row, col, rows: 1, cols: k }, b);
      col += k;
      if (col === cols) {
        col = 0;
        row++;
      }
    }
  });
  close();
  return trips;
}

/** The header of the rows on the warnings sheet that list the cells Poolshare highlighted. */
export const HIGHLIGHT_HEADER = ['Highlighted cell: sheet', 'Cell', 'Fill before'];
const HIGHLIGHT_NOTE = 'Cells Poolshare highlighted, and the fill each had before (restored on the next Validate).';

/**
 * The warnings sheet with the highlights listed below its table (a blank row, a note, a header, a
 * row per cell; none: nothing added), and where those rows are (`hl` of its mark).
 */
export function withHighlightRows(out: OutputSheet, highlights: Highlight[]): { out: OutputSheet; hl?: string } {
  if (!highlights.length) return { out };
  const width = Math.max(HIGHLIGHT_HEADER.length, out.values[0]?.length ?? 0);
  const pad = <T>(row: T[], fill: T) => [...row, ...new Array<T>(width - row.length).fill(fill)];
  const rows: CellValue[][] = [[], [HIGHLIGHT_NOTE], HIGHLIGHT_HEADER,
    ...highlights.map((h) => [h.sheet, h.cell, h.original ?? ''])];
  const top = out.values.length + 2;
  return {
    out: {
      ...out,
      values: [...out.values.map((r) => pad(r, null as CellValue)), ...rows.map((r) => pad(r, null as CellValue))],
      numberFormats: [...out.numberFormats.map((r) => pad(r, null as string | null)),
        ...rows.map((r) => pad(r.map(() => TEXT_FORMAT), null as string | null))],
    },
    hl: boxAddress({ top, left: 0, rows: rows.length - 2, cols: HIGHLIGHT_HEADER.length }),
  };
}

/** The highlights listed on the warnings sheet, from the values read at its mark's `hl` (header first). */
export function highlightRows(values: unknown[][]): Highlight[] {
  const text = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  return values.slice(1).map((row) => ({ sheet: text(row[0]), cell: text(row[1]), original: text(row[2]) || null }))
    .filter((h) => h.sheet && parseBox(h.cell));
}

/** The cells a run's warnings point at, once each, in order. */
export function warningCells(warnings: Warning[]): Array<{ sheet: string; cell: string }> {
  const seen = new Set<string>();
  const out: Array<{ sheet: string; cell: string }> = [];
  for (const w of warnings) {
    if (!w.sheet || !w.cell) continue;
    const k = `${w.sheet}!${w.cell}`.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ sheet: w.sheet, cell: w.cell });
  }
  return out;
}

/** Notes for cells not highlighted because their sheet is protected, one per sheet. */
export function protectedNotes(cells: Array<{ sheet: string; cell: string }>): string[] {
  const by = new Map<string, string[]>();
  for (const c of cells) by.set(c.sheet, [...(by.get(c.sheet) ?? []), c.cell]);
  return [...by].map(([sheet, list]) => (list.length === 1
    ? `${sheet}!${list[0]} is on a protected sheet: not highlighted.`
    : `${list.length} cells on the protected sheet ${sheet} were not highlighted (${list.slice(0, 5).join(', ')}`
      + `${list.length > 5 ? ', …' : ''}).`));
}

/** A table of the plan (by name pattern): its 1-based header and last rows, and a column finder. */
function tableOf(plan: SheetPlan, re: RegExp) {
  const t = plan.tables.find((x) => re.test(x.name));
  const m = t && /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(t.range);
  if (!m) return null;
  const top = Number(m[2]);
  const header = plan.out.values[top - 1] ?? [];
  const col = (name: string) => header.findIndex((h) => typeof h === 'string' && norm(h) === norm(name));
  return { top, bottom: Number(m[4]), col, right: header.length };
}

/**
 * The chart of a partner sheet: pools (categories) against net contribution and final cost,
 * from its `...Pools` table. Null when the sheet has none or no rows.
 */
export interface ChartSource {
  categories: string;
  series: Array<{ name: string; range: string }>;
  right: number;
}
export function chartSource(plan: SheetPlan): ChartSource | null {
  const t = tableOf(plan, /^tblP\d+Pools(_\d+)?$/);
  if (!t || t.bottom <= t.top) return null;
  const [pool, net, fin] = [t.col('Pool'), t.col('Net contribution'), t.col('Final cost')];
  if (pool < 0 || net < 0 || fin < 0) return null;
  const span = (c: number) => `${letters(c)}${t.top + 1}:${letters(c)}${t.bottom}`;
  return {
    categories: span(pool),
    series: [{ name: 'Net contribution', range: span(net) }, { name: 'Final cost', range: span(fin) }],
    right: t.right,
  };
}

/** Excel's limit on the series of one chart. */
export const MAX_SERIES = 255;

/**
 * The Monitoring sheet's chart (monitoring.md, "What the user sees"): a line per pool of its
 * variance by period, over the rows of `tblMonitoringPools` (one row per pool and period, a pool's
 * rows together). A pool that did not run has no line. Null when the sheet has no such table or
 * no pool ran; `left` counts the pools past Excel's MAX_SERIES, not drawn.
 */
export interface LineChartSource {
  series: Array<{ name: string; values: string; x: string }>;
  left: number;
  right: number;
}
export function varianceChart(plan: SheetPlan): LineChartSource | null {
  const t = tableOf(plan, /^tblMonitoringPools(_\d+)?$/);
  if (!t) return null;
  const [pool, period, variance, status] = [t.col('Pool'), t.col('Period'), t.col('Variance'), t.col('Status')];
  if (pool < 0 || period < 0 || variance < 0 || status < 0) return null;
  const runs: Array<{ name: string; from: number; to: number }> = [];
  for (let r = t.top + 1; r <= t.bottom; r++) {
    const row = plan.out.values[r - 1] ?? [];
    if (row[status] !== 'ran') continue;
    const name = String(row[pool]);
    const last = runs[runs.length - 1];
    if (last && last.name === name && last.to === r - 1) last.to = r;
    else runs.push({ name, from: r, to: r });
  }
  if (!runs.length) return null;
  const span = (c: number, x: { from: number; to: number }) => `${letters(c)}${x.from}:${letters(c)}${x.to}`;
  return {
    series: runs.slice(0, MAX_SERIES).map((x) => ({ name: x.name, values: span(variance, x), x: span(period, x) })),
    left: Math.max(0, runs.length - MAX_SERIES),
    right: t.right,
  };
}

/** The name of the chart Poolshare keeps on a sheet (a chart of another name is the user's). */
export function chartName(plan: SheetPlan): string {
  return `${CHART_PREFIX} ${plan.name}`.slice(0, 31);
}

const AMOUNT_FORMAT = '#,##0.00';

/**
 * The input tables with the example's rows, as 2-D blocks (header first, spec column order) with a
 * number format for every cell, typed for what the column holds: amounts `#,##0.00` and percents
 * `General` (numbers, also when blank, so what is typed there later is a number; rows an Excel
 * table adds below take the column's format), codes and names `@` (text, so `01` stays `01`), and
 * in the columns that take either (Date, Period, Agreed, Value) text as text (`2025-04` is not
 * turned into a date) and anything else `General` (a date typed there stays a date).
 */
export function templateTables(
  tables: ExampleTables,
): Array<{ name: string; values: (string | number)[][]; formats: string[][] }> {
  // Every input table of the template's one definition (src/workbook/template.ts), Options and Scenarios too.
  return TEMPLATE_TABLES.map(({ name, columns }) => {
    const rows = (tables[name] ?? []).map((row) => columns.map(({ header }) => {
      const v = row[header];
      return v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
    }));
    // What the engine reads the column as; a column the engine does not read yet, as the template types it.
    const kinds = columns.map((c) => TABLES[name as TableName]?.columns.find((x) => x.header === c.header)?.kind
      ?? (c.format === 'amount' ? 'amount' : c.format === 'text' ? 'text' : 'any'));
    const format = (kind: string, v: string | number) =>
      kind === 'amount' ? AMOUNT_FORMAT : kind === 'text' || (kind === 'any' && typeof v === 'string' && v !== '')
        ? TEXT_FORMAT : 'General';
    return {
      name,
      values: [columns.map((c) => c.header), ...rows],
      formats: [columns.map(() => TEXT_FORMAT), ...rows.map((row) => row.map((v, i) => format(kinds[i], v)))],
    };
  });
}

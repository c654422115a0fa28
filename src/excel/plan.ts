/**
 * The pure half of the Office adapter: what to read, what to write and where, decided from plain
 * data so it can be tested without Excel. ./adapter.ts (the only Office.js code) carries it out.
 */
import type { CellValue, Warning } from '../engine/types';
import { TABLES, TABLE_NAMES, norm } from '../engine/tables';
import { nameKey, sheetName, TEXT_FORMAT, type OutputSheet } from '../workbook';
import example from '../../examples/poolshare-example.json';

/** Document settings keys (Office.context.document.settings): what Poolshare made, and highlights. */
export const STORE_SHEETS = 'poolshare.sheets';
export const STORE_HIGHLIGHTS = 'poolshare.highlights';
/** The fill Poolshare paints on a cell a warning points at. */
export const HIGHLIGHT = '#FFC7CE';
/** The validation sheet; the workbook layer's `Warnings` sheet is written under this name. */
export const WARNINGS_SHEET = 'Poolshare warnings';

/** Document settings, as the adapter needs them (Office's, or an in-memory one in tests). */
export interface Store {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save(): Promise<void>;
}

/** A highlighted cell and the fill it had before (null: none). */
export interface Highlight {
  sheet: string;
  cell: string;
  original: string | null;
}

export { nameKey };
const SPEC_KEYS = new Set(TABLE_NAMES.map(nameKey));
export function isSpecName(s: string): boolean {
  return SPEC_KEYS.has(nameKey(s));
}

/** Sheet ids Poolshare wrote earlier, from the store (ignores anything malformed). */
export function madeSheets(store: Store): Set<string> {
  const v = store.get(STORE_SHEETS);
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
}

export function storedHighlights(store: Store): Highlight[] {
  const v = store.get(STORE_HIGHLIGHTS);
  if (!Array.isArray(v)) return [];
  return v.filter(
    (h): h is Highlight => !!h && typeof h.sheet === 'string' && typeof h.cell === 'string' && (h.original === null || typeof h.original === 'string'),
  );
}

export interface ExistingSheet {
  name: string;
  id: string;
}

export interface SheetPlan {
  out: OutputSheet;
  /** The name to write under (the wanted one unless a user's sheet holds it). */
  name: string;
  /** Table names, made unique in the workbook. */
  tables: Array<{ name: string; range: string }>;
}

export interface WritePlan {
  sheets: SheetPlan[];
  /** Poolshare's earlier sheets, all removed (ids). User sheets are never here. */
  remove: ExistingSheet[];
}

/**
 * Where each output sheet goes: Poolshare's earlier sheets (ids in the store) are replaced; a
 * user's sheet is never touched, so an output whose name a user's sheet holds gets "(2)".
 * Table names are workbook-wide in Excel: one a user's table holds gets a suffix too.
 * `replaceAll` false (validation) removes only the earlier sheets of the names written.
 */
export function planWrite(outs: OutputSheet[], existing: ExistingSheet[], made: Set<string>, userTables: string[], replaceAll: boolean): WritePlan {
  const ours = existing.filter((s) => made.has(s.id));
  const userNames = new Set(existing.filter((s) => !made.has(s.id)).map((s) => s.name.toLowerCase()));
  const taken = new Set(userNames);
  const tablesTaken = new Set(userTables.map((t) => t.toLowerCase()));
  const sheets = outs.map((out) => {
    const wanted = out.name === 'Warnings' ? WARNINGS_SHEET : out.name;
    const name = sheetName(wanted, taken);
    const tables = out.tables.map((t) => {
      let tn = t.name;
      for (let i = 2; tablesTaken.has(tn.toLowerCase()); i++) tn = `${t.name}_${i}`;
      tablesTaken.add(tn.toLowerCase());
      return { name: tn, range: t.range };
    });
    return { out, name, tables };
  });
  const written = new Set(sheets.map((s) => s.name.toLowerCase()));
  const remove = replaceAll ? ours : ours.filter((s) => written.has(s.name.toLowerCase()));
  return { sheets, remove };
}

/** Formula-like text: Excel would run it if it were not stored as text. */
export function looksLikeFormula(v: CellValue): boolean {
  return typeof v === 'string' && /^[=+\-@]/.test(v);
}

/**
 * The 2-D values and number formats to assign: blanks as "", General as "General", and every
 * text cell starting with = + - @ formatted as text ("@") so Excel keeps it as typed.
 */
export function cellsToWrite(out: OutputSheet): { values: (string | number | boolean)[][]; formats: string[][] } {
  const values = out.values.map((row) => row.map((v) => (v === null || v === undefined ? '' : v)));
  const formats = out.values.map((row, r) =>
    row.map((v, c) => (looksLikeFormula(v) ? TEXT_FORMAT : out.numberFormats[r]?.[c] ?? 'General')),
  );
  return { values, formats };
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

/**
 * The chart of a partner sheet: pools (categories) against net contribution and final cost,
 * from its `...Pools` table. Null when the sheet has none or no rows.
 */
export function chartSource(plan: SheetPlan): { categories: string; series: Array<{ name: string; range: string }>; right: number } | null {
  const t = plan.tables.find((x) => /^tblP\d+Pools(_\d+)?$/.test(x.name));
  if (!t) return null;
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(t.range);
  if (!m) return null;
  const top = Number(m[2]);
  const bottom = Number(m[4]);
  if (bottom <= top) return null;
  const header = plan.out.values[top - 1] ?? [];
  const col = (name: string) => header.findIndex((h) => typeof h === 'string' && norm(h) === norm(name));
  const [pool, net, fin] = [col('Pool'), col('Net contribution'), col('Final cost')];
  if (pool < 0 || net < 0 || fin < 0) return null;
  const letter = (i: number) => String.fromCharCode(65 + i);
  return {
    categories: `${letter(pool)}${top + 1}:${letter(pool)}${bottom}`,
    series: [
      { name: 'Net contribution', range: `${letter(net)}${top + 1}:${letter(net)}${bottom}` },
      { name: 'Final cost', range: `${letter(fin)}${top + 1}:${letter(fin)}${bottom}` },
    ],
    right: header.length,
  };
}

/** The input tables with the example's rows, as 2-D blocks (header first), spec column order. */
export function templateTables(): Array<{ name: string; values: (string | number)[][] }> {
  const tables = (example as { tables: Record<string, Array<Record<string, CellValue>>> }).tables;
  return TABLE_NAMES.map((name) => {
    const headers = TABLES[name].columns.map((c) => c.header);
    const rows = (tables[name] ?? []).map((row) => headers.map((h) => {
      const v = row[h];
      return v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : v;
    }));
    return { name, values: [headers, ...rows] };
  });
}

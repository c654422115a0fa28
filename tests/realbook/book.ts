/**
 * A real-looking 2017/18 Section 75 workbook in £'000, shaped like Oxfordshire's two pools
 * (OCC the council, OCCG the CCG), built with exceljs so each test can mutate it the way people do.
 * Every table is a plain sheet with its header in row 1, so data row n sits on sheet row n + 1.
 */
import ExcelJS from 'exceljs';
import type { CellValue } from '../../src/engine/types';

export const POOL1 = 'Adults with care and support needs';
export const POOL2 = 'Older people';

/** A cell as typed: a value, a date, or a formula with (or, never calculated, without) its saved result. */
export type Cell = CellValue | Date | { formula: string; result?: number };

export interface SheetSpec {
  name: string;
  rows: Cell[][];
  state?: 'visible' | 'hidden' | 'veryHidden';
  merges?: string[];
  /** Write the rows as an Excel table of this name (header row first). */
  table?: string;
}

export type Book = SheetSpec[];

/** Pool 1 (£'000): gross 151,956, client income 11,004, budget 140,952; outturn 142,650. */
export function oxfordshire(): Book {
  const c = (line: string, partner: string, gross: number, income: CellValue = null): Cell[] =>
    [POOL1, line, partner, gross, income];
  const o = (line: string, partner: string, gross: number, income: CellValue = null): Cell[] =>
    [POOL2, line, partner, gross, income];
  const period = (m: number) => `2017-${String(m).padStart(2, '0')}`;
  return [
    { name: 'Partners', rows: [['Partner', 'Name'], ['OCC', 'Oxfordshire County Council'],
      ['OCCG', 'Oxfordshire Clinical Commissioning Group']] },
    { name: 'Pools', rows: [['Pool', 'Kind', 'Host', 'Method', 'Reserve', 'Underspend'],
      [POOL1, 'pooled', 'OCC', 'proportional', 0, 'share'],
      [POOL2, 'pooled', 'OCC', 'proportional', 0, 'share']] },
    { name: 'Lines', rows: [['Pool', 'Line', 'Lead', 'Forecast'],
      [POOL1, 'Learning disabilities', 'OCC', 76900],
      [POOL1, 'Mental health', 'OCCG', 47300],
      [POOL1, 'Acquired brain injury', 'OCC', 3950],
      [POOL1, 'Physical disabilities', 'OCC', 14500],
      [POOL2, 'Care homes', 'OCC', 47500],
      [POOL2, 'Home support', 'OCC', 40100]] },
    { name: 'Contributions', rows: [['Pool', 'Line', 'Partner', 'Gross', 'Income'],
      c('Learning disabilities', 'OCC', 68500, 6200), // row 2
      c('Learning disabilities', 'OCCG', 13800),
      c('Mental health', 'OCC', 9100, 400),
      c('Mental health', 'OCCG', 37600),
      c('Acquired brain injury', 'OCC', 1900, 104),
      c('Acquired brain injury', 'OCCG', 2100),
      c('Physical disabilities', 'OCC', 16956, 4300), // row 8
      c('Physical disabilities', 'OCCG', 2000),
      o('Care homes', 'OCC', 52000, 14000), // row 10
      o('Care homes', 'OCCG', 9000),
      o('Home support', 'OCC', 28000, 3000),
      o('Home support', 'OCCG', 16000)] },
    { name: 'Payments', rows: [['Pool', 'Partner', 'Period', 'Amount'],
      ...[4, 5, 6].map((m) => [POOL1, 'OCCG', period(m), 4625]),
      ...[4, 5, 6].map((m) => [POOL2, 'OCCG', period(m), 2083.33])] },
    { name: 'Settings', rows: [['Setting', 'Value'], ['Units', "£'000"], ['Year start', '2017-04'],
      ['Materiality', 5]] },
    { name: 'Committee report', rows: reportBlock(`Pool 1: ${POOL1}`, [
      ['Learning disabilities', 68500, 13800],
      ['Mental health', 9100, 37600],
      ['Acquired brain injury', 1900, 2100],
      ['Physical disabilities', 16956, 2000]], [-11004, 0]) },
  ];
}

/**
 * The committee report's block as the annex prints it: title, units, the lines, the gross row
 * (the lines' sums, so the block ties), client income (negative, as printed) and the net row.
 */
function reportBlock(title: string, lines: Array<[string, number, number]>, income: [number, number]): Cell[][] {
  const gross = [0, 1].map((j) => lines.reduce((t, l) => t + (j === 0 ? l[1] : l[2]), 0));
  return [
    ['Annex 1: Pooled budgets 2017/18'], [], [title, 'OCC', 'OCCG'], [null, "£'000", "£'000"],
    ['Contributions to pool:'], ...lines,
    ['Gross contribution', ...gross], ['Less service user income', ...income],
    ['Net contribution', ...gross.map((g, j) => g + income[j])],
  ];
}

export function sheet(book: Book, name: string): SheetSpec {
  const s = book.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

export async function writeBook(file: string, book: Book): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of book) {
    const ws = wb.addWorksheet(s.name, s.state ? { state: s.state } : undefined);
    if (s.table) {
      const [head, ...data] = s.rows;
      ws.addTable({ name: s.table, ref: 'A1', headerRow: true, columns: head.map((h) => ({ name: String(h) })),
        rows: data.map((r) => head.map((_, i) => (r[i] ?? null) as ExcelJS.CellValue)) });
    } else {
      s.rows.forEach((row, r) => row.forEach((v, c) => {
        if (v !== null && v !== undefined) ws.getCell(r + 1, c + 1).value = v as ExcelJS.CellValue;
      }));
    }
    for (const m of s.merges ?? []) ws.mergeCells(m);
  }
  await wb.xlsx.writeFile(file);
}

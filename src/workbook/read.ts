/**
 * From a workbook's 2-D cell values to the engine's input (spec, "Input tables" and "Report
 * blocks"), remembering for every table cell its sheet and A1 address.
 *
 * A table is found by Excel table (ListObject) name, and on a sheet named like it (case, spaces and
 * underscores ignored; a copy's marks too: `Contributions (2)`, `Copy of Contributions`): that
 * sheet's Excel table if it has one, else the sheet itself with its header in one of its first
 * non-blank rows (the first holding the table's first required column, e.g. `Pool`; titles above).
 * One table, one source (spec, reading 15): places that hold the same contents are read once,
 * visible before hidden, with a SOURCE_NOTE; places that differ are an AMBIGUOUS_TABLE error naming
 * both, and the table is not read; a table on a hidden sheet gets a SOURCE_NOTE; a header merged
 * over two or more columns is a MERGED_HEADER error on its cell, and the table is not read. Data row
 * n (1-based, header excluded, blank rows counted) is the sheet row just n below the header, so the
 * engine's row numbers map straight to sheet rows. Sheets may be sparse (rows and cells that do not
 * exist are holes): only what exists is visited.
 *
 * Report blocks are looked for on every sheet that is not itself a place of a table (hidden sheets
 * too, with a SOURCE_NOTE). Their checks
 * are returned as warnings. When the workbook has no Contributions table the blocks supply its
 * rows; likewise Partners and Pools rows when those tables are absent, and a `Units` setting
 * (from the blocks' units row, when they agree) when there is no Settings table.
 */
import type { CellRef, CellValue, Locator, RawRow, Warning } from '../engine/types';
import { norm } from '../engine/tables';
import { isBlank, parseNumber } from '../engine/numbers';
import { Decimal, ZERO, groupMoney } from '../engine/money';
import { netOf } from '../engine/model/contributions';
import { a1, indexes, parseRange, rangeA1, sheetRef } from './a1';
import { SEVERITY } from '../engine/warnings';
import { blockToTables, checkReportBlock, findReportBlocks } from './blocks';
import type { ListObjectData, LocatedRow, ReportBlock, SheetData, WorkbookRead } from './types';
import { pushAll } from '../engine/arrays';
import { TEMPLATE_TABLES } from './template';
import { TableRows, headerRow } from './rows';

/** A table's rows and where each of their cells sits. */
interface Source {
  rows: RawRow[];
  locate: (row: number, column?: string) => CellRef | undefined;
}

/** How table and sheet names are compared: case, spaces and underscores ignored. */
export function nameKey(s: string): string {
  return norm(s).replace(/[\s_]+/g, '');
}

/**
 * A sheet's name with the copy marks people and programs add taken off: `Contributions (2)` (Excel),
 * `Copy of Contributions`, `Contributions_2` (LibreOffice). `Payments_2025` is not a copy.
 */
function copyKey(s: string): string {
  return nameKey(s.replace(/^\s*copy\s+of\s+/i, '').replace(/\s*\(\d+\)\s*$/, '').replace(/_[2-9]$/, ''));
}

/**
 * A table from a range whose first row is the header; `top`/`left` are its 1-based sheet corner.
 * `made`: its data rows, already made by TableRows from this header as the sheet streamed.
 */
function fromRange(sheet: string, top: number, left: number, values: CellValue[][], made?: RawRow[]):
  Source & { width: number } {
  const table = new TableRows(values[0] ?? []);
  let rows = made;
  if (rows === undefined) {
    // Row by row (rows that do not exist are holes, counted).
    for (let r = 1; r < values.length; r++) {
      const src = values[r];
      if (src === undefined) table.skip();
      else table.add(src);
    }
    rows = table.done();
  }
  return { rows, width: table.width, locate: rangeLocator(sheet, top, left, table.column, table.first) };
}

/**
 * Where a range's cell sits, made apart from `fromRange` so that the closure holds only what it
 * needs: made inside, it would keep the sheet's whole grid of values alive for the run.
 */
function rangeLocator(sheet: string, top: number, left: number, column: Map<string, number>, first: number):
  Source['locate'] {
  return (row, col) => {
    const c = col === undefined ? first : column.get(norm(col)) ?? first;
    return { sheet, cell: a1(top + row, left + c) };
  };
}

/** A table built from report-block rows. */
function fromLocated(list: LocatedRow[]): Source {
  return {
    rows: list.map((x) => x.values),
    locate: (row, col) => {
      const cells = list[row - 1]?.cells;
      if (!cells) return undefined;
      const hit = col === undefined ? undefined : Object.keys(cells).find((k) => norm(k) === norm(col));
      return cells[hit ?? Object.keys(cells)[0]];
    },
  };
}

/** One place a table could be read from. */
interface Place {
  source: Source;
  sheet: string;
  /** The sheet holds no Excel table: the sheet itself is read. */
  whole: boolean;
  /** The Excel table's name, when it is one. */
  listObject?: string;
  visibility: 'visible' | 'hidden' | 'veryHidden';
  /** Its name is the table's (not a copy's). */
  exact: boolean;
  top: number;
  left: number;
  range: string;
}

const placeOf = (sheet: SheetData | undefined, name: string, top: number, left: number, values: CellValue[][],
  extra: Pick<Place, 'whole' | 'listObject' | 'exact'>, made?: RawRow[]): Place => {
  const source = fromRange(name, top, left, values, made);
  return {
    source, sheet: name, top, left, visibility: sheet?.visibility ?? 'visible', ...extra,
    range: rangeA1(top, left, top + source.rows.length, left + source.width - 1),
  };
};

const hiddenWord = (v: SheetData['visibility']) => (v === 'veryHidden' ? 'a very hidden' : 'a hidden');

/** "the Excel table Contributions at Data!A1:F9" or "the sheet 'Contributions (2)' (A1:F9), hidden". */
function describe(p: Place): string {
  const hidden = p.visibility === 'visible' ? '' : `, ${hiddenWord(p.visibility)} sheet`;
  return p.listObject !== undefined
    ? `the Excel table ${p.listObject} at ${sheetRef(p.sheet)}!${p.range}${hidden}`
    : `the sheet ${sheetRef(p.sheet)} (${p.range}${hidden})`;
}

/** A table's contents, to tell copies that agree from copies that differ (headers compared as the spec does). */
function contents(source: Source): string {
  return JSON.stringify(source.rows.map((row) => Object.entries(row)
    .filter(([, v]) => !isBlank(v))
    .map(([k, v]) => [norm(k), String(v).trim()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** Every place the table could come from: Excel tables of its name, sheets of its name (or a copy's), hidden or not. */
function places(name: string, first: string, sheets: SheetData[], listObjects: ListObjectData[]): Place[] {
  const want = nameKey(name);
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const out: Place[] = [];
  for (const lo of listObjects.filter((t) => nameKey(t.name) === want)) {
    const extra = { whole: false, listObject: lo.name, exact: true };
    out.push(placeOf(byName.get(lo.sheet), lo.sheet, lo.top, lo.left, lo.values, extra, lo.rows));
  }
  for (const sheet of sheets.filter((s) => copyKey(s.name) === want)) {
    const exact = nameKey(sheet.name) === want;
    const onSheet = listObjects.find((t) => t.sheet === sheet.name);
    if (onSheet) {
      if (nameKey(onSheet.name) !== want) {
        const extra = { whole: false, listObject: onSheet.name, exact };
        out.push(placeOf(sheet, sheet.name, onSheet.top, onSheet.left, onSheet.values, extra, onSheet.rows));
      }
      continue;
    }
    // The header the stream found (headerSeek, as headerRow: the last row held), or the first row holding
    // the first column.
    const r = sheet.rows ? sheet.values.length - 1 : headerRow(sheet.values, norm(first));
    if (r < 0) continue;
    const values: CellValue[][] = r === 0 ? sheet.values : [];
    if (r > 0) for (const i of indexes(sheet.values)) if (i >= r) values[i - r] = sheet.values[i];
    const top = (sheet.top ?? 1) + r;
    out.push(placeOf(sheet, sheet.name, top, sheet.left ?? 1, values, { whole: true, exact }, sheet.rows));
  }
  return out;
}

/**
 * What of a sheet readWorkbook reads, known from its name and its Excel tables' names alone, so that
 * a reader can make the tables' rows as the sheet streams and hold nothing else of it:
 * - `tables`: only its Excel tables (one is named like an input table, or the sheet is, so the sheet
 *   is a place of a table: never read whole, nor looked at for report blocks);
 * - `header`: it has no Excel table and is named like an input table: read whole as that table when
 *   one of its first rows holds the table's first column, `header` (normalised), else for report blocks;
 * - undefined: it may hold report blocks anywhere, so all of it.
 */
export function readOf(sheet: string, listObjects: string[]): 'tables' | { header: string } | undefined {
  const named = TEMPLATE_TABLES.find((t) => nameKey(t.name) === copyKey(sheet));
  if (listObjects.length > 0) {
    const tables = new Set(TEMPLATE_TABLES.map((t) => nameKey(t.name)));
    return named || listObjects.some((n) => tables.has(nameKey(n))) ? 'tables' : undefined;
  }
  return named ? { header: norm(named.columns[0].header) } : undefined;
}

/** Visible before hidden, the table's own name before a copy's, an Excel table before a sheet. */
const rank = (p: Place) =>
  (p.visibility === 'visible' ? 0 : 4) + (p.exact ? 0 : 2) + (p.listObject !== undefined ? 0 : 1);

/** A header cell merged over two or more of the table's columns: the first such merge, or undefined. */
function mergedHeader(place: Place, sheet: SheetData | undefined): string | undefined {
  const { right } = parseRange(place.range);
  return (sheet?.merges ?? []).find((m) => {
    const r = parseRange(m);
    return r.top === place.top && r.right > r.left && r.left <= right && r.right >= place.left;
  });
}

/**
 * The table's one source (spec, reading 15), with the reader's notes and errors: copies that agree
 * are read once (SOURCE_NOTE); copies that differ are an AMBIGUOUS_TABLE error and the table is not
 * read; a table on a hidden sheet is read with a SOURCE_NOTE; a header merged over two or more
 * columns is a MERGED_HEADER error and the table is not read (one of its columns would be lost).
 */
function findTable(
  name: string, first: string, sheets: SheetData[], listObjects: ListObjectData[], warnings: Warning[],
): { source?: Source; sheets: string[]; refused?: boolean } {
  const found = places(name, first, sheets, listObjects).sort((a, b) => rank(a) - rank(b));
  const seen = new Set<string>();
  const distinct = found.filter((p) => !seen.has(`${p.sheet}!${p.range}`) && seen.add(`${p.sheet}!${p.range}`));
  const onSheets = [...new Set(found.map((p) => p.sheet))];
  if (distinct.length === 0) return { sheets: onSheets };
  const [chosen, ...others] = distinct;
  const note = (code: 'SOURCE_NOTE' | 'AMBIGUOUS_TABLE' | 'MERGED_HEADER', p: Place, cell: string, message: string) =>
    warnings.push({
      code, severity: SEVERITY[code], table: name, sheet: p.sheet, cell,
      message: `${sheetRef(p.sheet)}!${cell}: ${message}`,
    });
  const corner = (p: Place) => a1(p.top, p.left);
  const differ = others.find((p) => contents(p.source) !== contents(chosen.source));
  if (differ) {
    note('AMBIGUOUS_TABLE', chosen, corner(chosen), `${name} is in two places with different contents, `
      + `${describe(chosen)} and ${describe(differ)}; neither is read. Delete or rename the one that is not current, `
      + 'then run again.');
    return { sheets: onSheets, refused: true };
  }
  const sheet = sheets.find((s) => s.name === chosen.sheet);
  const merged = mergedHeader(chosen, sheet);
  if (merged) {
    const cell = merged.split(':')[0].replace(/\$/g, '');
    note('MERGED_HEADER', chosen, cell, `a header of ${name} is merged over ${merged}, so a column has no header and `
      + `${name} is not read; unmerge the cells and type a header in each column, then run again.`);
    return { sheets: onSheets, refused: true };
  }
  if (chosen.visibility !== 'visible') {
    note('SOURCE_NOTE', chosen, corner(chosen),
      `${name} is read from ${describe(chosen)}; unhide it to see what is read.`);
  }
  for (const p of others) {
    note('SOURCE_NOTE', p, corner(p),
      `${describe(p)} holds the same ${name} as ${describe(chosen)}; it is read once, from the latter.`);
  }
  return { source: chosen.source, sheets: onSheets };
}

/** Looks up a column of a raw row by its spec header. */
function get(row: RawRow, header: string): string | null {
  const k = Object.keys(row).find((key) => norm(key) === norm(header));
  const v = k === undefined ? null : row[k];
  return isBlank(v) ? null : String(v).trim();
}

/** A name -> code map from a table's rows (case-insensitive), over the given columns. */
function codes(source: Source | undefined, code: string, also: string[] = []): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of source?.rows ?? []) {
    const c = get(row, code);
    if (c === null) continue;
    for (const h of [code, ...also]) {
      const v = get(row, h);
      if (v !== null && !map.has(norm(v))) map.set(norm(v), c);
    }
  }
  return map;
}

/** Rows of several blocks for one table, the first of each key kept (Partners, Pools). */
function distinct(rows: LocatedRow[], key: string): LocatedRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = norm(String(r.values[key]));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An amount of a table cell as the engine reads it (blank 0; a blank Gross null), or null. */
function amountOf(row: RawRow, header: string): Decimal | null {
  const k = Object.keys(row).find((key) => norm(key) === norm(header));
  const p = parseNumber(k === undefined ? null : row[k]);
  if (p.kind === 'blank') return header === 'Gross' ? null : ZERO; // a blank Gross is its own error
  if (p.kind !== 'number') return null;
  return p.value;
}

/**
 * One table, one source for Contributions when the workbook has both a Contributions table and
 * report blocks (reading 15): each block's line figures (gross, per line and partner) and its net
 * row must agree with the table's rows for that pool. A figure that differs is an AMBIGUOUS_TABLE
 * error on the block's cell, for that pool only (its figures are not worked out from either).
 */
function checkBlocksAgainstTable(
  blocks: ReportBlock[], table: Source, poolOf: (b: ReportBlock) => string, partner: (h: string) => string,
): Warning[] {
  const out: Warning[] = [];
  const byPool = new Map<string, RawRow[]>(); // one pass over the table, however many blocks
  for (const r of table.rows) {
    const k = norm(get(r, 'Pool') ?? '');
    const list = byPool.get(k);
    if (list) list.push(r);
    else byPool.set(k, [r]);
  }
  for (const b of blocks) {
    const pool = poolOf(b);
    const rows = byPool.get(norm(pool)) ?? [];
    if (rows.length === 0) continue;
    b.partners.forEach((head, j) => {
      const code = partner(head.name);
      const mine = rows.filter((r) => norm(get(r, 'Partner') ?? '') === norm(code));
      const say = (cell: string, what: string, printed: Decimal, typed: Decimal) => out.push({
        code: 'AMBIGUOUS_TABLE', severity: SEVERITY.AMBIGUOUS_TABLE, table: 'Contributions', pool, sheet: b.sheet, cell,
        message: `${sheetRef(b.sheet)}!${cell}: the report block shows ${groupMoney(printed)} for ${head.name} ${what} `
          + `of pool ${pool}, but the Contributions table has ${groupMoney(typed)} (difference `
          + `${groupMoney(printed.minus(typed))}); one of them is out of date: correct it so that they agree.`,
      });
      let agreed = true;
      for (const line of b.lines) {
        const x = line.cells[j];
        if (!x || x.value === null) continue;
        let typed: Decimal | null = ZERO;
        for (const r of mine.filter((row) => norm(get(row, 'Line') ?? '') === norm(line.label))) {
          const g = amountOf(r, 'Gross');
          typed = typed === null || g === null ? null : typed.plus(g);
        }
        if (typed === null || x.value.minus(typed).abs().lte('0.005')) continue;
        agreed = false;
        say(x.cell, `on line ${line.label}`, x.value, typed);
      }
      const net = b.net.cells[j];
      if (!agreed || !net || net.value === null) return;
      let typedNet: Decimal | null = ZERO;
      for (const r of mine) {
        const g = amountOf(r, 'Gross');
        const i = amountOf(r, 'Income');
        const gr = amountOf(r, 'Grant');
        typedNet = typedNet === null || g === null || i === null || gr === null ? null
          : typedNet.plus(netOf(g, i, gr));
      }
      if (typedNet !== null && net.value.minus(typedNet).abs().gt('0.005')) {
        say(net.cell, 'as its net contribution', net.value, typedNet);
      }
    });
  }
  return out;
}

/** Reads the input tables and the report blocks from a workbook's sheets and Excel tables. */
export function readWorkbook(sheets: SheetData[], listObjects: ListObjectData[] = []): WorkbookRead {
  const sources = new Map<string, Source>();
  const tableSheets = new Set<string>();
  const notes: Warning[] = [];
  /** Tables found but not read (ambiguous, or a merged header): never filled from report blocks either. */
  const refused = new Set<string>();
  // Every input table of the rules (the engine's, then options.md's Options and Scenarios), found by
  // its name and, on a sheet without an Excel table, by its first header.
  for (const { name, columns } of TEMPLATE_TABLES) {
    const found = findTable(name, columns[0].header, sheets, listObjects, notes);
    if (found.source) sources.set(name, found.source);
    if (found.refused) refused.add(name);
    for (const s of found.sheets) tableSheets.add(s);
  }
  const blockSheets = sheets.filter((s) => !tableSheets.has(s.name));
  const blocks: ReportBlock[] = blockSheets.flatMap(findReportBlocks);
  for (const s of blockSheets.filter((x) => x.visibility === 'hidden' || x.visibility === 'veryHidden')) {
    const first = blocks.find((b) => b.sheet === s.name);
    if (!first) continue;
    notes.push({
      code: 'SOURCE_NOTE', severity: SEVERITY.SOURCE_NOTE, sheet: s.name, cell: first.titleCell,
      message: `${sheetRef(s.name)}!${first.titleCell}: the report blocks on ${hiddenWord(s.visibility)} sheet `
        + `${s.name} are read; unhide it to see what is read.`,
    });
  }

  const partnerCodes = codes(sources.get('Partners'), 'Partner', ['Name']);
  const poolCodes = codes(sources.get('Pools'), 'Pool');
  const poolOf = (b: ReportBlock) => poolCodes.get(norm(b.title)) ?? poolCodes.get(norm(b.pool)) ?? b.pool;
  const names = { partner: (h: string) => partnerCodes.get(norm(h)) ?? h, pool: poolOf };
  const warnings: Warning[] = [...notes, ...blocks.flatMap((b) => checkReportBlock(b, poolOf(b)))];

  const open = (name: string) => !sources.has(name) && !refused.has(name);
  if (blocks.length > 0) {
    const derived = blocks.map((b) => blockToTables(b, names));
    const table = sources.get('Contributions');
    if (table) pushAll(warnings, checkBlocksAgainstTable(blocks, table, poolOf, names.partner));
    if (open('Contributions')) {
      sources.set('Contributions', fromLocated(derived.flatMap((d) => d.Contributions)));
      const where = [...new Set(blocks.map((b) => b.sheet))];
      warnings.push({
        code: 'SOURCE_NOTE', severity: SEVERITY.SOURCE_NOTE, table: 'Contributions', sheet: blocks[0].sheet,
        cell: blocks[0].titleCell, message: `${sheetRef(blocks[0].sheet)}!${blocks[0].titleCell}: the workbook has `
          + `no Contributions table, so the contributions are taken from the report blocks on ${where.join(', ')} `
          + `(pools ${[...new Set(blocks.map(poolOf))].join(', ')}).`,
      });
    }
    if (open('Partners')) sources.set('Partners', fromLocated(distinct(derived.flatMap((d) => d.Partners), 'Partner')));
    if (open('Pools')) sources.set('Pools', fromLocated(distinct(derived.flatMap((d) => d.Pools), 'Pool')));
    const units = new Set(blocks.map((b) => b.units?.text));
    const unit = blocks[0].units;
    if (open('Settings') && units.size === 1 && unit) {
      sources.set('Settings', fromLocated([{
        values: { Setting: 'Units', Value: unit.text },
        cells: {
          Setting: { sheet: blocks[0].sheet, cell: unit.cell }, Value: { sheet: blocks[0].sheet, cell: unit.cell },
        },
      }]));
    }
  }

  const tables: Record<string, RawRow[]> = {};
  for (const [name, source] of sources) tables[name] = source.rows;
  return { input: { tables, locate: locatorOf(sources), warnings }, warnings };
}

/**
 * The workbook's locator: each table's own locator, not its rows. Made apart from readWorkbook, whose
 * closures share one scope that holds the sources and so the rows: a caller that lets the rows go
 * (the command line, once the model is built) then frees them, and warnings are still placed.
 */
function locatorOf(sources: Map<string, Source>): Locator {
  const locators = [...sources].map(([name, source]) => ({ key: nameKey(name), locate: source.locate }));
  return (table, row, column) => {
    const key = nameKey(table);
    for (const x of locators) if (x.key === key) return x.locate(row, column);
    return undefined;
  };
}

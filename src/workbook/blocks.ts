/**
 * Committee-report blocks (spec, "Report blocks"): finding them on a sheet, checking their
 * arithmetic (TOTAL_MISMATCH, NET_MISMATCH) and turning them into Partners, Pools and
 * Contributions rows. Pure: works on 2-D cell values.
 */
import type { CellValue, Warning, WarningCode } from '../engine/types';
import { Decimal, HALF_PENNY, ZERO, allocate, groupMoney, sum } from '../engine/money';
import { isBlank, parseNumber, show } from '../engine/numbers';
import { SEVERITY } from '../engine/warnings';
import { a1, indexes } from './a1';
import type { BlockCell, BlockRow, BlockTables, LocatedRow, ReportBlock, SheetData } from './types';

/** Differences up to half a penny are not slips (spec, NET_MISMATCH). */
const GROSS = /^\s*gross\b/i;
const NET = /^\s*net\b/i;
const TOTAL = /^\s*total\b/i;
const DASH = /^\s*[-\u2013\u2014]+\s*$/;
const POOL_PREFIX = /^\s*pool\b[^:]*:\s*(.+?)\s*$/i;
/** The units the spec knows: £, or £'000 (also written £000 or £k). */
const UNITS = /^\s*£\s*(?:['’]?\s*0{3}|k)?\s*$/i;

/** Reads a sheet's values by 0-based index, blank outside the array. */
function at(values: CellValue[][], r: number, c: number): CellValue {
  const row = values[r];
  return row === undefined ? null : row[c];
}

/** Text that is not a number: what titles, partner headers and labels are. */
function isLabel(v: CellValue): v is string {
  return typeof v === 'string' && !isBlank(v) && !DASH.test(v) && parseNumber(v).kind === 'invalid';
}

function readCell(v: CellValue, cell: string): BlockCell {
  if (typeof v === 'string' && DASH.test(v)) return { cell, raw: v, value: ZERO, invalid: false };
  const p = parseNumber(v);
  if (p.kind === 'number') return { cell, raw: v, value: p.value, invalid: false };
  return { cell, raw: v, value: null, invalid: p.kind === 'invalid' };
}

/** Blank cells allowed between a block's title and its first partner (a title merged across them). */
const MAX_GAP = 2;

/**
 * A header row at (r, c): a label whose left neighbour is blank, followed (after at most MAX_GAP
 * blank cells) by one or more contiguous labels: the partners, perhaps a Total column. Returns
 * those columns (0-based), or none.
 */
function headerColumns(values: CellValue[][], r: number, c: number): number[] {
  if (!isLabel(at(values, r, c)) || (c > 0 && !isBlank(at(values, r, c - 1)))) return [];
  let j = c + 1;
  while (j <= c + MAX_GAP && isBlank(at(values, r, j)) && j < (values[r]?.length ?? 0)) j++;
  const cols: number[] = [];
  for (; !isBlank(at(values, r, j)); j++) {
    if (!isLabel(at(values, r, j))) return [];
    cols.push(j);
  }
  return cols;
}

/** Finds every report block on a sheet, top to bottom, left to right. */
export function findReportBlocks(sheet: SheetData): ReportBlock[] {
  const { values } = sheet;
  const top = sheet.top ?? 1;
  const left = sheet.left ?? 1;
  const blocks: ReportBlock[] = [];
  /** Column ranges already inside a block, per 0-based row. */
  const taken: Array<Array<[number, number]>> = [];
  const isTaken = (r: number, c: number) => (taken[r] ?? []).some(([a, b]) => c >= a && c <= b);
  // Only the rows and cells that exist are visited (a sheet may be sparse).
  const rows = indexes(values);
  rows.forEach((r, at) => {
    let skipTo = -1;
    for (const c of indexes(values[r] ?? [])) {
      if (c <= skipTo || isTaken(r, c)) continue;
      const cols = headerColumns(values, r, c);
      if (cols.length === 0) continue;
      const block = readBlock(sheet, r, c, cols, rows, at + 1);
      if (!block) continue;
      blocks.push(block);
      const right = cols[cols.length - 1];
      for (const rr of rows.slice(at, rows.indexOf(block.bottom - top, at) + 1)) (taken[rr] ??= []).push([c, right]);
      skipTo = right;
    }
  });
  return blocks;
}

/**
 * Reads the block whose title is at (r, c) and partner (and Total) columns are `cols`, or undefined;
 * `rows` are the sheet's rows that exist (0-based, in order), the first under the title at `from`.
 */
function readBlock(
  sheet: SheetData, r: number, c: number, cols: number[], rows: number[], from: number,
): ReportBlock | undefined {
  const { values } = sheet;
  const top = sheet.top ?? 1;
  const left = sheet.left ?? 1;
  const addr = (rr: number, cc: number) => a1(top + rr, left + cc);
  const k = cols.length;
  // A trailing "Total" column is checked against the partners, not read as one.
  const totalCol = k > 1 && TOTAL.test(String(at(values, r, cols[k - 1]))) ? cols[k - 1] : undefined;
  const partnerCols = totalCol === undefined ? cols : cols.slice(0, -1);
  const title = String(at(values, r, c)).trim();
  const rowOf = (rr: number): BlockRow => {
    const label = at(values, rr, c);
    const row: BlockRow = {
      label: isBlank(label) ? '' : String(label).trim(),
      labelCell: addr(rr, c),
      row: top + rr,
      cells: partnerCols.map((cc) => readCell(at(values, rr, cc), addr(rr, cc))),
    };
    if (totalCol !== undefined) row.total = readCell(at(values, rr, totalCol), addr(rr, totalCol));
    return row;
  };
  let units: ReportBlock['units'];
  const lines: BlockRow[] = [];
  const deductions: ReportBlock['deductions'] = [];
  let gross: BlockRow | undefined;
  for (let k = from; k < rows.length; k++) {
    const rr = rows[k];
    if (headerColumns(values, rr, c).length > 0) return undefined; // another header before this one closed
    const label = at(values, rr, c);
    const amounts = cols.map((cc) => at(values, rr, cc));
    if (amounts.every(isBlank)) continue; // a blank or text-only row
    if (isBlank(label) && amounts.every((v) => isBlank(v) || isLabel(v))) {
      // A units row (or other text with no label): skipped; a unit the spec knows is remembered.
      const unit = amounts.find((v) => typeof v === 'string' && UNITS.test(v));
      if (unit !== undefined) {
        units ??= { text: /0{3}|k/i.test(String(unit)) ? "£'000" : '£', cell: addr(rr, cols[amounts.indexOf(unit)]) };
      }
      continue;
    }
    const text = isBlank(label) ? '' : String(label);
    if (gross === undefined) {
      if (GROSS.test(text)) gross = rowOf(rr);
      else lines.push(rowOf(rr));
    } else if (NET.test(text)) {
      return {
        sheet: sheet.name,
        title,
        titleCell: addr(r, c),
        pool: POOL_PREFIX.exec(title)?.[1] ?? title,
        partners: partnerCols.map((cc) => ({ name: String(at(values, r, cc)).trim(), cell: addr(r, cc) })),
        ...(totalCol !== undefined
          ? { totalColumn: { name: String(at(values, r, totalCol)).trim(), cell: addr(r, totalCol) } }
          : {}),
        ...(units ? { units } : {}),
        lines,
        gross,
        deductions,
        net: rowOf(rr),
        top: top + r,
        bottom: top + rr,
      };
    } else {
      deductions.push({ ...rowOf(rr), kind: /grant/i.test(text) ? 'grant' : 'income' });
    }
  }
  return undefined;
}

/** The sum of readable cells, or null when one of them cannot be read. */
function total(cells: BlockCell[]): Decimal | null {
  return cells.some((x) => x.invalid) ? null : sum(cells.map((x) => x.value ?? ZERO));
}

/**
 * Checks a block: unreadable cells, lines against the gross row (TOTAL_MISMATCH), gross plus
 * deductions against the net row (NET_MISMATCH), and a Total column against its partners. Each
 * warning carries the block's sheet and the cell, and names the figure printed, the figure
 * computed and the difference. `pool` is the pool name to file them under (default block.pool).
 */
export function checkReportBlock(block: ReportBlock, pool: string = block.pool): Warning[] {
  const out: Warning[] = [];
  const add = (code: WarningCode, cell: string, message: string) =>
    out.push({
      code, severity: SEVERITY[code], message: `${block.sheet}!${cell}: ${message}`, pool, sheet: block.sheet, cell,
    });
  const where = `in the block "${block.title}"`;
  const rows = [...block.lines, block.gross, ...block.deductions, block.net];
  for (const row of rows) {
    if (row.label === '') {
      add('BLANK_REQUIRED', row.labelCell, `a row of figures ${where} has no label; name the line.`);
    }
    row.cells.forEach((x, j) => {
      if (x.invalid) {
        add('NOT_A_NUMBER', x.cell,
          `${row.label || 'a row'}, ${block.partners[j].name} ${where}: ${show(x.raw)} is not a number.`);
      }
    });
    if (row.total?.invalid) {
      add('NOT_A_NUMBER', row.total.cell,
        `${row.label}, ${block.totalColumn?.name} ${where}: ${show(row.total.raw)} is not a number.`);
    }
  }
  const slip = (code: WarningCode, x: BlockCell, what: string, computed: Decimal, how: string) => {
    if (x.value === null) return;
    const diff = x.value.minus(computed);
    if (diff.abs().greaterThan(HALF_PENNY)) {
      add(code, x.cell, `${what} ${where} is printed as ${groupMoney(x.value)} but ${how} ${groupMoney(computed)}: `
        + `difference ${groupMoney(diff)}.`);
    }
  };
  block.partners.forEach((p, j) => {
    const used = rows.some((row) => !isBlank(row.cells[j].raw));
    for (const row of [block.gross, block.net]) {
      if (used && row.cells[j].value === null && !row.cells[j].invalid) {
        add('BLANK_REQUIRED', row.cells[j].cell, `${row.label}, ${p.name} ${where} is blank; type the figure.`);
      }
    }
    const lines = total(block.lines.map((row) => row.cells[j]));
    if (lines !== null) {
      slip('TOTAL_MISMATCH', block.gross.cells[j], `${block.gross.label} for ${p.name}`, lines, 'its lines add up to');
    }
    const deducted = total(block.deductions.map((row) => row.cells[j]));
    const gross = block.gross.cells[j].value;
    if (deducted !== null && gross !== null) {
      slip('NET_MISMATCH', block.net.cells[j], `${block.net.label} for ${p.name}`, gross.plus(deducted),
        `${block.gross.label.toLowerCase()} ${groupMoney(gross)} with the deductions (${groupMoney(deducted)}) is`);
    }
    const hasLine = block.lines.some((row) => row.label !== '' && row.cells[j].value !== null);
    const ded = block.deductions.find((row) => row.cells[j].value !== null && !row.cells[j].value.isZero());
    if (ded && !hasLine) {
      add('INVALID_VALUE', ded.cells[j].cell, `${ded.label}, ${p.name} ${where}: a deduction for a partner with `
        + 'no line figures cannot be placed on a line; add its lines.');
    }
  });
  if (block.totalColumn) {
    const name = block.totalColumn.name;
    for (const row of rows) {
      const parts = total(row.cells);
      if (row.total && parts !== null) {
        slip('TOTAL_MISMATCH', row.total, `${name} of ${row.label || 'a row'}`, parts, 'its partners add up to');
      }
    }
  }
  return out;
}

/** How a block's names map to the workbook's codes (from its Partners and Pools tables, if any). */
export interface BlockNames {
  partner?: (header: string) => string;
  pool?: (block: ReportBlock) => string;
}

/**
 * Turns a block into Partners, Pools and Contributions rows. Each line figure becomes a
 * Contributions row (Gross as printed; a blank cell gives no row, an unreadable one is left to
 * checkReportBlock's NOT_A_NUMBER). A partner's deductions, summed by kind and negated (they are
 * printed signed, so "-5,000" is Income 5,000), are spread over its lines in proportion to their
 * gross by the money rule, or placed whole on its first line when its gross figures cannot weigh
 * (a negative line, or a zero total). The block's Net row is not copied: checkReportBlock checks it.
 */
export function blockToTables(block: ReportBlock, names: BlockNames = {}): BlockTables {
  const pool = names.pool?.(block) ?? block.pool;
  const codes = block.partners.map((p) => names.partner?.(p.name) ?? p.name);
  const ref = (cell: string) => ({ sheet: block.sheet, cell });
  const Partners: LocatedRow[] = block.partners.map((p, j) => ({
    values: { Partner: codes[j], Name: p.name },
    cells: { Partner: ref(p.cell), Name: ref(p.cell) },
  }));
  const Pools: LocatedRow[] = [{ values: { Pool: pool }, cells: { Pool: ref(block.titleCell) } }];
  const Contributions: LocatedRow[] = [];
  block.partners.forEach((_, j) => {
    const mine: Array<{ row: LocatedRow; gross: Decimal }> = [];
    for (const line of block.lines) {
      const x = line.cells[j];
      if (line.label === '' || x.value === null) continue;
      const row: LocatedRow = {
        values: { Pool: pool, Line: line.label, Partner: codes[j], Gross: x.value.toString() },
        // The figure first: a warning about the row as a whole points at it.
        cells: {
          Gross: ref(x.cell), Line: ref(line.labelCell), Partner: ref(block.partners[j].cell),
          Pool: ref(block.titleCell),
        },
      };
      mine.push({ row, gross: x.value });
      Contributions.push(row);
    }
    if (mine.length === 0) return;
    for (const kind of ['income', 'grant'] as const) {
      const rows = block.deductions.filter((d) => d.kind === kind && d.cells[j].value !== null);
      if (rows.length === 0) continue;
      const amount = sum(rows.map((d) => d.cells[j].value as Decimal)).negated();
      const weights = mine.map((m) => m.gross);
      const weighable = weights.every((w) => !w.isNegative()) && !sum(weights).isZero();
      const parts = weighable ? allocate(amount, weights) : mine.map((_, i) => (i === 0 ? amount : ZERO));
      const column = kind === 'income' ? 'Income' : 'Grant';
      mine.forEach((m, i) => {
        m.row.values[column] = parts[i].toString();
        m.row.cells[column] = ref(rows[0].cells[j].cell);
      });
    }
  });
  return { Partners, Pools, Contributions };
}


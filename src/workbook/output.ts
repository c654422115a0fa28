/**
 * From the engine's result to the results workbook's sheets (one 2-D block each, with number
 * formats and Excel tables), shared by the .xlsx writer and the add-in:
 * - `Pools`: one row per pool: kind, host, method, budget, outturn, variance, reserve used and
 *   carried, unallocated, and whether it ran;
 * - one sheet per partner (named by its code): its name, units and year; its contribution, share
 *   (blank where the pool's method does not use it), savings charge, risk share, final cost, paid
 *   and balance per pool; the audit-trail steps behind its risk share; its instalments, balancing
 *   payments and refunds from the host with due months (Excel dates), what is paid of each and what
 *   is outstanding (first due, first paid); its position and what it pays or receives after netting;
 * - `Settlement`: the year, the pools left out, positions and payments (pool by pool before
 *   netting, then after) with partner names beside codes, counts and values;
 * - `Statements`: the pairs joined by routes and their balances, then one block per pair (one line
 *   per pool, the total, who owes whom, and a line for each side to sign), pairs at or above the
 *   `Statement threshold` marked;
 * - `Warnings`: severity, code, pool, table, row, column, sheet, cell and message.
 * Amounts are numbers (converted once from the result's exact strings) with a currency format for
 * £, or a plain one with "(£'000)" in the header. Text is cut to what a workbook holds. Every text
 * cell carries the number format "@" (text): writers must store such cells
 * as text, never as formulas, so a partner named `=HYPERLINK(...)` or `+44 1234` stays text.
 */
import type { Payment, PoolResult, RunResult, ScheduleEntry, Statement, Units, Warning } from '../engine/types';
import { isFailedPool } from '../engine/types';
import { Decimal, groupMoney, sum, toMoney } from '../engine/money';
import { a1, rangeA1 } from './a1';
import type { CellValue, OutputSheet } from './types';

/** The number format of text cells: Excel keeps what is written to them as text. */
export const TEXT_FORMAT = '@';

/**
 * Excel's number format for amounts in the workbook's unit. £'000 figures are already thousands:
 * they get a plain number format and the unit goes in the header (never "£140,952.00k").
 */
export function currencyFormat(units: Units): string {
  return units === "£'000" ? '#,##0.00;-#,##0.00' : '"£"#,##0.00;-"£"#,##0.00';
}

/** An amount column's header: the unit added when it is not plain pounds. */
export function amountHeader(header: string, units: Units): string {
  return units === "£'000" ? `${header} (£'000)` : header;
}

/** Due months are real Excel dates shown as months (the cell holds the first of the month). */
export const MONTH_FORMAT = 'mmm yyyy';

/** Excel's serial day number (1900 date system) of the first of a YYYY-MM month, or null. */
export function monthSerial(ym: string): number | null {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, 1) / 86_400_000 + 25_569;
}

/** The last month of the year that starts at `start` (YYYY-MM). */
function yearEnd(start: string): string {
  const [y, m] = start.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + 11, 1));
  return `${end.getUTCFullYear()}-${String(end.getUTCMonth() + 1).padStart(2, '0')}`;
}

const YEAR_FROM: Record<RunResult['year']['from'], string> = {
  setting: 'from Settings (Year start)',
  periods: 'from the Payments periods',
  default: 'by default: the April before today (type a Year start in Settings to choose)',
};

/** Which year a result used and where it came from ("2017-04 to 2018-03, from the Payments periods"). */
export function yearText(year: RunResult['year']): string {
  return `${year.start} to ${yearEnd(year.start)}, ${YEAR_FROM[year.from] ?? `from ${year.from}`}`;
}

/** The pools that did not run, named with their error counts ("OP (3 errors)"), or null if none. */
export function leftOut(result: RunResult): string | null {
  const failed = result.pools.filter(isFailedPool);
  if (failed.length === 0) return null;
  return failed.map((p) => `${p.pool} (${p.errors.length} error${p.errors.length === 1 ? '' : 's'})`).join(', ');
}

/** The partners' names by code, when the result lists them. */
export function partnerNames(result: RunResult): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of result.partners ?? []) if (p.name) names.set(p.partner, p.name);
  return names;
}

/**
 * Whether a pool's `share` (net contribution / budget) is what its variance was split by: yes for
 * `proportional`; for other methods only when the audit trail shows a split in proportion to
 * contributions (a proportional band, or an underspend returned). Otherwise it is left blank.
 */
export function shareUsed(pool: PoolResult): boolean {
  if (pool.method === 'proportional') return true;
  const proportional = /^(band [^:]*: |underspend returned: )?-?[\d,.]+\/-?[\d,.]+ of /;
  return pool.steps.some((s) => s.step === 'share' && proportional.test(s.why));
}

/**
 * A schedule row as a finance team reads it: a negative balancing payment is a refund from the host
 * (its paid and outstanding turned with it, so that amount − paid = outstanding still holds).
 */
export function schedulePayment(s: ScheduleEntry): {
  from: string; to: string; kind: string; amount: string; paid: string | null; outstanding: string | null;
} {
  if (s.kind === 'balancing' && s.amount.startsWith('-')) {
    const turn = (x: string | undefined) => (x === undefined ? null : toMoney(new Decimal(x).negated()));
    return { from: s.to, to: s.partner, kind: 'refund from host', amount: s.amount.slice(1), paid: turn(s.paid),
      outstanding: turn(s.outstanding) };
  }
  return { from: s.partner, to: s.to, kind: s.kind, amount: s.amount, paid: s.paid ?? null,
    outstanding: s.outstanding ?? null };
}

/** Who owes whom on a statement, in words ("ICB owes CC 40.00"; "Nothing owed either way"). */
export function statementOwes(st: Statement, money: (s: string) => string): string {
  const b = new Decimal(st.balance);
  if (b.isZero()) return 'Nothing owed either way';
  return b.greaterThan(0) ? `${st.partner} owes ${st.counterparty} ${money(st.balance)}`
    : `${st.counterparty} owes ${st.partner} ${money(b.negated().toFixed(2))}`;
}

/** Excel's limit on the characters of one cell. */
export const CELL_LIMIT = 32_767;
const NOT_XML = new RegExp('[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]' +
  '|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]', 'g');
const CHANGED = new RegExp(`${NOT_XML.source}|\\r`);

/**
 * Text a workbook can hold: characters XML 1.0 cannot carry (C0 controls other than tab, LF and
 * CR; U+FFFE, U+FFFF; lone surrogates) dropped, then cut to Excel's 32,767 characters. A line
 * break is written as LF (a CR would be read back as LF anyway: XML's line-end rule).
 */
export function workbookText(s: string): { text: string; dropped: boolean; cut: boolean } {
  if (s.length <= CELL_LIMIT && !CHANGED.test(s)) return { text: s, dropped: false, cut: false };
  const lf = s.replace(/\r\n?/g, '\n');
  let text = lf.replace(NOT_XML, '');
  const dropped = text.length !== lf.length;
  const cut = text.length > CELL_LIMIT;
  if (cut) text = text.slice(0, /[\ud800-\udbff]/.test(text[CELL_LIMIT - 1]) ? CELL_LIMIT - 1 : CELL_LIMIT);
  return { text, dropped, cut };
}

const SHARE_FORMAT = '0.0000%';
// Output sheet names, and the input tables' names, which a partner's sheet must never take.
const RESERVED = ['Pool results', 'Settlement', 'Statements', 'Warnings', 'Poolshare warnings', 'Partners', 'Pools',
  'Lines', 'Contributions', 'RiskShare', 'Savings', 'Payments', 'Settings'];

/** A cell to place: a value and its number format. */
export interface Out {
  v: CellValue;
  f: string | null;
}

/**
 * What had to change to be written, noted as sheets are built: text by its original (the first cell
 * and how many cells), and per sheet the amounts Excel cannot hold to the penny. `writeWarnings`
 * turns them into warnings.
 */
export class WriteNotes {
  readonly text = new Map<string, { sheet: string; cell: string; count: number; dropped: boolean; cut: boolean }>();
  /** By sheet: the first cell, how many cells, and that first amount to the pound. */
  readonly amounts = new Map<string, { cell: string; count: number; pounds: string }>();
}

/** Amounts from £10 trillion have 16 digits with their pennies; Excel holds 15 (it shows the rest as 0). */
const EXCEL_EXACT_BELOW = 1e13;

/** Builds one sheet row by row; sections are titled tables, stacked with a blank row between. */
export class SheetBuilder {
  private readonly rows: Out[][] = [];
  private readonly tables: OutputSheet['tables'] = [];

  constructor(private readonly name: string) {}

  text(v: string | null): Out {
    return v === null ? { v: null, f: null } : { v, f: TEXT_FORMAT };
  }

  line(...cells: Out[]): void {
    this.rows.push(cells);
  }

  /** A titled table: header row then data rows, as an Excel table when it has rows. */
  section(title: string | null, tableName: string, headers: string[], data: Out[][], none = 'None.'): void {
    if (this.rows.length > 0) this.line();
    if (title !== null) this.line(this.text(title));
    if (data.length === 0) {
      this.line(this.text(none));
      return;
    }
    const top = this.rows.length + 1;
    this.line(...headers.map((h) => this.text(h)));
    for (const row of data) this.rows.push(row);
    this.tables.push({ name: tableName, range: rangeA1(top, 1, top + data.length, headers.length) });
  }

  /**
   * The sheet, rectangular. Text is made writable (workbookText); what changed is noted. No spread
   * over rows or cells: a sheet may hold hundreds of thousands of rows.
   */
  build(notes: WriteNotes, freezeRows?: number): OutputSheet {
    let width = 1;
    for (const r of this.rows) if (r.length > width) width = r.length;
    const widths = new Array<number>(width).fill(8);
    const values: CellValue[][] = [];
    const numberFormats: (string | null)[][] = [];
    this.rows.forEach((r, i) => {
      const vs = new Array<CellValue>(width).fill(null);
      const fs = new Array<string | null>(width).fill(null);
      r.forEach((x, c) => {
        let v = x.v;
        if (typeof v === 'string') {
          const w = workbookText(v);
          if (w.dropped || w.cut) noteText(notes, v, w, this.name, a1(i + 1, c + 1));
          v = w.text;
        }
        else if (typeof v === 'number' && x.f !== null && x.f !== TEXT_FORMAT && Math.abs(v) >= EXCEL_EXACT_BELOW) {
          noteAmount(notes, v, this.name, a1(i + 1, c + 1));
        }
        vs[c] = v;
        fs[c] = x.f;
        widths[c] = Math.max(widths[c], Math.min(80, displayLength(v) + 2));
      });
      values.push(vs);
      numberFormats.push(fs);
    });
    return {
      name: this.name,
      values,
      numberFormats,
      tables: this.tables,
      ...(freezeRows ? { freezeRows } : {}),
      columnWidths: widths,
    };
  }
}

function noteText(notes: WriteNotes, original: string, w: { dropped: boolean; cut: boolean }, sheet: string,
  cell: string) {
  const seen = notes.text.get(original);
  if (seen) seen.count++;
  else notes.text.set(original, { sheet, cell, count: 1, ...w });
}

/** An amount the workbook cannot hold to the penny, noted once per sheet (where it first appears). */
function noteAmount(notes: WriteNotes, v: number, sheet: string, cell: string) {
  const seen = notes.amounts.get(sheet);
  if (seen) seen.count++;
  else {
    const pounds = groupMoney(new Decimal(Math.round(v))).replace(/\.00$/, ''); // to the pound: the pennies are lost
    notes.amounts.set(sheet, { cell, count: 1, pounds });
  }
}

const andMore = (count: number) => (count > 1 ? ` (and ${count - 1} more cell${count === 2 ? '' : 's'})` : '');

/**
 * One TEXT_CUT warning per text that had to change, saying where it first appears; one warning per
 * sheet holding amounts Excel cannot hold to the penny (the exact figures are in the JSON result).
 */
export function writeWarnings(notes: WriteNotes): Warning[] {
  const amounts = [...notes.amounts].map(([sheet, n]): Warning => ({ code: 'INVALID_VALUE', severity: 'warning',
    message: `Results sheet ${sheet}, cell ${n.cell}${andMore(n.count)}: about £${n.pounds}, £10 trillion or more, `
      + 'has more digits than Excel holds (15), so the cell cannot show it to the penny; the exact figure is in the '
      + 'JSON result (poolshare run --json).',
  }));
  return [...[...notes.text].map(([original, n]) => {
    const start = workbookText(original.slice(0, 30)).text.replace(/\s+/g, ' ');
    const what = [n.dropped ? 'characters a workbook cannot hold (control characters, U+FFFE, U+FFFF) left out' : '',
      n.cut ? `cut from ${count(original.length)} to ${count(CELL_LIMIT)} characters (Excel's limit)` : '']
      .filter(Boolean).join(' and ');
    return { code: 'TEXT_CUT' as const, severity: 'warning' as const,
      message: `Results sheet ${n.sheet}, cell ${n.cell}${andMore(n.count)}: text "${start}..." ${what}; correct it `
        + 'in the input.',
    };
  }), ...amounts];
}

const count = (n: number) => n.toLocaleString('en-GB');

/** Roughly how many characters a cell shows, for column widths. */
function displayLength(v: CellValue): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return Math.abs(v).toFixed(2).length + Math.floor(Math.log10(Math.abs(v) + 1) / 3) + 3;
  return String(v).length;
}

/** A valid, unique Excel sheet name: at most 31 characters, none of []:*?/\, no control, no edge apostrophe. */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = workbookText(wanted.slice(0, 200)).text.replace(/[\x00-\x1f\x7f[\]:*?/\\]/g, '_')
    .replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = `Partner ${base}`.trim();
  let name = cutAt(base, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = cutAt(base, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** The first n characters, never ending in half a surrogate pair. */
function cutAt(s: string, n: number): string {
  return /[\ud800-\udbff]/.test(s[n - 1] ?? '') ? s.slice(0, n - 1) : s.slice(0, n);
}

/** The partners of a result in partner order: positions first, then any only seen in pools. */
function partnersOf(result: RunResult): string[] {
  const seen = new Set<string>(result.positions.map((p) => p.partner));
  for (const pool of result.pools) if (!isFailedPool(pool)) for (const p of pool.partners) seen.add(p.partner);
  return [...seen];
}

/**
 * The results workbook's sheets, in order: Pool results, one per partner, Settlement, Statements
 * (when the result has statements), Warnings.
 * Text changed to be writable (workbookText) is listed on the Warnings sheet and added to `notes`
 * (TEXT_CUT), so that a caller can report it too.
 */
export function buildOutputSheets(result: RunResult, notes: Warning[] = []): OutputSheet[] {
  const u = result.units;
  const fmt = currencyFormat(u);
  const money = (s: string | null): Out => (s === null ? { v: null, f: null } : { v: Number(s), f: fmt });
  const amt = (h: string) => amountHeader(h, u);
  const taken = new Set(RESERVED.map((n) => n.toLowerCase()));
  const ran = result.pools.filter((p): p is PoolResult => !isFailedPool(p));
  const names = partnerNames(result);
  const named = names.size > 0;
  const text = new WriteNotes();
  const sheets: OutputSheet[] = [];
  const year = yearText(result.year);
  const missing = leftOut(result);
  // Each partner's schedule rows (its own, and those paid to it as host), grouped once.
  const schedulesOf = new Map<string, ScheduleEntry[]>();
  for (const e of result.schedules) {
    for (const p of e.partner === e.to ? [e.partner] : [e.partner, e.to]) {
      (schedulesOf.get(p) ?? schedulesOf.set(p, []).get(p)!).push(e);
    }
  }

  const pools = new SheetBuilder('Pool results');
  pools.section(null, 'tblPoolResults',
    ['Pool', 'Kind', 'Host', 'Method',
      ...['Budget', 'Outturn', 'Variance', 'Reserve used', 'Reserve carried', 'Unallocated'].map(amt), 'Status'],
    result.pools.map((p) => {
      const t = pools.text.bind(pools);
      if (isFailedPool(p)) {
        const n = p.errors.length;
        return [t(p.pool), t(p.kind), t(p.host), t(p.method), ...Array.from({ length: 6 }, () => money(null)),
          t(`not run: ${n} error${n === 1 ? '' : 's'} (see Warnings); not in the positions or payments`)];
      }
      return [t(p.pool), t(p.kind), t(p.host), t(p.method), money(p.budget), money(p.outturn), money(p.variance),
        money(p.reserveUsed), money(p.reserveCarried), money(p.unallocated), t('ran')];
    }), 'No pools.');
  sheets.push(pools.build(text, 1));

  partnersOf(result).forEach((partner, i) => {
    const b = new SheetBuilder(sheetName(partner, taken));
    const t = b.text.bind(b);
    const id = `tblP${i + 1}`;
    b.line(t('Partner'), t(partner));
    if (named) b.line(t('Name'), t(names.get(partner) ?? null));
    b.line(t('Units'), t(u));
    b.line(t('Year'), t(year));
    const mine = ran.flatMap((pool) => pool.partners.filter((x) => x.partner === partner).map((x) => ({ pool, x })));
    const rows = mine.map(({ pool, x }) => [t(pool.pool), t(pool.kind), t(pool.host), money(x.net),
      shareUsed(pool) ? { v: Number(x.share), f: SHARE_FORMAT } : { v: null, f: null },
      money(x.savingsCharge), money(x.riskShare), money(x.finalCost), money(x.paid), money(x.balance)]);
    b.section('Contributions and risk share by pool', `${id}Pools`,
      ['Pool', 'Kind', 'Host', amt('Net contribution'), 'Share',
        ...['Savings charge', 'Risk share', 'Final cost', 'Paid', 'Balance'].map(amt)], rows, 'In no pool that ran.');
    if (rows.length > 1) {
      const total = (k: 'net' | 'savingsCharge' | 'riskShare' | 'finalCost' | 'paid' | 'balance') =>
        money(sum(mine.map(({ x }) => new Decimal(x[k]))).toFixed(2));
      b.line(t('Total'), t(null), t(null), total('net'), t(null), total('savingsCharge'), total('riskShare'),
        total('finalCost'), total('paid'), total('balance'));
    }
    b.section('How its risk share was reached (audit trail)', `${id}Trail`,
      ['Pool', 'Step', 'Line', amt('Amount'), 'Why'],
      ran.flatMap((pool) => pool.steps.filter((s) => s.partner === partner || s.partner === undefined)
        .map((s) => [t(pool.pool), t(s.partner === undefined ? `${s.step} (pool)` : s.step), t(s.line ?? null),
          money(s.amount), t(s.why)])));
    const schedule: Out[][] = [];
    for (const s of schedulesOf.get(partner) ?? []) {
      const p = schedulePayment(s);
      const due = monthSerial(s.due);
      schedule.push([t(s.pool), t(p.from), t(p.to), due === null ? t(s.due) : { v: due, f: MONTH_FORMAT }, t(p.kind),
        money(p.amount), money(p.paid), money(p.outstanding)]);
    }
    b.section('Payment schedule (to and from hosts; paid first due, first paid)', `${id}Schedule`,
      ['Pool', 'From', 'To', 'Due', 'Kind', amt('Amount'), amt('Paid'), amt('Outstanding')], schedule);
    const position = result.positions.find((p) => p.partner === partner)?.position ?? null;
    b.line();
    b.line(t('Position (owes if positive)'), money(position));
    b.section(`After ${result.netting.mode} netting`, `${id}Payments`,
      ['Pays or receives', 'Counterparty', amt('Amount')],
      result.netting.payments.filter((p) => p.from === partner || p.to === partner).map((p) => (p.from === partner
        ? [t('pays'), t(p.to), money(p.amount)] : [t('receives'), t(p.from), money(p.amount)])),
      'Nothing to pay or receive.');
    sheets.push(b.build(text, named ? 3 : 2));
  });

  const s = new SheetBuilder('Settlement');
  const t = s.text.bind(s);
  const name = (code: string) => (named ? [t(names.get(code) ?? null)] : []);
  const withName = (h: string) => (named ? [h, `${h} name`] : [h]);
  s.line(t('Netting'), t(result.netting.mode));
  s.line(t('Units'), t(u));
  s.line(t('Year'), t(year));
  if (missing) {
    s.line(t('Left out'), t(`${missing}: not run, so not in the positions or payments below (see Warnings)`));
  }
  s.section('Positions (sum of balances; positive owes, negative is owed)', 'tblPositions',
    [...withName('Partner'), amt('Position')],
    result.positions.map((p) => [t(p.partner), ...name(p.partner), money(p.position)]));
  const gross = (result.netting as { grossPayments?: RunResult['netting']['grossPayments'] }).grossPayments;
  if (gross) {
    const byPool = gross.some((p) => p.pool !== undefined);
    const pool = (p: Payment) => (byPool ? [t(p.pool ?? null)] : []);
    s.section('Payments before netting', 'tblBeforeNetting',
      [...(byPool ? ['Pool'] : []), ...withName('From'), ...withName('To'), amt('Amount')],
      gross.map((p) => [...pool(p), t(p.from), ...name(p.from), t(p.to), ...name(p.to), money(p.amount)]));
  }
  s.section(`Payments after ${result.netting.mode} netting`, 'tblAfterNetting',
    [...withName('From'), ...withName('To'), amt('Amount')],
    result.netting.payments.map((p) => [t(p.from), ...name(p.from), t(p.to), ...name(p.to), money(p.amount)]));
  s.section('Counts and values', 'tblNettingCounts', ['Payments', 'Count', amt('Value')], [
    [t('Before netting'), { v: result.netting.grossCount, f: '0' }, money(result.netting.grossValue)],
    [t('After netting'), { v: result.netting.netCount, f: '0' }, money(result.netting.netValue)],
  ]);
  sheets.push(s.build(text, 2));
  if (result.statements) sheets.push(statementsSheet(result, result.statements, text));
  warningsSheet(result, text); // first to find the text on the Warnings sheet that must change too
  const cut = writeWarnings(text);
  sheets.push(warningsSheet({ ...result, warnings: result.warnings.concat(cut) }, new WriteNotes()));
  for (const w of cut) notes.push(w);
  return sheets;
}

/** The `Statements` sheet (yearend.md, section 3): the pairs, then one block per pair with lines to sign. */
function statementsSheet(result: RunResult, statements: Statement[], text: WriteNotes): OutputSheet {
  const u = result.units;
  const fmt = currencyFormat(u);
  const money = (v: string): Out => ({ v: Number(v), f: fmt });
  const names = partnerNames(result);
  const who = (code: string) => (names.has(code) ? `${code} (${names.get(code)})` : code);
  const b = new SheetBuilder('Statements');
  const t = b.text.bind(b);
  const date = statements[0]?.date ?? null;
  const serial = date === null ? null : monthSerial(date);
  const mark = 'at or above the statement threshold';
  b.line(t('Agreement of balances as at the end of'), serial === null ? t(date) : { v: serial, f: MONTH_FORMAT });
  b.line(t('Units'), t(u));
  b.line(t('Sign'), t('positive: the partner owes the counterparty; the counterparty reads the same figures turned'));
  b.section('Pairs joined by a pool (routes)', 'tblStatements',
    ['Partner', 'Counterparty', amountHeader('Balance', u), 'Who owes whom', 'Threshold'],
    statements.map((st) => [t(st.partner), t(st.counterparty), money(st.balance),
      t(statementOwes(st, (x) => groupMoney(new Decimal(x)))), t(st.marked ? mark : null)]),
    'No pairs: no pool that ran joins two partners.');
  statements.forEach((st, i) => {
    b.section(`${who(st.partner)} and ${who(st.counterparty)}${st.marked ? ` (${mark})` : ''}`, `tblStatement${i + 1}`,
      ['Pool', ...['Instalments outstanding', 'Year-end part', 'Balance'].map((h) => amountHeader(h, u))],
      st.lines.map((l) => [t(l.pool), money(l.instalmentsOutstanding), money(l.yearEnd), money(l.balance)]));
    b.line(t('Total'), t(null), t(null), money(st.balance));
    b.line(t(statementOwes(st, (x) => groupMoney(new Decimal(x)))));
    for (const side of [st.partner, st.counterparty]) {
      b.line(t(`Agreed for ${who(side)}`), t('Name:'), t(null), t('Signature:'), t(null), t('Date:'));
    }
  });
  return b.build(text, 0);
}

/** The `Warnings` sheet alone (the add-in's Validate writes only this one). */
export function warningsSheet(result: Pick<RunResult, 'warnings'>, text: WriteNotes = new WriteNotes()): OutputSheet {
  const w = new SheetBuilder('Warnings');
  const wt = w.text.bind(w);
  w.section(null, 'tblWarnings', ['Severity', 'Code', 'Pool', 'Table', 'Row', 'Column', 'Sheet', 'Cell', 'Message'],
    result.warnings.map((x) => [wt(x.severity), wt(x.code), wt(x.pool ?? null), wt(x.table ?? null),
      x.row === undefined ? wt(null) : { v: x.row, f: '0' }, wt(x.column ?? null), wt(x.sheet ?? null),
      wt(x.cell ?? null), wt(x.message)]),
    'No warnings.');
  return w.build(text, 1);
}

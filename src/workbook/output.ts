/**
 * From the engine's result to the results workbook's sheets (one 2-D block each, with number
 * formats and Excel tables), shared by the .xlsx writer and the add-in:
 * - `Pools`: one row per pool: kind, host, method, budget, outturn, variance, reserve used and
 *   carried, unallocated, and whether it ran;
 * - one sheet per partner (named by its code): its contribution, share, savings charge, risk
 *   share, final cost, paid and balance per pool; the audit-trail steps behind its risk share;
 *   its instalments and balancing payments with due months; its position and what it pays or
 *   receives after netting;
 * - `Settlement`: positions, payments before and after netting, with counts and values;
 * - `Warnings`: severity, code, pool, table, row, column, sheet, cell and message.
 * Amounts are numbers (converted once from the result's exact strings) with a currency format for
 * the unit. Every text cell carries the number format "@" (text): writers must store such cells
 * as text, never as formulas, so a partner named `=HYPERLINK(...)` or `+44 1234` stays text.
 */
import type { NettingResult, Payment, PoolResult, RunResult, Units } from '../engine/types';
import { isFailedPool } from '../engine/types';
import { Decimal, sum } from '../engine/money';
import { rangeA1 } from './a1';
import type { CellValue, OutputSheet } from './types';

/** The number format of text cells: Excel keeps what is written to them as text. */
export const TEXT_FORMAT = '@';

/** Excel's currency format for amounts in the workbook's unit. */
export function currencyFormat(units: Units): string {
  const k = units === "£'000" ? '"k"' : '';
  return `"£"#,##0.00${k};-"£"#,##0.00${k}`;
}

const SHARE_FORMAT = '0.0000%';
// Output sheet names, and the input tables' names, which a partner's sheet must never take.
const RESERVED = ['Pool results', 'Settlement', 'Warnings', 'Poolshare warnings', 'Partners', 'Pools', 'Lines', 'Contributions', 'RiskShare', 'Savings', 'Payments', 'Settings'];

/** A cell to place: a value and its number format. */
export interface Out {
  v: CellValue;
  f: string | null;
}

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
    for (const row of data) this.line(...row);
    this.tables.push({ name: tableName, range: rangeA1(top, 1, top + data.length, headers.length) });
  }

  build(freezeRows?: number): OutputSheet {
    const width = Math.max(1, ...this.rows.map((r) => r.length));
    const pad = (r: Out[]) => Array.from({ length: width }, (_, i) => r[i] ?? { v: null, f: null });
    const grid = this.rows.map(pad);
    const columnWidths = Array.from({ length: width }, (_, c) =>
      Math.min(80, Math.max(8, ...grid.map((r) => displayLength(r[c]) + 2))));
    return {
      name: this.name,
      values: grid.map((r) => r.map((x) => x.v)),
      numberFormats: grid.map((r) => r.map((x) => x.f)),
      tables: this.tables,
      ...(freezeRows ? { freezeRows } : {}),
      columnWidths,
    };
  }
}

/** Roughly how many characters a cell shows, for column widths. */
function displayLength(x: Out): number {
  if (x.v === null || x.v === undefined) return 0;
  if (typeof x.v === 'number') return Math.abs(x.v).toFixed(2).length + Math.floor(Math.log10(Math.abs(x.v) + 1) / 3) + 3;
  return String(x.v).length;
}

/** A valid, unique Excel sheet name: at most 31 characters, none of []:*?/\, no edge apostrophe. */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = wanted.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim();
  if (base === '' || base.toLowerCase() === 'history') base = `Partner ${base}`.trim();
  let name = base.slice(0, 31);
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Payments before netting, when the engine lists them. */
function grossPayments(n: NettingResult): Payment[] | undefined {
  return (n as NettingResult & { grossPayments?: Payment[] }).grossPayments;
}

/** The partners of a result in partner order: positions first, then any only seen in pools. */
function partnersOf(result: RunResult): string[] {
  const seen = new Set<string>(result.positions.map((p) => p.partner));
  for (const pool of result.pools) if (!isFailedPool(pool)) for (const p of pool.partners) seen.add(p.partner);
  return [...seen];
}

/** The results workbook's sheets, in order: Pool results, one per partner, Settlement, Warnings. */
export function buildOutputSheets(result: RunResult): OutputSheet[] {
  const fmt = currencyFormat(result.units);
  const money = (s: string | null): Out => (s === null ? { v: null, f: null } : { v: Number(s), f: fmt });
  const taken = new Set(RESERVED.map((n) => n.toLowerCase()));
  const ran = result.pools.filter((p): p is PoolResult => !isFailedPool(p));
  const sheets: OutputSheet[] = [];

  const pools = new SheetBuilder('Pool results');
  pools.section(null, 'tblPoolResults',
    ['Pool', 'Kind', 'Host', 'Method', 'Budget', 'Outturn', 'Variance', 'Reserve used', 'Reserve carried', 'Unallocated', 'Status'],
    result.pools.map((p) => {
      const t = pools.text.bind(pools);
      if (isFailedPool(p)) {
        const n = p.errors.length;
        return [t(p.pool), t(p.kind), t(p.host), t(p.method), ...Array.from({ length: 6 }, () => money(null)),
          t(`not run: ${n} error${n === 1 ? '' : 's'} (see Warnings)`)];
      }
      return [t(p.pool), t(p.kind), t(p.host), t(p.method), money(p.budget), money(p.outturn), money(p.variance),
        money(p.reserveUsed), money(p.reserveCarried), money(p.unallocated), t('ran')];
    }), 'No pools.');
  sheets.push(pools.build(1));

  partnersOf(result).forEach((partner, i) => {
    const b = new SheetBuilder(sheetName(partner, taken));
    const t = b.text.bind(b);
    const id = `tblP${i + 1}`;
    b.line(t('Partner'), t(partner));
    b.line(t('Units'), t(result.units));
    const mine = ran.flatMap((pool) => pool.partners.filter((x) => x.partner === partner).map((x) => ({ pool, x })));
    const rows = mine.map(({ pool, x }) => [t(pool.pool), t(pool.kind), t(pool.host), money(x.net), { v: Number(x.share), f: SHARE_FORMAT },
      money(x.savingsCharge), money(x.riskShare), money(x.finalCost), money(x.paid), money(x.balance)]);
    b.section('Contributions and risk share by pool', `${id}Pools`,
      ['Pool', 'Kind', 'Host', 'Net contribution', 'Share', 'Savings charge', 'Risk share', 'Final cost', 'Paid', 'Balance'], rows, 'In no pool that ran.');
    if (rows.length > 1) {
      const total = (k: 'net' | 'savingsCharge' | 'riskShare' | 'finalCost' | 'paid' | 'balance') =>
        money(sum(mine.map(({ x }) => new Decimal(x[k]))).toFixed(2));
      b.line(t('Total'), t(null), t(null), total('net'), t(null), total('savingsCharge'), total('riskShare'), total('finalCost'), total('paid'), total('balance'));
    }
    b.section('How its risk share was reached (audit trail)', `${id}Trail`, ['Pool', 'Step', 'Line', 'Amount', 'Why'],
      ran.flatMap((pool) => pool.steps.filter((s) => s.partner === partner || s.partner === undefined)
        .map((s) => [t(pool.pool), t(s.partner === undefined ? `${s.step} (pool)` : s.step), t(s.line ?? null), money(s.amount), t(s.why)])));
    b.section('Payment schedule (to and from hosts)', `${id}Schedule`, ['Pool', 'From', 'To', 'Due', 'Kind', 'Amount'],
      result.schedules.filter((s) => s.partner === partner || s.to === partner)
        .map((s) => [t(s.pool), t(s.partner), t(s.to), t(s.due), t(s.kind), money(s.amount)]));
    const position = result.positions.find((p) => p.partner === partner)?.position ?? null;
    b.line();
    b.line(t('Position (owes if positive)'), money(position));
    b.section(`After ${result.netting.mode} netting`, `${id}Payments`, ['Pays or receives', 'Counterparty', 'Amount'],
      result.netting.payments.filter((p) => p.from === partner || p.to === partner)
        .map((p) => (p.from === partner ? [t('pays'), t(p.to), money(p.amount)] : [t('receives'), t(p.from), money(p.amount)])),
      'Nothing to pay or receive.');
    sheets.push(b.build(2));
  });

  const s = new SheetBuilder('Settlement');
  const t = s.text.bind(s);
  s.line(t('Netting'), t(result.netting.mode));
  s.line(t('Units'), t(result.units));
  s.section('Positions (sum of balances; positive owes, negative is owed)', 'tblPositions', ['Partner', 'Position'],
    result.positions.map((p) => [t(p.partner), money(p.position)]));
  const gross = grossPayments(result.netting);
  if (gross) {
    s.section('Payments before netting', 'tblBeforeNetting', ['From', 'To', 'Amount'], gross.map((p) => [t(p.from), t(p.to), money(p.amount)]));
  }
  s.section(`Payments after ${result.netting.mode} netting`, 'tblAfterNetting', ['From', 'To', 'Amount'],
    result.netting.payments.map((p) => [t(p.from), t(p.to), money(p.amount)]));
  s.section('Counts and values', 'tblNettingCounts', ['Payments', 'Count', 'Value'], [
    [t('Before netting'), { v: result.netting.grossCount, f: '0' }, money(result.netting.grossValue)],
    [t('After netting'), { v: result.netting.netCount, f: '0' }, money(result.netting.netValue)],
  ]);
  sheets.push(s.build(2));
  sheets.push(warningsSheet(result));
  return sheets;
}

/** The `Warnings` sheet alone (the add-in's Validate writes only this one). */
export function warningsSheet(result: Pick<RunResult, 'warnings'>): OutputSheet {
  const w = new SheetBuilder('Warnings');
  const wt = w.text.bind(w);
  w.section(null, 'tblWarnings', ['Severity', 'Code', 'Pool', 'Table', 'Row', 'Column', 'Sheet', 'Cell', 'Message'],
    result.warnings.map((x) => [wt(x.severity), wt(x.code), wt(x.pool ?? null), wt(x.table ?? null),
      x.row === undefined ? wt(null) : { v: x.row, f: '0' }, wt(x.column ?? null), wt(x.sheet ?? null), wt(x.cell ?? null), wt(x.message)]),
    'No warnings.');
  return w.build(1);
}


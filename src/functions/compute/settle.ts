/** POOL.SETTLE (rule 9 on balances) and POOL.SCHEDULE (rule 10: instalments of an amount). */
import { Decimal } from '../../engine/money';
import { bilateral, multilateral } from '../../engine/netting';
import { parseNumber } from '../../engine/numbers';
import { instalments } from '../../engine/schedule';
import { proportionalFlows } from '../../engine/netting';
import { parseYearMonth } from '../../engine/settings';
import { InputProblem, amountOf, asGrid, isBlankLike, moneyOf, single, textOf, toCell, toNumber } from '../convert';

type Out = (number | string)[][];

export const SETTLE_HEADER = ['From', 'To', 'Amount'];

/** A header row: every cell text that is not a number, and no digit in the balance's (a typo stays an error). */
function isHeader(row: unknown[]): boolean {
  const text = row.every((v) => typeof v === 'string' && v.trim() !== '' && parseNumber(v).kind === 'invalid');
  return text && !/\d/.test(String(row[row.length - 1]));
}

/** Rows of partner/balance or pool/partner/balance (an optional header row is skipped). */
function balanceRows(v: unknown): { pool: string; partner: string; amount: Decimal }[] {
  const g = asGrid(v);
  if (!g) throw new InputProblem('balances is empty');
  const width = g[0].length;
  if (width !== 2 && width !== 3) {
    const want = '2 columns (partner, balance) or 3 (pool, partner, balance)';
    throw new InputProblem(`balances must have ${want}, not ${width}`);
  }
  const out: { pool: string; partner: string; amount: Decimal }[] = [];
  g.forEach((row, r) => {
    if (row.every(isBlankLike)) return;
    const last = row[width - 1];
    if (r === 0 && isHeader(row)) return;
    const partner = row[width - 2];
    if (isBlankLike(partner)) throw new InputProblem(`balances row ${r + 1}: the partner is blank`);
    out.push({
      pool: width === 3 ? String(toCell(row[0]) ?? '').trim() : '',
      partner: String(toCell(partner)).trim(),
      amount: amountOf(last, `balances row ${r + 1}`),
    });
  });
  return out;
}

/** Rule 9 on balances: multilateral (default), bilateral or gross payments. */
export function settle(balances: unknown, mode?: unknown): Out {
  const m = (textOf(mode, 'mode') ?? 'multilateral').toLowerCase();
  if (!['multilateral', 'bilateral', 'gross'].includes(m)) {
    throw new InputProblem(`mode must be multilateral, bilateral or gross, not "${m}"`);
  }
  const rows = balanceRows(balances);
  const pools = [...new Set(rows.map((r) => r.pool))];
  for (const p of pools) {
    const total = rows.filter((r) => r.pool === p).reduce((s, r) => s.plus(r.amount), new Decimal(0));
    if (!total.isZero()) {
      const of = p ? ` of pool ${p}` : '';
      const why = 'every amount owed must be owed to someone';
      throw new InputProblem(`the balances${of} add up to ${total.toFixed(2)}, not 0: ${why}`);
    }
  }
  const order: string[] = [];
  for (const r of rows) if (!order.includes(r.partner)) order.push(r.partner);
  let payments: { from: string; to: string; amount: Decimal }[];
  if (m === 'multilateral') {
    const positions = order.map((partner) => ({
      partner,
      amount: rows.filter((r) => r.partner === partner).reduce((s, r) => s.plus(r.amount), new Decimal(0)),
    }));
    payments = multilateral(positions);
  } else {
    const flows = pools.flatMap((p) => proportionalFlows(rows.filter((r) => r.pool === p)));
    payments = m === 'gross' ? flows : bilateral(flows, order);
  }
  return [SETTLE_HEADER, ...payments.map((p) => [p.from, p.to, toNumber(p.amount)])];
}

export const SCHEDULE_HEADER = ['Due', 'Amount'];

/**
 * Rule 10's instalments of an amount over the financial year. The year start is required: the
 * instalments never depend on today's date (a formula that did would not recalculate with it).
 */
export function schedule(amount: unknown, frequency: unknown, yearStart: unknown): Out {
  const a = moneyOf(single(amount, 'amount'), 'amount');
  const f = (textOf(frequency, 'frequency') ?? 'monthly').toLowerCase();
  if (f !== 'monthly' && f !== 'quarterly') {
    throw new InputProblem(`frequency must be monthly or quarterly, not "${f}"`);
  }
  const ys = single(yearStart, 'year_start');
  if (isBlankLike(ys)) {
    throw new InputProblem('year_start is blank: give the first month of the financial year, e.g. "2025-04" or a date');
  }
  const start = parseYearMonth(ys);
  if (!start) throw new InputProblem(`year_start must be a date or YYYY-MM text, not "${String(toCell(ys))}"`);
  return [SCHEDULE_HEADER, ...instalments(a, f, start).map((i) => [i.due, toNumber(i.amount)])];
}

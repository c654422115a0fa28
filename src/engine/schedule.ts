/**
 * Rule 10: instalment schedules. A non-host partner of a pooled pool pays its net contribution to
 * the host in 12 monthly or 4 quarterly instalments from `Year start` (the money rule splits it,
 * extra pennies to the earliest), then a balancing payment the month after the year ends.
 * yearend.md, section 2: the partner's `Payments` are set against its rows, first due first paid.
 */
import type { Frequency } from './types';
import { Decimal, ZERO, compare, isPositive, minus, splitEqually } from './money';

/** `YYYY-MM` plus n months. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

/** The months instalments fall due, for the last year start and frequency asked (one per run, in practice). */
let dues: { key: string; months: string[] } | undefined;

function dueMonths(frequency: Frequency, yearStart: string): string[] {
  const key = `${frequency} ${yearStart}`;
  if (dues?.key !== key) {
    const n = frequency === 'quarterly' ? 4 : 12;
    dues = { key, months: Array.from({ length: n }, (_, i) => addMonths(yearStart, i * (12 / n))) };
  }
  return dues.months;
}

export function instalments(
  amount: Decimal, frequency: Frequency, yearStart: string,
): Array<{ due: string; amount: Decimal }> {
  const months = dueMonths(frequency, yearStart);
  return splitEqually(amount, months.length).map((a, i) => ({ due: months[i], amount: a }));
}

/** The month the balancing payment is due: the month after the financial year ends. */
export function balancingDue(yearStart: string): string {
  return addMonths(yearStart, 12);
}

/** One schedule row, exact: what is due, what the partner's payments cover of it, and what is left. */
export interface ScheduleRow {
  pool: string;
  partner: string;
  to: string;
  due: string;
  kind: 'instalment' | 'balancing';
  amount: Decimal;
  paid: Decimal;
  outstanding: Decimal;
}

/**
 * What `paid` (the total of a partner's payments to the pool) covers of each row, rows in due order
 * with the balancing payment last: each instalment takes what is left up to its amount (first due,
 * first paid; a payment larger than an instalment runs on to the next; an instalment of 0 or less
 * takes nothing), and the balancing row takes all that remains, beyond its amount when the partner
 * has paid more than everything (its outstanding is then negative), below 0 when the payments
 * total below 0 (a refund recorded as a payment). The parts always add up to `paid`.
 */
export function paidAgainst(amounts: Decimal[], paid: Decimal): Decimal[] {
  let left = paid;
  return amounts.map((amount, i) => {
    if (i === amounts.length - 1) return left;
    const take = isPositive(left) && isPositive(amount) ? (compare(left, amount) <= 0 ? left : amount) : ZERO;
    left = minus(left, take);
    return take;
  });
}

/**
 * A non-host partner's schedule in a pooled pool: its instalments of `contribution`, then the
 * balancing payment (reading 4: none at all when both are 0; no instalments when the contribution
 * is 0), each with what its `payments` cover (paidAgainst).
 */
export function partnerSchedule(
  who: { pool: string; partner: string; to: string }, contribution: Decimal, balancing: Decimal, payments: Decimal,
  frequency: Frequency, yearStart: string,
): ScheduleRow[] {
  if (contribution.isZero() && balancing.isZero()) return [];
  const rows: Array<{ due: string; kind: ScheduleRow['kind']; amount: Decimal }> = contribution.isZero() ? []
    : instalments(contribution, frequency, yearStart)
      .map((i) => ({ due: i.due, kind: 'instalment', amount: i.amount }));
  rows.push({ due: balancingDue(yearStart), kind: 'balancing', amount: balancing });
  const paid = paidAgainst(rows.map((r) => r.amount), payments);
  // Written out field by field (not spread): one schedule row per instalment of every partner and pool.
  return rows.map((r, i) => ({
    pool: who.pool, partner: who.partner, to: who.to, due: r.due, kind: r.kind, amount: r.amount, paid: paid[i],
    outstanding: minus(r.amount, paid[i]),
  }));
}

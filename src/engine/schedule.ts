/**
 * Rule 10: instalment schedules. A non-host partner of a pooled pool pays its net contribution to
 * the host in 12 monthly or 4 quarterly instalments from `Year start` (the money rule splits it,
 * extra pennies to the earliest), then a balancing payment the month after the year ends.
 */
import type { Frequency } from './types';
import { Decimal, splitEqually } from './money';

/** `YYYY-MM` plus n months. */
export function addMonths(ym: string, n: number): string {
  const [y, m] = ym.split('-').map(Number);
  const k = y * 12 + (m - 1) + n;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
}

export function instalments(
  amount: Decimal, frequency: Frequency, yearStart: string,
): Array<{ due: string; amount: Decimal }> {
  const n = frequency === 'quarterly' ? 4 : 12;
  const step = 12 / n;
  return splitEqually(amount, n).map((a, i) => ({ due: addMonths(yearStart, i * step), amount: a }));
}

/** The month the balancing payment is due: the month after the financial year ends. */
export function balancingDue(yearStart: string): string {
  return addMonths(yearStart, 12);
}

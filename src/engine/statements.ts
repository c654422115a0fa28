/**
 * yearend.md, section 3: agreement of balances. One statement per route (a pair of partners
 * joined by a pool, routes.ts), with one line per pool that joins them:
 * - pooled pool: between its host and the partner; `instalmentsOutstanding` is the partner's
 *   instalments due by the statement date less what its payments cover (schedule.ts), `yearEnd`
 *   the rest of the partner's rule-8 balance, `balance` their sum (the rule-8 balance);
 * - aligned pool: `yearEnd` is what one pays the other under reading 6 (the pool's gross flows),
 *   no instalments;
 * signed so that a positive figure is owed by `partner` (the earlier in partner order) to
 * `counterparty`. At the year end a partner's statements add up to its position. An in-year
 * statement (the end of a period before the year's last month) counts only instalments due by
 * then and has no year-end part.
 */
import type { Statement } from './types';
import { Decimal, ZERO, plus, sum, toMoney } from './money';
import type { Flow } from './netting';
import type { Route } from './routes';
import { ScheduleRow, addMonths } from './schedule';
import { parseYearMonth } from './settings';
import { Warnings } from './warnings';

export interface StatementPool {
  name: string;
  kind: 'pooled' | 'aligned';
  host: string | null;
  /** Rule 8's balance of each partner of the pool, exact. */
  balance: Map<string, Decimal>;
}

export interface StatementInput {
  routes: Route[];
  pools: StatementPool[];
  schedules: ScheduleRow[];
  /** The flows before netting, pool by pool (rule 9's `gross`). */
  gross: Array<Flow & { pool: string }>;
  /** YYYY-MM */
  date: string;
  /** True for an in-year statement: no year-end part, instalments due by `date` only. */
  inYear: boolean;
  threshold: Decimal;
}

export function statementsOf(x: StatementInput): Statement[] {
  const pools = new Map(x.pools.map((p) => [p.name, p]));
  // Instalments due by the date and not paid, per pool and partner; aligned flows per pool and pair.
  const due = new Map<string, Decimal>();
  for (const r of x.schedules) {
    if (r.kind !== 'instalment' || r.due > x.date) continue;
    const key = `${r.pool}\u0000${r.partner}`;
    due.set(key, plus(due.get(key) ?? ZERO, r.outstanding));
  }
  const flows = new Map<string, Decimal>();
  for (const f of x.gross) {
    const key = `${f.pool}\u0000${f.from}\u0000${f.to}`;
    flows.set(key, plus(flows.get(key) ?? ZERO, f.amount));
  }
  const flow = (pool: string, from: string, to: string) => flows.get(`${pool}\u0000${from}\u0000${to}`) ?? ZERO;

  return x.routes.map((route) => {
    const lines = route.pools.map((name) => {
      const pool = pools.get(name)!;
      let outstanding = ZERO;
      let yearEnd = ZERO;
      if (pool.kind === 'pooled') {
        // The line is between the host and the other partner of the pair; `a` owes when that partner does.
        const other = pool.host === route.a ? route.b : route.a;
        const sign = other === route.a ? 1 : -1;
        const open = due.get(`${name}\u0000${other}`) ?? ZERO;
        outstanding = open.times(sign);
        if (!x.inYear) yearEnd = (pool.balance.get(other) ?? ZERO).minus(open).times(sign);
      } else if (!x.inYear) {
        yearEnd = flow(name, route.a, route.b).minus(flow(name, route.b, route.a));
      }
      return { pool: name, outstanding, yearEnd, balance: outstanding.plus(yearEnd) };
    });
    const balance = sum(lines.map((l) => l.balance));
    return {
      partner: route.a,
      counterparty: route.b,
      date: x.date,
      lines: lines.map((l) => ({
        pool: l.pool, instalmentsOutstanding: toMoney(l.outstanding), yearEnd: toMoney(l.yearEnd),
        balance: toMoney(l.balance),
      })),
      balance: toMoney(balance),
      marked: balance.abs().greaterThanOrEqualTo(x.threshold),
    };
  });
}

/**
 * The statement date: the year's last month, or the end of `period` (RunOptions, the command line's
 * --period) when it falls in the year (before its last month: an in-year statement). A period that
 * is not a month, or outside the year, is an error and there are no statements (never a statement
 * at a date the user did not ask for).
 */
export function statementDate(yearStart: string, period: string | undefined, w: Warnings):
  { date: string; inYear: boolean } | null {
  const last = addMonths(yearStart, 11);
  if (period === undefined) return { date: last, inYear: false };
  const ym = parseYearMonth(period);
  if (ym === null) {
    w.add('INVALID_VALUE', `The period ${JSON.stringify(period)} is not a month; give it as YYYY-MM, e.g. `
      + `${addMonths(yearStart, 5)}. No statements are given.`);
    return null;
  }
  if (ym < yearStart || ym > last) {
    w.add('PERIOD_OUTSIDE_YEAR', `The period ${ym} is outside the year ${yearStart} to ${last}; give a month of the `
      + 'year (or none, for year-end statements). No statements are given.');
    return null;
  }
  return { date: ym, inYear: ym !== last };
}

/**
 * The committee pack's agreement-of-balances section (yearend.md, section 3): one table of the
 * pairs of partners joined by a pool, with the pools, the balance, who owes whom and the
 * `Statement threshold` mark. The lead plugs it into the pack; every text is escaped with the
 * pack's own helper.
 */
import type { RunResult } from '../engine/types';
import { Decimal, groupMoney } from '../engine/money';
import { statementOwes } from '../workbook/output';
import { esc } from './report';

/** The section as an HTML fragment (a heading, a sentence and one table), or a sentence when there are no pairs. */
export function statementsHtml(result: RunResult): string {
  const statements = result.statements ?? [];
  const head = '<h2>Agreement of balances</h2>';
  if (statements.length === 0) {
    return `${head}\n<p>${esc('No statements: no pool that ran joins two partners, or the period asked for is not '
      + 'a month of the year (see the warnings).')}</p>`;
  }
  const date = statements[0].date;
  const money = (s: string) => groupMoney(new Decimal(s));
  const intro = `Balances as at the end of ${date}, in ${result.units}, one line per pair of partners joined by `
    + 'a pool; positive: the first partner owes the second. Pairs marked * are at or above the Statement '
    + 'threshold and must be agreed by both sides.';
  const headers = ['', 'Partner', 'Counterparty', 'Pools', 'Instalments outstanding', 'Year-end part', 'Balance',
    'Who owes whom'];
  const right = new Set([4, 5, 6]);
  const cell = (tag: 'th' | 'td', v: string, i: number) =>
    `<${tag}${right.has(i) ? ' class="n"' : ''}>${esc(v)}</${tag}>`;
  const total = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2);
  const rows = statements.map((st) => [st.marked ? '*' : '', st.partner, st.counterparty,
    st.lines.map((l) => l.pool).join(', '), money(total(st.lines.map((l) => l.instalmentsOutstanding))),
    money(total(st.lines.map((l) => l.yearEnd))), money(st.balance), statementOwes(st, money)]);
  return [head, `<p>${esc(intro)}</p>`, '<table class="statements">',
    `<tr>${headers.map((h, i) => cell('th', h, i)).join('')}</tr>`,
    ...rows.map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`), '</table>'].join('\n');
}

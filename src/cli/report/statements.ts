/**
 * The year-end pack's agreement-of-balances page (yearend.md, section 3): one table of the pairs of
 * partners joined by a pool, with the pools, the balance, who owes whom and the `Statement
 * threshold` mark. Names as everywhere in the pack; figures in the pack's one negative style.
 */
import { Decimal } from '../../engine/money';
import type { Statement } from '../../engine/types';
import { figure, page, tableHtml } from './format';
import type { Pack } from './pack';

const total = (xs: string[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0));

function owes(st: Statement, name: (code: string) => string): string {
  const b = new Decimal(st.balance);
  if (b.isZero()) return 'Nothing owed either way';
  return b.greaterThan(0) ? `${name(st.partner)} owes ${name(st.counterparty)} ${figure(b)}`
    : `${name(st.counterparty)} owes ${name(st.partner)} ${figure(b.negated())}`;
}

/** The page, or '' when the pack is not a year-end pack or no pool that ran joins two partners. */
export function statementsPage(pack: Pack): string {
  const statements = pack.yearEnd?.statements ?? [];
  if (statements.length === 0) return '';
  const intro = `<p>Balances as at the end of ${statements[0].date}, in ${pack.units}, one line per pair of partners `
    + 'joined by a pool; positive: the first partner owes the second. Pairs marked * are at or above the '
    + 'Statement threshold and must be agreed by both sides (the Statements sheet of the results workbook has a '
    + 'line for each side to sign).</p>';
  const rows = statements.map((st) => [st.marked ? '*' : '', pack.partner(st.partner), pack.partner(st.counterparty),
    st.lines.map((l) => l.pool).join(', '), figure(total(st.lines.map((l) => l.instalmentsOutstanding))),
    figure(total(st.lines.map((l) => l.yearEnd))), figure(st.balance), owes(st, pack.partner)]);
  const columns = [{ head: '' }, { head: 'Partner' }, { head: 'Counterparty' }, { head: 'Pools' },
    { head: 'Instalments outstanding', numeric: true }, { head: 'Year-end part', numeric: true },
    { head: 'Balance', numeric: true }, { head: 'Who owes whom' }];
  return page('Agreement of balances', `${intro}\n${tableHtml(columns, rows, undefined, 'statements')}`, 'statements');
}

/** The command line's summary of routes and statements, and the pack's statements section. */
import type { RawRow } from '../../src/engine';
import { summary } from '../../src/cli/summary';
import { statementsHtml } from '../../src/cli/report-statements';
import { go, specExample, star, twoHosts } from './workbooks';

describe('summary', () => {
  it('routes: lists the routes and flags what multilateral would have paid off them', () => {
    const text = summary(go(twoHosts, { netting: 'routes' }));
    expect(text).toContain('Payments after routes netting: 2 worth 160.00');
    expect(text).toContain('Routes (pairs of partners joined by a pool): 2\n  CC – ICB: A\n  ICB – DC: B\n');
    // multilateral: DC pays CC 60 (workbooks.ts), and DC and CC share no pool.
    expect(text).toContain('multilateral netting would have made 1 payment off the routes:\n'
      + '  DC → CC: no shared pool (60.00)\n');
  });

  it('multilateral: its own off-route payments are flagged; none when all are on routes', () => {
    const text = summary(go(star));
    expect(text).toContain('1 of these payments runs between partners that share no pool');
    expect(text).toContain('  ICB → DC: no shared pool (30.00)');
    expect(summary(go(specExample([400])))).not.toContain('no shared pool');
    expect(summary(go(star, { netting: 'bilateral' }))).not.toContain('no shared pool');
  });

  it('lists the statements\' pairs with who owes whom and the threshold mark', () => {
    const text = summary(go(star, { period: '2025-09' }));
    // Star, in-year to September: ICB paid 250 of instalments of 25.00 a month: nothing due unpaid by then.
    expect(text).toContain('Statements as at the end of 2025-09');
    expect(text).toContain('  * CC – ICB: Nothing owed either way (BCF)');
    const marked = summary(go(specExample([100], [{ Setting: 'Statement threshold', Value: 500 }])));
    expect(marked).toContain('    CC – ICB: ICB owes CC 340.00 (BCF)');
  });
});

describe('the pack\'s statements section', () => {
  it('one table of the pairs, every text escaped', () => {
    const tables: Record<string, RawRow[]> = { ...specExample([100]), Partners: [{ Partner: 'CC' }, { Partner: '<b>ICB</b>' }] };
    tables.Contributions = tables.Contributions.map((c) => (c.Partner === 'ICB' ? { ...c, Partner: '<b>ICB</b>' } : c));
    tables.Payments = tables.Payments.map((c) => ({ ...c, Partner: '<b>ICB</b>' }));
    const html = statementsHtml(go(tables));
    expect(html).not.toContain('<b>');
    expect(html).toContain('<td>&lt;b&gt;ICB&lt;/b&gt;</td>');
    expect(html.match(/<table/g)).toHaveLength(1);
    // −300 outstanding, −40 year-end part, −340 in all: the counterparty owes CC 340.
    expect(html).toContain('<td class="n">-300.00</td><td class="n">-40.00</td><td class="n">-340.00</td>'
      + '<td>&lt;b&gt;ICB&lt;/b&gt; owes CC 340.00</td>');
    expect(statementsHtml(go(specExample([100]), { period: '2027-01' }))).toContain('No statements');
  });
});

/** The command line's summary of routes and statements, and the pack's statements section. */
import type { RawRow } from '../../src/engine';
import { summary } from '../../src/cli/summary';
import { makePack } from '../../src/cli/report';
import { statementsPage } from '../../src/cli/report/statements';
import { monitor } from '../../src/engine';
import { TODAY, go, specExample, star, twoHosts } from './workbooks';

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
  const page = (tables: Record<string, RawRow[]>) => {
    const input = { tables: { Settings: [{ Setting: 'Year start', Value: '2025-04' }], ...tables } };
    return statementsPage(makePack(input, monitor(input, { today: TODAY })));
  };
  it('one table of the pairs, names beside codes, every text escaped, the pack\'s minus', () => {
    const tables: Record<string, RawRow[]> = {
      ...specExample([100]), Partners: [{ Partner: 'CC', Name: 'County' }, { Partner: '<b>ICB</b>' }] };
    tables.Contributions = tables.Contributions.map((c) => (c.Partner === 'ICB' ? { ...c, Partner: '<b>ICB</b>' } : c));
    tables.Payments = tables.Payments.map((c) => ({ ...c, Partner: '<b>ICB</b>' }));
    const html = page(tables);
    expect(html).not.toContain('<b>');
    expect(html).toContain('<td>&lt;b&gt;ICB&lt;/b&gt;</td>');
    expect(html.match(/<table/g)).toHaveLength(1);
    // −300 outstanding, −40 year-end part, −340 in all: the counterparty owes CC 340.
    expect(html).toContain('<td class="n">\u2212300.00</td><td class="n">\u221240.00</td><td class="n">\u2212340.00</td>'
      + '<td>&lt;b&gt;ICB&lt;/b&gt; owes County (CC) 340.00</td>');
  });
  it('no page in a pack that is not a year-end pack or has no pairs', () => {
    const tables = specExample([100]);
    expect(page({ ...tables, Forecasts: [{ Pool: 'BCF', Line: tables.Lines[0].Line, Period: '2025-06', Forecast: 100 }] }))
      .toBe('');
  });
});

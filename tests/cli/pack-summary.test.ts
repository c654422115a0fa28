/**
 * The committee pack's page 1 and pool pages (issue 17 item 5): a summary of every pool with its
 * RAG mark against materiality and totals, who bears what by partner (names), key messages from
 * the warnings, the period and units; partner and pool names wherever they are shown; one
 * negative style (a true minus); every pool on its own page, in pool order.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Decimal, monitor, run } from '../../src/engine';
import type { RawRow } from '../../src/engine';
import { buildPack, makePack } from '../../src/cli/report';

const example = join(__dirname, '..', '..', 'examples', 'poolshare-example.json');
const tables = (): Record<string, RawRow[]> => JSON.parse(readFileSync(example, 'utf8')).tables;

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** The text of some HTML: tags, styles and charts dropped, entities read. */
const textOf = (html: string) => unescape(html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<svg[\s\S]*?<\/svg>/g, '')
  .replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
/** The rows of the first table with this class, as cell texts. */
function rowsOf(html: string, cls: string): string[][] {
  const t = new RegExp(`<table class="${cls}">([\\s\\S]*?)</table>`).exec(html);
  if (!t) throw new Error(`no table ${cls}`);
  return [...t[1].matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...r[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => textOf(c[1]).trim()));
}
const summaryOf = (html: string) => html.slice(html.indexOf('<section class="summary">'), html.indexOf('</section>'));

describe('page 1: the summary', () => {
  let html = '';
  beforeAll(async () => {
    html = await buildPack({ tables: tables() }, monitor({ tables: tables() }));
  });

  test('every pool with budget, forecast, variance, movement, reserve and a RAG mark; totals', () => {
    const rows = rowsOf(summaryOf(html), 'summary');
    expect(rows[0]).toEqual(['Pool', 'Budget', 'Forecast', 'Variance', 'Movement', 'Reserve used', 'To reserve', 'RAG']);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(['BCF', 'LD', 'MH', 'OP', 'ABI']);
    // BCF as at 2025-11, by hand: budget = nets CC 2,400,000 − 185,000 + ICB 6,050,000 + 920,000 + DC 1,337,500
    // = 10,522,500; forecast 6,210,000 + 3,185,000 + 1,342,500 (DFG's latest Forecasts row) = 10,737,500;
    // variance 215,000, an overspend of 2.04% of budget, within the 5% materiality: Amber.
    expect(rows[1]).toEqual(['BCF', '10,522,500.00', '10,737,500.00', '215,000.00', '32,500.00', '150,000.00', '0.00',
      'Amber']);
    // ABI by hand: budget CC 640,000 − 40,000 + ICB 1,600,000 = 2,200,000; forecast 2,013,000; variance −187,000,
    // 8.5% of budget, beyond 5%: Red; the underspend is carried in the reserve (Underspend = reserve).
    expect(rows[5]).toEqual(['ABI', '2,200,000.00', '2,013,000.00', '\u2212187,000.00', '\u2212137,000.00', '0.00',
      '187,000.00', 'Red']);
    // The totals are the column sums of the pools that ran (all five here).
    const result = monitor({ tables: tables() });
    const total = (pick: (p: { budget: string; periods: Array<{ variance: string }> }) => string) =>
      result.pools.reduce((s, p) => ('periods' in p ? s.plus(pick(p)) : s), new Decimal(0));
    const last = <T>(xs: T[]) => xs[xs.length - 1];
    const group = (d: Decimal) => d.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',').replace(/^-/, '\u2212');
    const totals = rows[rows.length - 1];
    expect(totals[0]).toBe('Total');
    expect(totals[1]).toBe(group(total((p) => p.budget)));
    expect(totals[3]).toBe(group(total((p) => last(p.periods).variance)));
  });

  test('RAG: Green when on or under budget within materiality and not moved beyond it', async () => {
    // ABI as at 2025-09: variance −50,000 (2.27% of 2,200,000, within 5%), unchanged since 2025-07: Green.
    const t = tables();
    const sep = await buildPack({ tables: t }, monitor({ tables: t }, { period: '2025-09' }));
    const abi = rowsOf(summaryOf(sep), 'summary').find((r) => r[0] === 'ABI')!;
    expect([abi[3], abi[4], abi[7]]).toEqual(['\u221250,000.00', '0.00', 'Green']);
  });

  test('the period and units, who bears what by partner (names), key messages from the warnings', () => {
    const summary = textOf(summaryOf(html));
    expect(summary).toContain('monitoring as at November 2025');
    expect(summary).toContain('Financial year 2025-04 to 2026-03');
    expect(summary).toContain('Amounts in £');
    expect(summary).toMatch(/Who bears what, by partner Partner Savings charge Risk share Final cost Northshire County Council \(CC\)/);
    expect(summary).toContain('Northshire and Dale Integrated Care Board (ICB)');
    // The key messages quote the run's most important warnings: ABI beyond materiality, and moved.
    expect(summary).toMatch(/Key messages Pool ABI: the variance \u2212187,000\.00 is 8\.5% of the budget/);
    expect(summary).toContain('In all: 0 errors, 2 warnings and 3 notes');
  });

  test('partner names wherever a partner is shown: risk share and savings tables', () => {
    const pools = html.slice(html.indexOf('<section class="pool page"'));
    let seen = 0;
    for (const m of pools.matchAll(/<h3>(Risk share by partner|Savings at risk)<\/h3>\s*<table>([\s\S]*?)<\/table>/g)) {
      const col = m[1] === 'Risk share by partner' ? 0 : 1;
      const cells = [...m[2].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].slice(1)
        .map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)][col][1]);
      for (const c of cells) expect(c).toMatch(/^[A-Z][a-z].* \((CC|ICB|DC)\)$/);
      seen += cells.length;
    }
    // 5 pools' risk share rows (3 + 2 + 2 + 3 + 2 partners) and 3 savings at risk (LD: CC's 900,000 − 540,000 and
    // ICB's agreed 300,000 − 120,000; OP: CC's 750,000 − 600,000).
    expect(seen).toBe(15);
  });

  test('one negative style: a true minus, never (1,234.00) or -1,234.00, in the text of the pack', () => {
    const text = textOf(html);
    expect(text).toContain('\u2212');
    expect(text).not.toMatch(/\(\d{1,3}(,\d{3})*\.\d\d\)/);
    expect(text).not.toMatch(/(^|[\s(])-\d{1,3}(,\d{3})*\.\d\d/);
  });

  test('each pool on its own page, in pool order, with its RAG mark; the summary links to it', () => {
    const ids = [...html.matchAll(/<section class="pool page" id="(pool-\d+)"><h2>Pool ([^<]*?) <span/g)];
    expect(ids.map((m) => [m[1], m[2]])).toEqual([['pool-1', 'BCF'], ['pool-2', 'LD'], ['pool-3', 'MH'], ['pool-4', 'OP'],
      ['pool-5', 'ABI']]);
    for (const [, id] of ids) expect(html).toContain(`<a href="#${id}">`);
    expect(html).toMatch(/section\.page \{ break-before: page;/);
    expect(html).toMatch(/h1, h2, h3 \{ break-after: avoid;/);
  });
});

describe('pool names: an optional Name column on Pools', () => {
  const named = () => {
    const t = tables();
    t.Pools = t.Pools.map((p) => ({ ...p, Name: p.Pool === 'BCF' ? 'Better Care Fund' : p.Pool === 'LD' ? '  ' : 'x' }));
    t.Pools[4].Name = '<b>Acquired</b> brain injury';
    return t;
  };

  test('the results carry poolNames only when Pools has a Name column', () => {
    const t = named();
    const result = monitor({ tables: t });
    expect(result.poolNames).toEqual([{ pool: 'BCF', name: 'Better Care Fund' }, { pool: 'LD', name: null },
      { pool: 'MH', name: 'x' }, { pool: 'OP', name: 'x' }, { pool: 'ABI', name: '<b>Acquired</b> brain injury' }]);
    expect(monitor({ tables: tables() })).not.toHaveProperty('poolNames');
    expect(run({ tables: t }).poolNames).toEqual(result.poolNames);
    expect(run({ tables: tables() })).not.toHaveProperty('poolNames');
    // A Name column left blank (as the template inserts it) is as no column: the JSON and .xlsx readings agree.
    const blank = tables();
    blank.Pools = blank.Pools.map((p) => ({ ...p, Name: null }));
    expect(run({ tables: blank })).not.toHaveProperty('poolNames');
    expect(monitor({ tables: blank })).not.toHaveProperty('poolNames');
    // The other figures are unchanged by the names.
    const { poolNames: _, ...rest } = result;
    expect(rest).toEqual(monitor({ tables: tables() }));
  });

  test('the pack heads each pool with its code and name, escaped; no name, the code', async () => {
    const t = named();
    const html = await buildPack({ tables: t }, monitor({ tables: t }));
    expect(html).toContain('<h2>Pool BCF: Better Care Fund <span');
    expect(html).toContain('<h2>Pool LD <span');
    expect(html).toContain('<a href="#pool-5">ABI: &lt;b&gt;Acquired&lt;/b&gt; brain injury</a>');
    expect(html).not.toContain('<b>Acquired');
    expect(makePack({ tables: t }, monitor({ tables: t })).pools.map((p) => p.title)[0]).toBe('BCF: Better Care Fund');
  });
});

/**
 * The committee pack lists every error and warning the run gives, each once (issue 22 item 5,
 * issue 17 item 5): the year-end pack carries `poolshare run`'s warnings; a report block whose
 * name matches no pool has its TOTAL_MISMATCH and NET_MISMATCH listed; the command says what the
 * pack lists and exits with the run's status. `--pdf` names a .pdf file and a .pdf file asks for
 * --pdf; slips end with one line and exit 2, writing nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import { monitor, run } from '../../src/engine';
import type { RawRow, Warning, WorkbookInput } from '../../src/engine';
import { buildPack } from '../../src/cli/report';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');
const tables = (): Record<string, RawRow[]> => JSON.parse(readFileSync(example, 'utf8')).tables;
let dir = '';
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'poolshare-pack-warnings-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

/** The warning items of a pack, as [code, message] (entities read back). */
function listed(html: string): Array<[string, string]> {
  const un = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return [...html.matchAll(/<li class="(?:error|warning|info)"><b>\w+<\/b> <code>(\w+)<\/code>.*?<span class="message">([^<]*)<\/span><\/li>/g)]
    .map((m) => [m[1], un(m[2])]);
}
const asListed = (ws: Warning[]) => ws.map((w) => [w.code, w.message.replace(/(^|[\s(])-(?=\d{1,3}(?:,\d{3})*\.\d\d\b)/g,
  '$1\u2212')]);
const sorted = <T>(xs: T[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

/** The example with no Forecasts and no dated savings: the pack reports the year end. */
function yearEnd(): Record<string, RawRow[]> {
  const t = tables();
  delete (t as Record<string, unknown>).Forecasts;
  t.Lines = t.Lines.map((l) => (l.Forecast === null ? { ...l, Forecast: 1342500 } : l));
  t.Savings = t.Savings.filter((s) => !s.Period);
  return t;
}

describe('the year-end pack carries the run\'s warnings', () => {
  test('the same list as `poolshare run`, VARIANCE_OVER_MATERIALITY included, each once', async () => {
    const input = { tables: yearEnd() };
    const r = run(input);
    // ABI at the year end, by hand: forecast 2,013,000 against the budget 2,200,000: −187,000, 8.5% > 5%.
    expect(r.warnings.map((w) => w.code)).toContain('VARIANCE_OVER_MATERIALITY');
    const html = await buildPack(input, monitor(input));
    expect(sorted(listed(html))).toEqual(sorted(asListed(r.warnings)));
    expect(html).toContain('Pool ABI: the variance \u2212187,000.00 is 8.5% of the budget 2,200,000.00');
  });

  test('the command says what it lists, as `poolshare run` gives them, and exits 0 with no errors', async () => {
    const file = join(dir, 'year-end.json');
    writeFileSync(file, JSON.stringify({ tables: yearEnd() }));
    const r = await cli('report', file, '--out', join(dir, 'year-end.html'));
    const counts = { error: 0, warning: 0, info: 0 };
    for (const w of run({ tables: yearEnd() }).warnings) counts[w.severity]++;
    expect(r.code).toBe(0);
    expect(r.out).toContain(`It lists 0 errors, ${counts.warning} warning${counts.warning === 1 ? '' : 's'} and `
      + `${counts.info} note${counts.info === 1 ? '' : 's'}, as \`poolshare run\` gives them.`);
  });
});

describe('errors of report blocks and of pools are listed, and the status follows them', () => {
  const block: Warning[] = [
    { code: 'TOTAL_MISMATCH', severity: 'error', pool: 'Pool 1: Better Care Fund', sheet: 'Committee report', cell: 'B4',
      message: 'Committee report!B4: Gross contribution for County Council is printed as 100.00 but its lines add up to 0.00.' },
    { code: 'NET_MISMATCH', severity: 'error', pool: 'Pool 1: Better Care Fund', sheet: 'Committee report', cell: 'C6',
      message: 'Committee report!C6: Net contribution for NHS is printed as 6,000,000.00 but gross is 6,050,000.00.' },
  ];

  test('a block whose name matches no pool: both errors listed under Other warnings, naming it', async () => {
    const input: WorkbookInput = { tables: tables(), warnings: block.map((w) => ({ ...w })) };
    const result = monitor(input);
    const html = await buildPack(input, result);
    expect(sorted(listed(html))).toEqual(sorted(asListed(result.warnings)));
    const other = html.slice(html.indexOf('id="other-warnings"'));
    expect(other).toContain('<code>TOTAL_MISMATCH</code> [Committee report!B4] (names Pool 1: Better Care Fund, which');
    expect(other).toContain('<code>NET_MISMATCH</code> [Committee report!C6]');
    expect(html).toContain('2 errors not tied to one pool, listed under &quot;Other warnings&quot; at the end.');
  });

  test('a pool with errors: not run, its errors listed once on its page, left out of the totals', async () => {
    const t = tables();
    const bad = t.Contributions.findIndex((c) => c.Pool === 'LD');
    t.Contributions[bad] = { ...t.Contributions[bad], Gross: 'lots' };
    const input = { tables: t };
    const result = monitor(input);
    const html = await buildPack(input, result);
    expect(sorted(listed(html))).toEqual(sorted(asListed(result.warnings)));
    const ld = html.slice(html.indexOf('id="pool-2"'), html.indexOf('id="pool-3"'));
    expect(ld).toContain('<span class="rag none">Not run</span>');
    expect(ld).toMatch(/This pool was not run: 1 error, listed below\. Its figures are not in the summary/);
    expect(ld).toContain('<code>NOT_A_NUMBER</code>');
    expect(html).toContain('1 of 5 pools not run because of errors: LD (1 error).');
    expect(html).toContain('Total of the 4 pools that ran');
  });

  test('the command: a workbook with a mismatched report block naming no pool lists both errors, exits 1', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(root, 'examples', 'poolshare-example.xlsx'));
    const ws = wb.addWorksheet('Committee report');
    // Lines add to 0 for the County Council but its gross is printed 100: TOTAL_MISMATCH. The NHS's gross
    // 6,050,000 with no deductions is 6,050,000, but its net is printed 6,000,000: NET_MISMATCH.
    [['Pool 1: Better Care Fund', 'County Council', 'NHS'], [null, '£', '£'], ['Community health services', 0, 6050000],
      ['Gross contribution', 100, 6050000], ['Less service user income', 0, 0], ['Net contribution', 100, 6000000]]
      .forEach((row, i) => ws.getRow(i + 1).values = row as ExcelJS.CellValue[]);
    const book = join(dir, 'blocks.xlsx');
    await wb.xlsx.writeFile(book);
    const out = join(dir, 'blocks.html');
    const r = await cli('report', book, '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<code>TOTAL_MISMATCH</code> [Committee report!B4]');
    expect(html).toContain('<code>NET_MISMATCH</code> [Committee report!C6]');
    expect(r.out).toMatch(/^Committee pack written to .*blocks\.html\nIt lists [1-9]\d* errors?, .* The workbook has errors \(exit status 1\)/);
  });
});

describe('--pdf on the command line', () => {
  test.each([
    [['--out', 'pack.html', '--pdf'], /^poolshare: --pdf writes a PDF: name the file \.pdf \(--out PACK\.pdf\), not .*pack\.html\n$/],
    [['--out', 'pack.pdf'], /^poolshare: .*pack\.pdf is named \.pdf: add --pdf to print the pack to PDF, or name it \.html\n$/],
  ])('report %j: one line, exit 2, nothing written', async (args, message) => {
    const argv = args.map((a) => (a.startsWith('pack') ? join(dir, a) : a));
    const r = await cli('report', example, ...argv);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(message);
    expect(existsSync(join(dir, args[1]))).toBe(false);
  });

  test('--pdf belongs to report only', async () => {
    const r = await cli('monitor', example, '--pdf');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^poolshare: unknown option --pdf/);
  });
});

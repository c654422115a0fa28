/**
 * A4 print is the committee pack's contract (issue 17 item 5): the pack printed by headless
 * Chromium (/usr/bin/chromium via playwright-core, as `poolshare report --pdf` prints it) to PDF.
 * The PDF is read back without a PDF library: its page tree gives the page count and order, and
 * the named destinations Chromium writes for the summary's links to each pool's page give the
 * page (and the height on it) where each pool starts. Every pool starting at the top of a page of
 * its own, in pool order, means no page holds two pools.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { monitor } from '../../src/engine';
import type { RawRow } from '../../src/engine';
import { buildPack } from '../../src/cli/report';
import { printPdf } from '../../src/cli/report/pdf';
import { main } from '../../src/cli/main';
import { ROOT } from './harness';

const example = join(ROOT, 'examples', 'poolshare-example.json');
const tables = (): Record<string, RawRow[]> => JSON.parse(readFileSync(example, 'utf8')).tables;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** What a PDF's structure says: its pages in order, and each named destination's page index and height. */
interface Printed {
  pages: number;
  dests: Map<string, { page: number; y: number }>;
  /** The page's height in points (A4: 841.89). */
  height: number;
}

function readPdf(pdf: Buffer): Printed {
  const text = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of text.matchAll(/(\d+) 0 obj\b([\s\S]*?)(?:\bstream\r?\n|\bendobj)/g)) objects.set(Number(m[1]), m[2]);
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const root = ref(text.slice(text.lastIndexOf('trailer')), 'Root') ?? ref(text, 'Root');
  const catalog = objects.get(root!)!;
  const order: number[] = [];
  const walk = (id: number) => {
    const node = objects.get(id)!;
    if (/\/Type \/Pages\b/.test(node)) {
      for (const k of /\/Kids \[([^\]]*)\]/.exec(node)![1].matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type \/Page\b/.test(node)) order.push(id);
  };
  walk(ref(catalog, 'Pages')!);
  const first = objects.get(order[0])!;
  const box = /\/MediaBox \[\s*[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\s*\]/.exec(first);
  const destsId = ref(catalog, 'Dests');
  const dests = new Map<string, { page: number; y: number }>();
  if (destsId !== null) {
    for (const m of objects.get(destsId)!.matchAll(/\/([\w-]+) \[(\d+) 0 R \/XYZ [\d.]+ ([\d.]+)/g)) {
      dests.set(m[1], { page: order.indexOf(Number(m[2])), y: Number(m[3]) });
    }
  }
  return { pages: order.length, dests, height: box ? Number(box[1]) : NaN };
}

/** Checks the print contract for a pack of `pools` pools; returns the first page of each pool. */
function checkPrint(p: Printed, pools: number): number[] {
  // A4 portrait: 595.28 × 841.89 points.
  expect(Math.round(p.height)).toBe(842);
  const starts: number[] = [];
  for (let i = 1; i <= pools; i++) {
    const d = p.dests.get(`pool-${i}`);
    expect(d).toBeDefined();
    // Each pool starts at the top of its page: nothing of another pool above it on that page.
    expect(d!.y).toBeGreaterThan(p.height - 1);
    starts.push(d!.page);
  }
  // Page 1 is the summary alone: the first pool starts on page 2.
  expect(starts[0]).toBe(1);
  // In pool order, each on a page of its own: a page holds one pool at most.
  for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]);
  return starts;
}

let dir = '';
beforeAll(() => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser suite needs Chromium at ${CHROMIUM}`);
  dir = mkdtempSync(join(tmpdir(), 'poolshare-pack-print-'));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the committee pack printed to A4 by Chromium', () => {
  test('the example: the summary on page 1, then each of the 5 pools on its own pages, 2 at most each', async () => {
    const input = { tables: tables() };
    const printed = readPdf(await printPdf(await buildPack(input, monitor(input))));
    const starts = checkPrint(printed, 5);
    const lengths = starts.map((s, i) => (starts[i + 1] ?? printed.pages) - s);
    for (const n of lengths) expect(n === 1 || n === 2).toBe(true);
    // The page count: the summary's page and each pool's pages, nothing else (no page of stray warnings).
    expect(printed.pages).toBe(1 + lengths.reduce((a, b) => a + b, 0));
    expect(printed.pages).toBeLessThanOrEqual(8);
  });

  test('the year-end pack (no charts) and a pack with a failed pool keep to the same rules', async () => {
    const t = tables();
    delete (t as Record<string, unknown>).Forecasts;
    t.Lines = t.Lines.map((l) => (l.Forecast === null ? { ...l, Forecast: 1342500 } : l));
    t.Savings = t.Savings.filter((s) => !s.Period);
    const year = readPdf(await printPdf(await buildPack({ tables: t }, monitor({ tables: t }))));
    checkPrint(year, 5);
    expect(year.pages).toBeLessThanOrEqual(1 + 5 * 2);
    const bad = tables();
    bad.Contributions[0] = { ...bad.Contributions[0], Gross: 'lots' };
    const failed = readPdf(await printPdf(await buildPack({ tables: bad }, monitor({ tables: bad }))));
    const starts = checkPrint(failed, 5);
    // BCF, not run, is one short page: its contributions, why it did not run, and its errors.
    expect(starts[1] - starts[0]).toBe(1);
  });

  test('a generated workbook of 12 pools: every pool on its own pages', async () => {
    const { generateWorkbook } = await import('../../bench/generate');
    const input = { tables: generateWorkbook({ rows: 1200, seed: 7 }).tables as Record<string, RawRow[]> };
    const result = monitor(input);
    const printed = readPdf(await printPdf(await buildPack(input, result)));
    checkPrint(printed, result.pools.length);
  });

  test('`poolshare report --pdf` writes the same PDF pages directly', async () => {
    const out = join(dir, 'pack.pdf');
    let said = '';
    const code = await main(['report', example, '--out', out, '--pdf'], { out: (s) => { said += s; }, err: (s) => { said += s; } });
    expect(code).toBe(0);
    expect(said).toMatch(/^Committee pack written to .*pack\.pdf\n/);
    const pdf = readFileSync(out);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const input = { tables: tables() };
    const direct = readPdf(await printPdf(await buildPack(input, monitor(input))));
    expect(readPdf(pdf).pages).toBe(direct.pages);
  });
});

/**
 * A4 print is the committee pack's contract (issue 17 item 5): the pack printed by headless
 * Chromium (/usr/bin/chromium via playwright-core, as `poolshare report --pdf` prints it) to PDF.
 * The PDF is read back without a PDF library: its page tree gives the page count and order, and
 * the named destinations Chromium writes for the summary's links to each pool's page give the
 * page (and the height on it) where each pool starts. Every pool starting at the top of a page of
 * its own, in pool order, means no page holds two pools.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { inflateSync } from 'zlib';
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

/** What a printed PDF says: its pages in order with their text lines, each named destination's page and height. */
interface Printed {
  pages: number;
  /** Each page's text, line by line (one line per text run Chromium drew, in drawing order). */
  text: string[][];
  dests: Map<string, { page: number; y: number }>;
  /** The page's height in points (A4: 841.89). */
  height: number;
}

/**
 * Reads a Chromium (Skia) PDF: its objects, the page tree from the catalog, each page's content
 * stream inflated and its glyph strings (Identity-H, two bytes a glyph) mapped to text through
 * each font's ToUnicode map, and the named destinations of its internal links.
 */
function readPdf(pdf: Buffer): Printed {
  const text = pdf.toString('latin1'); // one character per byte: string offsets are byte offsets
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  for (const m of text.matchAll(/(\d+) 0 obj\b/g)) {
    const start = m.index! + m[0].length;
    const body = text.slice(start, text.indexOf('endobj', start));
    const at = body.indexOf('stream');
    let stream: Buffer | null = null;
    if (at >= 0) {
      const length = Number(/\/Length (\d+)/.exec(body.slice(0, at))![1]);
      let from = start + at + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      const raw = pdf.subarray(from, from + length);
      stream = /FlateDecode/.test(body.slice(0, at)) ? inflateSync(raw) : raw;
    }
    objects.set(Number(m[1]), { dict: at >= 0 ? body.slice(0, at) : body, stream });
  }
  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const unicode = new Map<number, Map<number, string>>();
  const toUnicode = (font: number) => {
    let map = unicode.get(font);
    if (map) return map;
    map = new Map();
    const id = ref(objects.get(font)!.dict, 'ToUnicode');
    const cmap = id === null ? '' : objects.get(id)!.stream!.toString('latin1');
    const chars = (hex: string) => String.fromCodePoint(...hex.match(/.{4}/g)!.map((x) => parseInt(x, 16)));
    for (const b of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of b[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1], 16), chars(m[2]));
    }
    for (const b of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of b[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        const [lo, hi, first] = [m[1], m[2], m[3]].map((x) => parseInt(x, 16));
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(first + c - lo));
      }
    }
    unicode.set(font, map);
    return map;
  };
  const catalog = objects.get(ref(text.slice(text.lastIndexOf('trailer')), 'Root')!)!.dict;
  const order: number[] = [];
  const walk = (id: number) => {
    const node = objects.get(id)!.dict;
    if (/\/Type \/Pages\b/.test(node)) {
      for (const k of /\/Kids \[([^\]]*)\]/.exec(node)![1].matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type \/Page\b/.test(node)) order.push(id);
  };
  walk(ref(catalog, 'Pages')!);
  const pageText = (id: number): string[] => {
    const dict = objects.get(id)!.dict;
    const fonts = new Map([.../\/Font <<([^>]*)>>/.exec(dict)![1].matchAll(/\/(\w+) (\d+) 0 R/g)]
      .map((m) => [m[1], Number(m[2])] as const));
    const content = objects.get(ref(dict, 'Contents')!)!.stream!.toString('latin1');
    const out: string[] = [];
    let font = new Map<number, string>();
    for (const m of content.matchAll(/\/(\w+) [\d.]+ Tf|(<[0-9a-fA-F]*>|\[[^\]]*\])\s*T[jJ]|\bET\b/g)) {
      if (m[1]) font = toUnicode(fonts.get(m[1])!);
      else if (!m[2]) out.push('\n');
      else for (const h of m[2].matchAll(/<([0-9a-fA-F]*)>/g)) {
        for (const c of h[1].match(/.{4}/g) ?? []) out.push(font.get(parseInt(c, 16)) ?? '\ufffd');
      }
    }
    return out.join('').split('\n').map((l) => l.trim()).filter((l) => l !== '');
  };
  const box = /\/MediaBox \[\s*[\d.]+ [\d.]+ [\d.]+ ([\d.]+)\s*\]/.exec(objects.get(order[0])!.dict);
  const destsId = ref(catalog, 'Dests');
  const dests = new Map<string, { page: number; y: number }>();
  if (destsId !== null) {
    for (const m of objects.get(destsId)!.dict.matchAll(/\/([\w-]+) \[(\d+) 0 R \/XYZ [\d.]+ ([\d.]+)/g)) {
      dests.set(m[1], { page: order.indexOf(Number(m[2])), y: Number(m[3]) });
    }
  }
  return { pages: order.length, text: order.map(pageText), dests, height: box ? Number(box[1]) : NaN };
}

/** The pack's block headings (h3): none may end a page, away from what it heads. */
const HEADINGS = [/^Key messages$/, /^Pools$/, /^Who bears what, by partner$/, /^Payments after netting$/,
  /^Contributions$/, /^Not run$/, /^Position as at \w+ \d{4} \(£\)$/, /^Year-end position \(£\)$/,
  /^Risk share by partner$/, /^Lines$/, /^Savings at risk$/, /^Variance trend$/, /^Warnings$/];

/** Checks the print contract for a pack of pools with these headings; returns the first page of each pool. */
function checkPrint(p: Printed, headings: string[]): number[] {
  // A4 portrait: 595.28 × 841.89 points.
  expect(Math.round(p.height)).toBe(842);
  const starts: number[] = [];
  headings.forEach((heading, i) => {
    const d = p.dests.get(`pool-${i + 1}`);
    expect(d).toBeDefined();
    // Each pool starts at the top of its page, with its heading first: nothing of another pool above it.
    expect(d!.y).toBeGreaterThan(p.height - 1);
    expect(p.text[d!.page][0]).toBe(heading);
    starts.push(d!.page);
  });
  // Page 1 is the summary alone, all of it: the first pool starts on page 2.
  expect(starts[0]).toBe(1);
  expect(p.text[0]).toEqual(expect.arrayContaining(['Key messages', 'Pools', 'Who bears what, by partner']));
  // In pool order, each on pages of its own: no page holds two pools' headings.
  for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThan(starts[i - 1]);
  // (A pool's heading is followed by its RAG mark, which tells it from the same words in the summary's table.)
  const marks = new Set(['Red', 'Amber', 'Green', 'Not run']);
  const pools = new Set(headings);
  for (const page of p.text) {
    expect(page.filter((l, i) => pools.has(l) && marks.has(page[i + 1])).length).toBeLessThanOrEqual(1);
  }
  // Headings kept with what they head: no page ends with one; the trend's heading shares its chart's page.
  for (const page of p.text) {
    expect(HEADINGS.some((h) => h.test(page[page.length - 1]))).toBe(false);
    const trend = page.indexOf('Variance trend');
    if (trend >= 0) expect(page.slice(trend).some((l) => /^Variance \(£/.test(l))).toBe(true);
  }
  return starts;
}

let dir = '';
beforeAll(() => {
  if (!existsSync(CHROMIUM)) throw new Error(`the browser suite needs Chromium at ${CHROMIUM}`);
  dir = mkdtempSync(join(tmpdir(), 'poolshare-pack-print-'));
});
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the committee pack printed to A4 by Chromium', () => {
  const codes = ['Pool BCF', 'Pool LD', 'Pool MH', 'Pool OP', 'Pool ABI'];

  test('the example: 6 pages, the summary on page 1, then each of the 5 pools on a page of its own', async () => {
    const input = { tables: tables() };
    const printed = readPdf(await printPdf(await buildPack(input, monitor(input))));
    expect(checkPrint(printed, codes)).toEqual([1, 2, 3, 4, 5]);
    // The page count: the summary's page and one page per pool, nothing else (no page of stray warnings).
    expect(printed.pages).toBe(6);
    expect(printed.text[0][0]).toBe('Section 75 pooled budgets: monitoring as at November 2025');
    // Each pool's page ends with its warnings (its last block), not with another pool's anything.
    expect(printed.text[5].join(' ')).toMatch(/VARIANCE_MOVED.*Pool ABI: the variance moved by \u2212137,000\.00/);
  });

  test('the year-end pack (no charts) and a pack with a failed pool keep to the same rules', async () => {
    const t = tables();
    delete (t as Record<string, unknown>).Forecasts;
    t.Lines = t.Lines.map((l) => (l.Forecast === null ? { ...l, Forecast: 1342500 } : l));
    t.Savings = t.Savings.filter((s) => !s.Period);
    const year = readPdf(await printPdf(await buildPack({ tables: t }, monitor({ tables: t }))));
    checkPrint(year, codes);
    expect(year.text[0]).toContain('Payments after netting');
    // The summary, a page per pool, then the agreement of balances (yearend.md section 3) on a page of
    // its own after the last pool: a page both sides can table and sign.
    expect(year.pages).toBe(7);
    expect(year.text[6][0]).toBe('Agreement of balances');
    expect(year.text[5][0]).not.toBe('Agreement of balances');
    const bad = tables();
    bad.Contributions[0] = { ...bad.Contributions[0], Gross: 'lots' };
    const failed = readPdf(await printPdf(await buildPack({ tables: bad }, monitor({ tables: bad }))));
    const starts = checkPrint(failed, codes);
    // BCF, not run, is one short page: its contributions, why it did not run, and its error.
    expect(starts[1] - starts[0]).toBe(1);
    expect(failed.text[1]).toContain('Not run');
  });

  test('a generated workbook of 12 pools: every pool on its own pages, headings kept with their tables', async () => {
    const { generateWorkbook } = await import('../../bench/generate');
    const input = { tables: generateWorkbook({ rows: 1200, seed: 7 }).tables as Record<string, RawRow[]> };
    const result = monitor(input);
    const printed = readPdf(await printPdf(await buildPack(input, result)));
    // Its pools are coded "Pool 0001", ...: headed as coded.
    checkPrint(printed, result.pools.map((p) => p.pool));
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

/**
 * The browser harness: dist/ served from 127.0.0.1, headless Chromium (Debian's /usr/bin/chromium
 * via playwright-core), the CDN's office.js answered from @microsoft/office-js followed by the
 * fake Excel host (tests/addin/fake-excel.js) holding a given workbook. Nothing reaches the
 * internet: every other request is aborted (and listed). Used by taskpane.test.ts, and by
 * `measurePane` for the bench (the pane's time to first paint and to results on the example).
 * Needs a production build in dist/ (`npm run build`).
 */
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The project: $POOLSHARE_ROOT, else the folder above this file holding the example, else the working folder. */
function findRoot(): string {
  if (process.env.POOLSHARE_ROOT) return path.resolve(process.env.POOLSHARE_ROOT);
  for (let d = __dirname; d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'examples/poolshare-example.json'))) return d;
  }
  return process.cwd();
}

export const ROOT = findRoot();
const DIST = path.join(ROOT, 'dist');
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png',
  '.xml': 'text/xml',
};

export type Grid = Array<Array<string | number | boolean | null>>;

/** The bundled example workbook (examples/poolshare-example.json) as sheets, header row first. */
export function exampleSheets(): Record<string, Grid> {
  const file = path.join(ROOT, 'examples/poolshare-example.json');
  const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { tables: Record<string, Array<Record<string, unknown>>> };
  const out: Record<string, Grid> = {};
  for (const [name, rows] of Object.entries(json.tables)) {
    const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    out[name] = [headers, ...rows.map((r) => headers.map((h) => (r[h] ?? null) as string | number | boolean | null))];
  }
  return out;
}

/** The fake host's set-up script: the workbook, optionally Office's theme, a CustomFunctions stand-in. */
function fakeSetup(sheets: Record<string, Grid>, officeTheme?: Record<string, string>): string {
  return `
(function () {
  var F = window.PoolshareFakeExcel;
  var wb = new F.Workbook();
  var sheets = ${JSON.stringify(sheets)};
  Object.keys(sheets).forEach(function (n) { wb.addSheet(n, sheets[n]); });
  wb.active = wb.sheet(Object.keys(sheets)[0]);
  window.__fakeHost = F.install(window, wb, { office: true });
  ${officeTheme ? `Office.context.officeTheme = ${JSON.stringify(officeTheme)};` : ''}
  var associated = (window.__associated = []);
  function CFError(code, message) { this.code = code; this.message = message; }
  window.CustomFunctions = {
    Error: CFError,
    ErrorCode: { invalidValue: '#VALUE!' },
    associate: function (id) { associated.push(id); }
  };
})();
`;
}

function serve(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = path.join(DIST, path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, ''));
    if (!file.startsWith(DIST) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export interface OpenOptions {
  width?: number;
  /** The system's colour scheme. */
  dark?: boolean;
  /** What Office.context.officeTheme says. */
  officeTheme?: Record<string, string>;
  /** office.js blocked (as by a proxy). */
  noOffice?: boolean;
  /** office.js asked for and never answered (neither loads nor fails). */
  hangOffice?: boolean;
}

export interface Opened {
  page: Page;
  dialogs: string[];
  errors: string[];
  close: () => Promise<void>;
}

export interface Harness {
  /** Opens taskpane.html on a fresh page with `sheets` in the fake host. */
  open(sheets: Record<string, Grid>, o?: OpenOptions): Promise<Opened>;
  /** Requests that were aborted (anything not the bundle or office.js). */
  blocked: string[];
  stop(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const server = await serve();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const fake = fs.readFileSync(path.join(ROOT, 'tests/addin/fake-excel.js'), 'utf8');
  const office = fs.readFileSync(path.join(OFFICE_DIST, 'office.js'), 'utf8');
  const blocked: string[] = [];
  const open = async (sheets: Record<string, Grid>, o: OpenOptions = {}): Promise<Opened> => {
    const viewport = { width: o.width ?? 320, height: 720 };
    const context = await browser.newContext({ viewport, colorScheme: o.dark ? 'dark' : 'light' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base) return route.continue();
      if (o.hangOffice && url.hostname === 'appsforoffice.microsoft.com') return new Promise<void>(() => undefined);
      if (url.hostname === 'appsforoffice.microsoft.com' && url.pathname.startsWith('/lib/1/hosted/') && !o.noOffice) {
        const rel = url.pathname.slice('/lib/1/hosted/'.length);
        const file = path.join(OFFICE_DIST, path.normalize(rel));
        if (rel === 'office.js') {
          const body = `${office}\n;${fake}\n;${fakeSetup(sheets, o.officeTheme)}`;
          return route.fulfill({ status: 200, contentType: 'text/javascript', body });
        }
        if (file.startsWith(OFFICE_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
          return route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(file) });
        }
        return route.fulfill({ status: 404, body: '' });
      }
      if (!o.noOffice || url.hostname !== 'appsforoffice.microsoft.com') blocked.push(url.href);
      return route.abort();
    });
    // A hung office.js never lets the page finish loading: wait only for its first bytes then.
    await page.goto(`${base}/taskpane.html`, o.hangOffice ? { waitUntil: 'commit' } : undefined);
    return { page, dialogs, errors, close: () => context.close() };
  };
  return {
    open,
    blocked,
    stop: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** One axe-core violation, short: rule, impact, and the first few nodes' selectors and summaries. */
export interface AxeProblem {
  id: string;
  impact: string | null;
  nodes: string[];
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is; returns the violations. */
export async function axeProblems(page: Page): Promise<AxeProblem[]> {
  await page.addScriptTag({ path: path.join(ROOT, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string | null;
      nodes: Array<{ target: unknown[]; failureSummary?: string }> }> };
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<Result> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact,
      nodes: v.nodes.slice(0, 4).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`) }));
  });
}

/** Milliseconds from `since` (performance.now() on the page) to the pane's last results mark. */
function sinceMark(page: Page, since: number): Promise<number> {
  return page.evaluate((t) => performance.getEntriesByName('poolshare:results').pop()!.startTime - t, since);
}

/** One cold load of the pane on the example: first paint, then Validate and Build to their results. */
export async function timeExample(h: Harness, width = 320): Promise<{ firstPaint: number; validate: number; build: number }> {
  const { page, close } = await h.open(exampleSheets(), { width });
  await page.waitForSelector('#status.status.ok', { timeout: 30000 });
  const firstPaint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN);
  let t = await page.evaluate(() => performance.now());
  await page.click('#validate');
  await page.waitForSelector('#results .pool');
  const validate = await sinceMark(page, t);
  t = await page.evaluate(() => performance.now());
  await page.click('#build');
  await page.waitForSelector('#status:text-matches("^Wrote ")');
  const build = await sinceMark(page, t);
  await close();
  return { firstPaint, validate, build };
}

/**
 * For the bench: the median over `runs` cold loads of the pane's time to first contentful paint,
 * and from a click on Validate (then Build) to its results shown, on the example workbook.
 */
export async function measurePane(runs = 7): Promise<{ runs: number; firstPaintMs: number; validateMs: number; buildMs: number }> {
  const h = await startHarness();
  try {
    const all = [];
    for (let i = 0; i < runs; i++) all.push(await timeExample(h));
    const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
    return { runs, firstPaintMs: median(all.map((x) => x.firstPaint)), validateMs: median(all.map((x) => x.validate)),
      buildMs: median(all.map((x) => x.build)) };
  } finally {
    await h.stop();
  }
}

/**
 * The built task pane in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 * `npm run build`, dist/ served from 127.0.0.1, the CDN's office.js routed to the copy in
 * @microsoft/office-js followed by a fake Excel host (tests/addin/fake-excel.js: Excel.run on an
 * in-memory workbook with a partner named `<img src=x onerror=alert(1)>`). Nothing reaches the
 * internet: every other request is aborted. Saves docs/taskpane.png.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const HOSTILE = '<img src=x onerror=alert(1)>';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.png': 'image/png', '.xml': 'text/xml',
};

/** The fake host: the workbook the pane sees. */
const FAKE_SETUP = `
(function () {
  var F = window.PoolshareFakeExcel;
  var wb = new F.Workbook();
  wb.addSheet('Partners', [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']]);
  wb.addSheet('Pools', [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']]);
  wb.addSheet('Lines', [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1100]]);
  wb.addSheet('Contributions', [
    ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
    ['BCF', 'Care homes', 'CC', 700, 100, 0, 600],
    ['BCF', 'Care homes', 'ICB', 400, 0, 0, 450],
    ['BCF', 'Care homes', ${JSON.stringify(HOSTILE)}, 10, 0, 0, 10]
  ]);
  wb.addSheet('Payments', [['Pool', 'Partner', 'Amount'], ['BCF', 'ICB', 400]]);
  wb.active = wb.sheet('Contributions');
  window.__fakeHost = F.install(window, wb, { office: true });
  var associated = (window.__associated = []);
  function CFError(code, message) { this.code = code; this.message = message; }
  window.CustomFunctions = {
    Error: CFError,
    ErrorCode: { invalidValue: '#VALUE!' },
    associate: function (id) { associated.push(id); }
  };
})();
`;

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

describe('the task pane in Chromium', () => {
  let server: http.Server;
  let browser: Browser;
  let page: Page;
  let base: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [require.resolve('webpack-cli/bin/cli.js'), '--mode', 'production'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    server = await serve();
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 360, height: 720 } });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const fake = fs.readFileSync(path.join(ROOT, 'tests/addin/fake-excel.js'), 'utf8');
    await page.route('**/*', async (route) => {
      const url = new URL(route.request().url());
      if (url.origin === base) return route.continue();
      if (url.hostname === 'appsforoffice.microsoft.com' && url.pathname.startsWith('/lib/1/hosted/')) {
        const rel = url.pathname.slice('/lib/1/hosted/'.length);
        const file = path.join(OFFICE_DIST, path.normalize(rel));
        if (rel === 'office.js') {
          const body = `${fs.readFileSync(file, 'utf8')}\n;${fake}\n;${FAKE_SETUP}`;
          return route.fulfill({ status: 200, contentType: 'text/javascript', body });
        }
        if (file.startsWith(OFFICE_DIST) && fs.existsSync(file) && fs.statSync(file).isFile()) {
          return route.fulfill({ status: 200, contentType: 'text/javascript', body: fs.readFileSync(file) });
        }
        return route.fulfill({ status: 404, body: '' });
      }
      blocked.push(url.href);
      return route.abort();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it('builds a bundle with no exceljs and no Node-only module', () => {
    for (const f of ['taskpane.js', 'functions.js', 'commands.js']) {
      const js = fs.readFileSync(path.join(DIST, f), 'utf8');
      expect({ f, exceljs: /exceljs|ExcelJS/.test(js) }).toEqual({ f, exceljs: false });
      expect({ f, node: /require\("(fs|path|zlib|stream|crypto)"\)/.test(js) }).toEqual({ f, node: false });
    }
    for (const f of ['manifest.xml', 'functions.json', 'functions.js', 'taskpane.html', 'commands.html', 'assets/icon-80.png']) {
      expect(fs.existsSync(path.join(DIST, f))).toBe(true);
    }
  });

  it('validates, lists the warnings by severity, selects a warning\'s cell, keeps the hostile name as text', async () => {
    await page.goto(`${base}/taskpane.html`);
    await page.waitForSelector('#status.status.ok', { timeout: 30000 });
    expect(await page.textContent('#status')).toBe('Ready.');
    // The custom functions registered themselves in the same runtime.
    expect(await page.evaluate(() => (window as unknown as { __associated: string[] }).__associated)).toEqual(
      ['NET', 'ALLOCATE', 'SHARES', 'RISKSHARE', 'SETTLE', 'SCHEDULE', 'VALIDATE'],
    );

    await page.click('#validate');
    await page.waitForSelector('#warnings .group.error li');
    const heading = await page.textContent('#warnings .group.error h2');
    expect(heading).toMatch(/^Errors \(\d+\)$/);
    expect(await page.textContent('#status')).toMatch(/^Validated\. \d+ errors?, /);

    // The hostile partner name is shown as text: no <img> was made, no alert ran.
    const text = await page.textContent('#warnings');
    expect(text).toContain(HOSTILE);
    expect(await page.locator('#warnings img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // Click the net mismatch: the fake host selects its cell.
    await page.locator('#warnings li', { hasText: 'NET_MISMATCH' }).first().locator('button').click();
    await page.waitForFunction(() => (window as unknown as { __fakeHost: { wb: { selected: unknown } } }).__fakeHost.wb.selected !== null);
    const selected = await page.evaluate(() => (window as unknown as { __fakeHost: { wb: { selected: unknown } } }).__fakeHost.wb.selected);
    expect(selected).toEqual({ sheet: 'Contributions', cell: 'G3' });
    expect(await page.textContent('#status')).toBe('Selected Contributions!G3.');

    // The workbook got its warnings sheet and highlight; the sync counts held in the browser too.
    const host = await page.evaluate(() => {
      const h = (window as unknown as { __fakeHost: { wb: { sheets: Array<{ name: string }>; fillOf: (s: string, c: string) => string }; syncCounts: () => number[] } }).__fakeHost;
      return { sheets: h.wb.sheets.map((s) => s.name), fill: h.wb.fillOf('Contributions', 'G3'), syncs: h.syncCounts() };
    });
    expect(host.sheets).toContain('Poolshare warnings');
    expect(host.fill).toBe('#FFC7CE');
    expect(host.syncs[0]).toBeLessThanOrEqual(6);

    fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'docs/taskpane.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('shows a failure in words', async () => {
    await page.evaluate(() => {
      (window as unknown as { Excel: { run: () => Promise<never> } }).Excel.run = () =>
        Promise.reject(Object.assign(new Error('The workbook is locked for editing'), { code: 'InvalidOperation' }));
    });
    await page.click('#build');
    await page.waitForSelector('#status.status.error');
    expect(await page.textContent('#status')).toBe('Building the schedules failed: The workbook is locked for editing (InvalidOperation). Nothing was written.');
  });
});

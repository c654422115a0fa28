/**
 * The built task pane in headless Chromium (Debian's /usr/bin/chromium via playwright-core):
 * `npm run build`, dist/ served from 127.0.0.1, the CDN's office.js routed to the copy in
 * @microsoft/office-js followed by a fake Excel host (tests/addin/fake-excel.js: Excel.run on an
 * in-memory workbook). Two workbooks: a small one with a partner named `<img src=x onerror=alert(1)>`
 * and errors, and the bundled example (examples/poolshare-example.json, five pools). Nothing
 * reaches the internet: every other request is aborted. Covers the results view (each figure
 * after Build goes to the very cell holding it), warnings grouped by code with the filter, the
 * keyboard, the dark theme (system and Office's), office.js failing to load; measures the time to
 * first paint and to results; saves docs/taskpane.png and docs/results.png.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { ROOT, exampleSheets, startHarness, timeExample, type Grid, type Harness } from './harness';

const DIST = path.join(ROOT, 'dist');
const HOSTILE = '<img src=x onerror=alert(1)>';

/** The small workbook: a NET_MISMATCH at Contributions!G3 and a hostile partner name. */
const SMALL: Record<string, Grid> = {
  Partners: [['Partner', 'Name'], ['CC', 'County Council'], ['ICB', 'Integrated Care Board']],
  Pools: [['Pool', 'Kind', 'Host', 'Method'], ['BCF', 'pooled', 'CC', 'proportional']],
  Lines: [['Pool', 'Line', 'Lead', 'Forecast'], ['BCF', 'Care homes', 'CC', 1100]],
  Contributions: [
    ['Pool', 'Line', 'Partner', 'Gross', 'Income', 'Grant', 'Net'],
    ['BCF', 'Care homes', 'CC', 700, 100, 0, 600],
    ['BCF', 'Care homes', 'ICB', 400, 0, 0, 450],
    ['BCF', 'Care homes', HOSTILE, 10, 0, 0, 10],
  ],
  Payments: [['Pool', 'Partner', 'Amount'], ['BCF', 'ICB', 400]],
};

type FakeWindow = {
  __fakeHost: { wb: { selected: { sheet: string; cell: string } | null; sheets: Array<{ name: string }>; fillOf: (s: string, c: string) => string;
    valuesOf: (s: string) => unknown[][] }; syncCounts: () => number[] };
  __associated: string[];
};

describe('the task pane in Chromium', () => {
  let h: Harness;
  const measured: Record<string, number> = {};
  const open = (...args: Parameters<Harness['open']>) => h.open(...args);

  const ready = (page: Page) => page.waitForSelector('#status.status.ok', { timeout: 30000 });

  beforeAll(async () => {
    const cli = require.resolve('webpack-cli/bin/cli.js');
    const build = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
    h = await startHarness();
  });

  afterAll(async () => {
    if (Object.keys(measured).length) console.log(`pane timings (ms): ${JSON.stringify(measured)}`);
    // office.js's own telemetry page is aborted (never reaches the network) and is not ours to count.
    const blocked = [...(h?.blocked ?? [])].filter((u) => new URL(u).hostname !== 'telemetryservice.firstpartyapps.oaspapps.com');
    await h?.stop();
    // Nothing but the bundle and office.js was asked for.
    expect(blocked).toEqual([]);
  });

  it('builds a bundle with no exceljs and no Node-only module, and the help page', () => {
    for (const f of fs.readdirSync(DIST).filter((x) => x.endsWith('.js'))) {
      const js = fs.readFileSync(path.join(DIST, f), 'utf8');
      expect({ f, exceljs: /exceljs|ExcelJS/.test(js) }).toEqual({ f, exceljs: false });
      expect({ f, node: /require\("(fs|path|zlib|stream|crypto)"\)/.test(js) }).toEqual({ f, node: false });
    }
    for (const f of ['manifest.xml', 'functions.json', 'functions.js', 'shared.js', 'taskpane.html', 'commands.html', 'help.html', 'assets/icon-80.png']) {
      expect(fs.existsSync(path.join(DIST, f))).toBe(true);
    }
  });

  it('validates, groups the warnings by code, selects a warning\'s cell, keeps the hostile name as text', async () => {
    const { page, dialogs, errors, close } = await open(SMALL);
    await ready(page);
    expect(await page.textContent('#status')).toBe('Ready.');
    // The custom functions registered themselves in the same runtime, once.
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__associated)).toEqual(
      ['NET', 'ALLOCATE', 'SHARES', 'RISKSHARE', 'MONITOR', 'SETTLE', 'SCHEDULE', 'VALIDATE'],
    );

    await page.click('#validate');
    await page.waitForSelector('#warnings details.group.error');
    const status = (await page.textContent('#status')) ?? '';
    expect(status).toMatch(/^Validated\. \d+ errors?, \d+ warnings?, \d+ notes?\.$/);
    // The count summary is said once on the page.
    const body = (await page.textContent('body')) ?? '';
    expect(body.split(status.replace(/^Validated\. /, '').replace(/\.$/, '')).length - 1).toBe(1);
    // One group per code, each with its count; the failed pool is shown as such with its errors.
    const groups = await page.$$eval('#warnings details.group', (ds) => ds.map((d) => [(d as HTMLElement).dataset.code, d.querySelector('.n')?.textContent]));
    expect(new Set(groups.map((g) => g[0])).size).toBe(groups.length);
    expect(groups).toContainEqual(['NET_MISMATCH', '1']);
    expect(await page.textContent('#results .pool.failed summary')).toMatch(/^BCFnot run: \d+ errors?$/);

    // The hostile partner name is shown as text: no <img> was made, no alert ran.
    await page.locator('#warnings details[data-code="UNKNOWN_PARTNER"] summary').click();
    await page.waitForSelector('#warnings details[data-code="UNKNOWN_PARTNER"][open] li'); // drawn when opened
    expect(await page.textContent('#warnings')).toContain(HOSTILE);
    expect(await page.locator('#warnings img, #results img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // The message does not repeat its own place.
    await page.locator('#warnings details[data-code="NET_MISMATCH"] summary').click();
    const item = page.locator('#warnings details[data-code="NET_MISMATCH"] li button');
    const where = await item.locator('.where').textContent();
    expect(where).toBe('Contributions!G3');
    expect(await item.locator('.message').textContent()).not.toContain('Contributions!G3');
    await item.click();
    await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeHost.wb.selected !== null);
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.wb.selected)).toEqual({ sheet: 'Contributions', cell: 'G3' });
    expect(await page.textContent('#status')).toBe('Selected Contributions!G3.');

    // The workbook got its warnings sheet and highlight; the sync counts held in the browser too.
    const host = await page.evaluate(() => {
      const h = (window as unknown as FakeWindow).__fakeHost;
      return { sheets: h.wb.sheets.map((s) => s.name), fill: h.wb.fillOf('Contributions', 'G3'), syncs: h.syncCounts() };
    });
    expect(host.sheets).toContain('Poolshare warnings');
    expect(host.fill).toBe('#FFC7CE');
    expect(host.syncs[0]).toBeLessThanOrEqual(6);

    // The filter narrows the groups to what matches.
    await page.fill('#warnings input[type=search]', 'net_mismatch');
    expect(await page.$$eval('#warnings details.group', (ds) => ds.map((d) => (d as HTMLElement).dataset.code))).toEqual(['NET_MISMATCH']);
    expect(await page.textContent('#warnings .count')).toMatch(/^1 of \d+ match\.$/);
    await page.fill('#warnings input[type=search]', '');

    fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'docs/taskpane.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('works from the keyboard: Tab to a button, Enter runs it, focus stays on it', async () => {
    const { page, close } = await open(SMALL);
    await ready(page);
    const focused = () => page.evaluate(() => document.activeElement?.id ?? document.activeElement?.tagName);
    for (let i = 0; i < 6 && (await focused()) !== 'validate'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('validate');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status.status.error');
    expect(await focused()).toBe('validate');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('build');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status:text-matches("^Wrote ")');
    expect(await focused()).toBe('build');
    // Tab reaches the filter; Enter on a group's summary opens it.
    await page.focus('#warnings input[type=search]');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.$eval('#warnings details.group', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    await close();
  });

  it('shows the year-end picture of the example, each figure going to the cell it was written to', async () => {
    const { page, errors, close } = await open(exampleSheets(), { width: 450 });
    await ready(page);
    await page.click('#validate');
    await page.waitForSelector('#results .pool');
    expect(await page.locator('#results .pool').count()).toBe(5);
    expect(await page.locator('#results button.fig').count()).toBe(0); // after Validate, nothing was written to go to

    await page.click('#build');
    await page.waitForSelector('#status:text-matches("^Wrote ")');

    // The chart: one bar per pool that ran.
    expect(await page.locator('#results svg.chart rect').count()).toBe(5);
    expect(await page.getAttribute('#results svg.chart', 'aria-label')).toMatch(/^Variance by pool: BCF 215,000\.00; LD 2,140,000\.00;/);
    // Netting: the count and value saved.
    expect(await page.textContent('#results .saving')).toBe(
      'Netting: 2 payments instead of 7 (5 fewer), 5,110,922.98 instead of 20,836,337.40 (15,725,414.42 less moved).');

    // Every figure is linked, and the cell it goes to holds that very figure.
    const check = await page.evaluate(() => {
      const wb = (window as unknown as FakeWindow).__fakeHost.wb;
      const bad: string[] = [];
      const figs = [...document.querySelectorAll<HTMLElement>('#results .fig')];
      for (const f of figs) {
        if (!(f instanceof HTMLButtonElement)) {
          bad.push(`unlinked ${f.textContent}`);
          continue;
        }
        const [sheet, cell] = f.dataset.cell!.split('!');
        const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
        const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
        const value = wb.valuesOf(sheet)[Number(m[2]) - 1]?.[col - 1];
        const shown = Number(f.textContent!.replace(/,/g, '').replace('\u2212', '-'));
        if (value !== shown) bad.push(`${sheet}!${cell} holds ${String(value)}, the pane shows ${f.textContent}`);
      }
      return { n: figs.length, bad };
    });
    expect(check.bad).toEqual([]);
    expect(check.n).toBeGreaterThan(40);

    // Clicking a figure selects its cell (pools start folded: open the first from its summary).
    await page.locator('#results .pool summary').first().click();
    const bcfVariance = page.locator('#results .pool').first().locator('dd button.fig').nth(2);
    expect(await bcfVariance.textContent()).toBe('215,000.00');
    await bcfVariance.click();
    await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeHost.wb.selected !== null);
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.wb.selected)).toEqual({ sheet: 'Pool results', cell: 'G2' });

    await page.evaluate(() => document.querySelectorAll('#results details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await page.screenshot({ path: path.join(ROOT, 'docs/results.png'), fullPage: true });
    await page.setViewportSize({ width: 320, height: 720 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0); // no sideways scrolling at the narrowest pane
    await page.screenshot({ path: '/tmp/poolshare-results-320.png', fullPage: true });
    expect(errors).toEqual([]);
    await close();
  });

  it('shows the stage while it works, and the notes a job reports (tolerating none)', async () => {
    const { page, close } = await open(SMALL);
    await ready(page);
    // Hold each round trip so the stages can be seen.
    await page.evaluate(() => {
      type Batch = (c: unknown) => Promise<unknown>;
      const w = window as unknown as { Excel: { run: (...a: unknown[]) => Promise<unknown> }; __release?: () => void };
      const run = w.Excel.run.bind(w.Excel);
      // Excel.run(batch) or Excel.run(options, batch) (one undo step where the host supports it).
      w.Excel.run = (...args: unknown[]) => {
        const cb = args[args.length - 1] as Batch;
        return run(...args.slice(0, -1), async (ctx: unknown) => {
          const c = ctx as { sync: () => Promise<void> };
          const sync = c.sync.bind(c);
          c.sync = async () => {
            await new Promise<void>((r) => (w.__release = r));
            return sync();
          };
          return cb(ctx);
        });
      };
    });
    await page.click('#build');
    await page.waitForSelector('#progress:not([hidden])');
    expect(await page.textContent('#status')).toBe('Step 1 of 3: Reading the workbook…');
    expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');
    expect(await page.getAttribute('#validate', 'aria-disabled')).toBe('true');
    const release = () => page.evaluate(() => (window as unknown as { __release?: () => void }).__release?.());
    for (let i = 0; i < 8 && !/^Step 3 of 3: Writing \d+ sheets…$/.test((await page.textContent('#status')) ?? ''); i++) {
      await release();
      await page.waitForTimeout(50);
    }
    expect(await page.textContent('#status')).toMatch(/^Step 3 of 3: Writing \d+ sheets…$/);
    expect(await page.getAttribute('#progress', 'aria-valuenow')).toBe('3');
    for (let i = 0; i < 8 && (await page.isVisible('#progress')); i++) {
      await release();
      await page.waitForTimeout(50);
    }
    await page.waitForSelector('#status:text-matches("^Wrote ")');
    expect(await page.isHidden('#progress')).toBe(true);
    expect(await page.locator('#notes li').count()).toBe(0);

    // A report with notes (the adapter's, e.g. a protected sheet not highlighted) shows them.
    await page.evaluate(() => {
      const result = { units: '£', year: { start: '2025-04', from: 'default' }, pools: [], positions: [], schedules: [], warnings: [],
        netting: { mode: 'multilateral', grossCount: 0, grossValue: '0.00', payments: [], netCount: 0, netValue: '0.00', grossPayments: [] } };
      const report = { result, warnings: [], written: [], syncs: { read: 2, write: 1 }, notes: ['Report is protected: its cells were not highlighted.'] };
      window.dispatchEvent(new CustomEvent('poolshare:status', { detail: { kind: 'validated', report } }));
    });
    expect(await page.textContent('#notes')).toBe('Report is protected: its cells were not highlighted.');
    expect(await page.textContent('#status')).toBe('Validated from the ribbon. No problems found.');
    await close();
  });

  it('keeps 96 errors to a short page: one line per code, each list drawn when opened', async () => {
    const { page, close } = await open(SMALL);
    await ready(page);
    const before = await page.evaluate(() => document.documentElement.scrollHeight);
    await page.evaluate(() => {
      const warnings = Array.from({ length: 96 }, (_, i) => ({
        code: i < 90 ? 'UNKNOWN_PARTNER' : 'NET_MISMATCH', severity: 'error', table: 'Contributions', row: i + 1,
        sheet: 'Contributions', cell: `C${i + 2}`, message: `Contributions row ${i + 1}, column Partner: partner "X${i}" is not in the Partners table.`,
      }));
      const result = { units: '£', year: { start: '2025-04', from: 'default' }, pools: [], positions: [], schedules: [], warnings,
        netting: { mode: 'multilateral', grossCount: 0, grossValue: '0.00', payments: [], netCount: 0, netValue: '0.00', grossPayments: [] } };
      const report = { result, warnings, written: [], syncs: { read: 2, write: 1 } };
      window.dispatchEvent(new CustomEvent('poolshare:status', { detail: { kind: 'validated', report } }));
    });
    expect(await page.textContent('#status')).toBe('Validated from the ribbon. 96 errors, 0 warnings, 0 notes.');
    expect(await page.$$eval('#warnings details', (ds) => ds.map((d) => `${(d as HTMLElement).dataset.code} ${d.querySelector('.n')?.textContent}`)))
      .toEqual(['UNKNOWN_PARTNER 90', 'NET_MISMATCH 6']);
    expect(await page.locator('#warnings li').count()).toBe(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height - before).toBeLessThan(600);
    await page.locator('#warnings details[data-code="NET_MISMATCH"] summary').click();
    await page.waitForSelector('#warnings details[data-code="NET_MISMATCH"][open] li'); // drawn on the toggle event
    expect(await page.locator('#warnings li').count()).toBe(6);
    expect(await page.textContent('#warnings li .message')).toBe('Partner "X90" is not in the Partners table.');
    await page.fill('#warnings input[type=search]', 'x95');
    expect(await page.textContent('#warnings .count')).toBe('1 of 96 match.');
    await close();
  });

  it('measures the pane on the example: first paint, and a click to results (printed, not asserted)', async () => {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await timeExample(h));
    for (const r of runs) for (const v of Object.values(r)) expect(Number.isFinite(v) && v > 0).toBe(true);
    const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[1]);
    measured.firstContentfulPaint = median(runs.map((r) => r.firstPaint));
    measured.validateToResults = median(runs.map((r) => r.validate));
    measured.buildToResults = median(runs.map((r) => r.build));
  });

  it('follows the dark theme: the system\'s, and Office\'s when it gives one', async () => {
    const bg = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const system = await open(SMALL, { dark: true });
    await ready(system.page);
    expect(await bg(system.page)).toBe('rgb(41, 41, 41)'); // Fluent's webDarkTheme colorNeutralBackground1
    await system.close();

    const office = await open(SMALL, { officeTheme: { bodyBackgroundColor: '#262626', bodyForegroundColor: '#FFFFFF' } });
    await ready(office.page);
    expect(await office.page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await bg(office.page)).toBe('rgb(38, 38, 38)');
    // The primary button takes Fluent's dark brand colour.
    expect(await office.page.$eval('#validate', (b) => getComputedStyle(b).backgroundColor)).toBe('rgb(17, 94, 163)');
    await office.page.click('#validate');
    await office.page.waitForSelector('#status.status.error');
    await office.page.screenshot({ path: '/tmp/poolshare-dark.png', fullPage: true });
    await office.close();

    const light = await open(SMALL);
    await ready(light.page);
    expect(await bg(light.page)).toBe('rgb(255, 255, 255)');
    await light.close();
  });

  it('says so when office.js cannot load, instead of "Loading…" for ever', async () => {
    const { page, close } = await open(SMALL, { noOffice: true });
    await page.waitForSelector('#status.status.error', { timeout: 20000 });
    expect(await page.textContent('#status')).toMatch(/^Office\.js could not load/);
    expect(await page.locator('#validate').isDisabled()).toBe(true);
    await close();
  });

  it('shows a failure in words', async () => {
    const { page, close } = await open(SMALL);
    await ready(page);
    await page.evaluate(() => {
      (window as unknown as { Excel: { run: () => Promise<never> } }).Excel.run = () =>
        Promise.reject(Object.assign(new Error('The workbook is locked for editing'), { code: 'InvalidOperation' }));
    });
    await page.click('#build');
    await page.waitForSelector('#status.status.error');
    expect(await page.textContent('#status')).toBe('Building the schedules failed: The workbook is locked for editing (InvalidOperation). Nothing was written.');
    await close();
  });

  it('Monitoring writes the sheet and its chart, and shows each pool at the period reported on', async () => {
    type Sheets = Array<{ id: string; name: string; charts: Array<{ name: string; series: unknown[] }> }>;
    const { page, errors, close } = await open(exampleSheets(), { width: 360 });
    await ready(page);
    for (let run = 0; run < 2; run++) {
      await page.click('#monitor');
      await page.waitForSelector('#status:text-matches("^Wrote ")');
      expect(await page.textContent('#status')).toMatch(/^Wrote Monitoring, Poolshare warnings\. /);
    }
    expect(await page.textContent('#results h2')).toBe('Monitoring as at 2025-11');
    const rows = await page.locator('#results table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t')[0])).toEqual(['BCF', 'LD', 'MH', 'OP', 'ABI']);
    // The example's BCF at 2025-11: its latest forecasts against a budget of 10,522,500.
    expect(rows[0].split('\t')).toEqual(['BCF', '10,737,500.00', '215,000.00', '32,500.00']);
    const written = await page.evaluate(() => ((window as unknown as FakeWindow).__fakeHost.wb.sheets as Sheets)
      .filter((s) => s.name === 'Monitoring').map((s) => s.charts.map((c) => [c.name, c.series.length])));
    expect(written).toEqual([[['Poolshare Monitoring', 5]]]); // one sheet, one chart, both runs
    expect(errors).toEqual([]);
    await close();
  });
});

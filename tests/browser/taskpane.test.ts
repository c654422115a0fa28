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
import type { Locator, Page } from 'playwright-core';
import { ROOT, axeProblems, exampleSheets, startHarness, timeExample, type Grid, type Harness } from './harness';

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

/**
 * A computed style once it has settled: Fluent's buttons animate background, border and colour
 * (`transition-duration: durationFaster`), so a value read straight after a theme is applied can
 * be one from mid-transition. Waits (up to 5 s) for `want`, then returns what is there.
 */
async function settledStyle(page: Page, selector: string, property: 'backgroundColor' | 'color', want: string) {
  await page.waitForFunction(([sel, prop, w]) => {
    const e = document.querySelector(sel);
    return !!e && getComputedStyle(e)[prop as 'color'] === w;
  }, [selector, property, want] as const, { timeout: 5000 }).catch(() => undefined);
  return page.$eval(selector, (e, prop) => getComputedStyle(e)[prop as 'color'], property);
}

/** The cells the linked figures under `within` go to (Sheet!A1), and what the fake workbook holds in each. */
async function linkedCells(page: Page, within: Locator): Promise<{ cells: string[]; held: unknown[] }> {
  const cells = await within.locator('button.fig').evaluateAll((bs) => bs.map((b) => (b as HTMLElement).dataset.cell!));
  const held = await page.evaluate((cs) => cs.map((c) => {
    const [sheet, cell] = c.split('!');
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    return (window as unknown as FakeWindow).__fakeHost.wb.valuesOf(sheet)[Number(m[2]) - 1]?.[col - 1];
  }), cells);
  return { cells, held };
}

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
    await page.waitForSelector('#warnings fluent-accordion-item.group.error');
    const status = (await page.textContent('#status')) ?? '';
    expect(status).toMatch(/^Validated\. \d+ errors?, \d+ warnings?, \d+ notes?\.$/);
    // The count summary is said once on the page.
    const body = (await page.textContent('body')) ?? '';
    expect(body.split(status.replace(/^Validated\. /, '').replace(/\.$/, '')).length - 1).toBe(1);
    // One group per code, each with its count; the failed pool is shown as such with its errors.
    const groups = await page.$$eval('#warnings fluent-accordion-item.group', (ds) => ds.map((d) => [(d as HTMLElement).dataset.code, d.querySelector('.title')?.textContent, d.querySelector('.n')?.textContent]));
    expect(new Set(groups.map((g) => g[0])).size).toBe(groups.length);
    // A plain title, the code small beside it, the count in words.
    expect(groups).toContainEqual(['NET_MISMATCH', 'Net contributions that do not add up', '1 error']);
    expect(await page.textContent('#results .pool.failed .head')).toMatch(/^BCFnot run: \d+ errors?$/);
    // Errors once: the failed pool does not list them again; its button leads to them.
    expect(await page.locator('#results .pool.failed li').count()).toBe(0);
    expect(await page.textContent('#results .trust')).toMatch(/^1 of 1 pools not run: BCF\. There are no figures until/);

    // The hostile partner name is shown as text: no <img> was made, no alert ran.
    await page.locator('#warnings [data-code="UNKNOWN_PARTNER"]').getByRole('button').first().click();
    await page.waitForSelector('#warnings [data-code="UNKNOWN_PARTNER"][expanded] li'); // drawn when opened
    expect(await page.textContent('#warnings')).toContain(HOSTILE);
    expect(await page.locator('#warnings img, #results img').count()).toBe(0);
    expect(dialogs).toEqual([]);

    // The message does not repeat its own place.
    await page.locator('#warnings [data-code="NET_MISMATCH"]').getByRole('button').first().click();
    const item = page.locator('#warnings [data-code="NET_MISMATCH"] li button');
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
    expect(await page.$$eval('#warnings fluent-accordion-item.group', (ds) => ds.map((d) => (d as HTMLElement).dataset.code))).toEqual(['NET_MISMATCH']);
    expect(await page.textContent('#warnings .count')).toMatch(/^1 of \d+ match\.$/);
    await page.fill('#warnings input[type=search]', '');

    // The failed pool's button shows its errors: the warnings filtered to that pool.
    await page.locator('#results .pool.failed').getByRole('button').first().click();
    await page.locator('#results .pool.failed fluent-button.show-errors').click();
    expect(await page.$eval('#warnings fluent-text-input', (i) => (i as HTMLInputElement).value)).toBe('BCF');
    expect(await page.textContent('#warnings .count')).toMatch(/^\d+ of \d+ match\.$/);
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
    // Tab reaches the filter; Tab again a group's heading, and Enter opens it.
    await page.focus('#warnings input[type=search]');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('group'))).toBe(true);
    await page.keyboard.press('Enter');
    // Fluent sets the item's expanded property at once and reflects it to the attribute on its next
    // update (FAST's Updates queue), so the attribute is waited for, not read straight after the key.
    const expanded = (d: Element) => (d as unknown as { expanded: boolean }).expanded;
    expect(await page.$eval('#warnings fluent-accordion-item.group', expanded)).toBe(true);
    await page.waitForSelector('#warnings fluent-accordion-item.group[expanded] li', { timeout: 5000 });
    // The overflow: Tab to "More actions", Enter shows Insert template and Help, Escape closes it.
    await page.focus('#options');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('more');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('#template')).toBe(true);
    expect(await focused()).toBe('template');
    await page.keyboard.press('Escape');
    expect(await page.isVisible('#template')).toBe(false);
    expect(await focused()).toBe('more');
    await close();
  });

  it('shows the year-end picture of the example, each figure going to the cell it was written to', async () => {
    const { page, errors, close } = await open(exampleSheets(), { width: 450 });
    await ready(page);
    await page.click('#validate');
    await page.waitForSelector('#results .pool');
    expect(await page.locator('#results .pool').count()).toBe(5);
    expect(await page.locator('#results button.fig').count()).toBe(0); // after Validate, nothing was written to go to
    // The answer first: trust, who pays whom (names, £), positions; then the pools; then the warnings.
    expect(await page.textContent('#results .trust')).toBe('All 5 pools ran: the figures below cover them all.');
    expect(await page.locator('#results ul.payments li').allInnerTexts()).toEqual([
      'Northshire County Council (CC) pays Northshire and Dale Integrated Care Board (ICB)\n£4,523,285.92',
      'Dale District Council (DC) pays Northshire and Dale Integrated Care Board (ICB)\n£587,637.06']);

    await page.click('#build');
    await page.waitForSelector('#status:text-matches("^Wrote ")');

    // The chart: one bar per pool that ran, its value beside it, and a scale.
    expect(await page.locator('#results .chart .vbar').count()).toBe(5);
    expect((await page.locator('#results .chart li').allInnerTexts()).slice(0, 2)).toEqual(['BCF\nover £215,000.00', 'LD\nover £2,140,000.00']);
    expect(await page.locator('#results .chart .tick').allInnerTexts()).toEqual(['\u2212£187k', '£3.4m']);
    // Netting: the count and value moved, said only because netting saved payments.
    expect(await page.textContent('#results .saving')).toBe(
      'After multilateral netting: 2 payments instead of 7, £5,110,922.98 moved instead of £20,836,337.40.');
    // Positions in words: who owes, who is owed.
    expect(await page.locator('#results .positions .row').allInnerTexts()).toEqual([
      'Northshire County Council (CC)\nowes £4,523,285.92', 'Northshire and Dale Integrated Care Board (ICB)\nis owed £5,110,922.98',
      'Dale District Council (DC)\nowes £587,637.06']);
    // The balances each pair joined by a pool agrees (yearend.md section 3), after the positions, in
    // words with names; all three at or above the Statement threshold (0 when not set).
    expect(await page.textContent('#results .statements h3')).toBe('Balances to agree at March 2026');
    expect(await page.locator('#results .pair .who').allInnerTexts()).toEqual([
      'Northshire County Council (CC) owes Northshire and Dale Integrated Care Board (ICB) £4,865,922.98',
      'Dale District Council (DC) owes Northshire County Council (CC) £342,637.06',
      'Dale District Council (DC) owes Northshire and Dale Integrated Care Board (ICB) £245,000.00']);
    expect(await page.locator('#results .pair.marked fluent-badge').count()).toBe(3);
    // Every pool and pair opened (their figures are drawn when first opened).
    await page.evaluate(() => document.querySelectorAll('#results .pool, #results .pair')
      .forEach((d) => d.setAttribute('expanded', '')));
    expect(await page.locator('#results .pair').first().locator('.row').allInnerTexts()).toEqual(expect.arrayContaining([
      'Balance, all pools\n£4,865,922.98', 'Instalments outstanding\n\u2212£1,148,333.32']));

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
        // "£1,234.50", "−£1,234.50"; a position shows its size after "owes" (positive) or "is owed" (negative).
        let shown = Number(f.textContent!.replace(/[£,]/g, '').replace('\u2212', '-'));
        if (f.closest('.position')?.querySelector('.words')?.textContent === 'is owed') shown = -shown;
        if (value !== shown) bad.push(`${sheet}!${cell} holds ${String(value)}, the pane shows ${f.textContent}`);
      }
      return { n: figs.length, bad };
    });
    expect(check.bad).toEqual([]);
    expect(check.n).toBeGreaterThan(40);

    // Clicking a figure selects its cell; its cell is shown on hover, and it is not link-blue.
    const bcfVariance = page.locator('#results .pool').first().locator('dd button.fig').nth(2);
    expect(await bcfVariance.textContent()).toBe('£215,000.00');
    const body = await page.evaluate(() => getComputedStyle(document.body).color);
    expect(await bcfVariance.evaluate((b) => getComputedStyle(b).color)).toBe(body);
    await bcfVariance.hover();
    expect(await bcfVariance.evaluate((b) => getComputedStyle(b, '::after').content)).toBe('"Pool results!G2"');
    await bcfVariance.click();
    await page.waitForFunction(() => (window as unknown as FakeWindow).__fakeHost.wb.selected !== null);
    expect(await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.wb.selected)).toEqual({ sheet: 'Pool results', cell: 'G2' });

    await page.screenshot({ path: path.join(ROOT, 'docs/results.png'), fullPage: true });
    // 320, 350 and 500 px read in the same order, with no sideways scrolling, no figure smaller
    // than body text, and no two figures closer than a space.
    for (const width of [320, 350, 500]) {
      await page.setViewportSize({ width, height: 720 });
      const layout = await page.evaluate(() => {
        const top = (s: string) => document.querySelector(s)!.getBoundingClientRect().top;
        const body = parseFloat(getComputedStyle(document.body).fontSize);
        const figs = [...document.querySelectorAll<HTMLElement>('#results .fig')].filter((f) => f.offsetParent);
        const small = figs.filter((f) => parseFloat(getComputedStyle(f).fontSize) < body).length;
        let tight = 0;
        for (const row of document.querySelectorAll('#results .row')) {
          const [a, b] = [row.querySelector('dt')!.getBoundingClientRect(), row.querySelector('dd')!.getBoundingClientRect()];
          if (a.bottom > b.top && b.left - a.right < 4) tight++;
        }
        return { order: [top('.commands'), top('#status'), top('#results .trust'), top('#results .payments'),
          top('#results .positions'), top('#results .statements'), top('#results .pools'), top('#results .chart'), top('#warnings')],
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth, small, tight };
      });
      expect({ width, sorted: layout.order.every((t, i) => i === 0 || t > layout.order[i - 1]) }).toEqual({ width, sorted: true });
      expect({ width, overflow: layout.overflow, small: layout.small, tight: layout.tight }).toEqual({ width, overflow: 0, small: 0, tight: 0 });
    }
    // The pane as a user first sees it at 320 px: the answer, then the pools folded.
    await page.setViewportSize({ width: 320, height: 720 });
    await page.evaluate(() => document.querySelectorAll('#results .pool, #results .pair')
      .forEach((d) => d.removeAttribute('expanded')));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ROOT, 'docs/taskpane.png'), fullPage: true });
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
    expect(await page.$$eval('#warnings fluent-accordion-item', (ds) => ds.map((d) => `${(d as HTMLElement).dataset.code} ${d.querySelector('.n')?.textContent}`)))
      .toEqual(['UNKNOWN_PARTNER 90 errors', 'NET_MISMATCH 6 errors']);
    expect(await page.locator('#warnings li').count()).toBe(0);
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height - before).toBeLessThan(600);
    await page.locator('#warnings [data-code="NET_MISMATCH"]').getByRole('button').first().click();
    await page.waitForSelector('#warnings [data-code="NET_MISMATCH"][expanded] li'); // drawn when first opened
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

  it('follows Office\'s theme (light, dark, Dark Gray) and a change while open, axe-core clean in each', async () => {
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
    expect(await settledStyle(office.page, '#validate', 'backgroundColor', 'rgb(17, 94, 163)')).toBe('rgb(17, 94, 163)');
    // Office switches to White while the pane is open: the pane follows.
    await office.page.evaluate(() => {
      (window as unknown as { Office: { context: { officeTheme: unknown } } }).Office.context.officeTheme =
        { bodyBackgroundColor: '#FFFFFF', bodyForegroundColor: '#000000' };
      window.dispatchEvent(new Event('focus'));
    });
    expect(await office.page.getAttribute('html', 'data-theme')).toBe('light');
    expect(await bg(office.page)).toBe('rgb(255, 255, 255)');
    await office.close();
  });

  for (const [name, o] of [['light', {}], ['dark', { dark: true }],
    ['Office Dark Gray', { officeTheme: { bodyBackgroundColor: '#444444', bodyForegroundColor: '#FFFFFF' } }]] as const) {
    it(`passes axe-core (WCAG 2.1 AA) in ${name}, with results, failed pools and warnings open`, async () => {
      const sheets = exampleSheets();
      // LD's contributions typed as words: LD cannot run (NOT_A_NUMBER), the other four do.
      const c = sheets.Contributions;
      const gross = c[0].indexOf('Gross');
      sheets.Contributions = c.map((r, i) => (i > 0 && r[0] === 'LD' ? r.map((v, j) => (j === gross ? 'lots' : v)) : r));
      const { page, errors, close } = await open(sheets, { width: 350, ...o });
      await ready(page);
      await page.click('#build');
      await page.waitForSelector('#status:text-matches("^Wrote ")');
      // Partial results say so: the trust banner names the pool left out.
      expect(await page.textContent('#results .trust')).toBe('1 of 5 pools not run: LD. Every figure below leaves it out. '
        + 'Fix their errors, then run again.Show the errors');
      expect(await page.textContent('#results .pool.failed .head')).toMatch(/^LDnot run: \d+ errors?$/);
      await page.evaluate(() => document.querySelectorAll('fluent-accordion-item').forEach((d) => d.setAttribute('expanded', '')));
      await page.click('#more');
      const problems = await axeProblems(page);
      expect(problems).toEqual([]);
      await page.click('#more');
      if (name === 'Office Dark Gray') {
        // Grey surfaces mixed from Office's grey, not Fluent's near-black.
        expect(await settledStyle(page, '.more', 'backgroundColor', 'rgb(68, 68, 68)')).toBe('rgb(68, 68, 68)');
        await page.evaluate(() => document.querySelectorAll('fluent-accordion-item.group').forEach((d) => d.removeAttribute('expanded')));
        await page.screenshot({ path: path.join(ROOT, 'docs/taskpane-dark-grey.png'), fullPage: true });
      }
      if (name === 'light') {
        await page.evaluate(() => document.querySelectorAll('fluent-accordion-item').forEach((d, i) => {
          if (i > 0) d.removeAttribute('expanded');
        }));
        await page.screenshot({ path: path.join(ROOT, 'docs/taskpane-failed-pool.png'), fullPage: true });
      }
      expect(errors).toEqual([]);
      await close();
    });
  }

  it('says so when office.js cannot load, instead of "Loading…" for ever', async () => {
    const { page, close } = await open(SMALL, { noOffice: true });
    await page.waitForSelector('#status.status.error', { timeout: 20000 });
    expect(await page.textContent('#status')).toMatch(/^Still loading: Office\.js has not answered/);
    expect(await page.getAttribute('#validate', 'disabled')).not.toBeNull();
    await close();
  });

  it('draws the pane before office.js, so an office.js that never answers gets the message in 15 s', async () => {
    const { page, close } = await open(SMALL, { hangOffice: true });
    // The body is there while office.js is still pending; the message appears on its own.
    await page.waitForSelector('#status', { state: 'attached', timeout: 10000 });
    // Once the stylesheet applies, the message waits hidden (and the status says "Loading…").
    await page.waitForFunction(() => document.styleSheets.length > 0 && !!document.querySelector('.stuck'), undefined, { timeout: 10000 });
    expect(await page.$eval('.stuck', (e) => getComputedStyle(e).visibility)).toBe('hidden');
    expect(await page.textContent('#status')).toBe('Loading…');
    await page.waitForSelector('.stuck', { state: 'visible', timeout: 25000 });
    expect(await page.textContent('.stuck')).toMatch(/^Still loading: Office\.js has not answered/);
    await close();
  });

  it('shows a failure in words, and marks the results already shown as out of date', async () => {
    const { page, close } = await open(SMALL);
    await ready(page);
    await page.click('#validate');
    await page.waitForSelector('#results .trust');
    await page.evaluate(() => {
      (window as unknown as { Excel: { run: () => Promise<never> } }).Excel.run = () =>
        Promise.reject(Object.assign(new Error('The workbook is locked for editing'), { code: 'InvalidOperation' }));
    });
    await page.click('#build');
    await page.waitForSelector('#status.status.error');
    expect(await page.textContent('#status')).toBe('Building the schedules failed: The workbook is locked for editing (InvalidOperation). Nothing was written.');
    expect(await page.textContent('.stale-note')).toMatch(/^Out of date: Building the schedules failed/);
    expect(await page.getAttribute('#results', 'inert')).not.toBeNull();
    // A plain-object rejection and an undefined one are still sentences.
    for (const [thrown, said] of [['{ code: "AccessDenied" }', 'Excel refused the request (AccessDenied).'], ['undefined', 'Excel gave no reason.']]) {
      await page.evaluate((t) => {
        (window as unknown as { Excel: { run: () => Promise<never> } }).Excel.run = () => Promise.reject(eval(`(${t})`));
      }, thrown);
      await page.click('#validate');
      await page.waitForFunction((t) => document.getElementById('status')?.textContent === t,
        `Validation failed: ${said} Nothing was written.`);
    }
    await close();
  });

  it('Insert template fetches its example rows from beside the page, and the template validates', async () => {
    const { page, errors, close } = await open({ Notes: [['my notes']] });
    await ready(page);
    await page.click('#more');
    await page.click('#template');
    await page.waitForSelector('#status:text-matches("^Added ")');
    expect(await page.textContent('#status')).toBe('Added Partners, Pools, Lines, Contributions, RiskShare, Savings, '
      + 'Payments, Settings, Forecasts, Options, Scenarios.');
    const pools = await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.wb.valuesOf('Pools'));
    expect(pools.length).toBe(6); // the header and the example's five pools
    await page.click('#validate');
    await page.waitForSelector('#results .pool');
    expect(await page.locator('#results .pool').count()).toBe(5);
    expect(errors).toEqual([]);
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
    expect(await page.textContent('#results h2')).toBe('Monitoring 2025/26 at November 2025');
    expect(await page.$$eval('#results .pool', (ps) => ps.map((p) => (p as HTMLElement).dataset.pool))).toEqual(['BCF', 'LD', 'MH', 'OP', 'ABI']);
    // The example's BCF at 2025-11: its latest forecasts against a budget of 10,522,500
    // (variance 10,737,500 − 10,522,500 = 215,000); each figure goes to its cell on the Monitoring sheet.
    const bcf = page.locator('#results .pool').first();
    expect(await bcf.locator('.row').allInnerTexts()).toEqual(['Budget\n£10,522,500.00', 'Forecast\n£10,737,500.00',
      'Variance\n£215,000.00', 'Movement\n£32,500.00']);
    const { cells, held } = await linkedCells(page, bcf);
    expect(cells.every((c) => c.startsWith('Monitoring!'))).toBe(true);
    expect(held).toEqual([10522500, 10737500, 215000, 32500]);
    const written = await page.evaluate(() => ((window as unknown as FakeWindow).__fakeHost.wb.sheets as Sheets)
      .filter((s) => s.name === 'Monitoring').map((s) => s.charts.map((c) => [c.name, c.series.length])));
    expect(written).toEqual([[['Poolshare Monitoring', 5]]]); // one sheet, one chart, both runs
    expect(errors).toEqual([]);
    await close();
  });
  it('Options compares each partner under each option and scenario, and writes the Options results sheet', async () => {
    const sheets = exampleSheets();
    // Even: LD shared 50/50 instead of 70/30 with ICB capped at 400,000. Bad: MH's percents total 90 (an error).
    sheets.Options = [['Option', 'Pool', 'Method', 'Partner', 'Percent'],
      ['Even', 'LD', 'fixed', 'CC', 50], ['Even', 'LD', null, 'ICB', 50],
      ['Bad', 'MH', 'fixed', 'CC', 60], ['Bad', 'MH', null, 'ICB', 30]];
    sheets.Scenarios = [['Scenario', 'Pool', 'Line', 'Forecast'], ['Worse', 'LD', 'Supported living', 31000000]];
    const typed = JSON.stringify(sheets.Options.map((r) => r.map((v) => v ?? ''))); // Excel reads a blank as ''
    const { page, errors, close } = await open(sheets, { width: 320 });
    await ready(page);
    for (let run = 0; run < 2; run++) {
      await page.click('#options');
      await page.waitForSelector('#status:text-matches("^Wrote ")');
      expect(await page.textContent('#status')).toMatch(/^Wrote Options results, Poolshare warnings\. 1 error/);
    }
    expect(await page.textContent('#results h2')).toBe('Risk-share options 2025/26');
    // Only the pools an option or a scenario names; the rest keep Current's figures.
    expect(await page.$$eval('#results .pool', (ps) => ps.map((p) => (p as HTMLElement).dataset.pool))).toEqual(['LD', 'MH']);
    expect(await page.textContent('#results .legend')).toMatch(/^3 other pools keep the figures of Current/);
    // Hand-worked, LD under Forecast: variance 2,140,000 less CC's unagreed savings shortfall 360,000 leaves
    // 1,780,000. Current: ICB 30% = 534,000, capped at 400,000, so ICB's final cost is its net 23,900,000
    // + 400,000. Even: 890,000 each, so ICB 24,790,000 (+490,000) and CC 57,620,000 (−490,000).
    const icb = page.locator('#results .pool[data-pool="LD"] .partner[data-partner="ICB"]');
    expect(await icb.locator('.who').textContent()).toBe('Northshire and Dale Integrated Care Board (ICB)');
    expect(await icb.locator('.row').allInnerTexts()).toEqual(['Current least\n£24,300,000.00',
      'Even most\n£24,790,000.00\n+£490,000.00', 'Bad\n£24,300,000.00\nno change']);
    const cc = page.locator('#results .pool[data-pool="LD"] .partner[data-partner="CC"] .row[data-option="Even"]');
    expect(await cc.innerText()).toBe('Even least\n£57,620,000.00\n\u2212£490,000.00');
    // Each figure goes to the very cell holding it on the Options results sheet.
    const { cells, held } = await linkedCells(page, icb);
    expect(cells.every((c) => c.startsWith('Options results!'))).toBe(true);
    expect(held).toEqual([24300000, 24790000, 24300000]);
    // Another scenario: LD's Supported living at 31,000,000 (variance 3,290,000; Even 1,465,000 each).
    await page.selectOption('#scenario', 'Worse');
    expect(await icb.locator('.row[data-option="Even"]').innerText()).toBe('Even most\n£25,365,000.00\n+£1,065,000.00');
    // The option that did not run says so, once, with a way to its errors; the banner says what is missing.
    expect(await page.textContent('#results .pool[data-pool="MH"] .head')).toBe('MH1 option not run');
    expect(await page.textContent('#results .trust')).toMatch(/^2 option runs could not be made: MH under Bad \(Forecast\) and MH under Bad \(Worse\)\./);
    await page.locator('#results .pool[data-pool="MH"] .show-errors').click();
    expect(await page.locator('#warnings [data-code="PERCENT_TOTAL"]').count()).toBe(1);
    // Written in place: one sheet, beside the user's own Options sheet, which is untouched.
    const names = await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.wb.sheets.map((x) => x.name));
    expect(names.filter((n) => /^Options/.test(n))).toEqual(['Options', 'Options results']);
    expect(JSON.stringify(await page.evaluate(() => (window as unknown as FakeWindow).__fakeHost.wb.valuesOf('Options'))))
      .toBe(typed);
    // 320 px: the command bar and the view fit without sideways scrolling, and no figure runs into
    // its difference; axe-core finds nothing.
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const tight = await page.$$eval('#results .options .row dd', (dds) => dds.filter((dd) => {
      const [f, d] = [dd.querySelector('.fig'), dd.querySelector('.diff')];
      return f && d && d.getBoundingClientRect().top < f.getBoundingClientRect().bottom - 1;
    }).length);
    expect(tight).toBe(0);
    expect(await axeProblems(page)).toEqual([]);
    await page.selectOption('#scenario', 'Forecast');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: path.join(ROOT, 'docs/options.png'), fullPage: true });
    expect(errors).toEqual([]);
    await close();
    // Office's Dark Gray: the view, its scenario list and its badges pass axe-core too.
    const dark = await open(sheets, { width: 320, officeTheme: { bodyBackgroundColor: '#444444', bodyForegroundColor: '#FFFFFF' } });
    await ready(dark.page);
    await dark.page.click('#options');
    await dark.page.waitForSelector('#results .options .pool');
    expect(await dark.page.getAttribute('html', 'data-theme')).toBe('dark');
    expect(await axeProblems(dark.page)).toEqual([]);
    expect(dark.errors).toEqual([]);
    await dark.close();
  });
});

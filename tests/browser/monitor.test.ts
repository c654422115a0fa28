/**
 * The pane's Monitoring button in headless Chromium on the bundled example (four periods of
 * Forecasts): the stage, the short view of each pool at the period reported on, the Monitoring
 * sheet and its chart in the fake host, and a second click rewriting the same sheet and chart.
 */
import { spawnSync } from 'child_process';
import { ROOT, exampleSheets, startHarness, type Harness } from './harness';

type Host = { wb: { sheets: Array<{ id: string; name: string; charts: Array<{ name: string; series: unknown[] }> }> } };

let h: Harness;
beforeAll(async () => {
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const build = spawnSync(process.execPath, [cli, '--mode', 'production'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}\n${build.stderr}`);
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

it('Monitoring writes the sheet and its chart, and shows each pool at the period reported on', async () => {
  const { page, errors, close } = await h.open(exampleSheets(), { width: 360 });
  await page.waitForSelector('#status.status.ok', { timeout: 30000 });
  const sheets = () => page.evaluate(() => (window as unknown as { __fakeHost: Host }).__fakeHost.wb.sheets
    .filter((s) => s.name === 'Monitoring').map((s) => ({ id: s.id, charts: s.charts.map((c) => [c.name, c.series.length]) })));
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
  const written = await sheets();
  expect(written).toHaveLength(1); // the same sheet both times
  expect(written[0].charts).toEqual([['Poolshare Monitoring', 5]]);
  expect(errors).toEqual([]);
  await close();
});

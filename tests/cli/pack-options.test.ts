/** The committee pack's options section (options.md): only when the workbook has Options or Scenarios. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { monitor } from '../../src/engine';
import type { RawRow } from '../../src/engine';
import { options } from '../../src/engine/options';
import { buildPack } from '../../src/cli/report';

const tables = (): Record<string, RawRow[]> =>
  JSON.parse(readFileSync(join(__dirname, '../../examples/poolshare-example.json'), 'utf8')).tables;

test('no Options or Scenarios: no options section', async () => {
  const input = { tables: tables() };
  expect(await buildPack(input, monitor(input))).not.toContain('Risk-share options');
});

test('the options section: a table per pool named and scenario, final costs with the difference from Current', async () => {
  const t = tables();
  t.Options = [{ Option: 'Even', Pool: 'LD', Method: 'fixed', Partner: 'CC', Percent: 50 },
    { Option: 'Even', Pool: 'LD', Partner: 'ICB', Percent: 50 }, { Option: 'Current', Pool: 'LD', Method: 'fixed' }];
  t.Scenarios = [{ Scenario: 'Worse', Pool: 'LD', Line: 'Supported living', Forecast: 31000000 }];
  const input = { tables: t };
  const html = await buildPack(input, monitor(input));
  const section = html.slice(html.indexOf('<section class="page" id="options">'));
  expect(section).toContain('<h2>Risk-share options</h2>');
  expect(section).toContain('<h3>Pool LD, scenario Forecast</h3>');
  expect(section).toContain('<h3>Pool LD, scenario Worse</h3>');
  expect(section).not.toContain('Pool BCF');
  // CC's figures under Even, with the difference from Current, as the engine gives them (− as a true minus).
  const r = options(input, { period: monitor(input).period ?? undefined });
  const ld = r.pools.find((p) => p.pool === 'LD')!.results;
  const cc = (o: string) => ld.find((e) => e.option === o && e.scenario === 'Forecast')!.partners!.find((p) => p.partner === 'CC')!;
  const diff = (Number(cc('Even').finalCost) - Number(cc('Current').finalCost)).toLocaleString('en-GB', { minimumFractionDigits: 2 });
  expect(section).toContain(`(${diff.replace('-', '\u2212')})`);
  expect(section).toMatch(/Mistakes in the options and scenarios.*Current is the name Poolshare gives/s);
});

/** The one grid of an options result (src/engine/options-grid.ts) that the CLI, the pack and the pane draw. */
import { optionGrid, poolsNamed } from '../../src/engine/options-grid';
import type { OptionEntry } from '../../src/engine/options';

const entry = (option: string, scenario: string, costs: Record<string, string> | null): OptionEntry => (costs
  ? { option, scenario, partners: Object.entries(costs).map(([partner, finalCost]) => ({
    partner, savingsCharge: '0.00', riskShare: '0.00', finalCost })) }
  : { option, scenario, errors: [{ code: 'PERCENT_TOTAL', severity: 'error', message: 'Options row 3: 90, not 100' }] });

const r = { options: ['Current', 'Even', 'Capped', 'Bad'] };
const results = [
  entry('Current', 'Forecast', { CC: '58110000.00', ICB: '24300000.00' }),
  entry('Current', 'Worse', { CC: '100.00', ICB: '100.00' }),
  entry('Even', 'Forecast', { CC: '57620000.00', ICB: '24790000.00' }),
  entry('Even', 'Worse', { CC: '100.00', ICB: '100.00' }),
  entry('Capped', 'Forecast', { CC: '58110000.00', ICB: '24300000.00' }),
  entry('Capped', 'Worse', { CC: '100.00', ICB: '100.00' }),
  entry('Bad', 'Forecast', null),
  entry('Bad', 'Worse', null),
];

test('final costs by option, the exact difference from Current, least and most (ties: the first in order)', () => {
  const g = optionGrid(r, results, 'Forecast');
  expect(g.rows).toEqual([
    { partner: 'CC', costs: ['58110000.00', '57620000.00', '58110000.00', null],
      diffs: [null, '-490000.00', '0.00', null], least: 'Even', most: 'Current' },
    { partner: 'ICB', costs: ['24300000.00', '24790000.00', '24300000.00', null],
      diffs: [null, '490000.00', '0.00', null], least: 'Current', most: 'Even' },
  ]);
  expect(g.failed).toEqual([{ option: 'Bad', message: 'Options row 3: 90, not 100' }]);
});

test('every option costing the same: no least or most', () => {
  const g = optionGrid(r, results, 'Worse');
  expect(g.rows.map((x) => [x.least, x.most])).toEqual([[null, null], [null, null]]);
});

test('Current not run: no differences, the others still ranked', () => {
  const g = optionGrid({ options: ['Current', 'A'] }, [entry('Current', 'F', null), entry('A', 'F', { CC: '5.00' })], 'F');
  expect(g.rows).toEqual([{ partner: 'CC', costs: [null, '5.00'], diffs: [null, null], least: null, most: null }]);
  expect(g.failed.map((f) => f.option)).toEqual(['Current']);
});

test('the pools an Options or Scenarios row names, whatever the Pool header\'s case', () => {
  expect([...poolsNamed({ Options: [{ Option: 'A', ' pool ': ' LD ' }, { Option: 'B', Pool: null }],
    Scenarios: [{ Scenario: 'S', POOL: 'MH' }], Pools: [{ Pool: 'OP' }] })]).toEqual(['LD', 'MH']);
  expect(poolsNamed({}).size).toBe(0);
});

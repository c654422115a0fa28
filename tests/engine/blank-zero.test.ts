/**
 * The columns the engine declares blank-is-zero (TABLES ... blankIsZero, said once and read by the
 * POOL functions) really are: on the example, each such cell blank or 0 gives the same figures.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { run } from '../../src/engine';
import { TABLES } from '../../src/engine/tables';
import type { RawRow } from '../../src/engine/types';

const example = (): Record<string, RawRow[]> =>
  JSON.parse(readFileSync(join(__dirname, '../../examples/poolshare-example.json'), 'utf8')).tables;
const figures = (t: Record<string, RawRow[]>) => {
  const r = run({ tables: t }, { today: new Date('2026-01-15') });
  return JSON.stringify({ pools: r.pools, positions: r.positions, schedules: r.schedules });
};

const declared = Object.entries(TABLES).flatMap(([table, spec]) =>
  spec.columns.filter((c) => 'blankIsZero' in c && c.blankIsZero).map((c) => [table, c.header] as const));

test('the declared columns', () => {
  expect(declared).toEqual([['Pools', 'Reserve'], ['Contributions', 'Income'], ['Contributions', 'Grant'],
    ['Contributions', 'Spend'], ['Savings', 'Delivered']]);
});

test.each(declared)('%s %s: blank and 0 give the same figures', (table, header) => {
  const zero = example();
  const blank = example();
  let changed = 0;
  zero[table].forEach((row, i) => {
    if (row[header] === 0 || row[header] === undefined || row[header] === null) {
      zero[table][i] = { ...row, [header]: 0 };
      blank[table][i] = { ...row, [header]: null };
      changed++;
    }
  });
  // A column the example fills everywhere: blank its first row in one copy, 0 in the other.
  if (changed === 0) {
    zero[table][0] = { ...zero[table][0], [header]: 0 };
    blank[table][0] = { ...blank[table][0], [header]: null };
  }
  expect(figures(blank)).toBe(figures(zero));
});

/**
 * The committee pack's options section (options.md, "What the user sees"), when the workbook has
 * `Options` or `Scenarios`: for each pool an option or a scenario names, a table per scenario of
 * each partner's final cost under each option, with the difference from `Current` beside it; the
 * options' own mistakes listed under it. Names as everywhere in the pack; one negative style.
 */
import { options } from '../../engine/options';
import { optionGrid, poolsNamed } from '../../engine/options-grid';
import type { RawRow, Warning } from '../../engine/types';
import { esc, figure, page, tableHtml, type Cell } from './format';
import type { Pack } from './pack';

export function optionsPage(pack: Pack): string {
  const tables = pack.input.tables as Record<string, RawRow[] | undefined>;
  if (!tables.Options?.length && !tables.Scenarios?.length) return '';
  const r = options(pack.input, { period: pack.period ?? undefined });
  const parts: string[] = [`<p>Each partner's final cost, in ${esc(pack.units)}, under each risk-share option `
    + '(columns) for each scenario of the year\'s outturn; in brackets, the difference from Current (the '
    + `arrangement in the workbook). Options: ${esc(r.options.join(', '))}. Scenarios: `
    + `${esc(r.scenarios.join(', '))}.</p>`];
  const named = poolsNamed(tables);
  for (const pool of r.pools.filter((p) => named.has(p.pool))) {
    for (const scenario of r.scenarios) {
      const g = optionGrid(r, pool.results, scenario);
      const grid: Cell[][] = g.rows.map((row) => [pack.partner(row.partner), ...row.costs.map((cost, i) => {
        const diff = row.diffs[i];
        if (cost === null) return 'not run';
        return diff === null ? figure(cost) : `${figure(cost)} (${figure(diff)})`;
      })]);
      const columns = [{ head: 'Partner' }, ...r.options.map((o) => ({ head: o, numeric: true }))];
      const heading = `<h3>${esc(`Pool ${pool.pool}, scenario ${scenario}`)}</h3>`;
      parts.push(heading, tableHtml(columns, grid, undefined, 'options'));
    }
  }
  // Every error on an Options or Scenarios cell: rows not read, and values the year-end checks refused.
  const ours = (w: Warning) => w.table === 'Options' || w.table === 'Scenarios';
  const mistakes = r.warnings.filter((w) => w.severity === 'error' && ours(w));
  if (mistakes.length) {
    const items = mistakes.map((w) => `<li>${esc(w.message)}</li>`).join('');
    parts.push(`<h3>Mistakes in the options and scenarios</h3><ul>${items}</ul>`);
  }
  return page('Risk-share options', parts.join('\n'), 'options');
}

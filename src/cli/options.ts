/**
 * `poolshare options FILE [--period YYYY-MM] [--json]`: every risk-share option by every scenario
 * (options.md, src/engine/options.ts). The readable view: per pool and scenario, each partner's
 * final cost under each option, with the difference from Current, and the option that costs each
 * partner least and most.
 */
import { resolve } from 'path';
import type { CommandArgs, Io } from './args';
import { shown } from './args';
import { pushAll } from '../engine/arrays';
import type { Warning } from '../engine/types';
import { optionsSheet, warningsSheet } from '../workbook';
import { writeError, XLSX_OUT } from './files';
import { hasErrors } from '../engine/run';
import { Decimal } from '../engine/money';
import { options, type OptionEntry, type OptionsResult } from '../engine/options';
import { optionGrid } from '../engine/options-grid';
import { asAtPeriod } from './monitor';
import { printJson } from './json-out';
import { money, table, terminalSafe, terminalSafeDeep } from './summary';

const signed = (d: Decimal) => (d.isZero() ? '0.00' : `${d.isNegative() ? '' : '+'}${money(d.toFixed(2))}`);

/** The view of one pool under one scenario: partners by options (src/engine/options-grid.ts). */
function grid(r: OptionsResult, results: OptionEntry[], scenario: string): string[] {
  const g = optionGrid(r, results, scenario);
  const rows = [['final cost', ...r.options, 'least', 'most']];
  for (const row of g.rows) {
    const cells = row.costs.map((c, i) => {
      const d = row.diffs[i];
      return c === null ? 'not run' : d === null ? money(c) : `${money(c)} (${signed(new Decimal(d))})`;
    });
    // Least and most: the options that cost the partner least and most (– when every option costs the same).
    rows.push([row.partner, ...cells, row.least ?? '\u2013', row.most ?? '\u2013']);
  }
  const failed = g.failed.map((f) => `${f.option}: not run, ${f.message}`);
  return [`  scenario ${scenario}:`, ...table(rows, [false, ...r.options.map(() => true), false, false])
    .map((l) => `    ${l}`), ...failed.map((f) => `    ${f}`)];
}

export function optionsSummary(r: OptionsResult): string {
  const out = [`Risk-share options: ${r.options.join(', ')}; scenarios: ${r.scenarios.join(', ')}; ${r.units}; `
    + `financial year from ${r.year.start}`, ''];
  if (r.options.length === 1 && r.scenarios.length === 1) {
    out.push('There are no options to compare (no Options or Scenarios row was read), so each pool shows Current '
      + 'under Forecast alone. Add an Options row (Option, Pool, and the Method, Basis, Reserve, Underspend '
      + 'or RiskShare columns it changes) or a Scenarios row (Scenario, Pool, Line, Forecast), then run again.', '');
  }
  if (!r.pools.length) out.push('No pools: the workbook has no Pools rows.', '');
  for (const pool of r.pools) {
    out.push(`Pool ${pool.pool}`);
    for (const s of r.scenarios) out.push(...grid(r, pool.results, s));
    out.push('');
  }
  for (const w of r.warnings.filter((x) => x.severity !== 'info')) {
    out.push(`${w.severity.toUpperCase()} ${w.code}${w.sheet ? ` [${w.sheet}!${w.cell}]` : ''}: ${w.message}`);
  }
  return `${out.join('\n')}\n`;
}

export async function optionsCommand(args: CommandArgs, io: Io): Promise<number> {
  const out = args.values.get('--out');
  const { result } = await asAtPeriod(args, XLSX_OUT, (input, period) => options(input, { period }));
  if (out !== undefined) {
    const { writeSheetsXlsx } = await import('./xlsx');
    const notes: Warning[] = [];
    const sheets = [optionsSheet(result, notes)];
    pushAll(result.warnings, notes);
    sheets.push(warningsSheet(result));
    try {
      await writeSheetsXlsx(out, sheets, { force: args.flags.has('--force'), inputs: [args.file] });
    } catch (e) {
      throw writeError(e, out, shown);
    }
  }
  if (args.flags.has('--json')) printJson(io, result);
  else io.out(optionsSummary(terminalSafeDeep(result)));
  if (out !== undefined && !args.flags.has('--json')) {
    io.out(terminalSafe(`Options workbook written to ${resolve(out)}`) + '\n');
  }
  return hasErrors(result.warnings) ? 1 : 0;
}

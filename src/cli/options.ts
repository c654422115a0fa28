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
import { hasErrors } from '../engine';
import { Decimal } from '../engine/money';
import { options, type OptionEntry, type OptionsResult } from '../engine/options';
import { asAtPeriod } from './monitor';
import { jsonSafe, money, table, terminalSafe, terminalSafeDeep } from './summary';

const signed = (d: Decimal) => (d.isZero() ? '0.00' : `${d.isNegative() ? '' : '+'}${money(d.toFixed(2))}`);

/** The view of one pool under one scenario: partners by options. */
function grid(r: OptionsResult, results: OptionEntry[], scenario: string): string[] {
  const entries = r.options.map((o) => results.find((e) => e.option === o && e.scenario === scenario)!);
  const current = entries[0];
  const partners = [...new Set(entries.flatMap((e) => (e.partners ?? []).map((p) => p.partner)))];
  const rows = [['final cost', ...r.options, 'least', 'most']];
  for (const partner of partners) {
    const costs = entries.map((e) => e.partners?.find((p) => p.partner === partner)?.finalCost ?? null);
    const base = current.partners?.find((p) => p.partner === partner)?.finalCost ?? null;
    const cells = costs.map((c, i) => (c === null ? 'not run' : i === 0 || base === null ? money(c)
      : `${money(c)} (${signed(new Decimal(c).minus(base))})`));
    const ran = costs.map((c, i) => ({ c, o: r.options[i] }))
      .filter((x): x is { c: string; o: string } => x.c !== null);
    const order = [...ran].sort((a, b) => new Decimal(a.c).comparedTo(b.c));
    // Least and most: the options that cost the partner least and most (– when every option costs the same).
    const same = order.length === 0 || new Decimal(order[0].c).equals(order[order.length - 1].c);
    rows.push([partner, ...cells, same ? '\u2013' : order[0].o, same ? '\u2013' : order[order.length - 1].o]);
  }
  const failed = entries.filter((e) => e.errors).map((e) => `${e.option}: not run, ${e.errors![0].message}`);
  return [`  scenario ${scenario}:`, ...table(rows, [false, ...r.options.map(() => true), false, false])
    .map((l) => `    ${l}`), ...failed.map((f) => `    ${f}`)];
}

export function optionsSummary(r: OptionsResult): string {
  const out = [`Risk-share options: ${r.options.join(', ')}; scenarios: ${r.scenarios.join(', ')}; ${r.units}; `
    + `financial year from ${r.year.start}`, ''];
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
  io.out(args.flags.has('--json') ? jsonSafe(JSON.stringify(result, null, 2)) + '\n'
    : optionsSummary(terminalSafeDeep(result)));
  if (out !== undefined && !args.flags.has('--json')) {
    io.out(terminalSafe(`Options workbook written to ${resolve(out)}`) + '\n');
  }
  return hasErrors(result.warnings) ? 1 : 0;
}

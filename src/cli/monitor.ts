/**
 * `poolshare monitor FILE [--period YYYY-MM] [--json] [--out BOOK.xlsx] [--force]` and
 * `poolshare report FILE --out PACK.html [--period YYYY-MM] [--force]` (monitoring.md; their
 * options are parsed by src/cli/args.ts, from their entries in main.ts's COMMANDS): the Joint
 * Management Group's view per pool in the terminal, the spec's JSON, the `Monitoring` sheet in a
 * results workbook, and the committee pack. Exit 0: no errors; 1: errors (still printed); 2: the
 * input cannot be read at all, or the command line is wrong (one line, no stack trace).
 */
import { resolve } from 'path';
import type { MonitorResult } from '../engine/monitor/types';
import { isMonitorPool } from '../engine/monitor/types';
import type { Warning, WorkbookInput } from '../engine/types';
import { InputError } from '../engine/errors';
import { hasErrors } from '../engine/run';
import { monitor } from '../engine/monitor';
import { monitoringSheet, warningsSheet } from '../workbook';
import type { CommandArgs, Io } from './args';
import { shown } from './args';
import { readInput } from './input';
import { printJson } from './json-out';
import { money, table, terminalSafe, terminalSafeDeep } from './summary';
import { checkNotInput, checkOut, PACK_OUT, writeError, XLSX_OUT } from './files';
import type { OutKind } from './files';

/** The JMG view: per pool its budget and, period by period, outturn, variance, movement and reserve; then the
 * period reported on line by line, each partner's projected risk share and final cost, and the savings at risk. */
export function monitorSummary(r: MonitorResult): string {
  const out: string[] = [];
  const m = (s: string | null) => (s === null ? '–' : money(s));
  const from = { setting: 'Year start setting', periods: 'the Forecasts periods', default: 'the default' }[r.year.from];
  const latest = r.periods[r.periods.length - 1];
  const asAt = r.period === null ? 'no period (no Forecasts)'
    : latest && latest !== r.period ? `${r.period}, latest forecasts ${latest}` : r.period;
  out.push(`Monitoring as at ${asAt}, ${r.units}; financial year from ${r.year.start} (${from})`, '');
  for (const p of r.pools) {
    if (!isMonitorPool(p)) {
      const n = p.errors.length;
      out.push(`Pool ${p.pool}: not projected, ${n} error${n === 1 ? '' : 's'} (see warnings)`, '');
      continue;
    }
    out.push(`Pool ${p.pool} (${p.kind}${p.host ? `, host ${p.host}` : ''}, ${p.method}): budget ${money(p.budget)}`);
    const byPeriod = [['period', 'forecast outturn', 'variance', 'movement', 'reserve used', 'reserve carried']];
    for (const x of p.periods) {
      byPeriod.push([x.period, money(x.outturn), money(x.variance), m(x.movement), money(x.reserveUsed),
        money(x.reserveCarried)]);
    }
    if (p.periods.length > 0) out.push(...table(byPeriod, [false, true, true, true, true, true]).map((l) => '  ' + l));
    const now = p.periods[p.periods.length - 1];
    if (!now) {
      out.push('');
      continue;
    }
    const lines = [['line', 'budget', 'forecast', 'variance', 'movement', '']];
    for (const l of now.lines) {
      const note = l.assumed ? 'on budget (no forecast yet)' : '';
      lines.push([l.line, money(l.budget), money(l.forecast), money(l.variance), m(l.movement), note]);
    }
    out.push(`  as at ${now.period}:`, ...table(lines, [false, true, true, true, true, false]).map((l) => '    ' + l));
    const partners = [['partner', 'savings charge', 'projected risk share', 'projected final cost']];
    for (const x of now.partners) {
      partners.push([x.partner, money(x.savingsCharge), money(x.riskShare), money(x.finalCost)]);
    }
    out.push(...table(partners, [false, true, true, true]).map((l) => '    ' + l));
    if (now.unallocated !== '0.00') out.push(`    fell to the host under the caps: ${money(now.unallocated)}`);
    if (now.savingsAtRisk.length > 0) {
      const savings = [['savings at risk: line', 'partner', 'planned', 'delivered', 'shortfall', 'agreed']];
      for (const s of now.savingsAtRisk) {
        const agreed = s.agreed ? 'yes' : 'no';
        savings.push([s.line, s.partner, money(s.planned), money(s.delivered), money(s.shortfall), agreed]);
      }
      out.push(...table(savings, [false, false, true, true, true, false]).map((l) => '    ' + l));
    }
    out.push('');
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const x of r.warnings) counts[x.severity]++;
  out.push(`Warnings: ${counts.error} errors, ${counts.warning} warnings, ${counts.info} info`);
  for (const x of r.warnings) {
    out.push(`  ${x.severity.toUpperCase()} ${x.code}${x.sheet ? ` [${x.sheet}!${x.cell}]` : ''}: ${x.message}`);
  }
  return out.join('\n') + '\n';
}

/**
 * The error that the period reported on is outside the workbook's year (monitoring.md: no figures
 * are given for it), from `--period` or the Settings `Period` row; undefined when it is in the year.
 */
export function periodOutside(result: { warnings: Warning[] }): Warning | undefined {
  const reported = (w: Warning) => w.table === undefined || w.table === 'Settings';
  return result.warnings.find((w) => w.code === 'PERIOD_OUTSIDE_YEAR' && reported(w));
}

/**
 * A command as at `--period` (monitor, options): the output checked first, the input read, `compute`
 * run; `--period` outside the year is a usage error.
 */
export async function asAtPeriod<R extends { warnings: Warning[] }>(
  args: CommandArgs, kind: OutKind, compute: (input: WorkbookInput, period: string | undefined) => R,
): Promise<{ input: WorkbookInput; result: R }> {
  const out = args.values.get('--out');
  if (out !== undefined) {
    await checkNotInput(out, args.file, shown);
    await checkOut(out, kind, shown);
  }
  const input = await readInput(args.file);
  const period = args.values.get('--period');
  const result = compute(input, period);
  refusePeriodOutside(result, period);
  return { input, result };
}

/** Reads the input and monitors it (asAtPeriod). */
function monitored(args: CommandArgs, kind: OutKind): Promise<{ input: WorkbookInput; result: MonitorResult }> {
  return asAtPeriod(args, kind, (input, period) => monitor(input, { period }));
}

/**
 * `--period` outside the year is a usage error (monitor, options): the error first and no figures,
 * nothing printed or written for a month the year does not hold.
 */
export function refusePeriodOutside(result: { warnings: Warning[] }, period: string | undefined): void {
  const outside = periodOutside(result);
  if (outside && period !== undefined) {
    throw new InputError(`--period: ${outside.message.replace(/^The period/, 'the period')}`);
  }
}

/**
 * What `monitor` prints when the Settings Period is outside the year: the errors alone (the other
 * warnings are about figures for that period, which are not given), then why there are no figures.
 */
function errorsOnly(r: MonitorResult): string {
  const errors = r.warnings.filter((x) => x.severity === 'error');
  const rest = r.warnings.length - errors.length;
  return [...errors.map((x) => `ERROR ${x.code}${x.sheet ? ` [${x.sheet}!${x.cell}]` : ''}: ${x.message}`),
    `No figures: the period reported on is outside the year${rest ? ` (${rest} warnings about them not shown)` : ''}.`,
  ].join('\n') + '\n';
}

/** `poolshare monitor FILE`: the JMG view, or the JSON, and the Monitoring workbook with --out. */
export async function monitorCommand(args: CommandArgs, io: Io): Promise<number> {
  const { result } = await monitored(args, XLSX_OUT);
  const out = args.values.get('--out');
  const json = args.flags.has('--json');
  if (periodOutside(result)) {
    if (json) printJson(io, result);
    else io.out(errorsOnly(terminalSafeDeep(result)));
    return 1;
  }
  if (out !== undefined) {
    const { writeSheetsXlsx } = await import('./xlsx');
    // Text cut to fit a cell is said (TEXT_CUT), on the workbook's Warnings sheet and here.
    const notes: Warning[] = [];
    const sheets = [monitoringSheet(result, notes)];
    for (const w of notes) result.warnings.push(w); // no spread: there may be many
    sheets.push(warningsSheet(result));
    try {
      await writeSheetsXlsx(out, sheets, { force: args.flags.has('--force'), inputs: [args.file] });
    } catch (e) {
      throw writeError(e, out, shown);
    }
  }
  if (json) printJson(io, result);
  else io.out(monitorSummary(terminalSafeDeep(result)));
  if (out !== undefined && !json) io.out(terminalSafe(`Monitoring workbook written to ${resolve(out)}`) + '\n');
  return hasErrors(result.warnings) ? 1 : 0;
}

/** `poolshare report FILE --out PACK.html [--pdf]`: the committee pack (src/cli/report), with the run's exit status. */
export async function reportCommand(args: CommandArgs, io: Io): Promise<number> {
  const out = args.values.get('--out')!;
  const { input, result } = await monitored(args, PACK_OUT);
  const report = await import('./report');
  const options = { out, force: args.flags.has('--force'), pdf: args.flags.has('--pdf') };
  try {
    return await report.reportCommand(input, result, options, io);
  } catch (e) {
    throw writeError(e, out, shown);
  }
}

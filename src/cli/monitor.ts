/**
 * `poolshare monitor FILE [--period YYYY-MM] [--json] [--out BOOK.xlsx] [--force]` and
 * `poolshare report FILE --out PACK.html [--period YYYY-MM] [--force]` (monitoring.md): the Joint
 * Management Group's view per pool in the terminal, the spec's JSON, the `Monitoring` sheet in a
 * results workbook, and the committee pack. Exit 0: no errors; 1: errors (still printed); 2: the
 * input cannot be read at all, or the command line is wrong (one line, no stack trace).
 */
import { resolve } from 'path';
import type { MonitorResult } from '../engine/monitor/types';
import { isMonitorPool } from '../engine/monitor/types';
import { hasErrors, monitor } from '../engine';
import { monitoringSheet, warningsSheet } from '../workbook';
import type { Io } from './main';
import { readInput } from './main';
import { jsonSafe, money, table, terminalSafe, terminalSafeDeep } from './summary';
import { sameFile } from './files';

const USAGE = `usage:
  poolshare monitor FILE.json|FILE.xlsx [--period YYYY-MM] [--json] [--out BOOK.xlsx] [--force]
  poolshare report FILE.json|FILE.xlsx --out PACK.html [--period YYYY-MM] [--force] [--pdf]`;

class UsageError extends Error {}

interface MonitorArgs {
  command: 'monitor' | 'report';
  file: string;
  period?: string;
  json: boolean;
  out?: string;
  force: boolean;
  /** report: write the pack as PDF (Chromium). */
  pdf?: boolean;
}

export function parseMonitorArgs(argv: string[]): MonitorArgs {
  const [command, ...rest] = argv;
  if (command !== 'monitor' && command !== 'report') throw new UsageError(`unknown command ${command}\n${USAGE}`);
  const args: MonitorArgs = { command, file: '', json: false, force: false };
  const value = (i: number, name: string): [string, number] => {
    const a = rest[i];
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[i + 1];
    if (!v) throw new Error(`${name} needs a value`);
    return [v, a.includes('=') ? i : i + 1];
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json' && command === 'monitor') args.json = true;
    else if (a === '--force') args.force = true;
    else if (a === '--pdf' && command === 'report') args.pdf = true;
    else if (a === '--period' || a.startsWith('--period=')) {
      [args.period, i] = value(i, '--period');
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(args.period)) {
        throw new Error(`--period takes a month as YYYY-MM, not ${args.period}`);
      }
    } else if (a === '--out' || a.startsWith('--out=')) [args.out, i] = value(i, '--out');
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else if (!args.file) args.file = a;
    else throw new Error(`one file at a time (got ${args.file} and ${a})`);
  }
  if (!args.file) throw new UsageError(`no file given\n${USAGE}`);
  if (command === 'report' && !args.out) throw new Error('report needs --out PACK.html');
  return args;
}

/** The JMG view: per pool its budget and, period by period, outturn, variance, movement and reserve; then the
 * period reported on line by line, each partner's projected risk share and final cost, and the savings at risk. */
export function monitorSummary(r: MonitorResult): string {
  const out: string[] = [];
  const m = (s: string | null) => (s === null ? '–' : money(s));
  const from = { setting: 'Year start setting', periods: 'the Forecasts periods', default: 'the default' }[r.year.from];
  out.push(`Monitoring as at ${r.period ?? 'no period (no Forecasts)'}, ${r.units}; ` +
    `financial year from ${r.year.start} (${from})`, '');
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

/** Runs `monitor` or `report`; returns the exit status. */
export async function monitorMain(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseMonitorArgs(argv);
    if (args.out && (await sameFile(args.out, args.file))) {
      throw new Error(`${args.out} is the input (${args.file}); write to another file`);
    }
    const input = await readInput(args.file);
    const result = monitor(input, { period: args.period });
    if (args.command === 'report') {
      const { reportCommand } = await import('./report');
      return await reportCommand(input, result, { out: args.out!, force: args.force, pdf: args.pdf }, io);
    } else {
      if (args.out) {
        const { writeSheetsXlsx } = await import('./xlsx');
        const sheets = [monitoringSheet(result), warningsSheet(result)];
        await writeSheetsXlsx(args.out, sheets, { force: args.force, inputs: [args.file] });
      }
      io.out(args.json ? jsonSafe(JSON.stringify(result, null, 2)) + '\n' : monitorSummary(terminalSafeDeep(result)));
      if (args.out && !args.json) io.out(terminalSafe(`Monitoring workbook written to ${resolve(args.out)}`) + '\n');
    }
    return hasErrors(result.warnings) ? 1 : 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    // A usage slip prints the usage; anything else one line, never a stack trace.
    const lines = e instanceof UsageError ? message.split('\n') : [message.split('\n')[0]];
    const shown = lines.map(terminalSafe).join('\n');
    io.err(`poolshare: ${shown}\n`);
    return 2;
  }
}

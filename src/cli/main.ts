/**
 * The command line: `poolshare <command> FILE [options]` (run, monitor, report, template), with
 * `--help`, `help COMMAND`, `--version`. Each command is one entry in COMMANDS: its spec (for the
 * shared parser and the help, src/cli/args.ts) and what it does. Exit 0: no errors; 1: the workbook
 * has errors (the result is still printed); 2: the input cannot be read at all, or the command line
 * is wrong (one line, no stack trace; a usage slip adds the usage).
 */
import { resolve } from 'path';
import type { NettingMode, RunResult } from '../engine/types';
import { hasErrors, runHanded } from '../engine/run'; // not the engine's index, which loads the JSON check (zod)
import { NETTING_MODES } from '../engine/types';
import { printJson } from './json-out';
import { summary, terminalSafe } from './summary';
import { checkNotInput, checkOut, writeError, XLSX_OUT } from './files';
import { handedInput } from './input';
import { OPTIONS, UsageError, parseArgs, shown } from './args';
import type { CommandArgs, CommandSpec, Io } from './args';

export type { Io } from './args';

/**
 * The process's own output. A reader that stops reading (`poolshare run book.xlsx --json | head`) closes
 * the pipe: what is left to print is dropped quietly, as other command-line tools drop it, and the
 * exit code is the command's; without this, Node ends on an unhandled EPIPE with its stack trace.
 */
const closed = { out: false, err: false };
function quietOnClose(stream: NodeJS.WriteStream, which: keyof typeof closed): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    // After the pipe closed, a write already under way fails as destroyed: the same close.
    if (e.code === 'EPIPE' || (closed[which] && e.code === 'ERR_STREAM_DESTROYED')) closed[which] = true;
    else throw e;
  });
}
let watching = false;
const stdio: Io = {
  out: (s) => {
    if (!closed.out) process.stdout.write(s);
  },
  err: (s) => {
    if (!closed.err) process.stderr.write(s);
  },
};

/** `poolshare template BOOK.xlsx`: an empty input workbook. */
async function template(args: CommandArgs, io: Io): Promise<number> {
  await checkOut(args.file, XLSX_OUT, shown, 'the template');
  const { writeTemplateXlsx } = await import('./xlsx');
  try {
    await writeTemplateXlsx(args.file, { force: args.flags.has('--force') });
  } catch (e) {
    throw writeError(e, args.file, shown);
  }
  io.out(terminalSafe(`poolshare: template written to ${args.file}`) + '\n');
  return 0;
}

/** `poolshare run FILE`: the summary or the result JSON, and the results workbook with --out. */
async function runCommand(args: CommandArgs, io: Io): Promise<number> {
  const out = args.values.get('--out');
  const json = args.flags.has('--json');
  if (out !== undefined) {
    await checkNotInput(out, args.file, shown);
    await checkOut(out, XLSX_OUT, shown);
  }
  // The input is handed over, so that its rows are let go once the model is built (runHanded).
  const result: RunResult = runHanded(await handedInput(args.file), {
    netting: args.values.get('--netting') as NettingMode | undefined, period: args.values.get('--period'),
  });
  if (out !== undefined) {
    const { writeResultsXlsx } = await import('./xlsx');
    let notes;
    try {
      notes = await writeResultsXlsx(out, result, { force: args.flags.has('--force'), inputs: [args.file] });
    } catch (e) {
      throw writeError(e, out, shown);
    }
    for (const w of notes) result.warnings.push(w); // no spread: there may be many
  }
  if (json) printJson(io, result);
  else io.out(summary(result));
  if (out !== undefined && !json) io.out(terminalSafe(`Results workbook written to ${resolve(out)}`) + '\n');
  return hasErrors(result.warnings) ? 1 : 0;
}

const INPUT = { name: 'FILE', help: 'the input workbook (.xlsx) or its tables as .json' };

/** A command: its spec for the parser and the help, and what it does (returns the exit status). */
interface Command {
  spec: CommandSpec;
  run: (args: CommandArgs, io: Io) => Promise<number>;
}

/** The commands, in the order the help lists them: adding a command is one entry here. */
export const COMMANDS: Command[] = [
  {
    spec: {
      name: 'run', summary: 'work out every pool\'s risk share, the settlement and the payments', file: INPUT,
      options: [OPTIONS.json, OPTIONS.netting(NETTING_MODES), OPTIONS.statementsAt,
        OPTIONS.out('the results workbook (.xlsx)'), OPTIONS.force],
    },
    run: runCommand,
  },
  {
    spec: {
      name: 'monitor', summary: 'in-year monitoring: forecast outturn, variance and projected risk share by period',
      file: INPUT,
      options: [OPTIONS.period, OPTIONS.json, OPTIONS.out('the Monitoring workbook (.xlsx)'), OPTIONS.force],
    },
    run: async (args, io) => (await import('./monitor')).monitorCommand(args, io),
  },
  {
    spec: {
      name: 'options', summary: 'compare risk-share options: each partner\'s cost under each option and scenario',
      file: INPUT, options: [OPTIONS.period, OPTIONS.json, OPTIONS.out('the Options workbook (.xlsx)'), OPTIONS.force],
    },
    run: async (args, io) => (await import('./options')).optionsCommand(args, io),
  },
  {
    spec: {
      name: 'report', summary: 'write the committee pack: a printable page per pool (HTML, or PDF)', file: INPUT,
      options: [OPTIONS.out('the committee pack (.html, or .pdf with --pdf)'), OPTIONS.period, OPTIONS.pdf,
        OPTIONS.force],
      required: ['--out'],
    },
    run: async (args, io) => (await import('./monitor')).reportCommand(args, io),
  },
  {
    spec: {
      name: 'template', summary: 'write an empty input workbook with every table, ready to fill in',
      file: { name: 'BOOK.xlsx', help: 'the workbook to write' }, options: [OPTIONS.force],
    },
    run: template,
  },
];

/** One line for a failure, never a stack trace: controls shown visibly, a very long message cut. */
function failure(e: unknown): string {
  const message = terminalSafe((e instanceof Error ? e.message : String(e)).trimEnd());
  return `poolshare: ${message.length > 2000 ? `${message.slice(0, 2000)}...` : message}\n`;
}

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  if (io === stdio && !watching) {
    watching = true;
    quietOnClose(process.stdout, 'out');
    quietOnClose(process.stderr, 'err');
  }
  let parsed;
  try {
    parsed = parseArgs(argv, COMMANDS.map((c) => c.spec));
  } catch (e) {
    const hint = e instanceof UsageError && e.hint ? `${e.hint.trimEnd()}\n` : '';
    io.err(failure(e) + hint);
    return 2;
  }
  if (parsed.kind !== 'command') {
    io.out(parsed.text);
    return 0;
  }
  const command = parsed.command;
  try {
    return await COMMANDS.find((c) => c.spec.name === command)!.run(parsed, io);
  } catch (e) {
    io.err(failure(e));
    return 2;
  }
}

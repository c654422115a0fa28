/**
 * The command line: `poolshare run FILE [--json] [--netting MODE] [--out RESULTS.xlsx] [--force]`
 * and `poolshare template BOOK.xlsx [--force]`. Exit 0: no errors; 1: the workbook has errors (the
 * result is still printed); 2: the input cannot be read at all (one line, no stack trace).
 */
import { promises as fs } from 'fs';
import { resolve } from 'path';
import type { NettingMode, RunResult, WorkbookInput } from '../engine/types';
import { InputError, hasErrors, parseInputJson, run } from '../engine';
import { jsonSafe, summary, terminalSafe } from './summary';
import { sameFile } from './files';

const USAGE = `usage:
  poolshare run FILE.json|FILE.xlsx [--json] [--netting multilateral|bilateral|gross] [--out RESULTS.xlsx] [--force]
  poolshare template BOOK.xlsx [--force]
  poolshare monitor FILE [--period YYYY-MM] [--json] [--out BOOK.xlsx] [--force]
  poolshare report FILE --out PACK.html [--period YYYY-MM] [--force] [--pdf]`;

const MODES: NettingMode[] = ['multilateral', 'bilateral', 'gross'];

/** A mistake on the command line: its message, then the usage (kept as lines). */
class UsageError extends Error {
  constructor(message: string, readonly usage = false) {
    super(message);
  }
}

interface Args {
  command: string;
  file: string;
  json: boolean;
  netting?: NettingMode;
  out?: string;
  force: boolean;
}

export function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError('', true);
  if (!Object.prototype.hasOwnProperty.call(COMMANDS, command)) {
    throw new UsageError(`unknown command ${command}`, true);
  }
  const args: Args = { command, file: '', json: false, force: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') args.json = true;
    else if (a === '--force') args.force = true;
    else if (a === '--netting' || a.startsWith('--netting=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!MODES.includes(v as NettingMode)) {
        throw new UsageError(`--netting takes ${MODES.join(', ')}, not ${v ?? 'nothing'}`);
      }
      args.netting = v as NettingMode;
    } else if (a === '--out' || a.startsWith('--out=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError('--out needs a file name');
      args.out = v;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`, true);
    else if (!args.file) args.file = a;
    else throw new UsageError(`one file at a time (got ${args.file} and ${a})`);
  }
  if (!args.file) throw new UsageError('no file given', true);
  return args;
}

/** JSON by its name; anything else goes to the workbook reader, which names what the file is (.xls, encrypted...). */
const isJson = (f: string) => /\.json$/i.test(f);

export async function readInput(file: string): Promise<WorkbookInput> {
  if (!isJson(file)) {
    const { readXlsx } = await import('./xlsx');
    return (await readXlsx(file)).input;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new InputError(`cannot read ${file}: ${why}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseInputJson(json);
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const stdio: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** `poolshare template BOOK.xlsx`: an empty input workbook. */
async function template(args: Args, io: Io): Promise<number> {
  const { writeTemplateXlsx } = await import('./xlsx');
  await writeTemplateXlsx(args.file, { force: args.force });
  io.out(terminalSafe(`poolshare: template written to ${args.file}`) + '\n');
  return 0;
}

/** `poolshare run FILE`: the summary or the result JSON, and the results workbook with --out. */
async function runCommand(args: Args, io: Io): Promise<number> {
  // --out never names the input, through links too: checked before anything is read or written.
  if (args.out && (await sameFile(args.out, args.file))) {
    throw new InputError(`${args.out} is the input workbook (${args.file}); write the results to another file`);
  }
  const input = await readInput(args.file);
  const result: RunResult = run(input, { netting: args.netting });
  if (args.out) {
    const { writeResultsXlsx } = await import('./xlsx');
    const notes = await writeResultsXlsx(args.out, result, { force: args.force, inputs: [args.file] });
    for (const w of notes) result.warnings.push(w); // no spread: there may be many
  }
  io.out(args.json ? jsonSafe(JSON.stringify(result, null, 2)) + '\n' : summary(result));
  if (args.out && !args.json) io.out(terminalSafe(`Results workbook written to ${resolve(args.out)}`) + '\n');
  return hasErrors(result.warnings) ? 1 : 0;
}

/** The commands, by name: each takes the parsed arguments and returns the exit code. */
const COMMANDS: Record<string, (args: Args, io: Io) => Promise<number>> = {
  run: runCommand,
  template,
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  if (argv[0] === 'monitor' || argv[0] === 'report') return (await import('./monitor')).monitorMain(argv, io);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    const usage = e instanceof UsageError && e.usage;
    const message = (e as Error).message;
    io.err((message ? `poolshare: ${terminalSafe(message)}\n` : '') + (usage ? `${USAGE}\n` : ''));
    return 2;
  }
  try {
    return await COMMANDS[args.command](args, io);
  } catch (e) {
    const message = terminalSafe((e instanceof Error ? e.message : String(e)).trimEnd());
    io.err(`poolshare: ${message.length > 2000 ? `${message.slice(0, 2000)}...` : message}\n`);
    return 2;
  }
}

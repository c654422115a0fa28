/**
 * The command line: `poolshare run FILE [--json] [--netting MODE] [--out RESULTS.xlsx] [--force]`
 * and `poolshare template BOOK.xlsx [--force]`. Exit 0: no errors; 1: the workbook has errors (the
 * result is still printed); 2: the input cannot be read at all (one line, no stack trace).
 */
import { promises as fs } from 'fs';
import { resolve } from 'path';
import type { NettingMode, RunResult, WorkbookInput } from '../engine/types';
import { InputError, hasErrors, parseInputJson, run } from '../engine';
import { summary } from './summary';

const USAGE = `usage:
  poolshare run FILE.json|FILE.xlsx [--json] [--netting multilateral|bilateral|gross] [--out RESULTS.xlsx] [--force]
  poolshare template BOOK.xlsx [--force]
  poolshare monitor FILE [--period YYYY-MM] [--json] [--out BOOK.xlsx] [--force]
  poolshare report FILE --out PACK.html [--period YYYY-MM] [--force]`;

const MODES: NettingMode[] = ['multilateral', 'bilateral', 'gross'];

class UsageError extends Error {}

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
  if (!command || command === '--help' || command === '-h') throw new UsageError(USAGE);
  if (command !== 'run' && command !== 'template') throw new UsageError(`unknown command ${command}\n${USAGE}`);
  const args: Args = { command, file: '', json: false, force: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--json') args.json = true;
    else if (a === '--force') args.force = true;
    else if (a === '--netting' || a.startsWith('--netting=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!MODES.includes(v as NettingMode)) throw new UsageError(`--netting takes ${MODES.join(', ')}, not ${v ?? 'nothing'}`);
      args.netting = v as NettingMode;
    } else if (a === '--out' || a.startsWith('--out=')) {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (!v) throw new UsageError('--out needs a file name');
      args.out = v;
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}\n${USAGE}`);
    else if (!args.file) args.file = a;
    else throw new UsageError(`one file at a time (got ${args.file} and ${a})`);
  }
  if (!args.file) throw new UsageError(`no file given\n${USAGE}`);
  return args;
}

const isXlsx = (f: string) => /\.xlsx$/i.test(f);

export async function readInput(file: string): Promise<WorkbookInput> {
  if (isXlsx(file)) {
    const { readXlsx } = await import('./xlsx');
    return (await readXlsx(file)).input;
  }
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
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

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  if (argv[0] === 'monitor' || argv[0] === 'report') return (await import('./monitor')).monitorMain(argv, io);
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.err(`poolshare: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    if (args.command === 'template') {
      const { writeTemplateXlsx } = await import('./xlsx');
      await writeTemplateXlsx(args.file, { force: args.force });
      io.out(`poolshare: template written to ${args.file}\n`);
      return 0;
    }
    const input = await readInput(args.file);
    const result: RunResult = run(input, { netting: args.netting });
    if (args.out) {
      const { writeResultsXlsx } = await import('./xlsx');
      await writeResultsXlsx(args.out, result, { force: args.force });
    }
    io.out(args.json ? JSON.stringify(result, null, 2) + '\n' : summary(result));
    if (args.out && !args.json) io.out(`Results workbook written to ${resolve(args.out)}\n`);
    return hasErrors(result.warnings) ? 1 : 0;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    io.err(`poolshare: ${message.split('\n')[0]}\n`);
    return 2;
  }
}

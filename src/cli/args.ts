/**
 * The command line's one argument parser, for every command. Each command is one entry in a table
 * (its one-line description, its file argument and its options); help, `--version`, "did you mean",
 * and the checks on values (a value is never a flag, a flag is given once) are the same for all.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { nearest } from '../engine/warnings';
import { terminalSafe } from './summary';

/** An option of a command: a switch (`--json`) or one taking a value (`--out FILE`). */
export interface OptionSpec {
  name: string;
  /** The value's placeholder in the help (`FILE`, `YYYY-MM`); absent for a switch. */
  value?: string;
  /** The values allowed, when they are a fixed list. */
  choices?: readonly string[];
  /** A check on the value: returns what is wrong with it, or null. */
  check?: (v: string) => string | null;
  help: string;
}

/** A command: its name, one-line description, file argument and options. */
export interface CommandSpec {
  name: string;
  summary: string;
  file: { name: string; help: string };
  options: OptionSpec[];
  /** Options the command cannot run without (`report` needs `--out`). */
  required?: string[];
}

/** What was asked: help text, the version, or a command with its file and options. */
export type Parsed =
  | { kind: 'help'; text: string }
  | { kind: 'version'; text: string }
  | { kind: 'command'; command: string; file: string; flags: Set<string>; values: Map<string, string> };

/** A mistake on the command line: a one-line message, then a hint (the usage, or where to look). */
export class UsageError extends Error {
  constructor(message: string, readonly hint = '') {
    super(message);
  }
}

/** The version of this package, from its package.json (two folders up from src/cli and from lib/cli). */
export function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as
      { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A value as shown in a message: controls made visible (a newline as \\n), quoted if it has spaces, cut if long. */
export function shown(v: string): string {
  const cut = v.length > 200 ? `${v.slice(0, 200)}...` : v;
  const safe = terminalSafe(cut);
  return / /.test(cut) || cut === '' ? `"${safe}"` : safe;
}

const HELP_OPTION: OptionSpec = { name: '--help', help: 'show this help and exit' };

function synopsis(c: CommandSpec): string {
  const opts = c.options.map((o) => {
    const v = o.choices ? o.choices.join('|') : o.value;
    const text = v ? `${o.name} ${v}` : o.name;
    return c.required?.includes(o.name) ? text : `[${text}]`;
  });
  return ['poolshare', c.name, c.file.name, ...opts].join(' ');
}

const pad = (rows: [string, string][]) => {
  const w = Math.max(...rows.map(([a]) => a.length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`);
};

/** `poolshare --help`: usage, one line per command, the global options. */
export function generalHelp(commands: CommandSpec[]): string {
  return [
    'usage: poolshare <command> FILE [options]',
    '',
    'Section 75 pooled budgets from an input workbook (.xlsx) or its JSON: risk share, settlement,',
    'netting, payment schedules, in-year monitoring and the committee pack.',
    '',
    'Commands:',
    ...pad([...commands.map((c): [string, string] => [c.name, c.summary]), ['help', 'show help for a command']]),
    '',
    'Options:',
    ...pad([['-h, --help', 'show help (after a command: that command\'s help)'],
      ['-V, --version', 'show the version and exit']]),
    '',
    'Run `poolshare <command> --help` for a command\'s options. Exit status: 0 no errors; 1 the workbook has',
    'errors (the results are still given); 2 the input or the command line cannot be used.',
  ].join('\n') + '\n';
}

/** `poolshare run --help`: the command's synopsis, description, file and options. */
export function commandHelp(c: CommandSpec): string {
  // In the table a list of choices is named by its placeholder and spelled out in the help.
  const opt = (o: OptionSpec): [string, string] => {
    const help = o.choices ? `${o.help}; one of ${o.choices.join(', ')}` : o.help;
    return [o.value ? `${o.name} ${o.value}` : o.name, help];
  };
  return [
    `usage: ${synopsis(c)}`,
    '',
    c.summary,
    '',
    'Arguments:',
    ...pad([[c.file.name, c.file.help]]),
    '',
    'Options:',
    ...pad([...c.options.map(opt), ['-h, --help', HELP_OPTION.help]]),
  ].join('\n') + '\n';
}

const mention = (n: string | undefined) => (n === undefined ? '' : ` (did you mean ${n}?)`);

/**
 * Parses argv (without `node` and the script) against the commands. Throws UsageError for a
 * mistake: an unknown command or option (with a suggestion), a value missing or a flag taken as
 * one, a value not allowed, a flag given twice, no file or two files.
 */
export function parseArgs(argv: string[], commands: CommandSpec[]): Parsed {
  const byName = new Map(commands.map((c) => [c.name, c]));
  const [first, ...rest] = argv;
  const general = generalHelp(commands);
  if (first === undefined) throw new UsageError('no command given', general);
  if (first === '--help' || first === '-h') return { kind: 'help', text: general };
  if (first === '--version' || first === '-V' || first === 'version') {
    return { kind: 'version', text: `poolshare ${version()}\n` };
  }
  if (first === 'help') {
    if (rest[0] === undefined) return { kind: 'help', text: general };
    const c = byName.get(rest[0]);
    if (!c) throw new UsageError(`no command ${shown(rest[0])}${mention(nearest(rest[0], byName.keys()))}`, general);
    return { kind: 'help', text: commandHelp(c) };
  }
  const command = byName.get(first);
  if (!command) {
    const known = [...byName.keys(), 'help', 'version'];
    const what = first.startsWith('-') ? 'option' : 'command';
    throw new UsageError(`unknown ${what} ${shown(first)}${mention(nearest(first, known))}`,
      'Run `poolshare --help` for the commands.');
  }
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help', text: commandHelp(command) };
  const hint = `usage: ${synopsis(command)}\nRun \`poolshare ${command.name} --help\` for more.`;
  const options = new Map(command.options.map((o) => [o.name, o]));
  const flags = new Set<string>();
  const values = new Map<string, string>();
  let file: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--') {
      // Everything after `--` is a file, even if it starts with a dash.
      for (const f of rest.slice(i + 1)) file = oneFile(file, f, hint);
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      file = oneFile(file, a, hint);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const o = options.get(name);
    if (!o) {
      const names = [...options.keys(), '--help'];
      throw new UsageError(`unknown option ${shown(name)}${mention(nearest(name, names))}`, hint);
    }
    if (flags.has(o.name) || values.has(o.name)) {
      throw new UsageError(`${o.name} is given twice; give it once`);
    }
    if (o.value === undefined && o.choices === undefined) {
      if (eq > 0) throw new UsageError(`${o.name} takes no value (got ${shown(a)})`);
      flags.add(o.name);
      continue;
    }
    let v: string | undefined;
    if (eq > 0) v = a.slice(eq + 1);
    else {
      v = rest[i + 1];
      // A value is never the next flag: `--out --force` is a missing file name, not a file called --force.
      if (v !== undefined && v.startsWith('-') && v !== '-') v = undefined;
      else i++;
    }
    const what = o.choices ? o.choices.join(', ') : o.value;
    if (v === undefined || v === '') throw new UsageError(`${o.name} needs a value (${what})`);
    if (o.choices && !o.choices.includes(v)) {
      throw new UsageError(`${o.name} takes ${o.choices.join(', ')}, not ${shown(v)}${mention(nearest(v, o.choices))}`);
    }
    const wrong = o.check?.(v);
    if (wrong) throw new UsageError(`${o.name} ${wrong}`);
    values.set(o.name, v);
  }
  if (file === undefined) throw new UsageError(`no file given (${command.file.name})`, hint);
  for (const r of command.required ?? []) {
    if (!values.has(r)) {
      const o = options.get(r)!;
      throw new UsageError(`${command.name} needs ${r} ${o.value ?? ''}`.trimEnd());
    }
  }
  return { kind: 'command', command: command.name, file, flags, values };
}

function oneFile(had: string | undefined, a: string, hint: string): string {
  if (had !== undefined) throw new UsageError(`one file at a time (got ${shown(had)} and ${shown(a)})`, hint);
  return a;
}

/** Where a command prints: the results (stdout) and the messages (stderr). */
export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** A command's parsed arguments. */
export type CommandArgs = Extract<Parsed, { kind: 'command' }>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Options shared by several commands: each defined once. */
/** A --period value: a month as YYYY-MM. */
const monthOnly = (v: string) => (MONTH.test(v) ? null : `takes a month as YYYY-MM, not ${shown(v)}`);

export const OPTIONS = {
  pdf: { name: '--pdf', help: 'print the pack to PDF with Chromium (name the --out file .pdf)' } as OptionSpec,
  json: { name: '--json', help: 'print the results as JSON (amounts as exact strings) instead of the summary' },
  force: { name: '--force', help: 'replace the --out file if it exists (never an input, a folder or a device)' },
  out: (what: string): OptionSpec => ({ name: '--out', value: 'FILE', help: `write ${what}` }),
  period: {
    name: '--period', value: 'YYYY-MM', help: 'the month reported on (default: Settings Period, else the latest)',
    check: monthOnly,
  } as OptionSpec,
  /** `run --period`: the statements of balances as at the end of that month (yearend.md, section 3). */
  statementsAt: {
    name: '--period', value: 'YYYY-MM', help: 'give the statements of balances as at the end of this month (in-year)',
    check: monthOnly,
  } as OptionSpec,
  netting: (modes: readonly string[]): OptionSpec => ({
    name: '--netting', value: 'MODE', choices: modes,
    help: `how payments are netted, over the Settings Netting (default ${modes[0]})`,
  }),
};

/**
 * The command line's shared parser and help (issue 21 "First hour", issue 22 "Command line slips"):
 * help and version exit 0, did-you-mean for commands, options and values, a value is never a
 * flag, a repeated flag is an error, values with newlines are shown visibly.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { COMMANDS } from '../../src/cli/main';
import { parseArgs, UsageError } from '../../src/cli/args';
import { NETTING_MODES } from '../../src/engine/types';
import { cli } from './run-cli';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');
const specs = COMMANDS.map((c) => c.spec);
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** The message a parse throws (UsageError), or '' when it parses. */
function refused(...argv: string[]): string {
  try {
    parseArgs(argv, specs);
    return '';
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
}

describe('help and version', () => {
  test.each([['--help'], ['-h'], ['help']])('poolshare %s: usage and one line per command on stdout, exit 0',
    async (flag) => {
      const r = await cli(flag);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toMatch(/^usage: poolshare <command> FILE \[options\]\n/);
      for (const c of COMMANDS) {
        // One line each: the name then its one-line description.
        expect(r.out).toMatch(new RegExp(`^  ${c.spec.name} +${c.spec.summary.replace(/[.()']/g, '.')}$`, 'm'));
      }
      expect(r.out).toMatch(/^ {2}-V, --version +/m);
    });

  test.each([['--version'], ['-V'], ['version']])('poolshare %s: the version of package.json, exit 0', async (flag) => {
    const r = await cli(flag);
    expect(r).toEqual({ code: 0, out: `poolshare ${pkg.version}\n`, err: '' });
  });

  test.each(COMMANDS.map((c) => c.spec.name))('poolshare %s --help and help %s: its options, exit 0', async (name) => {
    const spec = specs.find((s) => s.name === name)!;
    for (const argv of [[name, '--help'], [name, '-h'], ['help', name], [name, 'x.json', '--out', 'y', '--help']]) {
      const r = await cli(...argv);
      expect(r.code).toBe(0);
      expect(r.out.startsWith(`usage: poolshare ${name} `)).toBe(true);
      expect(r.out).toContain(spec.summary);
      for (const o of spec.options) expect(r.out).toMatch(new RegExp(`^  ${o.name}\\b`, 'm'));
    }
  });

  test('run --help lists the netting modes the engine exports', async () => {
    const r = await cli('run', '--help');
    expect(r.out).toContain(`--netting ${NETTING_MODES.join('|')}`);
  });
});

describe('did you mean', () => {
  test.each([
    [['rnu', example], /^poolshare: unknown command rnu \(did you mean run\?\)\n/],
    [['monitr', example], /unknown command monitr \(did you mean monitor\?\)/],
    [['--jsn'], /unknown option --jsn/],
    [['run', example, '--jsn'], /^poolshare: unknown option --jsn \(did you mean --json\?\)\nusage: poolshare run /],
    [['run', example, '--netting', 'bilateal'],
      new RegExp(`--netting takes ${NETTING_MODES.join(', ')}, not bilateal \\(did you mean bilateral\\?\\)`)],
    [['report', example, '--otu', 'p.html'], /unknown option --otu \(did you mean --out\?\)/],
    [['help', 'rnu'], /no command rnu \(did you mean run\?\)/],
  ])('%p: exit 2 with a suggestion', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
  });

  test('an option of another command is not accepted (--json on report)', () => {
    expect(refused('report', 'x.json', '--out', 'p.html', '--json')).toMatch(/^unknown option --json/);
  });
});

describe('values and repeats', () => {
  test('--out never takes the next flag as its file', () => {
    expect(refused('run', 'x.json', '--out', '--force')).toBe('--out needs a value (FILE)');
    expect(refused('run', 'x.json', '--force', '--out')).toBe('--out needs a value (FILE)');
    expect(refused('monitor', 'x.json', '--period', '--json')).toMatch(/^--period needs a value/);
    expect(refused('run', 'x.json', '--out=')).toBe('--out needs a value (FILE)');
  });

  test.each(['--out', '--netting', '--period', '--json', '--force'])('a repeated %s is an error', (flag) => {
    const value: Record<string, string[]> = { '--out': ['a.xlsx', 'b.xlsx'], '--netting': ['gross', 'bilateral'],
      '--period': ['2025-05', '2025-06'] };
    const command = flag === '--period' ? 'monitor' : 'run';
    const [a, b] = value[flag] ?? [];
    const argv = a === undefined ? [command, 'x.json', flag, flag] : [command, 'x.json', flag, a, `${flag}=${b}`];
    expect(refused(...argv)).toBe(`${flag} is given twice; give it once`);
  });

  test('a value with a newline or an escape is shown visibly, on one line', async () => {
    const r = await cli('run', example, '--netting', 'gross\n\x1b[2Jnet');
    expect(r.code).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toContain('not gross\\n\\x1b[2Jnet');
    const p = await cli('monitor', example, '--period', '2025-05\nok');
    expect(p.err).toBe('poolshare: --period takes a month as YYYY-MM, not 2025-05\\nok\n');
  });

  test('one file at a time; -- ends the options', () => {
    expect(refused('run', 'a.json', 'b.json')).toBe('one file at a time (got a.json and b.json)');
    const parsed = parseArgs(['run', '--', '--odd.json'], specs);
    expect(parsed).toMatchObject({ kind: 'command', command: 'run', file: '--odd.json' });
  });

  test('no command and no file print the usage, exit 2', async () => {
    const none = await cli();
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^poolshare: no command given\nusage: poolshare <command>/);
    const nofile = await cli('run');
    expect(nofile.err).toMatch(/^poolshare: no file given \(FILE\)\nusage: poolshare run FILE /);
  });
});

/**
 * Issue 22, the input and --out: only regular files are read or replaced (devices, FIFOs, sockets,
 * folders refused, through symlinks too, in the user's own words, never a temporary name); JSON is
 * read with a byte limit as it streams; JSON number literals reach the engine without loss; and
 * issue 21: `--out` refuses an extension that does not match what is written.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync,
  writeFileSync } from 'fs';
import * as net from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { isJson, parseJsonExact, readInput, readLimited } from '../../src/cli/input';
import { run } from '../../src/engine';
import { writeError } from '../../src/cli/files';
import { shown } from '../../src/cli/args';
import { cli } from '../cli/run-cli';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');
let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'poolshare-input-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inputs that are not files', () => {
  test.each(['in.json', 'in.xlsx'])('a symlink to /dev/zero (%s) is refused at once, naming the link', async (name) => {
    const link = join(dir, `zero-${name}`);
    symlinkSync('/dev/zero', link);
    const r = await cli('run', link);
    expect(r).toEqual({ code: 2, out: '', err: `poolshare: ${link} is a device, not a file; `
      + 'give a workbook (.xlsx) or its .json\n' });
  });

  test.each(['in.json', 'in.xlsx'])('a FIFO (%s) is refused without waiting for a writer', async (name) => {
    const fifo = join(dir, `fifo-${name}`);
    execFileSync('mkfifo', [fifo]);
    const r = await cli('monitor', fifo);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`poolshare: ${fifo} is a pipe (FIFO), not a file; give a workbook (.xlsx) or its .json\n`);
  });

  test('a socket and a folder are refused', async () => {
    const sock = join(dir, 's.json');
    const server = net.createServer().listen(sock);
    await new Promise((ok) => server.once('listening', ok));
    try {
      expect((await cli('run', sock)).err).toBe(`poolshare: ${sock} is a socket, not a file; `
        + 'give a workbook (.xlsx) or its .json\n');
    } finally {
      await new Promise((ok) => server.close(ok));
    }
    const folder = join(dir, 'folder.json');
    mkdirSync(folder);
    expect((await cli('run', folder)).err).toMatch(/^poolshare: .*folder\.json is a folder, not a file/);
  });

  test('JSON is refused as soon as it passes the byte limit, not by its stated size', async () => {
    const file = join(dir, 'big.json');
    writeFileSync(file, `{"tables": {}, "pad": "${'x'.repeat(5000)}"}`);
    await expect(readLimited(file, 1000)).rejects.toThrow(`${file} is more than the 0 MB an input may hold here`);
    expect((await readLimited(file, 10_000)).length).toBe(statSync(file).size);
  });

  test('JSON that is not UTF-8 is refused, not read with replacement characters', async () => {
    const file = join(dir, 'latin1.json');
    writeFileSync(file, Buffer.from('{"tables": {"Partners": [{"Partner": "Caf\xe9"}]}}', 'latin1'));
    const r = await cli('run', file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`poolshare: ${file} is not UTF-8 text; save it as UTF-8 JSON\n`);
  });
});

describe('JSON numbers without loss', () => {
  test('a literal a double holds stays a number; any other reaches the engine as its exact text', () => {
    const v = parseJsonExact('{"a": 1.5, "b": 99999999999999.99, "c": 100.004999999999999, "d": -3, "e": 1e400}');
    expect(v).toEqual({ a: 1.5, b: '99999999999999.99', c: '100.004999999999999', d: -3, e: '1e400' });
  });

  /** A one-line pool whose only Gross is the JSON literal `gross`, written as typed, then read. */
  async function literalGross(name: string, gross: string, forecast: number) {
    const tables = {
      Partners: [{ Partner: 'A' }],
      Pools: [{ Pool: 'P', Kind: 'pooled', Host: 'A', Method: 'proportional' }],
      Lines: [{ Pool: 'P', Line: 'L', Lead: 'A', Forecast: forecast }],
      Contributions: [{ Pool: 'P', Line: 'L', Partner: 'A', Gross: 0 }],
    };
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify({ tables }).replace('"Gross":0', `"Gross":${gross}`));
    const input = await readInput(file);
    expect(input.tables.Contributions[0].Gross).toBe(gross);
    return input;
  }

  test('a literal with more digits than a double holds reaches the result exactly', async () => {
    // Gross 100.004999999999999 (18 significant digits; as a double it is 100.005): exact, the
    // budget is 100.00 to the penny, not 100.01.
    const input = await literalGross('exact.json', '100.004999999999999', 100.01);
    const pool = run(input).pools[0] as { budget: string; variance: string };
    expect(pool.budget).toBe('100.00');
  });

  test('99999999999999.99 is not cut to 1e14: it is refused on its cell, as Excel cannot hold its pennies', async () => {
    const input = await literalGross('huge.json', '99999999999999.99', 1);
    const r = run(input);
    const w = r.warnings.find((x) => x.code === 'INVALID_VALUE')!;
    expect(w).toMatchObject({ table: 'Contributions', row: 1, column: 'Gross', severity: 'error' });
    expect(w.message).toContain('"99999999999999.99" is £10 trillion or more, too large for Excel to hold to the penny');
    expect(r.pools[0]).toHaveProperty('errors');
  });

  test('isJson goes by the name', () => {
    expect([isJson('a.JSON'), isJson('a.json.xlsx'), isJson('a.xlsx')]).toEqual([true, false, false]);
  });
});

describe('--out targets', () => {
  test.each([
    ['run', 'r.csv', 'ends in .csv, but what is written is an .xlsx workbook; name it '],
    ['run', 'r', 'has no extension, but what is written is an .xlsx workbook; name it '],
    ['monitor', 'm.html', 'ends in .html, but what is written is an .xlsx workbook; name it '],
    ['report', 'p.xlsx', 'ends in .xlsx, but what is written is an HTML page (or a PDF with --pdf); name it '],
  ])('%s --out %s is refused before anything is written', async (command, name, message) => {
    const out = join(dir, name);
    const r = await cli(command, example, '--out', out, '--force');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain(`--out ${out} ${message}`);
    expect(existsSync(out)).toBe(false);
  });

  test('the template refuses a name that is not .xlsx', async () => {
    const r = await cli('template', join(dir, 't.csv'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the template .*t\.csv ends in \.csv, but what is written is an \.xlsx workbook/);
  });

  test('--out to a folder: a plain message, no EISDIR, no temporary name', async () => {
    const folder = join(dir, 'out.xlsx');
    mkdirSync(folder);
    const r = await cli('run', example, '--out', folder, '--force');
    expect(r).toEqual({ code: 2, out: '', err: `poolshare: --out ${folder} is a folder; give a file name, such as `
      + `${join(folder, 'results.xlsx')}\n` });
  });

  test.each(['/dev/null', 'link'])('--out %s --force never replaces a device (through a symlink too)', async (which) => {
    const out = which === 'link' ? join(dir, 'null.xlsx') : which;
    if (which === 'link') symlinkSync('/dev/null', out);
    const r = await cli('run', example, '--out', out, '--force');
    expect(r).toEqual({ code: 2, out: '',
      err: `poolshare: --out ${out} is a device, not a file; it is never replaced (give a file name)\n` });
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  test('--out naming a FIFO (with --force) is refused and the FIFO stays a FIFO', async () => {
    const fifo = join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [fifo]);
    const r = await cli('monitor', example, '--out', fifo, '--force');
    expect(r.err).toBe(`poolshare: --out ${fifo} is a pipe (FIFO), not a file; it is never replaced (give a file name)\n`);
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  test('a folder that cannot be written: the message names what the user typed, never a temporary file', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere: nothing to refuse
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o500 });
    const out = join(locked, 'r.xlsx');
    const r = await cli('run', example, '--out', out);
    expect(r).toEqual({ code: 2, out: '', err: `poolshare: cannot write ${out}: permission denied\n` });
    expect(readdirSync(locked)).toEqual([]);
  });

  test('a system error while writing names the --out file, never the temporary file beside it', () => {
    const tmp = Object.assign(new Error(`EACCES: permission denied, open '/x/.r.xlsx.123.tmp'`),
      { code: 'EACCES', syscall: 'open', path: '/x/.r.xlsx.123.tmp' });
    expect(writeError(tmp, '/x/r.xlsx', shown).message).toBe('cannot write /x/r.xlsx: permission denied');
    const plain = new Error('the results sheet X would have 2,000,000 rows');
    expect(writeError(plain, '/x/r.xlsx', shown)).toBe(plain);
  });

  test('--out in a folder that does not exist', async () => {
    const out = join(dir, 'nowhere', 'r.xlsx');
    const r = await cli('run', example, '--out', out);
    expect(r.err).toBe(`poolshare: --out ${out}: the folder ${join(dir, 'nowhere')} does not exist\n`);
  });

  test('the input file is untouched by all of the above', () => {
    expect(JSON.parse(readFileSync(example, 'utf8')).tables).toBeDefined();
  });
});

/**
 * `--out` never names an input: the same path, a symlink to it, a hard link to it, or the input
 * reached through a linked folder, for JSON and .xlsx inputs alike, with or without --force. The
 * check comes before anything is read or written; a failed write leaves no temporary file.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { cli } from '../cli/run-cli';
import { writeTablesXlsx } from '../../src/cli/xlsx';

const root = join(__dirname, '..', '..');
const example = join(root, 'examples', 'poolshare-example.json');

describe('--out never names an input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolshare-out-'));
  const json = join(dir, 'in.json');
  const text = readFileSync(example, 'utf8');
  writeFileSync(json, text);
  symlinkSync(json, join(dir, 'link.json'));
  linkSync(json, join(dir, 'hard.json'));
  symlinkSync(dir, join(dir, 'folder'));

  test.each([
    ['the JSON input itself', 'in.json'],
    ['a symlink to it', 'link.json'],
    ['a hard link to it', 'hard.json'],
    ['it through a linked folder', join('folder', 'in.json')],
    ['it by a path with dots', join('folder', '..', 'in.json')],
  ])('%s: exit 2, one line, the input untouched (with --force too)', async (_, out) => {
    for (const force of [[], ['--force']]) {
      const r = await cli('run', json, '--out', join(dir, out), ...force);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^poolshare: .* is the input workbook \(.*in\.json\); write the results to another file\n$/);
      expect(r.out).toBe('');
      expect(readFileSync(json, 'utf8')).toBe(text);
    }
  });

  test('the input is named by a link and --out by its real path', async () => {
    const r = await cli('run', join(dir, 'link.json'), '--out', json, '--force');
    expect(r.code).toBe(2);
    expect(readFileSync(json, 'utf8')).toBe(text);
  });

  test('checked before the input is read: an unreadable input still gets the --out error', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const r = await cli('run', bad, '--out', bad, '--force');
    expect(r.err).toMatch(/is the input workbook/);
    expect(readFileSync(bad, 'utf8')).toBe('{ not json');
  });

  test('an .xlsx input and a hard link to it', async () => {
    const book = join(dir, 'book.xlsx');
    await writeTablesXlsx(book, JSON.parse(text).tables, {});
    linkSync(book, join(dir, 'book-link.xlsx'));
    const before = readFileSync(book);
    const r = await cli('run', book, '--out', join(dir, 'book-link.xlsx'), '--force');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/is the input workbook/);
    expect(readFileSync(book)).toEqual(before);
  });

  test('another file is written; a write that fails leaves no temporary file', async () => {
    const ok = await cli('run', json, '--out', join(dir, 'results.xlsx'));
    expect(ok.code).toBe(0);
    expect(existsSync(join(dir, 'results.xlsx'))).toBe(true);
    // A folder in the way: the workbook is written to the temporary file, then cannot replace it.
    mkdirSync(join(dir, 'taken.xlsx', 'inside'), { recursive: true });
    const r = await cli('run', json, '--out', join(dir, 'taken.xlsx'), '--force');
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(2);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

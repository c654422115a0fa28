/**
 * Writers on a filesystem without hard links (FAT, exFAT, some network shares such as a mapped S:
 * drive): a new results file is still written, through a rename once the target is checked absent;
 * an existing one is still never replaced without --force; no temporary file is left.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { save } from '../../src/cli/xlsx-write';

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'nolinks-'));
  jest.spyOn(fs, 'link').mockRejectedValue(Object.assign(new Error('operation not permitted'), { code: 'EPERM' }));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

test('a new file is written where links are refused, and no temporary file is left', async () => {
  const file = path.join(dir, 'results.xlsx');
  await save((tmp) => fs.writeFile(tmp, 'new'), file, false);
  expect(await fs.readFile(file, 'utf8')).toBe('new');
  expect(await fs.readdir(dir)).toEqual(['results.xlsx']);
});

test('an existing file is not replaced without --force, links or not', async () => {
  const file = path.join(dir, 'results.xlsx');
  await fs.writeFile(file, 'mine');
  await expect(save((tmp) => fs.writeFile(tmp, 'new'), file, false)).rejects.toThrow(/already exists/);
  expect(await fs.readFile(file, 'utf8')).toBe('mine');
  expect(await fs.readdir(dir)).toEqual(['results.xlsx']);
});

/**
 * Issue 21: test runs leave no poolshare-* folders in the temporary folder. jest.config.js gives
 * each run its own TMPDIR (tests/cli/tmp-setup.js) and removes it at the end (tmp-teardown.js).
 */
import { existsSync, mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join } from 'path';

const root = join(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const setup = require(join(root, 'tests', 'cli', 'tmp-setup.js')) as () => Promise<string>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const teardown = require(join(root, 'tests', 'cli', 'tmp-teardown.js')) as () => Promise<void>;

test('jest.config.js wires the run\'s own temporary folder', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(join(root, 'jest.config.js')) as { globalSetup?: string; globalTeardown?: string };
  expect(config.globalSetup).toBe('<rootDir>/tests/cli/tmp-setup.js');
  expect(config.globalTeardown).toBe('<rootDir>/tests/cli/tmp-teardown.js');
  // This very test runs inside it: what tests write in os.tmpdir() is removed with it.
  expect(basename(tmpdir())).toMatch(/^poolshare-jest-/);
});

test('setup makes a folder under the temporary folder, teardown removes it and what is in it', async () => {
  const saved = { ...process.env };
  try {
    const dir = await setup();
    expect(dirname(dir)).toBe(saved.TMPDIR ?? dirname(dir));
    expect(process.env.TMPDIR).toBe(dir); // what child processes and os.tmpdir() read
    mkdirSync(join(dir, 'poolshare-left-behind'));
    writeFileSync(join(dir, 'poolshare-left-behind', 'x.xlsx'), 'x');
    await teardown();
    expect(existsSync(dir)).toBe(false);
  } finally {
    for (const k of ['TMPDIR', 'TMP', 'TEMP', 'POOLSHARE_TEST_TMP']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
});

test('teardown removes nothing but a folder setup made', async () => {
  const saved = process.env.POOLSHARE_TEST_TMP;
  const other = join(tmpdir(), 'not-ours');
  mkdirSync(other);
  try {
    process.env.POOLSHARE_TEST_TMP = other;
    await teardown();
    expect(existsSync(other)).toBe(true);
  } finally {
    process.env.POOLSHARE_TEST_TMP = saved;
  }
});

/**
 * A bad POOLSHARE_URL (issue 21): `npm run build` says what is wrong in one line and exits 2,
 * with no webpack stack trace under it. The config fails before any compiling, so this is quick.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

function build(url: string): { status: number | null; out: string } {
  const cli = require.resolve('webpack-cli/bin/cli.js');
  const r = spawnSync(process.execPath, [cli, '--mode', 'production'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, POOLSHARE_URL: url }, timeout: 60000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.trim() };
}

describe('npm run build with a bad POOLSHARE_URL', () => {
  for (const url of ['http://addins.example.org/poolshare/', 'https://addins.example.org/poolshare', 'not a url/']) {
    it(`refuses ${JSON.stringify(url)} in one clear line, no stack trace`, () => {
      const { status, out } = build(url);
      expect(status).toBe(2);
      expect(out.split('\n')).toEqual([`Poolshare: POOLSHARE_URL must be https and end with '/' (the address the add-in `
        + `is served from, for example https://addins.example.org/poolshare/): got ${JSON.stringify(url)}.`]);
      expect(out).not.toMatch(/\n\s+at |webpack-cli\]/);
    });
  }
});

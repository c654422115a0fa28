/**
 * Issue 21, installing: the tarball packs no install-time script (no `prepare` warning for its
 * users) and does not ask them to install office-addin-debugging; in a clone, the launcher builds
 * lib/ from src/ when it is missing or older than the sources (what `prepare` did on `npm ci`).
 */
import { spawnSync } from 'child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>; optionalDependencies?: Record<string, string>; dependencies: Record<string, string>;
};

test('no install-time script is packed, and office-addin-debugging is not a dependency of the package', () => {
  for (const s of ['prepare', 'preinstall', 'install', 'postinstall']) expect(pkg.scripts[s]).toBeUndefined();
  expect(pkg.scripts.prepack).toBe('npm run build:cli'); // the tarball still ships a built lib/
  expect(pkg.optionalDependencies?.['office-addin-debugging']).toBeUndefined();
  expect(pkg.dependencies['office-addin-debugging']).toBeUndefined();
  expect(pkg.scripts['sideload:install']).toMatch(/^npm install --no-save office-addin-debugging@/);
});

describe('the launcher in a clone', () => {
  let clone: string;
  beforeAll(() => {
    // A clone in miniature: the launcher, the build's config, a source file, and a stand-in for tsc
    // that "builds" lib/cli/main.js (counting its runs), so the test needs no real compile.
    clone = mkdtempSync(join(tmpdir(), 'poolshare-launcher-'));
    mkdirSync(join(clone, 'bin'));
    copyFileSync(join(root, 'bin', 'poolshare.js'), join(clone, 'bin', 'poolshare.js'));
    writeFileSync(join(clone, 'tsconfig.build.json'), '{}');
    mkdirSync(join(clone, 'src', 'cli'), { recursive: true });
    writeFileSync(join(clone, 'src', 'cli', 'main.ts'), 'export {};');
    mkdirSync(join(clone, 'node_modules', 'typescript', 'bin'), { recursive: true });
    writeFileSync(join(clone, 'node_modules', 'typescript', 'bin', 'tsc'), `
      const fs = require('fs'); const path = require('path');
      fs.mkdirSync(path.join(process.cwd(), 'lib', 'cli'), { recursive: true });
      fs.appendFileSync(path.join(process.cwd(), 'builds'), 'x');
      fs.writeFileSync(path.join(process.cwd(), 'lib', 'cli', 'main.js'),
        'exports.main = async (argv) => { process.stdout.write("ran " + argv.join(" ")); return 0; };');
    `);
  });
  afterAll(() => rmSync(clone, { recursive: true, force: true }));

  const launch = () => spawnSync(process.execPath, [join(clone, 'bin', 'poolshare.js'), 'run', 'x.json'],
    { encoding: 'utf8' });
  const builds = () => readFileSync(join(clone, 'builds'), 'utf8').length;

  test('builds lib/ when it is missing, then runs', () => {
    const r = launch();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('ran run x.json');
    expect(r.stderr).toMatch(/^poolshare: building the command line/);
    expect(builds()).toBe(1);
  });

  test('does not build again while lib/ is newer than the sources', () => {
    const r = launch();
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'ran run x.json', '']);
    expect(builds()).toBe(1);
  });

  test('builds again once a source is newer than lib/', () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(clone, 'src', 'cli', 'main.ts'), later, later);
    const r = launch();
    expect(r.status).toBe(0);
    expect(builds()).toBe(2);
  });
});

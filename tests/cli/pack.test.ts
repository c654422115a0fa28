/**
 * The package installs and runs anywhere: `npm pack` on a copy of what a clone holds builds the
 * command line (prepack) and ships it; the packed launcher, laid out as `npm install` lays it out,
 * gives the same result as the sources. Offline: the packed package's dependencies are found
 * through NODE_PATH (the shared install), as npm would hoist them beside it.
 */
import { execFileSync, spawnSync } from 'child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { main } from '../../src/cli/main';

const root = join(__dirname, '..', '..');
const nodeModules = join(root, 'node_modules');
const quiet = {
  ...process.env, npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_fund: 'false',
};

/** What a fresh clone holds: the tracked files and the new ones not ignored, as they are now. */
function copyClone(to: string): void {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root })
    .toString().split('\0').filter((f) => f && existsSync(join(root, f)));
  for (const f of files) {
    mkdirSync(dirname(join(to, f)), { recursive: true });
    copyFileSync(join(root, f), join(to, f));
  }
  symlinkSync(nodeModules, join(to, 'node_modules'), 'dir');
}

let work = '';
let files: string[] = [];
let installed = '';

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'poolshare-pack-'));
  const clone = join(work, 'clone');
  copyClone(clone);
  const packs = join(work, 'packs');
  mkdirSync(packs);
  const out = execFileSync('npm', ['pack', '--pack-destination', packs, '--json'], {
    cwd: clone, env: quiet, stdio: ['ignore', 'pipe', 'pipe'],
  }).toString();
  const [report] = JSON.parse(out.slice(out.indexOf('[')));
  files = report.files.map((f: { path: string }) => f.path);
  // `npm install ./poolshare-x.tgz` puts the package at node_modules/poolshare and links its bin.
  const consumer = join(work, 'consumer');
  installed = join(consumer, 'node_modules', 'poolshare');
  mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['xzf', join(packs, report.filename), '-C', installed, '--strip-components=1']);
  mkdirSync(join(consumer, 'node_modules', '.bin'));
  symlinkSync(join('..', 'poolshare', 'bin', 'poolshare.js'), join(consumer, 'node_modules', '.bin', 'poolshare'));
}, 120000);

afterAll(() => { if (work) rmSync(work, { recursive: true, force: true }); });

describe('npm pack', () => {
  it('ships the built command line, the rules and the example', () => {
    expect(files).toEqual(expect.arrayContaining([
      'package.json', 'README.md', 'bin/poolshare.js', 'lib/cli/main.js', 'lib/engine/index.js',
      'lib/engine/index.d.ts', 'lib/engine/money.js', 'lib/workbook/read.js', 'docs/rules.md',
      'examples/poolshare-example.json',
    ]));
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ poolshare: 'bin/poolshare.js' });
    expect(existsSync(join(installed, pkg.main))).toBe(true);
  });

  it('leaves out sources, tests, the bench, the add-in and its build', () => {
    const unwanted = files.filter((f) =>
      /^(src|tests|bench|scripts|dist|assets|node_modules)\//.test(f) || /\.ts$/.test(f) && !/\.d\.ts$/.test(f) ||
      /(^|\/)(manifest\.xml|tsconfig[^/]*\.json|webpack\.config\.js|jest[^/]*\.js)$/.test(f) || /\.map$/.test(f));
    expect(unwanted).toEqual([]);
  });
});

describe('the installed package', () => {
  it('runs `poolshare run FILE --json` through its bin link, with the same result as the sources', async () => {
    const example = join(installed, 'examples', 'poolshare-example.json');
    const r = spawnSync(process.execPath, [join(installed, '..', '.bin', 'poolshare'), 'run', example, '--json'], {
      cwd: join(installed, '..', '..'), encoding: 'utf8', env: { ...process.env, NODE_PATH: nodeModules },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    let expected = '';
    const code = await main(['run', example, '--json'], { out: (s) => { expected += s; }, err: () => undefined });
    expect(code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(expected));
  });

  it('says plainly what to do when the command line was not built, with no stack trace', () => {
    const bare = join(work, 'bare');
    mkdirSync(join(bare, 'bin'), { recursive: true });
    copyFileSync(join(root, 'bin', 'poolshare.js'), join(bare, 'bin', 'poolshare.js'));
    const r = spawnSync(process.execPath, [join(bare, 'bin', 'poolshare.js'), 'run', 'x.json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^poolshare: the command line is not built/);
    expect(r.stderr).toContain('npm ci');
    expect(r.stderr).toContain('npm pack');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

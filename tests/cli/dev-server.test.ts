/**
 * `npm run dev-server` without a trusted development certificate (no admin rights to install one):
 * the way out, exit code 1, no stack trace, and webpack is not started. Run with a temporary HOME,
 * where office-addin-dev-certs looks for its certificate; nothing is installed.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const root = join(__dirname, '..', '..');
const script = join(root, 'scripts', 'dev-server.js');
let home = '';

beforeEach(() => { home = mkdtempSync(join(tmpdir(), 'poolshare-home-')); });
afterEach(() => rmSync(home, { recursive: true, force: true }));

function devServer(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args], {
    cwd: root, encoding: 'utf8', timeout: 60000, env: { ...process.env, HOME: home, USERPROFILE: home },
  });
}

function expectWayOut(r: ReturnType<typeof devServer>, why: RegExp) {
  expect(r.status).toBe(1);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^poolshare dev-server: cannot serve https:\/\/localhost:3000: /);
  expect(r.stderr).toMatch(why);
  expect(r.stderr).toContain('npx office-addin-dev-certs install');
  expect(r.stderr).toContain('npm run build');
  expect(r.stderr).toContain('docs/deploy.md');
  expect(r.stderr).toContain('npx poolshare run');
  expect(r.stderr).not.toMatch(/\n\s+at |Error:|sudo/);
}

describe('npm run dev-server without a trusted certificate', () => {
  it('says what to do when there is no certificate yet', () => {
    expectWayOut(devServer(), /no development certificate in .*\.office-addin-dev-certs yet/);
  });

  it('says what to do when the certificate is there but this machine does not trust it', async () => {
    const certs = require('office-addin-dev-certs');
    const dir = join(home, '.office-addin-dev-certs');
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await certs.generateCertificates(join(dir, 'ca.crt'), join(dir, 'localhost.crt'), join(dir, 'localhost.key'), 30);
    log.mockRestore();
    // A machine that already trusts the development CA (an admin ran the install) passes the check.
    if (certs.getCaCertificateStatus().status === 'installed') {
      expect(devServer('--check').status).toBe(0);
      return;
    }
    expectWayOut(devServer('--check'), /expired, invalid or not trusted by this machine/);
  });
});

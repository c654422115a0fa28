#!/usr/bin/env node
// `npm run dev-server`: serves the add-in on https://localhost:3000 (webpack serve), once the
// trusted development certificate of office-addin-dev-certs is in place. Installing that
// certificate needs admin rights once; without them this says what to do instead, exit code 1, no
// stack trace. `--check` checks the certificate and stops there (exit 0 when it is in place).
'use strict';
const { spawnSync } = require('child_process');

const port = process.env.npm_package_config_dev_server_port || '3000';
const args = process.argv.slice(2);
const checkOnly = args.includes('--check');

/** Why the development certificate cannot be used as it is, or null when it can. */
function certificateProblem() {
  let certs;
  try {
    certs = require('office-addin-dev-certs');
  } catch {
    return 'office-addin-dev-certs is not installed (run `npm ci` in the repository)';
  }
  const fs = require('fs');
  const defaults = require('office-addin-dev-certs/lib/defaults');
  const files = [defaults.caCertificatePath, defaults.localhostCertificatePath, defaults.localhostKeyPath];
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) return `no development certificate in ${defaults.certificateDirectory} yet`;
  try {
    if (!certs.verifyCertificates()) {
      return `the certificate in ${defaults.certificateDirectory} is expired, invalid or not trusted by this machine`;
    }
  } catch (err) {
    const first = String((err && err.message) || err).split('\n')[0];
    return `the certificate could not be checked (${first})`;
  }
  return null;
}

const problem = certificateProblem();
if (problem) {
  process.stderr.write([
    `poolshare dev-server: cannot serve https://localhost:${port}: ${problem}.`,
    'The add-in must be served over HTTPS with a certificate this machine trusts; trusting one needs admin rights.',
    'Either:',
    '  1. With admin rights, once: npx office-addin-dev-certs install   (then npm run dev-server again)',
    '  2. Without them: POOLSHARE_URL=https://your.host/path/ npm run build, and put dist/ on any HTTPS',
    '     web server your IT provides; upload dist/manifest.xml (see docs/deploy.md)',
    '  3. For the figures alone, the command line needs neither: npx poolshare run BOOK.xlsx',
    '',
  ].join('\n'));
  process.exit(1);
}
if (checkOnly) {
  process.stdout.write(`poolshare dev-server: the development certificate is in place for https://localhost:${port}\n`);
  process.exit(0);
}
const webpackCli = require.resolve('webpack-cli/bin/cli.js');
const r = spawnSync(process.execPath, [webpackCli, 'serve', '--mode', 'development', ...args], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);

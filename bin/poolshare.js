#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled to lib/. A tarball ships lib/ (built by `npm pack`'s
// prepack); in a clone of the repository the launcher builds lib/ from src/ itself when it is missing
// or older than the sources, so no install script is needed (none is packed into the tarball).
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');
const root = path.join(__dirname, '..');
const entry = path.join(root, 'lib', 'cli', 'main.js');
const config = path.join(root, 'tsconfig.build.json');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

/** The newest modification time of the .ts files under a folder (0 if none). */
function newest(dir) {
  let t = 0;
  let entries = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

// A clone (the build's config and TypeScript are there): build when lib/ is missing or stale.
if (fs.existsSync(config) && fs.existsSync(tsc)) {
  const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  const sources = Math.max(...['engine', 'workbook', 'cli'].map((d) => newest(path.join(root, 'src', d))));
  if (built === 0 || sources > built) {
    process.stderr.write('poolshare: building the command line from src/ into lib/ (once after each change)...\n');
    const r = spawnSync(process.execPath, [tsc, '-p', config], { cwd: root, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) {
      process.stderr.write('poolshare: the build failed (see above); fix it, or run `npm run build:cli` to see it again.\n');
      process.exit(2);
    }
  }
}
if (!fs.existsSync(entry)) {
  process.stderr.write(
    `poolshare: the command line is not built (${path.join('lib', 'cli', 'main.js')} is missing in ${root}).\n` +
      '  In a clone of the repository: run `npm ci` there (it installs TypeScript; this launcher then builds lib/).\n' +
      '  Installed from a tarball: make the tarball with `npm pack` (it builds the command line first).\n',
  );
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

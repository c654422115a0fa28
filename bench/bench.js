#!/usr/bin/env node
'use strict';
// `npm run bench`: builds what the benchmark needs, then runs bench/run.ts compiled.
//  1. the command line (lib/cli, `npm run build:cli`) if it is not built, for the whole-process figure
//     (--no-build only skips the add-in bundle's `npm run build`);
//  2. the benchmark and the sources it loads, with tsc -p bench/tsconfig.json into
//     node_modules/.cache/poolshare-bench (type errors in work-in-progress sources are reported
//     but do not stop the run: the parts that load are measured, the others are reported missing);
//  3. node --expose-gc run.js, passing on any arguments (e.g. --quick, --no-build, --profile).
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const out = path.join(root, 'node_modules', '.cache', 'poolshare-bench');
const args = process.argv.slice(2);

function step(cmd, cmdArgs, label) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', shell: false });
  if (r.status !== 0) {
    const text = `${r.stdout || ''}${r.stderr || ''}`.trim().split('\n');
    process.stderr.write(`bench: ${label} exited ${r.status}; first lines:\n  ${text.slice(0, 8).join('\n  ')}\n`);
  }
  return r.status === 0;
}

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
if (!fs.existsSync(path.join(root, 'lib', 'cli', 'main.js'))) {
  step(process.execPath, [tsc, '-p', 'tsconfig.build.json'], 'build of the command line (tsc -p tsconfig.build.json)');
}
step(process.execPath, [tsc, '-p', path.join('bench', 'tsconfig.json')], 'tsc -p bench/tsconfig.json');
const runJs = path.join(out, 'bench', 'run.js');
if (!fs.existsSync(runJs)) {
  process.stderr.write(`bench: ${runJs} was not emitted\n`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--expose-gc', runJs, ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);

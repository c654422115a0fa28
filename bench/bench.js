#!/usr/bin/env node
'use strict';
// `npm run bench`: builds the command line (lib/, measured as users run it) and compiles the
// benchmark with the sources it loads into .cache/bench (type errors in work-in-progress sources
// are reported but do not stop the run: what does not load is reported "not available"), then runs
// it with `node --expose-gc`, passing on the arguments (--quick, --large, --no-build).
const path = require('path');
const fs = require('fs');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// Both outputs from scratch: a module since moved (model.ts to model/) would otherwise shadow its new home.
const builds = [['tsconfig.build.json', 'lib'], [path.join('bench', 'tsconfig.json'), path.join('.cache', 'bench')]];
for (const [project, out] of builds) {
  fs.rmSync(path.join(root, out), { recursive: true, force: true });
  const r = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, encoding: 'utf8' });
  const first = r.stdout.trim().split('\n').slice(0, 8).join('\n  ');
  if (r.status !== 0) process.stderr.write(`bench: tsc -p ${project} exited ${r.status}:\n  ${first}\n`);
}
const runJs = path.join(root, '.cache', 'bench', 'bench', 'run.js');
if (!fs.existsSync(runJs)) {
  process.stderr.write(`bench: ${runJs} was not emitted\n`);
  process.exit(2);
}
const args = ['--expose-gc', runJs, ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);

#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled to lib/ by `npm run build:cli` (run for you by
// `npm ci` in a clone, and by `npm pack` before a tarball is made, so an installed package has it).
const path = require('path');
const fs = require('fs');
const root = path.join(__dirname, '..');
const entry = path.join(root, 'lib', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    `poolshare: the command line is not built (${path.join('lib', 'cli', 'main.js')} is missing in ${root}).\n` +
      '  In a clone of the repository: run `npm ci` (or `npm run build:cli`) there.\n' +
      '  Installed from a tarball: make the tarball with `npm pack` (it builds the command line first).\n',
  );
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

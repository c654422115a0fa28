#!/usr/bin/env node
'use strict';
// Thin launcher: the command line is compiled to dist/ by `npm ci` (the `prepare` script).
const path = require('path');
const fs = require('fs');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write('poolshare: not built yet; run `npm ci` (or `npm run build:cli`) in ' + path.join(__dirname, '..') + '\n');
  process.exit(2);
}
require(entry).main(process.argv.slice(2)).then((code) => { process.exitCode = code; });

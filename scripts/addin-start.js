#!/usr/bin/env node
// `npm start` / `npm stop`: sideload the add-in into Excel with office-addin-debugging when it is
// installed (an optional dependency: its keytar module cannot build everywhere); otherwise say
// how to sideload by hand.
'use strict';
const { spawnSync } = require('child_process');
const path = require('path');

const action = process.argv[2] === 'stop' ? 'stop' : 'start';
const extra = process.argv.slice(3);
let cli;
try {
  cli = require.resolve('office-addin-debugging/cli.js');
} catch {
  try {
    cli = path.join(path.dirname(require.resolve('office-addin-debugging/package.json')), 'cli.js');
  } catch {
    cli = null;
  }
}
if (!cli) {
  const lines = action === 'start'
    ? [
        'office-addin-debugging is not installed (it is optional: its keytar dependency needs libsecret to build).',
        'Sideload by hand instead:',
        '  1. npm run dev-server        (serves https://localhost:3000 with a trusted dev certificate; without',
        '                               admin rights to trust one it says what to do instead)',
        '  2. Excel on the web: Home > Add-ins > More Settings > Upload My Add-in > choose manifest.xml',
        '     Excel on Windows/Mac: File > Options > Trust Center > Trusted Add-in Catalogs (a shared folder',
        '     holding manifest.xml), then Home > Add-ins > Shared Folder > Poolshare.',
        '  3. Home tab > Poolshare group > Show Poolshare; type =POOL. in a cell for the functions.',
        'See docs/addin.md; to deploy Poolshare for a team from a web server, docs/deploy.md.',
      ]
    : ['office-addin-debugging is not installed: stop the dev server (Ctrl+C) and remove the add-in from Excel by hand.'];
  console.log(lines.join('\n'));
  process.exit(0);
}
const args = action === 'start' ? ['start', 'manifest.xml', ...extra] : ['stop', 'manifest.xml', ...extra];
const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' });
process.exit(r.status === null ? 1 : r.status);

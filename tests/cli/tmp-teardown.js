'use strict';
// Jest globalTeardown: removes the run's temporary folder made by tmp-setup.js, whatever the tests left in it.
const fs = require('fs');
const path = require('path');

module.exports = async function teardown() {
  const dir = process.env.POOLSHARE_TEST_TMP;
  // Only a folder tmp-setup.js made: never anything else, whatever the environment says.
  if (dir && path.basename(dir).startsWith('poolshare-jest-')) {
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
};

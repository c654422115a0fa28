'use strict';
// Jest globalSetup: every test run gets its own temporary folder (TMPDIR, which os.tmpdir() and
// child processes read), removed by tmp-teardown.js, so that no run leaves poolshare-* folders behind.
const fs = require('fs');
const os = require('os');
const path = require('path');

module.exports = async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poolshare-jest-'));
  process.env.POOLSHARE_TEST_TMP = dir;
  process.env.TMPDIR = dir;
  process.env.TMP = dir;
  process.env.TEMP = dir;
  return dir;
};

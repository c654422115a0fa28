/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  // The browser suite needs Debian's Chromium: it runs under `npm run test:browser`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/tests/browser/'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testTimeout: 60000,
  // Each run writes its temporary files in a folder of its own, removed at the end (tests/cli/tmp-*.js).
  globalSetup: '<rootDir>/tests/cli/tmp-setup.js',
  globalTeardown: '<rootDir>/tests/cli/tmp-teardown.js',
};

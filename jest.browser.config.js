/** @type {import('jest').Config} */
// `npm run test:browser`: the built task pane in Debian's Chromium (tests/browser/), apart from `npm test`.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { isolatedModules: true, diagnostics: false }] },
  testTimeout: 240000,
};

// Jest runs TypeScript through swc (decorator metadata kept for Nest's injection). NestJS 12 ships
// ESM only, so its packages in node_modules are transformed to CommonJS too.
const fs = require('node:fs');
const path = require('node:path');

const swcrc = JSON.parse(fs.readFileSync(path.join(__dirname, '.swcrc'), 'utf8'));
const swcOptions = { ...swcrc, swcrc: false, jsc: { ...swcrc.jsc, baseUrl: __dirname } };

module.exports = {
  testEnvironment: '<rootDir>/test/support/log-on-failure-environment.js',
  rootDir: __dirname,
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  transform: {
    '^.+\\.(t|j|mj|cj)s$': ['@swc/jest', swcOptions],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@electric-sql|stream-json|stream-chain)/)'],
  moduleNameMapper: {
    '^@csc/event-store/testing$': '<rootDir>/libs/event-store/testing/index.ts',
    '^@csc/test-support$': '<rootDir>/test/support/index.ts',
    '^@csc/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 60_000,
};

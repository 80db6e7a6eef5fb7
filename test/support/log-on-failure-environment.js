// The Node test environment, plus: what the service under test logged (through the captured log of
// test/support/captured-log.ts) is printed only for a test that failed. Expected errors (injected
// faults, refused requests, 503s) stay out of a passing run's output.
'use strict';
const { TestEnvironment } = require('jest-environment-node');

const KEY = '__cscCapturedLog';

class LogOnFailureEnvironment extends TestEnvironment {
  async handleTestEvent(event) {
    if (event.name !== 'test_done') return;
    const lines = this.global[KEY];
    if (!Array.isArray(lines)) return;
    if (event.test.errors.length > 0 && lines.length > 0) {
      process.stderr.write(`\nThe service logged, up to the failure of "${event.test.name}":\n${lines.join('')}\n`);
    }
    lines.length = 0;
  }
}

module.exports = LogOnFailureEnvironment;

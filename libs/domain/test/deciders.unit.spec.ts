import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { childCaseDecider, DOMAIN_ERROR_CODES, DOMAIN_ERROR_MEANINGS, initialChildCaseState, initialWorkerState, workerDecider, workersNamedBy } from '../src';
import { caseEventFactory, workerEventFactory } from '../testing/case-event-factory';

const c = caseEventFactory('C-DECIDERS');

describe('the deciders as plain objects', () => {
  it('fold and decide like the functions they are made of', () => {
    const referral = c.referral('2025-01-06', 'R1');
    const state = childCaseDecider.evolve(childCaseDecider.initialState, referral);
    expect(childCaseDecider.initialState).toBe(initialChildCaseState);
    expect(childCaseDecider.decide(state, c.decision('2025-01-07', 'R1'), { today: '2025-02-01', workers: new Map() })).toEqual({ ok: true });
    const joined = workerEventFactory().joined('2025-01-01', 'SW1');
    expect(workerDecider.initialState).toBe(initialWorkerState);
    expect(workerDecider.decide(workerDecider.evolve(workerDecider.initialState, joined), joined, { today: '2025-02-01' })).toMatchObject({
      ok: false,
      error: { code: 'WORKER_ALREADY_ACTIVE' },
    });
  });

  it('throw on a malformed today, a caller bug rather than a producer’s', () => {
    expect(() => childCaseDecider.decide(initialChildCaseState, c.referral('2025-01-06', 'R1'), { today: '06/01/2025', workers: new Map() })).toThrow(
      TypeError,
    );
  });
});

describe('workersNamedBy', () => {
  it('names the workers whose streams a decision reads', () => {
    expect(workersNamedBy(c.allocated('2025-01-07', 'SW1'))).toEqual(['SW1']);
    expect(workersNamedBy(c.workerChanged('2025-01-07', 'SW1', 'SW2'))).toEqual(['SW1', 'SW2']);
    expect(workersNamedBy(c.unallocated('2025-01-07', 'SW1'))).toEqual(['SW1']);
    expect(workersNamedBy(c.visit('2025-01-07', 'V1'))).toEqual([]);
  });
});

describe('the closed set of error codes', () => {
  it('has a meaning for every code, and the README documents every code', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const code of DOMAIN_ERROR_CODES) {
      expect(DOMAIN_ERROR_MEANINGS[code].length).toBeGreaterThan(10);
      expect(readme).toContain(`\`${code}\``);
    }
  });
});

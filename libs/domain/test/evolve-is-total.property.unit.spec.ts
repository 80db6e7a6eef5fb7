import fc from 'fast-check';
import { validateEnvelope } from '@csc/contracts';
import {
  caseStatus,
  currentAllocation,
  decideChildEvent,
  describeChildCase,
  evolveChildCase,
  initialChildCaseState,
  isLookedAfter,
  openPlans,
  workersNamedBy,
  DOMAIN_ERROR_CODES,
} from '../src';
import { anyChildEventsArbitrary } from '../testing';

describe('on any sequence of contract-valid events, even an invalid history', () => {
  it('the generator makes contract-valid envelopes', () => {
    fc.assert(
      fc.property(anyChildEventsArbitrary(), (events) => {
        for (const event of events) expect(validateEnvelope(JSON.parse(JSON.stringify(event))).ok).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('evolveChildCase never throws, decide never throws and answers with a known code, and the queries answer', () => {
    fc.assert(
      fc.property(anyChildEventsArbitrary(), (events) => {
        let state = initialChildCaseState;
        for (const event of events) {
          const decision = decideChildEvent(state, event, { today: '2024-06-30', workers: new Map() });
          if (!decision.ok) expect(DOMAIN_ERROR_CODES).toContain(decision.error.code);
          expect(workersNamedBy(event).length).toBeLessThanOrEqual(2);
          state = evolveChildCase(state, event);
        }
        for (const date of ['2024-03-19', '2024-04-15', '2024-06-30']) {
          describeChildCase(state, date);
          caseStatus(state, date);
          isLookedAfter(state, date);
          openPlans(state, date);
          currentAllocation(state, date);
        }
      }),
      { numRuns: 500 },
    );
  });
});

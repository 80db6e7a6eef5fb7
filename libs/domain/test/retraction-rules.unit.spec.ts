import { caseStatus, describeChildCase, evolveChildCase, initialChildCaseState } from '../src';
import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-RETRACTION');
const other = caseEventFactory('C-SOMEONE-ELSE');
const referred = c.referral('2025-01-06', 'R1');

describe('retractions', () => {
  it('accepts retracting an event of this child', () => {
    const visit = c.visit('2025-02-01', 'V1');
    given(referred, visit).when(c.retracted('2025-02-03', visit)).then('ok');
  });

  it('refuses retracting an event of another child (EVENT_NOT_FOUND on data.retractedEventId)', () => {
    const elsewhere = other.visit('2025-02-01', 'V1');
    given(referred).when(c.retracted('2025-02-03', elsewhere)).then('EVENT_NOT_FOUND', 'data.retractedEventId');
  });

  it('refuses retracting an event twice (ALREADY_RETRACTED)', () => {
    const visit = c.visit('2025-02-01', 'V1');
    given(referred, visit, c.retracted('2025-02-03', visit)).when(c.retracted('2025-02-04', visit)).then('ALREADY_RETRACTED', 'data.retractedEventId');
  });

  it('refuses retracting a retraction (CANNOT_RETRACT_A_RETRACTION)', () => {
    const visit = c.visit('2025-02-01', 'V1');
    const retraction = c.retracted('2025-02-03', visit);
    given(referred, visit, retraction).when(c.retracted('2025-02-04', retraction)).then('CANNOT_RETRACT_A_RETRACTION', 'data.retractedEventId');
  });

  it('refuses retracting an event a later one depends on: the producer retracts dependants first (CONFLICTS_WITH_LATER_EVENT)', () => {
    const decision = c.decision('2025-01-07', 'R1');
    const outcome = given(referred, decision).when(c.retracted('2025-02-03', referred)).then('CONFLICTS_WITH_LATER_EVENT', 'data.retractedEventId');
    expect(!outcome.ok && outcome.error.message).toContain(`ReferralDecisionMade ${decision.eventId}`);
    given(referred, decision, c.retracted('2025-02-03', decision)).when(c.retracted('2025-02-03', referred)).then('ok');
  });

  it('leaves the case as if the retracted event had never happened', () => {
    const plan = c.planStarted('2025-01-10', 'CP1', 'CP');
    const events = [referred, plan, c.retracted('2025-02-01', plan)];
    const state = events.reduce(evolveChildCase, initialChildCaseState);
    const never = [referred].reduce(evolveChildCase, initialChildCaseState);
    expect(caseStatus(state, '2025-03-01')).toBe('referral');
    expect({ ...describeChildCase(state, '2025-03-01'), retractedEvents: 0 }).toEqual(describeChildCase(never, '2025-03-01'));
    given(...events)
      .when(c.planStarted('2025-02-02', 'CP2', 'CP'))
      .then('ok');
  });

  it('accepts re-sending a retracted fact with a new eventId (the way to restore it)', () => {
    const visit = c.visit('2025-02-01', 'V1');
    given(referred, visit, c.retracted('2025-02-03', visit)).when(c.visit('2025-02-01', 'V1')).then('ok');
  });
});

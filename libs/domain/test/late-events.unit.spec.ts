import { allocationHistory, caseStatus, currentAllocation } from '../src';
import { caseEventFactory } from '../testing/case-event-factory';
import { given, givenUnchecked } from '../testing/given-when-then';

const c = caseEventFactory('C-LATE');
const referred = c.referral('2025-01-06', 'R1');

describe('late events are judged against the case as it stood on their date', () => {
  it('accepts a decision recorded after later events, dated between them', () => {
    given(referred, c.allocated('2025-01-10', 'SW1'), c.visit('2025-01-20', 'V1')).when(c.decision('2025-01-07', 'R1')).then('ok');
  });

  it('refuses a late event that breaks a recorded later one, naming it and the rule (CONFLICTS_WITH_LATER_EVENT)', () => {
    const change = c.workerChanged('2025-03-01', 'SW1', 'SW3');
    const decision = given(referred, c.allocated('2025-01-10', 'SW1'), change)
      .when(c.workerChanged('2025-02-01', 'SW1', 'SW2'))
      .then('CONFLICTS_WITH_LATER_EVENT', 'occurredAt');
    expect(!decision.ok && decision.error.message).toContain(`SocialWorkerChanged ${change.eventId}`);
    expect(!decision.ok && decision.error.message).toContain('NOT_CURRENT_WORKER');
  });

  it('accepts a late allocation earlier than a recorded one: the recorded allocation is read as the next worker', () => {
    const { child } = given(referred, c.allocated('2025-03-01', 'SW2'), c.allocated('2025-01-10', 'SW1')).recorded();
    expect(allocationHistory(child).map((a) => [a.workerId, a.on, a.end?.on, a.end?.by])).toEqual([
      ['SW1', '2025-01-10', '2025-03-01', 'superseded'],
      ['SW2', '2025-03-01', undefined, undefined],
    ]);
    expect(currentAllocation(child, '2025-02-01')?.workerId).toBe('SW1');
  });

  it('then accepts the late unallocation dated before the next allocation, and refuses one after it (NOT_CURRENT_WORKER)', () => {
    const history = [referred, c.allocated('2025-03-01', 'SW2'), c.allocated('2025-01-10', 'SW1')];
    given(...history)
      .when(c.unallocated('2025-02-01', 'SW1'))
      .then('ok');
    given(...history)
      .when(c.unallocated('2025-03-05', 'SW1'))
      .then('NOT_CURRENT_WORKER');
  });

  it('accepts a late earlier plan of a type, bounded by the recorded later one; its end must fall before it (PLANS_OVERLAP)', () => {
    const history = [referred, c.planStarted('2025-03-01', 'CP2', 'CP'), c.planStarted('2025-01-10', 'CP1', 'CP')];
    given(...history)
      .when(c.planEnded('2025-02-20', 'CP1'))
      .then('ok');
    given(...history)
      .when(c.planEnded('2025-03-10', 'CP1'))
      .then('PLANS_OVERLAP', 'occurredAt');
    given(...history)
      .when(c.planReviewed('2025-03-10', 'CP1'))
      .then('PLAN_ENDED');
  });

  it('orders same-day events by arrival: a review sent after the end on that day is still accepted', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.planEnded('2025-03-01', 'CIN1'))
      .when(c.planReviewed('2025-03-01', 'CIN1'))
      .then('ok');
  });

  it('compares a date-only occurredAt with a timestamp by its London date', () => {
    const { child } = given(referred, c.becameLookedAfter('2025-06-01T23:30:00Z', 'P1')).recorded();
    expect(caseStatus(child, '2025-06-01')).toBe('referral');
    expect(caseStatus(child, '2025-06-02')).toBe('looked-after');
  });

  it('does not blame a newcomer for a recorded event that already broke a rule (an imported stream)', () => {
    givenUnchecked(referred, c.planReviewed('2025-02-01', 'NEVER-STARTED')).when(c.decision('2025-01-07', 'R1')).then('ok');
  });
});

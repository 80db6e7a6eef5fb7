import { childEvents, ofRule } from '../../test-support/child-events';
import type { TimescaleEvent } from './timescale-event';
import type { ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState } from '@csc/domain';
import { computeClocks } from './compute-clocks';

function referralDecidedLate() {
  const child = childEvents();
  const referral = child.add('ReferralReceived', '2024-02-12', { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
  const wrongDecision = child.add('ReferralDecisionMade', '2024-02-13', { referralId: 'R1', decision: 'assessment' });
  child.add('ReferralDecisionMade', '2024-02-15', { referralId: 'R1', decision: 'early-help' });
  return { child, referral, wrongDecision };
}

describe('events as they arrive', () => {
  it('ignores a retracted event entirely: the next decision becomes the one that stopped the clock', () => {
    const { child, wrongDecision } = referralDecidedLate();
    expect(ofRule(computeClocks(child.events, { asOf: '2024-03-01' }), 'T1')[0]).toMatchObject({ stoppedOn: '2024-02-13', state: 'met' });
    child.add('EventRetracted', '2024-02-20', { retractedEventId: wrongDecision.eventId, reason: 'recorded on the wrong child' });
    const [t1] = computeClocks(child.events, { asOf: '2024-03-01' });
    expect(t1).toMatchObject({ stoppedOn: '2024-02-15', stopEventId: 'ReferralDecisionMade#3', state: 'late' });
  });

  it('applies a retraction whatever its date', () => {
    const { child, referral } = referralDecidedLate();
    child.add('EventRetracted', '2024-06-01', { retractedEventId: referral.eventId, reason: 'duplicate child record' });
    expect(computeClocks(child.events, { asOf: '2024-03-01' })).toEqual([]);
  });

  // The domain's reading, which the decider enforces (CANNOT_RETRACT_A_RETRACTION): a retraction is final, and a
  // fact is restored by sending it again with a new eventId. A history imported without the decider is read the same way.
  it('keeps a retraction in force when a later retraction names it, and counts the fact again once it is re-sent', () => {
    const { child, referral } = referralDecidedLate();
    const retraction = child.add('EventRetracted', '2024-06-01', { retractedEventId: referral.eventId, reason: 'duplicate child record' });
    child.add('EventRetracted', '2024-06-02', { retractedEventId: retraction.eventId, reason: 'the retraction was itself wrong' });
    expect(computeClocks(child.events, { asOf: '2024-03-01' })).toEqual([]);
    child.add('ReferralReceived', '2024-02-12', { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
    expect(computeClocks(child.events, { asOf: '2024-03-01' }).map((clock) => clock.rule)).toEqual(['T1', 'T2']);
  });

  // The domain's order: by London date, same-day events in the order they arrived, whether or not they carry a time
  // (the decider judged each against that order). A time still counts for an as-of moment and for T10's hours.
  it('reads two events of one day in the order they arrived: a re-referral after a closure that day opens the next episode', () => {
    const child = childEvents();
    child.add('ReferralReceived', '2024-02-12', { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
    child.add('ReferralDecisionMade', '2024-02-12', { referralId: 'R1', decision: 'no-further-action' });
    child.add('CaseClosed', '2024-05-01T15:00:00+01:00', { reason: 'RC8' });
    child.add('ReferralReceived', '2024-05-01', { referralId: 'R2', source: '1A', primaryNeed: 'N1' });
    const clocks = computeClocks(child.events, { asOf: '2024-05-01' });
    // R2's decision is due the next working day; the closure before it belongs to R1's episode and ends nothing of R2.
    expect(ofRule(clocks, 'T1')).toEqual([
      expect.objectContaining({ subjectId: 'R1', stoppedOn: '2024-02-12', state: 'met' }),
      { rule: 'T1', subjectId: 'R2', limitStep: 'decision', startedOn: '2024-05-01', dueOn: '2024-05-02', state: 'due-soon' },
    ]);
    const state = child.events.reduce((folded, event) => evolveChildCase(folded, event as unknown as ChildEvent), initialChildCaseState);
    expect(caseFactsOf(state).episodes.map((episode) => episode.openedByReferralId)).toEqual(['R1', 'R2']);
  });

  it('gives the same clocks whatever order late events arrive in', () => {
    const child = childEvents();
    child.add('BecameLookedAfter', '2024-03-18', { periodId: 'LA1', placementId: 'PL1', legalStatus: 'C2', placementType: 'U4', longTerm: false });
    child.add('PlanStarted', '2024-03-20', { planId: 'C1', planType: 'CLA' });
    child.add('PlanReviewed', '2024-04-16', { planId: 'C1' });
    child.add('StatutoryVisitMade', '2024-03-22T10:00:00Z', { visitId: 'V1', seen: true, seenAlone: true });
    child.add('PlacementChanged', '2024-04-02', { periodId: 'LA1', placementId: 'PL2', placementType: 'U5', longTerm: true, reason: 'CARPL' });
    child.add('StatutoryVisitMade', '2024-04-05', { visitId: 'V2', seen: true, seenAlone: true });
    child.add('PlanReviewed', '2024-07-10', { planId: 'C1' });
    const inOrder = computeClocks(child.events, { asOf: '2024-08-01' });
    const shuffled = [5, 2, 6, 0, 3, 1, 4].map((i) => child.events[i]);
    expect(computeClocks(shuffled, { asOf: '2024-08-01' })).toEqual(inOrder);
    expect(computeClocks([...child.events].reverse(), { asOf: '2024-08-01' })).toEqual(inOrder);
  });

  it('leaves out events after the as-of date (a timestamp as-of cuts within the day)', () => {
    const { child } = referralDecidedLate();
    expect(computeClocks(child.events, { asOf: '2024-02-12' })[0]).toMatchObject({ state: 'due-soon' });
    expect(computeClocks(child.events, { asOf: '2024-02-13' })[0]).toMatchObject({ state: 'met' });
    const timed = childEvents();
    timed.add('ReferralReceived', '2024-02-12T09:00:00Z', { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
    timed.add('ReferralDecisionMade', '2024-02-13T16:00:00Z', { referralId: 'R1', decision: 'early-help' });
    expect(computeClocks(timed.events, { asOf: '2024-02-13T12:00:00Z' })[0]).toMatchObject({ state: 'due-soon' });
    expect(computeClocks(timed.events, { asOf: '2024-02-13T17:00:00Z' })[0]).toMatchObject({ state: 'met' });
  });

  it('counts a repeated delivery of the same event once', () => {
    const { child } = referralDecidedLate();
    expect(computeClocks([...child.events, ...child.events], { asOf: '2024-03-01' })).toEqual(computeClocks(child.events, { asOf: '2024-03-01' }));
  });

  it('places a timestamp on its London date', () => {
    const child = childEvents();
    // 23:30Z on Sun 31 Mar 2024 is 00:30 BST on Mon 1 April (Easter Monday), so T1 (day0) is due Tue 2 April.
    child.add('ReferralReceived', '2024-03-31T23:30:00Z', { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
    expect(computeClocks(child.events, { asOf: '2024-04-01' })[0]).toMatchObject({ startedOn: '2024-04-01', dueOn: '2024-04-02' });
  });

  it('accepts envelopes whose payloads are classes, as @csc/contracts declares them (checked by tsc)', () => {
    class ReferralReceivedPayload {
      referralId = 'R1';
      source = '1A';
      primaryNeed = 'N1';
    }
    const envelope = {
      eventId: '9b6f1f0e-0000-4000-8000-000000000001',
      type: 'ReferralReceived' as const,
      schemaVersion: 1,
      childId: 'C1',
      occurredAt: '2024-02-12T09:30:00Z',
      source: { system: 'lcs' },
      data: new ReferralReceivedPayload(),
    };
    expect(computeClocks([envelope], { asOf: '2024-02-12' })[0]).toMatchObject({ rule: 'T1', subjectId: 'R1' });
  });

  it('changes no clock for a retraction that names nothing on the timeline (the domain ignores it; the contract refuses it)', () => {
    const { child } = referralDecidedLate();
    const before = computeClocks(child.events, { asOf: '2024-03-01' });
    child.add('EventRetracted', '2024-02-20', { reason: 'oops' });
    expect(computeClocks(child.events, { asOf: '2024-03-01' })).toEqual(before);
  });

  it('names the event and field at fault', () => {
    const bad: TimescaleEvent[] = [{ eventId: 'x1', type: 'ReferralReceived', occurredAt: '2024-02-12', data: { source: '1A' } }];
    expect(() => computeClocks(bad, { asOf: '2024-03-01' })).toThrow(expect.objectContaining({ code: 'INVALID_EVENT', field: 'data.referralId' }));
    const badDate: TimescaleEvent[] = [{ eventId: 'x2', type: 'CaseClosed', occurredAt: '12/02/2024', data: {} }];
    expect(() => computeClocks(badDate, { asOf: '2024-03-01' })).toThrow(
      expect.objectContaining({ code: 'INVALID_DATE', field: 'occurredAt', message: expect.stringMatching(/^CaseClosed x2: occurredAt must be/) }),
    );
    expect(() => computeClocks([], { asOf: 'now' })).toThrow(expect.objectContaining({ code: 'INVALID_DATE', field: 'asOf' }));
    expect(() => computeClocks([{ eventId: 'x3', type: 'CaseClosed', occurredAt: '2024-02-12' } as never], { asOf: '2024-03-01' })).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', field: 'event' }),
    );
  });
});

import { childEvents, ofRule } from '../../test-support/child-events';
import { DEFAULT_LOCAL_STANDARDS } from '../local-standards/local-standards';
import { computeClocks } from './compute-clocks';

function referral(decision?: { on: string; decision: string }) {
  const child = childEvents();
  child.add('ReferralReceived', '2024-02-12', { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
  if (decision) child.add('ReferralDecisionMade', decision.on, { referralId: 'R1', decision: decision.decision });
  return child;
}

describe('T1 referral decision (1 WD, day0: due the next working day)', () => {
  it('is met when decided the next working day, late the day after', () => {
    expect(ofRule(computeClocks(referral({ on: '2024-02-13', decision: 'early-help' }).events, { asOf: '2024-03-01' }), 'T1')).toEqual([
      {
        rule: 'T1',
        subjectId: 'R1',
        limitStep: 'decision',
        startedOn: '2024-02-12',
        dueOn: '2024-02-13',
        stoppedOn: '2024-02-13',
        stopReason: 'completed',
        state: 'met',
      },
    ]);
    expect(computeClocks(referral({ on: '2024-02-14', decision: 'early-help' }).events, { asOf: '2024-03-01' })[0].state).toBe('late');
  });

  it('is due-soon inside the warning window, open outside it, overdue after the due date', () => {
    const { events } = referral();
    expect(computeClocks(events, { asOf: '2024-02-12' })[0].state).toBe('due-soon');
    expect(computeClocks(events, { asOf: '2024-02-13' })[0].state).toBe('due-soon');
    expect(computeClocks(events, { asOf: '2024-02-14' })[0].state).toBe('overdue');
    const noWarning = { ...DEFAULT_LOCAL_STANDARDS, dueSoonWorkingDays: 0 };
    expect(computeClocks(events, { asOf: '2024-02-12', standards: noWarning })[0].state).toBe('open');
    expect(computeClocks(events, { asOf: '2024-02-13', standards: noWarning })[0].state).toBe('due-soon');
  });

  it('stamps every clock with the rule, convention and versions that produced it', () => {
    const [clock] = computeClocks(referral().events, { asOf: '2024-02-12' });
    expect(clock).toMatchObject({
      rule: 'T1',
      convention: 'day0',
      ruleVersion: '2026.1',
      standardsVersion: 'defaults-2026.1',
      startEventId: 'ReferralReceived#1',
      startEventType: 'ReferralReceived',
      limit: { amount: 1, unit: 'working-days' },
    });
    expect(clock.calendarVersion).toMatch(/^2005-2040\.[0-9a-f]{8}$/);
  });

  it('follows a configured convention override (T1 day1: due the same day)', () => {
    const standards = { ...DEFAULT_LOCAL_STANDARDS, conventionOverrides: { T1: 'day1' as const } };
    const [clock] = computeClocks(referral({ on: '2024-02-13', decision: 'assessment' }).events, { asOf: '2024-03-01', standards });
    expect(clock).toMatchObject({ dueOn: '2024-02-12', state: 'late', convention: 'day1' });
  });
});

describe('T2 assessment (45 WD, day1), from both anchors', () => {
  it('measures the same assessment from the referral and from the assessment start', () => {
    const child = referral({ on: '2024-02-13', decision: 'assessment' });
    child.add('AssessmentStarted', '2024-02-14', { assessmentId: 'A1', referralId: 'R1' });
    child.add('AssessmentAuthorised', '2024-04-17', { assessmentId: 'A1', outcome: 'child-in-need', factors: ['1A'] });
    const clocks = computeClocks(child.events, { asOf: '2024-05-01' });
    // From Mon 12 Feb (day 1) the 45th WD is Tue 16 Apr (Easter 29 Mar-1 Apr skipped); from Wed 14 Feb it is Thu 18 Apr.
    expect(ofRule(clocks, 'T2')).toEqual([
      {
        rule: 'T2',
        anchor: 'referral',
        subjectId: 'R1',
        limitStep: 'assessment',
        startedOn: '2024-02-12',
        dueOn: '2024-04-16',
        stoppedOn: '2024-04-17',
        stopReason: 'completed',
        state: 'late',
      },
      {
        rule: 'T2',
        anchor: 'assessment-start',
        subjectId: 'A1',
        limitStep: 'assessment',
        startedOn: '2024-02-14',
        dueOn: '2024-04-18',
        stoppedOn: '2024-04-17',
        stopReason: 'completed',
        state: 'met',
      },
    ]);
  });

  it('is cancelled, not late, when the decision was not an assessment', () => {
    const clocks = computeClocks(referral({ on: '2024-02-13', decision: 'no-further-action' }).events, { asOf: '2024-06-01' });
    expect(ofRule(clocks, 'T2')).toEqual([
      {
        rule: 'T2',
        anchor: 'referral',
        subjectId: 'R1',
        limitStep: 'assessment',
        startedOn: '2024-02-12',
        dueOn: '2024-04-16',
        stoppedOn: '2024-02-13',
        stopReason: 'not-required',
        state: 'cancelled',
      },
    ]);
  });

  it('keeps running after a strategy-discussion decision when an assessment was started for the referral', () => {
    const child = referral({ on: '2024-02-12', decision: 'strategy-discussion' });
    child.add('AssessmentStarted', '2024-02-15', { assessmentId: 'A1', referralId: 'R1' });
    expect(ofRule(computeClocks(child.events, { asOf: '2024-03-01' }), 'T2', 'referral')[0]).toMatchObject({ state: 'open', dueOn: '2024-04-16' });
  });

  it('stops being due when the case closes: cancelled before the due date, lapsed after it', () => {
    const early = referral({ on: '2024-02-13', decision: 'assessment' });
    early.add('CaseClosed', '2024-03-01', { reason: 'RC8' });
    expect(ofRule(computeClocks(early.events, { asOf: '2024-06-01' }), 'T2')[0]).toMatchObject({
      stoppedOn: '2024-03-01',
      stopReason: 'context-ended',
      state: 'cancelled',
    });

    const late = referral({ on: '2024-02-13', decision: 'assessment' });
    late.add('CaseClosed', '2024-05-01', { reason: 'RC8' });
    expect(ofRule(computeClocks(late.events, { asOf: '2024-06-01' }), 'T2')[0]).toMatchObject({
      stoppedOn: '2024-05-01',
      stopReason: 'context-ended',
      state: 'lapsed',
    });
  });

  it('does not let a closure of an earlier episode cancel a referral received later the same day', () => {
    const child = childEvents();
    child.add('CaseClosed', '2024-02-12', { reason: 'RC8' });
    child.add('ReferralReceived', '2024-02-12', { referralId: 'R2', source: '1A', primaryNeed: 'N1' });
    expect(ofRule(computeClocks(child.events, { asOf: '2024-02-12' }), 'T1')[0]).toMatchObject({ state: 'due-soon' });
  });
});

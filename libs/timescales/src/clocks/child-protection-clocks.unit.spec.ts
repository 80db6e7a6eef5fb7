import { childEvents, ofRule } from '../../test-support/child-events';
import { DEFAULT_LOCAL_STANDARDS } from '../local-standards/local-standards';
import { computeClocks } from './compute-clocks';

describe('T3 initial child protection conference (15 WD, day1), from both labelled anchors', () => {
  it('emits the strategy-discussion and section47-start clocks, stopped by the ICPC for that enquiry', () => {
    const child = childEvents();
    child.add('StrategyDiscussionHeld', '2024-01-08', { strategyDiscussionId: 'SD1', section47Started: true, section47Id: 'S1' });
    child.add('StrategyDiscussionHeld', '2024-02-05', { strategyDiscussionId: 'SD2', section47Started: true, section47Id: 'S2' });
    child.add('StrategyDiscussionHeld', '2024-02-06', { strategyDiscussionId: 'SD3', section47Started: false });
    child.add('InitialChildProtectionConferenceHeld', '2024-02-20', { conferenceId: 'C1', section47Id: 'S2', planRequired: false });
    const clocks = computeClocks(child.events, { asOf: '2024-03-01' });
    // S1: Mon 8 Jan day 1 -> Fri 26 Jan (15 WD); no conference for S1. S2: Mon 5 Feb -> Fri 23 Feb; ICPC on 20 Feb.
    expect(ofRule(clocks, 'T3')).toEqual([
      { rule: 'T3', anchor: 'strategy-discussion', subjectId: 'S1', limitStep: 'conference', startedOn: '2024-01-08', dueOn: '2024-01-26', state: 'overdue' },
      { rule: 'T3', anchor: 'section47-start', subjectId: 'S1', limitStep: 'conference', startedOn: '2024-01-08', dueOn: '2024-01-26', state: 'overdue' },
      {
        rule: 'T3',
        anchor: 'strategy-discussion',
        subjectId: 'S2',
        limitStep: 'conference',
        startedOn: '2024-02-05',
        dueOn: '2024-02-23',
        stoppedOn: '2024-02-20',
        stopReason: 'completed',
        state: 'met',
      },
      {
        rule: 'T3',
        anchor: 'section47-start',
        subjectId: 'S2',
        limitStep: 'conference',
        startedOn: '2024-02-05',
        dueOn: '2024-02-23',
        stoppedOn: '2024-02-20',
        stopReason: 'completed',
        state: 'met',
      },
    ]);
  });

  it('is cancelled when the enquiry concludes no conference is required', () => {
    const child = childEvents();
    child.add('StrategyDiscussionHeld', '2024-01-08', { strategyDiscussionId: 'SD1', section47Started: true, section47Id: 'S1' });
    child.add('Section47EnquiryCompleted', '2024-02-01', { section47Id: 'S1', icpcRequired: false });
    const states = computeClocks(child.events, { asOf: '2024-03-01' }).map((clock) => [clock.anchor, clock.stopReason, clock.state]);
    expect(states).toEqual([
      ['strategy-discussion', 'not-required', 'cancelled'],
      ['section47-start', 'not-required', 'cancelled'],
    ]);
  });
});

describe('T4 child protection reviews: 3 months from the ICPC, then 6 months from each actual review', () => {
  const child = childEvents();
  child.add('InitialChildProtectionConferenceHeld', '2023-11-30', { conferenceId: 'C1', planRequired: true, categoryOfAbuse: 'NEG' });
  child.add('PlanStarted', '2023-12-01', { planId: 'P1', planType: 'CP', categoryOfAbuse: 'NEG' });
  child.add('PlanReviewed', '2024-03-05', { planId: 'P1' });
  child.add('PlanEnded', '2024-10-01', { planId: 'P1' });

  it('measures the first review from the conference and moves the next due date with a late review', () => {
    // 30 Nov 2023 + 3 months = 29 Feb 2024 (leap year clamp); reviewed 5 Mar (late); 5 Mar + 6 months = 5 Sep 2024.
    expect(ofRule(computeClocks(child.events, { asOf: '2024-06-01' }), 'T4')).toEqual([
      {
        rule: 'T4',
        subjectId: 'P1',
        sequence: 1,
        limitStep: 'first-review',
        startedOn: '2023-11-30',
        dueOn: '2024-02-29',
        stoppedOn: '2024-03-05',
        stopReason: 'completed',
        state: 'late',
      },
      { rule: 'T4', subjectId: 'P1', sequence: 2, limitStep: 'later-reviews', startedOn: '2024-03-05', dueOn: '2024-09-05', state: 'open' },
    ]);
  });

  it('marks the open review lapsed when the plan ends after it fell overdue', () => {
    const [, second] = ofRule(computeClocks(child.events, { asOf: '2024-12-01' }), 'T4');
    expect(second).toMatchObject({ dueOn: '2024-09-05', stoppedOn: '2024-10-01', stopReason: 'context-ended', state: 'lapsed' });
  });
});

describe('T7 child protection visits (local: 10 WD, day0)', () => {
  it('is stopped only by visits where the child was seen, each starting the next clock', () => {
    const child = childEvents();
    child.add('PlanStarted', '2024-05-20', { planId: 'P1', planType: 'CP', categoryOfAbuse: 'EMO' });
    child.add('StatutoryVisitMade', '2024-06-04', { visitId: 'V1', seen: true, seenAlone: false });
    child.add('StatutoryVisitMade', '2024-06-10', { visitId: 'V2', seen: false, seenAlone: false });
    child.add('StatutoryVisitMade', '2024-06-20', { visitId: 'V3', seen: true, seenAlone: true });
    // Mon 20 May day 0: 21-24 (1-4), Mon 27 May BH, 28-31 (5-8), 3, 4 Jun (9, 10) -> 4 Jun.
    // From Tue 4 Jun: 5-7 (1-3), 10-14 (4-8), 17, 18 (9, 10) -> 18 Jun; seen on 20 Jun: late.
    // From Thu 20 Jun: 21 (1), 24-28 (2-6), 1-4 Jul (7-10) -> 4 Jul; on 28 Jun that is 4 WD away: due-soon.
    expect(ofRule(computeClocks(child.events, { asOf: '2024-06-28' }), 'T7')).toEqual([
      {
        rule: 'T7',
        subjectId: 'P1',
        sequence: 1,
        limitStep: 'visit',
        startedOn: '2024-05-20',
        dueOn: '2024-06-04',
        stoppedOn: '2024-06-04',
        stopReason: 'completed',
        state: 'met',
      },
      {
        rule: 'T7',
        subjectId: 'P1',
        sequence: 2,
        limitStep: 'visit',
        startedOn: '2024-06-04',
        dueOn: '2024-06-18',
        stoppedOn: '2024-06-20',
        stopReason: 'completed',
        state: 'late',
      },
      { rule: 'T7', subjectId: 'P1', sequence: 3, limitStep: 'visit', startedOn: '2024-06-20', dueOn: '2024-07-04', state: 'due-soon' },
    ]);
    // Without a conference the T4 chain is measured from the plan start: 20 May + 3 months.
    expect(ofRule(computeClocks(child.events, { asOf: '2024-06-28' }), 'T4')).toEqual([
      { rule: 'T4', subjectId: 'P1', sequence: 1, limitStep: 'first-review', startedOn: '2024-05-20', dueOn: '2024-08-20', state: 'open' },
    ]);
  });

  it('ignores a second visit on the same day as a duplicate, and cancels the open clock when the plan ends in time', () => {
    const child = childEvents();
    child.add('PlanStarted', '2024-05-20', { planId: 'P1', planType: 'CP', categoryOfAbuse: 'EMO' });
    child.add('StatutoryVisitMade', '2024-05-22', { visitId: 'V1', seen: true, seenAlone: false });
    child.add('StatutoryVisitMade', '2024-05-22', { visitId: 'V2', seen: true, seenAlone: true });
    child.add('PlanEnded', '2024-05-30', { planId: 'P1' });
    expect(ofRule(computeClocks(child.events, { asOf: '2024-07-01' }), 'T7').map((clock) => [clock.startedOn, clock.stoppedOn, clock.state])).toEqual([
      ['2024-05-20', '2024-05-22', 'met'],
      ['2024-05-22', '2024-05-30', 'cancelled'],
    ]);
  });
});

describe('T12 pre-birth conference (local: by 28 weeks gestation)', () => {
  function unborn() {
    const child = childEvents();
    child.add('ChildDetailsRecorded', '2024-08-20', { expectedDateOfBirth: '2025-01-10', gender: 'U', ethnicity: 'WBRI', disabilities: ['NONE'] });
    child.add('StrategyDiscussionHeld', '2024-09-02', { strategyDiscussionId: 'SD1', section47Started: true, section47Id: 'S1' });
    return child;
  }

  it('is due when the pregnancy reaches 28 weeks (EDD - 12 weeks); the pre-birth conference also stops T3', () => {
    const child = unborn();
    child.add('PreBirthConferenceHeld', '2024-10-10', { conferenceId: 'PB1', planRequired: true, categoryOfAbuse: 'NEG' });
    const clocks = computeClocks(child.events, { asOf: '2024-11-01' });
    expect(ofRule(clocks, 'T12')).toEqual([
      {
        rule: 'T12',
        subjectId: 'S1',
        limitStep: 'conference',
        startedOn: '2024-09-02',
        dueOn: '2024-10-18',
        stoppedOn: '2024-10-10',
        stopReason: 'completed',
        state: 'met',
      },
    ]);
    // T3 from Mon 2 Sep: 2-6 (1-5), 9-13 (6-10), 16-20 (11-15) -> Fri 20 Sep; the conference on 10 Oct was late.
    expect(ofRule(clocks, 'T3', 'strategy-discussion')[0]).toMatchObject({ dueOn: '2024-09-20', stoppedOn: '2024-10-10', state: 'late' });
  });

  it('lapses when the baby is born before any conference, and uses the local gestation week', () => {
    const child = unborn();
    child.add('ChildDetailsRecorded', '2025-01-08', { dateOfBirth: '2025-01-05', gender: 'F', ethnicity: 'WBRI', disabilities: ['NONE'] });
    const [clock] = computeClocks(child.events, { asOf: '2025-02-01' }).filter((c) => c.rule === 'T12');
    expect(clock).toMatchObject({
      dueOn: '2024-10-18',
      stoppedOn: '2025-01-05',
      stopEventType: 'ChildDetailsRecorded',
      stopReason: 'context-ended',
      state: 'lapsed',
    });
    const standards = { ...DEFAULT_LOCAL_STANDARDS, version: 'week-32', preBirthConferenceGestationWeek: 32 };
    const [local] = computeClocks(child.events, { asOf: '2025-02-01', standards }).filter((c) => c.rule === 'T12');
    // 32 weeks = EDD 10 Jan 2025 - 8 weeks = Fri 15 Nov 2024.
    expect(local).toMatchObject({ dueOn: '2024-11-15', state: 'lapsed', standardsVersion: 'week-32', convention: 'day0' });
  });
});

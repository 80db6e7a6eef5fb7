import { childEvents, ofRule } from '../../test-support/child-events';
import { computeClocks } from './compute-clocks';

function lookedAfter(on: string, longTerm = false) {
  const child = childEvents();
  child.add('BecameLookedAfter', on, { periodId: 'LA1', placementId: 'PL1', legalStatus: 'C2', placementType: 'U4', longTerm });
  return child;
}

describe('T5 looked-after reviews: 20 WD, then 3 months from the first, then 6 months', () => {
  const child = lookedAfter('2024-03-18');
  child.add('PlanStarted', '2024-03-20', { planId: 'CP-LA1', planType: 'CLA' });
  child.add('PlanReviewed', '2024-04-16', { planId: 'CP-LA1' });
  child.add('PlanReviewed', '2024-07-30', { planId: 'CP-LA1' });

  it('chains from each actual review date, so a late second review moves the third', () => {
    // Mon 18 Mar day 1 -> 20th WD Tue 16 Apr (Easter skipped); 16 Apr + 3 months = 16 Jul; reviewed 30 Jul (late); 30 Jul + 6 months = 30 Jan 2025.
    expect(ofRule(computeClocks(child.events, { asOf: '2024-12-01' }), 'T5')).toEqual([
      {
        rule: 'T5',
        subjectId: 'LA1',
        sequence: 1,
        limitStep: 'first-review',
        startedOn: '2024-03-18',
        dueOn: '2024-04-16',
        stoppedOn: '2024-04-16',
        stopReason: 'completed',
        state: 'met',
      },
      {
        rule: 'T5',
        subjectId: 'LA1',
        sequence: 2,
        limitStep: 'second-review',
        startedOn: '2024-04-16',
        dueOn: '2024-07-16',
        stoppedOn: '2024-07-30',
        stopReason: 'completed',
        state: 'late',
      },
      { rule: 'T5', subjectId: 'LA1', sequence: 3, limitStep: 'later-reviews', startedOn: '2024-07-30', dueOn: '2025-01-30', state: 'open' },
    ]);
  });

  it('judges the open review on the as-of date', () => {
    const third = (asOf: string) => computeClocks(child.events, { asOf }).filter((clock) => clock.rule === 'T5')[2]?.state;
    expect(third('2025-01-23')).toBe('due-soon'); // 24, 27-30 Jan: 5 WD
    expect(third('2025-01-22')).toBe('open'); // 6 WD away
    expect(third('2025-01-30')).toBe('due-soon');
    expect(third('2025-01-31')).toBe('overdue');
  });

  it('stops being due when the child ceases to be looked after: lapsed if already overdue', () => {
    const left = lookedAfter('2024-03-18');
    left.add('CeasedToBeLookedAfter', '2024-04-30', { periodId: 'LA1', reason: 'E11' });
    expect(ofRule(computeClocks(left.events, { asOf: '2024-06-01' }), 'T5')).toEqual([
      {
        rule: 'T5',
        subjectId: 'LA1',
        sequence: 1,
        limitStep: 'first-review',
        startedOn: '2024-03-18',
        dueOn: '2024-04-16',
        stoppedOn: '2024-04-30',
        stopReason: 'context-ended',
        state: 'lapsed',
      },
    ]);
  });
});

describe('T6 looked-after visits restart at every placement', () => {
  it('gives each new placement its own first visit within 1 week', () => {
    const child = lookedAfter('2024-01-15');
    child.add('StatutoryVisitMade', '2024-01-19', { visitId: 'V1', seen: true, seenAlone: true });
    child.add('StatutoryVisitMade', '2024-02-26', { visitId: 'V2', seen: true, seenAlone: true });
    child.add('PlacementChanged', '2024-03-04', { periodId: 'LA1', placementId: 'PL2', placementType: 'K2', longTerm: false, reason: 'CARPL' });
    child.add('StatutoryVisitMade', '2024-03-08', { visitId: 'V3', seen: false, seenAlone: false });
    child.add('StatutoryVisitMade', '2024-03-12', { visitId: 'V4', seen: true, seenAlone: false });
    expect(ofRule(computeClocks(child.events, { asOf: '2024-03-20' }), 'T6')).toEqual([
      // Mon 15 Jan + 1 week = Mon 22 Jan; seen Fri 19 Jan.
      {
        rule: 'T6',
        subjectId: 'PL1',
        sequence: 1,
        limitStep: 'first-visit',
        startedOn: '2024-01-15',
        dueOn: '2024-01-22',
        stoppedOn: '2024-01-19',
        stopReason: 'completed',
        state: 'met',
      },
      // 19 Jan + 6 weeks = 1 Mar; seen 26 Feb.
      {
        rule: 'T6',
        subjectId: 'PL1',
        sequence: 2,
        limitStep: 'first-year',
        startedOn: '2024-01-19',
        dueOn: '2024-03-01',
        stoppedOn: '2024-02-26',
        stopReason: 'completed',
        state: 'met',
      },
      // 26 Feb + 6 weeks = 8 Apr; the placement ended on 4 Mar, before it was due.
      {
        rule: 'T6',
        subjectId: 'PL1',
        sequence: 3,
        limitStep: 'first-year',
        startedOn: '2024-02-26',
        dueOn: '2024-04-08',
        stoppedOn: '2024-03-04',
        stopReason: 'context-ended',
        state: 'cancelled',
      },
      // New placement Mon 4 Mar + 1 week = Mon 11 Mar; the 8 Mar visit did not see the child; seen 12 Mar: late.
      {
        rule: 'T6',
        subjectId: 'PL2',
        sequence: 1,
        limitStep: 'first-visit',
        startedOn: '2024-03-04',
        dueOn: '2024-03-11',
        stoppedOn: '2024-03-12',
        stopReason: 'completed',
        state: 'late',
      },
      // 12 Mar + 6 weeks = 23 Apr.
      { rule: 'T6', subjectId: 'PL2', sequence: 2, limitStep: 'first-year', startedOn: '2024-03-12', dueOn: '2024-04-23', state: 'open' },
    ]);
  });

  it('counts a visit on the day of the move for the new placement', () => {
    const child = lookedAfter('2024-01-15');
    child.add('StatutoryVisitMade', '2024-03-04', { visitId: 'V1', seen: true, seenAlone: true });
    child.add('PlacementChanged', '2024-03-04', { periodId: 'LA1', placementId: 'PL2', placementType: 'K2', longTerm: false, reason: 'CARPL' });
    const pl2 = ofRule(computeClocks(child.events, { asOf: '2024-03-05' }), 'T6').filter((clock) => clock.subjectId === 'PL2');
    expect(pl2[0]).toMatchObject({ sequence: 1, stoppedOn: '2024-03-04', state: 'met' });
  });

  it("uses 6 weeks within the placement's first year, then 3 months for a long-term placement", () => {
    const child = lookedAfter('2023-01-02', true);
    for (const [date, id] of [
      ['2023-01-05', 'V1'],
      ['2023-12-20', 'V2'],
      ['2024-01-10', 'V3'],
    ]) {
      child.add('StatutoryVisitMade', date, { visitId: id, seen: true, seenAlone: true });
    }
    const steps = ofRule(computeClocks(child.events, { asOf: '2024-02-01' }), 'T6').map((clock) => [clock.startedOn, clock.limitStep, clock.dueOn]);
    expect(steps).toEqual([
      ['2023-01-02', 'first-visit', '2023-01-09'],
      ['2023-01-05', 'first-year', '2023-02-16'],
      ['2023-12-20', 'first-year', '2024-01-31'], // made before the first anniversary (2 Jan 2024)
      ['2024-01-10', 'long-term', '2024-04-10'],
    ]);
  });
});

describe('T11 care plan (10 WD, day1) and T8 initial health assessment (20 WD, day1)', () => {
  it('is met by a care plan started within 10 working days, or already in place', () => {
    const within = lookedAfter('2022-12-22');
    within.add('PlanStarted', '2023-01-09', { planId: 'C1', planType: 'CLA' });
    // Thu 22 Dec day 1: 22, 23 (1, 2), 26, 27 BH, 28-30 (3-5), Mon 2 Jan BH, 3-6 Jan (6-9), Mon 9 Jan (10).
    expect(ofRule(computeClocks(within.events, { asOf: '2023-02-01' }), 'T11')).toEqual([
      {
        rule: 'T11',
        subjectId: 'LA1',
        limitStep: 'care-plan',
        startedOn: '2022-12-22',
        dueOn: '2023-01-09',
        stoppedOn: '2023-01-09',
        stopReason: 'completed',
        state: 'met',
      },
    ]);

    const before = childEvents();
    before.add('PlanStarted', '2024-03-01', { planId: 'C1', planType: 'CLA' });
    before.add('BecameLookedAfter', '2024-03-04', { periodId: 'LA1', placementId: 'PL1', legalStatus: 'V2', placementType: 'U1', longTerm: false });
    expect(ofRule(computeClocks(before.events, { asOf: '2024-03-05' }), 'T11')[0]).toMatchObject({ stoppedOn: '2024-03-01', state: 'met' });
  });

  it('is stopped only by an initial health assessment', () => {
    const child = lookedAfter('2023-04-24');
    child.add('HealthAssessmentCompleted', '2023-05-10', { healthAssessmentId: 'H0', assessmentType: 'review' });
    child.add('HealthAssessmentCompleted', '2023-05-24', { healthAssessmentId: 'H1', assessmentType: 'initial' });
    // Mon 24 Apr day 1; Mon 1 May and Mon 8 May (Coronation) skipped -> 20th WD Tue 23 May.
    expect(ofRule(computeClocks(child.events, { asOf: '2023-06-01' }), 'T8')).toEqual([
      {
        rule: 'T8',
        subjectId: 'LA1',
        limitStep: 'initial',
        startedOn: '2023-04-24',
        dueOn: '2023-05-23',
        stoppedOn: '2023-05-24',
        stopReason: 'completed',
        state: 'late',
      },
    ]);
  });
});

describe('T9 review health assessments: 6 months under 5, 12 months from 5', () => {
  it('takes the interval from the age on the day of the assessment that starts it', () => {
    const child = lookedAfter('2023-01-02');
    child.add('ChildDetailsRecorded', '2023-01-02', { dateOfBirth: '2019-03-15', gender: 'M', ethnicity: 'WBRI', disabilities: ['NONE'] });
    child.add('HealthAssessmentCompleted', '2023-01-20', { healthAssessmentId: 'H1', assessmentType: 'initial' });
    child.add('HealthAssessmentCompleted', '2023-07-10', { healthAssessmentId: 'H2', assessmentType: 'review' });
    child.add('HealthAssessmentCompleted', '2024-03-15', { healthAssessmentId: 'H3', assessmentType: 'review' });
    // H1 at 3y10m: + 6 months = 20 Jul 2023, next on 10 Jul: met. H2 at 4y3m: + 6 months = 10 Jan 2024, next on
    // 15 Mar: late. H3 on the 5th birthday (15 Mar 2024): + 12 months = 15 Mar 2025.
    expect(ofRule(computeClocks(child.events, { asOf: '2024-04-01' }), 'T9')).toEqual([
      {
        rule: 'T9',
        subjectId: 'LA1',
        sequence: 1,
        limitStep: 'under-5',
        startedOn: '2023-01-20',
        dueOn: '2023-07-20',
        stoppedOn: '2023-07-10',
        stopReason: 'completed',
        state: 'met',
      },
      {
        rule: 'T9',
        subjectId: 'LA1',
        sequence: 2,
        limitStep: 'under-5',
        startedOn: '2023-07-10',
        dueOn: '2024-01-10',
        stoppedOn: '2024-03-15',
        stopReason: 'completed',
        state: 'late',
      },
      { rule: 'T9', subjectId: 'LA1', sequence: 3, limitStep: '5-or-over', startedOn: '2024-03-15', dueOn: '2025-03-15', state: 'open' },
    ]);
  });

  it('uses the shorter interval when no date of birth is recorded', () => {
    const child = lookedAfter('2023-01-02');
    child.add('HealthAssessmentCompleted', '2023-01-20', { healthAssessmentId: 'H1', assessmentType: 'initial' });
    expect(ofRule(computeClocks(child.events, { asOf: '2023-02-01' }), 'T9')[0]).toMatchObject({ limitStep: 'date-of-birth-unknown', dueOn: '2023-07-20' });
  });
});

import { addYears, judgeRetention } from '../src/schedule/retention-judgement';
import { DEFAULT_RETENTION_SCHEDULE, parseRetentionSchedule, RetentionScheduleError } from '../src/schedule/retention-schedule';

const problemsOf = (value: unknown): string[] => {
  try {
    parseRetentionSchedule(value);
  } catch (error) {
    if (error instanceof RetentionScheduleError) return error.problems;
    throw error;
  }
  throw new Error('expected the schedule to be refused');
};

describe('retention rules', () => {
  it('keeps a looked-after child to the 75th birthday, even when the child protection rule would end sooner', () => {
    const judgement = judgeRetention(
      { childId: 'C1', dateOfBirth: '1950-06-01', kinds: ['looked-after', 'child-protection', 'child-in-need'], open: false, closedOn: '1968-05-31' },
      DEFAULT_RETENTION_SCHEDULE,
    );
    expect(judgement.rules.map((rule) => [rule.kind, rule.retainUntil])).toEqual([
      ['looked-after', '2025-06-01'],
      ['child-protection', '2003-05-31'],
      ['child-in-need', '1974-05-31'],
    ]);
    expect(judgement).toMatchObject({ retainUntil: '2025-06-01', decidedBy: { kind: 'looked-after', source: expect.stringMatching(/regulation 50/) } });
  });

  it('keeps a child protection record 35 years after closure when that is later than the 75th birthday rule would say', () => {
    const judgement = judgeRetention(
      { childId: 'C2', dateOfBirth: '2000-01-01', kinds: ['child-protection', 'child-in-need'], open: false, closedOn: '2010-03-31' },
      DEFAULT_RETENTION_SCHEDULE,
    );
    expect(judgement).toMatchObject({ retainUntil: '2045-03-31', decidedBy: { kind: 'child-protection' } });
  });

  it('keeps an open case, and a looked-after child with no date of birth, until that can be judged', () => {
    const open = judgeRetention({ childId: 'C3', dateOfBirth: '2010-01-01', kinds: ['child-in-need'], open: true }, DEFAULT_RETENTION_SCHEDULE);
    expect(open.retainUntil).toBeUndefined();
    expect(open.decidedBy).toMatchObject({ kind: 'child-in-need', pending: 'the case is open' });
    expect(
      judgeRetention({ childId: 'C4', kinds: ['looked-after', 'child-in-need'], open: false, closedOn: '2001-01-01' }, DEFAULT_RETENTION_SCHEDULE).decidedBy,
    ).toMatchObject({ kind: 'looked-after', pending: 'no date of birth has been recorded' });
  });

  it('counts years to the same day, and 29 February to 28 February in a common year', () => {
    expect(addYears('2019-03-31', 6)).toBe('2025-03-31');
    expect(addYears('2020-02-29', 75)).toBe('2095-02-28');
    expect(addYears('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('reads a schedule that gives each kind one period and its source', () => {
    const schedule = parseRetentionSchedule({
      'looked-after': { untilAge: 75, source: 'reg 50' },
      'child-protection': { yearsAfterClosure: 40, source: 'Our schedule v3, row 12' },
      'child-in-need': { yearsAfterClosure: 7, source: 'Our schedule v3, row 14' },
    });
    expect(schedule['child-protection']).toEqual({ yearsAfterClosure: 40, source: 'Our schedule v3, row 12' });
  });

  it('refuses a schedule with a kind missing, unknown, without a source, or with two periods', () => {
    expect(
      problemsOf({
        'looked-after': { untilAge: 75, yearsAfterClosure: 10, source: 'x' },
        'child-protection': { yearsAfterClosure: 0, source: ' ' },
        adoption: { untilAge: 100, source: 'x' },
      }),
    ).toEqual([
      'adoption: not a kind of record (use looked-after, child-protection, child-in-need)',
      'looked-after: give exactly one of untilAge or yearsAfterClosure',
      'child-protection.yearsAfterClosure: a whole number of years from 1 to 150',
      "child-protection.source: say where the period comes from (a regulation, or the schedule's name)",
      'child-in-need: missing; every kind of record needs a rule',
    ]);
  });
});

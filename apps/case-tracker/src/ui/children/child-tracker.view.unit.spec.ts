import type { TrackedClock } from '@csc/projections';
import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import { explainClock, remainingText } from './child-tracker.view';

function clock(overrides: Partial<TrackedClock>): TrackedClock {
  return {
    rule: 'T5',
    anchor: null,
    subjectId: 'P1',
    sequence: 1,
    startedOn: '2024-03-01',
    dueOn: '2024-03-28',
    dueAt: null,
    stoppedOn: null,
    state: 'open',
    teamId: 'T1',
    ruleVersion: 'r',
    calendarVersion: 'c',
    standardsVersion: 's',
    convention: 'day1',
    ...overrides,
  };
}

describe('the days a tracker shows against a due date (calendar days, as the overdue list counts them)', () => {
  it('counts the days left before the due date, and says when it is due today', () => {
    expect(remainingText({ state: 'open', dueOn: '2024-03-28' }, '2024-03-26')).toBe('2 days left');
    expect(remainingText({ state: 'due-soon', dueOn: '2024-03-28' }, '2024-03-27')).toBe('1 day left');
    expect(remainingText({ state: 'due-soon', dueOn: '2024-03-28' }, '2024-03-28')).toBe('due today');
  });

  it('counts the days past the due date of an open clock', () => {
    expect(remainingText({ state: 'overdue', dueOn: '2024-03-28' }, '2024-03-29')).toBe('1 day overdue');
    expect(remainingText({ state: 'overdue', dueOn: '2024-02-28' }, '2024-03-01')).toBe('2 days overdue');
  });

  it('shows nothing once the clock has stopped', () => {
    for (const state of ['met', 'late', 'cancelled', 'lapsed']) expect(remainingText({ state, dueOn: '2024-03-28' }, '2024-04-30')).toBe('');
  });
});

describe('how a stored due date was worked out', () => {
  // T5 from Friday 1 March 2024, day 1 convention: 20 working days is Thursday 28 March (no bank holiday
  // before Good Friday, 29 March); the second review, 3 months from the first, is Saturday 1 June.
  it("finds the rule's first limit when the stored due date is the first review's", () => {
    const explanation = explainClock(clock({ dueOn: '2024-03-28' }), DEFAULT_LOCAL_STANDARDS);
    expect(explanation).toMatchObject({ rule: 'T5', step: { id: 'first-review' }, dueOn: '2024-03-28', convention: 'day1' });
    expect('working' in explanation && explanation.working.filter((day) => day.counted)).toHaveLength(20);
  });

  it('finds a later limit of a chained rule when the stored due date is its', () => {
    expect(explainClock(clock({ dueOn: '2024-06-01' }), DEFAULT_LOCAL_STANDARDS)).toMatchObject({ step: { id: 'second-review' }, dueOn: '2024-06-01' });
  });

  it('says plainly when no limit from the start date gives the stored due date, rather than showing another working', () => {
    const explanation = explainClock(clock({ dueOn: '2024-04-15' }), DEFAULT_LOCAL_STANDARDS);
    expect(explanation).toEqual({ unavailable: expect.stringContaining('csc timescales due --rule T5') });
  });
});

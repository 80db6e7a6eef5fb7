import { describeRules } from './describe-rules';
import { explainDueDate } from './explain-due-date';
import { renderDueDateExplanation } from './render-due-date-explanation';

describe('explaining a due date', () => {
  it('lists each day from the start to the due date, counted or skipped and why', () => {
    const explanation = explainDueDate({ rule: 'T1', from: '2024-03-28' });
    expect(explanation).toMatchObject({ dueOn: '2024-04-02', convention: 'day0', conventionApplies: true });
    expect(explanation.working).toEqual([
      { date: '2024-03-28', weekday: 'Thursday', counted: false, note: 'start day: day 0 (day0)' },
      { date: '2024-03-29', weekday: 'Friday', counted: false, note: 'bank holiday: Good Friday' },
      { date: '2024-03-30', weekday: 'Saturday', counted: false, note: 'weekend (Saturday)' },
      { date: '2024-03-31', weekday: 'Sunday', counted: false, note: 'weekend (Sunday)' },
      { date: '2024-04-01', weekday: 'Monday', counted: false, note: 'bank holiday: Easter Monday' },
      { date: '2024-04-02', weekday: 'Tuesday', counted: true, dayNumber: 1 },
    ]);
    expect(explanation.method.at(-1)).toBe('Skipped: 2 weekend day(s) and 2 bank holiday(s): Good Friday (2024-03-29), Easter Monday (2024-04-01).');
  });

  it('says when a start day is not a working day', () => {
    const explanation = explainDueDate({ rule: 'T3', from: '2022-09-10' });
    expect(explanation.working[0].note).toBe('start day, not a working day (weekend (Saturday)): the next working day is day 1');
    expect(explanation.working.find((day) => day.date === '2022-09-19')?.note).toBe("bank holiday: Queen Elizabeth's Funeral Day");
    expect(explanation.working.at(-1)).toMatchObject({ date: '2022-10-03', dayNumber: 15 });
  });

  it('takes a convention for the question only, and records the versions', () => {
    const explanation = explainDueDate({ rule: 'T2', from: '2024-02-12', convention: 'day0' });
    expect(explanation).toMatchObject({ dueOn: '2024-04-17', convention: 'day0', conventionSource: 'request', ruleVersion: '2026.1' });
    expect(explanation.calendarVersion).toMatch(/^2005-2040\./);
  });

  it('explains months with the month-end clamp, and T10 with the clock change', () => {
    expect(explainDueDate({ rule: 'T4', from: '2023-11-30' }).method[0]).toContain("the month's last day because that month has no day 30");
    const t10 = explainDueDate({ rule: 'T10', from: '2024-03-29T20:00:00Z' });
    expect(t10).toMatchObject({ dueOn: '2024-04-01', dueAt: '2024-04-01T20:00:00.000Z', fromAt: '2024-03-29T20:00:00.000Z', conventionApplies: false });
    expect(t10.method[0]).toContain('The clocks changed in between (GMT to BST)');
  });

  it('refuses an unknown rule or step with the choices', () => {
    expect(() => explainDueDate({ rule: 'T99', from: '2024-01-01' })).toThrow(expect.objectContaining({ code: 'UNKNOWN_RULE' }));
    expect(() => explainDueDate({ rule: 'T5', from: '2024-01-01', step: 'third' })).toThrow(/first-review, second-review, later-reviews/);
  });

  it('renders text: the answer first, then the working', () => {
    const text = renderDueDateExplanation(explainDueDate({ rule: 'T2', from: '2023-01-30' }));
    expect(text.split('\n').slice(0, 4)).toEqual([
      'T2 Child and family assessment: 45 working days (assessment: the authorisation, from the anchor date)',
      'From:       Mon 30 Jan 2023',
      'Due:        Fri 31 Mar 2023',
      'Convention: day1 [rule-default]',
    ]);
    expect(text).toContain('Mon 30 Jan 2023  day 1   start day: day 1 (day1)');
    expect(text).toContain('Sat 4 Feb 2023   -       weekend (Saturday)');
    expect(text).toContain('Fri 31 Mar 2023  day 45');
    expect(text).toMatch(/Rule table 2026\.1; bank holiday calendar 2005-2040\.[0-9a-f]{8}; local standards defaults-2026\.1$/);
  });
});

describe('describing the rules', () => {
  it('prints a table of every rule, then each in full', () => {
    const text = describeRules();
    for (let i = 1; i <= 13; i += 1) expect(text).toMatch(new RegExp(`^T${i} `, 'm'));
    expect(text).toContain('T5   Looked-after child review             20 working days / 3 months / 6 months  statute   day1');
    expect(text).toContain('anchor assessment-start: AssessmentStarted (DfE census check)');
    expect(text).toContain('Limit long-term: 3 months');
  });
});

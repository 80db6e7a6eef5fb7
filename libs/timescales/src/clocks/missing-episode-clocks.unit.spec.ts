import { childEvents, ofRule } from '../../test-support/child-events';
import { computeClocks } from './compute-clocks';

function missing(returnedAt: string, interviewAt?: string) {
  const child = childEvents();
  child.add('MissingEpisodeStarted', '2024-03-28T18:00:00Z', { missingEpisodeId: 'M1' });
  child.add('MissingEpisodeEnded', returnedAt, { missingEpisodeId: 'M1' });
  if (interviewAt) child.add('ReturnHomeInterviewCompleted', interviewAt, { missingEpisodeId: 'M1' });
  return child.events;
}

describe('T10 return home interview: 72 clock hours, weekends count', () => {
  it('runs across the weekend and the March clock change (due Mon 21:00 BST)', () => {
    const [clock] = computeClocks(missing('2024-03-29T20:00:00Z', '2024-04-01T20:45:00+01:00'), { asOf: '2024-04-05' });
    expect(clock).toMatchObject({
      rule: 'T10',
      subjectId: 'M1',
      startedOn: '2024-03-29',
      startedAt: '2024-03-29T20:00:00.000Z',
      dueOn: '2024-04-01',
      dueAt: '2024-04-01T20:00:00.000Z',
      stoppedAt: '2024-04-01T19:45:00.000Z',
      state: 'met',
    });
    // 21:30 BST is 20:30Z: half an hour late.
    expect(computeClocks(missing('2024-03-29T20:00:00Z', '2024-04-01T21:30:00+01:00'), { asOf: '2024-04-05' })[0].state).toBe('late');
  });

  it('runs across the October clock change (due Mon 21:30 GMT, 71 hours later on the wall clock)', () => {
    const events = missing('2024-10-25T22:30:00+01:00');
    const at = (asOf: string) => computeClocks(events, { asOf })[0];
    expect(at('2024-10-26')).toMatchObject({ startedOn: '2024-10-25', dueOn: '2024-10-28', dueAt: '2024-10-28T21:30:00.000Z', state: 'due-soon' });
    expect(at('2024-10-28T21:29:00Z').state).toBe('due-soon');
    expect(at('2024-10-28T21:31:00Z').state).toBe('overdue');
    expect(at('2024-10-28').state).toBe('due-soon'); // a date as-of is judged by date
    expect(at('2024-10-29').state).toBe('overdue');
  });

  it('judges by date when the return or the interview has no time', () => {
    expect(ofRule(computeClocks(missing('2024-03-29', '2024-04-01'), { asOf: '2024-04-05' }), 'T10')).toEqual([
      {
        rule: 'T10',
        subjectId: 'M1',
        limitStep: 'interview',
        startedOn: '2024-03-29',
        dueOn: '2024-04-01',
        stoppedOn: '2024-04-01',
        stopReason: 'completed',
        state: 'met',
      },
    ]);
    expect(computeClocks(missing('2024-10-25T22:30:00+01:00', '2024-10-28'), { asOf: '2024-11-01' })[0]).toMatchObject({
      stoppedOn: '2024-10-28',
      state: 'met',
    });
    expect(computeClocks(missing('2024-10-25T22:30:00+01:00', '2024-10-29'), { asOf: '2024-11-01' })[0].state).toBe('late');
  });
});

import { employmentOn, isWorkerInPost, workerDetailsOn } from '../src';
import { workerEventFactory } from '../testing/case-event-factory';
import { given, givenUnchecked } from '../testing/given-when-then';

const w = workerEventFactory('worker-decider');
const joined = w.joined('2024-01-01', 'SW1', { teamId: 'T1', role: 'newly-qualified', fte: 0.8 });

describe('worker streams', () => {
  it('accepts a joining, a change of details and a leaving', () => {
    given().when(joined).then('ok');
    given(joined)
      .when(w.detailsChanged('2024-06-01', 'SW1', { role: 'social-worker' }))
      .then('ok');
    given(joined).when(w.left('2025-01-01', 'SW1')).then('ok');
  });

  it('refuses joining while in post (WORKER_ALREADY_ACTIVE)', () => {
    given(joined).when(w.joined('2024-06-01', 'SW1')).then('WORKER_ALREADY_ACTIVE', 'type');
  });

  it('accepts rejoining after leaving, on the leaving day or later', () => {
    given(joined, w.left('2025-01-01', 'SW1')).when(w.joined('2025-01-01', 'SW1')).then('ok');
    given(joined, w.left('2025-01-01', 'SW1')).when(w.joined('2025-06-01', 'SW1')).then('ok');
  });

  it('refuses a change of details or a leaving of a worker not in post (WORKER_NOT_ACTIVE)', () => {
    given(joined, w.left('2025-01-01', 'SW1'))
      .when(w.detailsChanged('2025-02-01', 'SW1', { fte: 1 }))
      .then('WORKER_NOT_ACTIVE', 'occurredAt');
    given(joined, w.left('2025-01-01', 'SW1')).when(w.left('2025-02-01', 'SW1')).then('WORKER_NOT_ACTIVE');
    given().when(w.left('2025-02-01', 'SW1')).then('WORKER_NOT_ACTIVE');
  });

  it('refuses a leaving dated before the joining (DATE_OUT_OF_SEQUENCE)', () => {
    given(joined).when(w.left('2023-12-01', 'SW1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses a late leaving dated before a recorded change of details (CONFLICTS_WITH_LATER_EVENT)', () => {
    given(joined, w.detailsChanged('2024-06-01', 'SW1', { fte: 1 }))
      .when(w.left('2024-03-01', 'SW1'))
      .then('CONFLICTS_WITH_LATER_EVENT');
  });

  it('accepts a late earlier spell before a recorded joining, whose leaving must come by then', () => {
    const later = w.joined('2024-01-01', 'SW2');
    given(later).when(w.joined('2022-01-01', 'SW2')).then('ok');
    given(later, w.joined('2022-01-01', 'SW2')).when(w.left('2023-06-01', 'SW2')).then('ok');
  });

  it('keeps spells, team, role and FTE over time for the read models', () => {
    const { workers } = given(
      joined,
      w.detailsChanged('2024-06-01', 'SW1', { role: 'social-worker', fte: 1 }),
      w.left('2025-01-01', 'SW1'),
      w.joined('2025-03-01', 'SW1', { teamId: 'T2' }),
    ).recorded();
    const worker = workers.get('SW1')!;
    expect(worker.employments.map((spell) => [spell.joinedOn, spell.leftOn, spell.leavingReason])).toEqual([
      ['2024-01-01', '2025-01-01', 'resigned'],
      ['2025-03-01', undefined, undefined],
    ]);
    expect(workerDetailsOn(worker, '2024-03-01')).toMatchObject({ teamId: 'T1', role: 'newly-qualified', fte: 0.8 });
    expect(workerDetailsOn(worker, '2024-07-01')).toMatchObject({ teamId: 'T1', role: 'social-worker', fte: 1 });
    expect(workerDetailsOn(worker, '2025-02-01')).toBeUndefined();
    expect(isWorkerInPost(worker, '2024-12-31')).toBe(true);
    expect(isWorkerInPost(worker, '2025-01-01')).toBe(false);
    expect(employmentOn(worker, '2025-04-01')?.details[0].teamId).toBe('T2');
  });
});

describe('worker streams imported without the domain', () => {
  it('do not blame a newcomer for a recorded event that already broke a rule', () => {
    givenUnchecked(w.left('2024-01-01', 'SW3'), w.detailsChanged('2024-06-01', 'SW3', { fte: 1 }))
      .when(w.joined('2023-01-01', 'SW3'))
      .then('ok');
  });
});

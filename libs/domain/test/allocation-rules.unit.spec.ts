import { caseEventFactory, workerEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-ALLOCATION');
const w = workerEventFactory('allocation');
const referred = c.referral('2025-01-06', 'R1');

describe('allocation: one worker at a time, in an open case', () => {
  it('accepts a first allocation of an open case', () => {
    given(referred).when(c.allocated('2025-01-08', 'SW1')).then('ok');
  });

  it('refuses an allocation before any referral (CASE_NOT_OPEN)', () => {
    given().when(c.allocated('2025-01-08', 'SW1')).then('CASE_NOT_OPEN', 'occurredAt');
  });

  it('refuses an allocation after the case closed (CASE_CLOSED)', () => {
    given(referred, c.closed('2025-02-01')).when(c.allocated('2025-02-03', 'SW1')).then('CASE_CLOSED', 'occurredAt');
  });

  it('refuses an allocation recorded after the closure on the same day (the case is closed by then)', () => {
    given(referred, c.closed('2025-02-01')).when(c.allocated('2025-02-01', 'SW1')).then('CASE_CLOSED');
  });

  it('refuses CaseAllocated while the case has a worker: a change is SocialWorkerChanged (CASE_ALREADY_ALLOCATED)', () => {
    given(referred, c.allocated('2025-01-08', 'SW1')).when(c.allocated('2025-02-01', 'SW2')).then('CASE_ALREADY_ALLOCATED', 'type');
  });

  it('accepts CaseAllocated after the case was unallocated', () => {
    given(referred, c.allocated('2025-01-08', 'SW1'), c.unallocated('2025-01-20', 'SW1')).when(c.allocated('2025-02-01', 'SW2')).then('ok');
  });

  it('accepts a change of worker that names the current worker', () => {
    given(referred, c.allocated('2025-01-08', 'SW1'))
      .when(c.workerChanged('2025-02-01', 'SW1', 'SW2'))
      .then('ok');
  });

  it('refuses a change of worker when the case has none (CASE_NOT_ALLOCATED)', () => {
    given(referred)
      .when(c.workerChanged('2025-02-01', 'SW1', 'SW2'))
      .then('CASE_NOT_ALLOCATED', 'type');
  });

  it('refuses a change of worker from a worker who is not the current one (NOT_CURRENT_WORKER on data.fromWorkerId)', () => {
    given(referred, c.allocated('2025-01-08', 'SW1'))
      .when(c.workerChanged('2025-02-01', 'SW9', 'SW2'))
      .then('NOT_CURRENT_WORKER', 'data.fromWorkerId');
  });

  it('refuses a change to the same worker (SAME_WORKER on data.toWorkerId)', () => {
    given(referred, c.allocated('2025-01-08', 'SW1'))
      .when(c.workerChanged('2025-02-01', 'SW1', 'SW1'))
      .then('SAME_WORKER', 'data.toWorkerId');
  });

  it('refuses a change of worker after the case closed (CASE_CLOSED)', () => {
    given(referred, c.allocated('2025-01-08', 'SW1'), c.closed('2025-03-01'))
      .when(c.workerChanged('2025-03-02', 'SW1', 'SW2'))
      .then('CASE_CLOSED');
  });

  it('accepts an unallocation naming the current worker', () => {
    given(referred, c.allocated('2025-01-08', 'SW1')).when(c.unallocated('2025-02-01', 'SW1')).then('ok');
  });

  it('refuses an unallocation naming another worker (NOT_CURRENT_WORKER on data.workerId)', () => {
    given(referred, c.allocated('2025-01-08', 'SW1')).when(c.unallocated('2025-02-01', 'SW2')).then('NOT_CURRENT_WORKER', 'data.workerId');
  });

  it('refuses an unallocation of a case with no worker (CASE_NOT_ALLOCATED)', () => {
    given(referred).when(c.unallocated('2025-02-01', 'SW1')).then('CASE_NOT_ALLOCATED');
  });

  it('closure ends the allocation: no unallocation after it, and a re-referred case is allocated afresh', () => {
    const history = [referred, c.allocated('2025-01-08', 'SW1'), c.closed('2025-03-01')];
    given(...history)
      .when(c.unallocated('2025-03-02', 'SW1'))
      .then('CASE_NOT_ALLOCATED');
    given(...history, c.referral('2025-04-01', 'R2'))
      .when(c.allocated('2025-04-02', 'SW2'))
      .then('ok');
  });
});

describe('allocation: the worker taking the case must be in post on its date', () => {
  const joined = w.joined('2024-01-01', 'SW1');

  it('accepts a worker the HR feed has not sent yet (decided by the lead: feeds lag; read models show them as unknown)', () => {
    given(referred).when(c.allocated('2025-01-08', 'SW-NEVER-HEARD-OF')).then('ok');
  });

  it('accepts a worker in post', () => {
    given(joined, referred).when(c.allocated('2025-01-08', 'SW1')).then('ok');
  });

  it('refuses a worker who had left by then (WORKER_HAS_LEFT on data.workerId)', () => {
    given(joined, w.left('2025-01-01', 'SW1'), referred).when(c.allocated('2025-01-08', 'SW1')).then('WORKER_HAS_LEFT', 'data.workerId');
  });

  it('refuses an allocation on the leaving date itself (from then on nothing may be allocated)', () => {
    given(joined, w.left('2025-01-08', 'SW1'), referred).when(c.allocated('2025-01-08', 'SW1')).then('WORKER_HAS_LEFT');
  });

  it('refuses a worker who joined after the allocation date (WORKER_NOT_YET_JOINED)', () => {
    given(w.joined('2025-02-01', 'SW1'), referred).when(c.allocated('2025-01-08', 'SW1')).then('WORKER_NOT_YET_JOINED', 'data.workerId');
  });

  it('refuses a change of worker to a worker who had left (WORKER_HAS_LEFT on data.toWorkerId)', () => {
    given(joined, w.left('2025-01-01', 'SW1'), referred, c.allocated('2025-01-07', 'SW0'))
      .when(c.workerChanged('2025-01-08', 'SW0', 'SW1'))
      .then('WORKER_HAS_LEFT', 'data.toWorkerId');
  });

  it('accepts moving a case away from a worker who has left (reason LEFTRL)', () => {
    given(joined, referred, c.allocated('2025-01-08', 'SW1'), w.left('2025-02-01', 'SW1'))
      .when(c.workerChanged('2025-02-03', 'SW1', 'SW2', { reason: 'LEFTRL' }))
      .then('ok');
  });

  it('judges a worker who left and rejoined by the date: refused in the gap, accepted after rejoining', () => {
    const history = [joined, w.left('2025-01-01', 'SW1'), w.joined('2025-03-01', 'SW1'), referred];
    given(...history)
      .when(c.allocated('2025-02-01', 'SW1'))
      .then('WORKER_HAS_LEFT');
    given(...history)
      .when(c.allocated('2025-03-01', 'SW1'))
      .then('ok');
  });

  it('accepts a late allocation dated before the worker left', () => {
    given(joined, referred, w.left('2025-03-01', 'SW1')).when(c.allocated('2025-02-01', 'SW1')).then('ok');
  });

  it('refuses a late allocation dated after the worker left', () => {
    given(joined, referred, w.left('2025-03-01', 'SW1')).when(c.allocated('2025-03-05', 'SW1')).then('WORKER_HAS_LEFT');
  });
});

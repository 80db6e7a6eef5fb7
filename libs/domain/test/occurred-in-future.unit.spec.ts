import { caseEventFactory, workerEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-FUTURE');
const w = workerEventFactory('future');

describe('nothing recorded can have happened after today (London date)', () => {
  it('accepts an event dated today', () => {
    given().today('2025-03-01').when(c.referral('2025-03-01', 'R1')).then('ok');
  });

  it('refuses an event dated tomorrow (OCCURRED_IN_FUTURE on occurredAt)', () => {
    given().today('2025-03-01').when(c.referral('2025-03-02', 'R1')).then('OCCURRED_IN_FUTURE', 'occurredAt');
  });

  it('judges a timestamp by its London date: 23:30Z in British Summer Time is already tomorrow', () => {
    given().today('2025-07-01').when(c.missingStarted('2025-07-01T23:30:00Z', 'M1')).then('OCCURRED_IN_FUTURE');
    given().today('2025-01-01').when(c.missingStarted('2025-01-01T23:30:00Z', 'M1')).then('ok');
  });

  it('compares dates as dates: 9999-12-31T23:59:59-01:00 falls on 10000-01-01 in London, after today', () => {
    given().today('2026-12-02').when(c.referral('9999-12-31T23:59:59-01:00', 'R1')).then('OCCURRED_IN_FUTURE', 'occurredAt');
  });

  it('refuses a worker event dated after today too', () => {
    given().today('2025-03-01').when(w.joined('2025-03-02', 'SW1')).then('OCCURRED_IN_FUTURE', 'occurredAt');
  });

  it('refuses a retraction dated after today', () => {
    const visit = c.visit('2025-02-01', 'V1');
    given(visit).today('2025-03-01').when(c.retracted('2025-03-05', visit)).then('OCCURRED_IN_FUTURE');
  });
});

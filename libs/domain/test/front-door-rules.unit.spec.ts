import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-FRONT-DOOR');

describe('front door: referrals and decisions', () => {
  it('accepts a first referral: it opens the case', () => {
    given().when(c.referral('2025-01-06', 'R1')).then('ok');
  });

  it('refuses a referral id recorded twice (ID_ALREADY_USED on data.referralId)', () => {
    given(c.referral('2025-01-06', 'R1')).when(c.referral('2025-02-06', 'R1')).then('ID_ALREADY_USED', 'data.referralId');
  });

  it('refuses a late referral whose id is used by a later referral (ID_ALREADY_USED)', () => {
    given(c.referral('2025-02-06', 'R1')).when(c.referral('2025-01-06', 'R1')).then('ID_ALREADY_USED', 'data.referralId');
  });

  it('accepts another referral while the case is open', () => {
    given(c.referral('2025-01-06', 'R1')).when(c.referral('2025-01-20', 'R2')).then('ok');
  });

  it('accepts a decision on a recorded referral, on the same day', () => {
    given(c.referral('2025-01-06', 'R1')).when(c.decision('2025-01-06', 'R1')).then('ok');
  });

  it('refuses a decision on a referral never received (REFERRAL_NOT_FOUND on data.referralId)', () => {
    given(c.referral('2025-01-06', 'R1')).when(c.decision('2025-01-07', 'R9')).then('REFERRAL_NOT_FOUND', 'data.referralId');
  });

  it('refuses a decision dated before its referral (DATE_OUT_OF_SEQUENCE on occurredAt)', () => {
    given(c.referral('2025-01-06', 'R1')).when(c.decision('2025-01-05', 'R1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses a second decision on one referral (REFERRAL_ALREADY_DECIDED)', () => {
    given(c.referral('2025-01-06', 'R1'), c.decision('2025-01-07', 'R1'))
      .when(c.decision('2025-01-08', 'R1', 'early-help'))
      .then('REFERRAL_ALREADY_DECIDED');
  });

  it('accepts a decision recorded late, dated on or before the closure it preceded', () => {
    given(c.referral('2025-01-06', 'R1'), c.closed('2025-01-10'))
      .when(c.decision('2025-01-07', 'R1', 'no-further-action'))
      .then('ok');
  });

  it('refuses a decision dated after the case closed (CASE_CLOSED)', () => {
    given(c.referral('2025-01-06', 'R1'), c.closed('2025-01-10')).when(c.decision('2025-01-11', 'R1')).then('CASE_CLOSED', 'occurredAt');
  });

  it('refuses a contact id recorded twice (ID_ALREADY_USED on data.contactId)', () => {
    given(c.contact('2025-01-05', 'CON1')).when(c.contact('2025-01-06', 'CON1')).then('ID_ALREADY_USED', 'data.contactId');
  });

  it('accepts a contact before any referral (contacts need no open case)', () => {
    given().when(c.contact('2025-01-05', 'CON1')).then('ok');
  });
});

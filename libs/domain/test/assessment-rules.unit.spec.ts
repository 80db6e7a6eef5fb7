import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-ASSESSMENT');
const referred = c.referral('2025-01-06', 'R1');
const started = c.assessmentStarted('2025-01-08', 'A1', 'R1');

describe('assessments', () => {
  it('accepts an assessment of a recorded referral, then its authorisation', () => {
    given(referred).when(started).then('ok');
    given(referred, started).when(c.assessmentAuthorised('2025-02-20', 'A1')).then('ok');
  });

  it('refuses an assessment of a referral never received (REFERRAL_NOT_FOUND)', () => {
    given(referred)
      .when(c.assessmentStarted('2025-01-08', 'A1', 'R9'))
      .then('REFERRAL_NOT_FOUND', 'data.referralId');
  });

  it('refuses an assessment starting before its referral (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred)
      .when(c.assessmentStarted('2025-01-05', 'A1', 'R1'))
      .then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses an assessment id started twice (ID_ALREADY_USED on data.assessmentId)', () => {
    given(referred, started)
      .when(c.assessmentStarted('2025-01-09', 'A1', 'R1'))
      .then('ID_ALREADY_USED', 'data.assessmentId');
  });

  it('refuses an assessment of a referral whose episode closed (CASE_CLOSED on data.referralId)', () => {
    given(referred, c.closed('2025-01-07'), c.referral('2025-02-01', 'R2'))
      .when(c.assessmentStarted('2025-02-02', 'A1', 'R1'))
      .then('CASE_CLOSED', 'data.referralId');
  });

  it('refuses authorising an assessment never started (ASSESSMENT_NOT_FOUND)', () => {
    given(referred).when(c.assessmentAuthorised('2025-02-20', 'A1')).then('ASSESSMENT_NOT_FOUND', 'data.assessmentId');
  });

  it('refuses an authorisation dated before the start (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, started).when(c.assessmentAuthorised('2025-01-07', 'A1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses authorising twice (ASSESSMENT_ALREADY_AUTHORISED)', () => {
    given(referred, started, c.assessmentAuthorised('2025-02-20', 'A1')).when(c.assessmentAuthorised('2025-02-21', 'A1')).then('ASSESSMENT_ALREADY_AUTHORISED');
  });

  it('refuses an authorisation dated after the case closed (CASE_CLOSED)', () => {
    given(referred, started, c.closed('2025-02-01')).when(c.assessmentAuthorised('2025-02-20', 'A1')).then('CASE_CLOSED', 'occurredAt');
  });

  it('refuses factor 21 ("no factors") with other factors (ASSESSMENT_FACTOR_21_NOT_ALONE on data.factors)', () => {
    given(referred, started)
      .when(c.assessmentAuthorised('2025-02-20', 'A1', { factors: ['21', '3A'] }))
      .then('ASSESSMENT_FACTOR_21_NOT_ALONE', 'data.factors');
  });

  it('accepts factor 21 alone, and no factors at all', () => {
    given(referred, started)
      .when(c.assessmentAuthorised('2025-02-20', 'A1', { factors: ['21'] }))
      .then('ok');
    given(referred, started)
      .when(c.assessmentAuthorised('2025-02-20', 'A1', { factors: [], outcome: 'not-in-need' }))
      .then('ok');
  });
});

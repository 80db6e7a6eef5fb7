import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-SAFEGUARDING');
const referred = c.referral('2025-01-06', 'R1');
const discussed = c.strategyDiscussion('2025-01-08', 'SD1', { referralId: 'R1', section47Id: 'S47' });

describe('strategy discussions and section 47 enquiries', () => {
  it('accepts a strategy discussion that starts a section 47 enquiry', () => {
    given(referred).when(discussed).then('ok');
  });

  it('refuses a strategy discussion naming a referral never received (REFERRAL_NOT_FOUND)', () => {
    given(referred)
      .when(c.strategyDiscussion('2025-01-08', 'SD1', { referralId: 'R9' }))
      .then('REFERRAL_NOT_FOUND', 'data.referralId');
  });

  it('refuses a strategy discussion dated before the referral it names (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred)
      .when(c.strategyDiscussion('2025-01-05', 'SD1', { referralId: 'R1' }))
      .then('DATE_OUT_OF_SEQUENCE');
  });

  it('refuses a strategy discussion with no open case (CASE_NOT_OPEN)', () => {
    given().when(c.strategyDiscussion('2025-01-08', 'SD1')).then('CASE_NOT_OPEN');
  });

  it('refuses a section 47 id started twice (ID_ALREADY_USED on data.section47Id)', () => {
    given(referred, discussed)
      .when(c.strategyDiscussion('2025-01-09', 'SD2', { section47Id: 'S47' }))
      .then('ID_ALREADY_USED', 'data.section47Id');
  });

  it('accepts completing a started enquiry', () => {
    given(referred, discussed).when(c.section47Completed('2025-01-20', 'S47')).then('ok');
  });

  it('refuses completing an enquiry never started (SECTION47_NOT_FOUND)', () => {
    given(referred, c.strategyDiscussion('2025-01-08', 'SD1')).when(c.section47Completed('2025-01-20', 'S47')).then('SECTION47_NOT_FOUND', 'data.section47Id');
  });

  it('refuses a completion dated before the enquiry started (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, discussed).when(c.section47Completed('2025-01-07', 'S47')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses completing an enquiry twice (SECTION47_ALREADY_COMPLETED)', () => {
    given(referred, discussed, c.section47Completed('2025-01-20', 'S47')).when(c.section47Completed('2025-01-21', 'S47')).then('SECTION47_ALREADY_COMPLETED');
  });
});

describe('child protection conferences', () => {
  it('accepts an ICPC naming a started enquiry, and one naming none', () => {
    given(referred, discussed)
      .when(c.icpc('2025-01-28', 'ICPC1', { section47Id: 'S47' }))
      .then('ok');
    given(referred).when(c.icpc('2025-01-28', 'ICPC1')).then('ok');
  });

  it('refuses an ICPC naming an enquiry never started (SECTION47_NOT_FOUND)', () => {
    given(referred)
      .when(c.icpc('2025-01-28', 'ICPC1', { section47Id: 'S47' }))
      .then('SECTION47_NOT_FOUND', 'data.section47Id');
  });

  it('refuses an ICPC dated before its enquiry started (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, discussed)
      .when(c.icpc('2025-01-07', 'ICPC1', { section47Id: 'S47' }))
      .then('DATE_OUT_OF_SEQUENCE');
  });

  it('refuses a conference id recorded twice (ID_ALREADY_USED on data.conferenceId)', () => {
    given(referred, c.icpc('2025-01-28', 'ICPC1')).when(c.icpc('2025-02-28', 'ICPC1')).then('ID_ALREADY_USED', 'data.conferenceId');
  });

  it('accepts a pre-birth conference for an unborn child', () => {
    given(c.childDetails('2025-01-02', { expectedDateOfBirth: '2025-05-01' }), referred)
      .when(c.preBirthConference('2025-02-01', 'PBC1'))
      .then('ok');
  });

  it('refuses a pre-birth conference for a child whose birth is recorded (NOT_AN_UNBORN_CHILD)', () => {
    given(c.childDetails('2025-01-02', { dateOfBirth: '2024-12-20' }), referred)
      .when(c.preBirthConference('2025-02-01', 'PBC1'))
      .then('NOT_AN_UNBORN_CHILD', 'type');
  });

  it('refuses a pre-birth conference with no expected date of birth recorded (NOT_AN_UNBORN_CHILD)', () => {
    given(referred).when(c.preBirthConference('2025-02-01', 'PBC1')).then('NOT_AN_UNBORN_CHILD', 'childId');
  });

  it('refuses a pre-birth conference with no open case (CASE_NOT_OPEN)', () => {
    given(c.childDetails('2025-01-02', { expectedDateOfBirth: '2025-05-01' }))
      .when(c.preBirthConference('2025-02-01', 'PBC1'))
      .then('CASE_NOT_OPEN');
  });
});

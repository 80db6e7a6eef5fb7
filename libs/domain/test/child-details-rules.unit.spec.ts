import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-DETAILS');

describe("the child's details", () => {
  it('accepts details with no disability, and with several', () => {
    given()
      .when(c.childDetails('2025-01-06', { dateOfBirth: '2016-09-14', disabilities: ['NONE'] }))
      .then('ok');
    given()
      .when(c.childDetails('2025-01-06', { dateOfBirth: '2016-09-14', disabilities: ['MOB', 'HEAR'] }))
      .then('ok');
  });

  it('refuses NONE combined with a disability (DISABILITY_NONE_NOT_ALONE on data.disabilities)', () => {
    given()
      .when(c.childDetails('2025-01-06', { dateOfBirth: '2016-09-14', disabilities: ['NONE', 'MOB'] }))
      .then('DISABILITY_NONE_NOT_ALONE', 'data.disabilities');
  });

  it('refuses a date of birth after the date the details were recorded (DATE_OF_BIRTH_AFTER_EVENT)', () => {
    given()
      .when(c.childDetails('2025-01-06', { dateOfBirth: '2025-01-07' }))
      .then('DATE_OF_BIRTH_AFTER_EVENT', 'data.dateOfBirth');
  });

  it('accepts an unborn child, then the birth', () => {
    given(c.childDetails('2025-01-06', { expectedDateOfBirth: '2025-05-01' }))
      .when(c.childDetails('2025-05-03', { dateOfBirth: '2025-04-29' }))
      .then('ok');
  });

  it('refuses an expected date of birth once a date of birth is recorded (CHILD_ALREADY_BORN)', () => {
    given(c.childDetails('2025-01-06', { dateOfBirth: '2016-09-14' }))
      .when(c.childDetails('2025-02-06', { expectedDateOfBirth: '2025-05-01' }))
      .then('CHILD_ALREADY_BORN', 'data.expectedDateOfBirth');
  });
});

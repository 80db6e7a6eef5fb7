import { BIRTH_DATE_RANGE } from '../calendar-dates';
import type { Disability, Ethnicity, Gender } from '../codes/cin-census-child-codes';
import { ContractField, PayloadRules } from '../fields/contract-field.decorator';
import { calendarDate, nationalCode, nationalCodes, optional } from '../fields/field-types';

/** The child's minimal personal details: no names, no addresses. Exactly one of dateOfBirth / expectedDateOfBirth. */
@PayloadRules({ rule: 'exactlyOneOf', fields: ['dateOfBirth', 'expectedDateOfBirth'] })
export class ChildDetailsRecordedData {
  @ContractField(calendarDate(BIRTH_DATE_RANGE, 'Date of birth (a born child); send this or expectedDateOfBirth, not both.'), optional())
  dateOfBirth?: string;

  @ContractField(calendarDate(BIRTH_DATE_RANGE, 'Expected date of birth (an unborn child); send this or dateOfBirth, not both.'), optional())
  expectedDateOfBirth?: string;

  @ContractField(nationalCode('Gender', 'Sex as the CIN census records it.'))
  gender!: Gender;

  @ContractField(nationalCode('Ethnicity', 'Ethnicity as the CIN census records it.'))
  ethnicity!: Ethnicity;

  @ContractField(nationalCodes('Disability', 1, 'Disabilities as the CIN census records them, each once; ["NONE"] for none.'))
  disabilities!: Disability[];
}

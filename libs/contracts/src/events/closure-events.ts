import type { ClosureReason } from '../codes/cin-census-case-codes';
import { ContractField } from '../fields/contract-field.decorator';
import { nationalCode, text, uuid } from '../fields/field-types';

export class CaseClosedData {
  @ContractField(nationalCode('ClosureReason', 'Why the case closed (CIN census reason for closure).'))
  reason!: ClosureReason;
}

export class EventRetractedData {
  @ContractField(uuid('The eventId of the earlier event of the same child that was recorded in error.'))
  retractedEventId!: string;

  @ContractField(text(1, 500, 'Why it is retracted, in words (no personal data).'))
  reason!: string;
}

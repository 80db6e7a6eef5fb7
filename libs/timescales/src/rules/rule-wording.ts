import type { CountingConvention } from '../calendar/counting-convention';
import type { Limit } from './limit';

// Shared wording of the rule table, kept apart so the table itself reads as one row per rule.

export const REGULATIONS_2010 = 'Care Planning, Placement and Case Review (England) Regulations 2010';
export const WORKING_TOGETHER = 'Working Together to Safeguard Children (2018 and 2023)';

// Frozen: clocks hand these objects to callers, who must not be able to change the table through them.
export const WD = (amount: number): Limit => Object.freeze({ amount, unit: 'working-days' });
export const WEEKS = (amount: number): Limit => Object.freeze({ amount, unit: 'weeks' });
export const MONTHS = (amount: number): Limit => Object.freeze({ amount, unit: 'months' });

export const DFE_DAY1: { convention: CountingConvention; reason: string } = {
  convention: 'day1',
  reason:
    'national measure: the DfE CIN census convention, the start day is day 1 ' + '(30/01/2023 + 45 WD = 31/03/2023), so our figures match the DfE validator',
};

export const DFE_DAY1_NO_DAY_COUNT: { convention: CountingConvention; reason: string } = {
  convention: 'day1',
  reason:
    'national measure, so the DfE default is recorded; its limits are in weeks, months or hours, which run to the ' +
    'corresponding date or time whatever the convention, so it changes nothing here',
};

export const T1_DAY0: { convention: CountingConvention; reason: string } = {
  convention: 'day0',
  reason:
    'Working Together asks for the decision "within one working day of a referral being received"; under day1 a ' +
    '1-WD limit collapses to the day of receipt, which the guidance does not say (Pan-Sussex 4.1.1: "on the day of ' +
    'receipt (and no later than within one working day)"). day0 makes the next working day the last day allowed',
};

export const LOCAL_CONVENTION_REASON =
  'local rule: the convention comes from the local standards (localConvention); the default day0 makes ' +
  '"every 10 working days" mean a visit on a Monday is next due on the Monday two weeks later';

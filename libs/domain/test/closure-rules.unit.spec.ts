import { currentAllocation, isLookedAfter, openPlans } from '../src';
import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-CLOSURE');
const referred = c.referral('2025-01-06', 'R1');

describe('closure', () => {
  it('accepts closing an open case', () => {
    given(referred).when(c.closed('2025-02-01')).then('ok');
  });

  it('refuses closing a case that never opened (CASE_NOT_OPEN)', () => {
    given().when(c.closed('2025-02-01')).then('CASE_NOT_OPEN', 'type');
  });

  it('refuses closing a closed case (CASE_NOT_OPEN)', () => {
    given(referred, c.closed('2025-02-01')).when(c.closed('2025-02-02')).then('CASE_NOT_OPEN');
  });

  it('accepts a re-referral of a closed case, which re-opens it', () => {
    given(referred, c.closed('2025-02-01')).when(c.referral('2025-03-01', 'R2')).then('ok');
    given(referred, c.closed('2025-02-01'), c.referral('2025-03-01', 'R2')).when(c.closed('2025-04-01')).then('ok');
  });

  it('accepts closure with a plan, a period of care and an allocation open, and ends them all on its date', () => {
    const { child } = given(
      referred,
      c.allocated('2025-01-07', 'SW1'),
      c.planStarted('2025-01-10', 'CIN1', 'CIN'),
      c.becameLookedAfter('2025-01-20', 'P1'),
      c.planStarted('2025-01-21', 'CARE1', 'CLA'),
      c.closed('2025-03-01'),
    ).recorded();
    expect(openPlans(child, '2025-02-28').map((plan) => plan.planId)).toEqual(['CIN1', 'CARE1']);
    expect(openPlans(child, '2025-03-01')).toEqual([]);
    expect(isLookedAfter(child, '2025-02-28')).toBe(true);
    expect(isLookedAfter(child, '2025-03-01')).toBe(false);
    expect(currentAllocation(child, '2025-03-01')).toBeUndefined();
  });

  it('refuses a late closure dated before a recorded allocation that needs the case open (CONFLICTS_WITH_LATER_EVENT)', () => {
    given(referred, c.allocated('2025-01-20', 'SW1')).when(c.closed('2025-01-10')).then('CONFLICTS_WITH_LATER_EVENT', 'occurredAt');
  });
});

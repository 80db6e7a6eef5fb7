import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-PLANS');
const referred = c.referral('2025-01-06', 'R1');

describe('plans', () => {
  it('accepts a CP plan with no conference recorded (a plan transferred in from another authority)', () => {
    given(referred)
      .when(c.planStarted('2025-01-10', 'CP1', 'CP'))
      .then('ok');
  });

  it('accepts a CIN plan and a CP plan open together (one open plan per type, not per child)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'))
      .when(c.planStarted('2025-02-10', 'CP1', 'CP'))
      .then('ok');
  });

  it('refuses a plan id started twice (ID_ALREADY_USED on data.planId)', () => {
    given(referred, c.planStarted('2025-01-10', 'P1', 'CIN'), c.planEnded('2025-01-20', 'P1'))
      .when(c.planStarted('2025-02-10', 'P1', 'CIN'))
      .then('ID_ALREADY_USED', 'data.planId');
  });

  it('refuses a plan in a case that is not open (CASE_NOT_OPEN)', () => {
    given()
      .when(c.planStarted('2025-01-10', 'P1', 'CIN'))
      .then('CASE_NOT_OPEN');
  });

  it('refuses a plan after the case closed (CASE_CLOSED)', () => {
    given(referred, c.closed('2025-01-09'))
      .when(c.planStarted('2025-01-10', 'P1', 'CIN'))
      .then('CASE_CLOSED');
  });

  it('refuses a second open plan of the same type (PLANS_OVERLAP on data.planType)', () => {
    given(referred, c.planStarted('2025-01-10', 'CP1', 'CP'))
      .when(c.planStarted('2025-02-10', 'CP2', 'CP'))
      .then('PLANS_OVERLAP', 'data.planType');
  });

  it('accepts the next plan of a type starting the day the previous one ended', () => {
    given(referred, c.planStarted('2025-01-10', 'CP1', 'CP'), c.planEnded('2025-02-10', 'CP1'))
      .when(c.planStarted('2025-02-10', 'CP2', 'CP'))
      .then('ok');
  });

  it('refuses a CLA plan when the child is not looked after on its start date (NOT_LOOKED_AFTER)', () => {
    given(referred)
      .when(c.planStarted('2025-01-10', 'CARE1', 'CLA'))
      .then('NOT_LOOKED_AFTER', 'data.planType');
  });

  it('accepts a CLA plan while the child is looked after', () => {
    given(referred, c.becameLookedAfter('2025-01-08', 'P1'))
      .when(c.planStarted('2025-01-10', 'CARE1', 'CLA'))
      .then('ok');
  });

  it('accepts a pathway plan without a recorded period of care (care may predate these records)', () => {
    given(referred)
      .when(c.planStarted('2025-01-10', 'PW1', 'PATHWAY'))
      .then('ok');
  });

  it('accepts a review of an open plan, and on the day it ended', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'))
      .when(c.planReviewed('2025-04-10', 'CIN1'))
      .then('ok');
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.planEnded('2025-04-10', 'CIN1'))
      .when(c.planReviewed('2025-04-10', 'CIN1'))
      .then('ok');
  });

  it('refuses a review of a plan never started (PLAN_NOT_FOUND on data.planId)', () => {
    given(referred).when(c.planReviewed('2025-04-10', 'CIN1')).then('PLAN_NOT_FOUND', 'data.planId');
  });

  it('refuses a review dated before the plan started (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'))
      .when(c.planReviewed('2025-01-09', 'CIN1'))
      .then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses a review after the plan ended (PLAN_ENDED)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.planEnded('2025-03-10', 'CIN1'))
      .when(c.planReviewed('2025-04-10', 'CIN1'))
      .then('PLAN_ENDED', 'occurredAt');
  });

  it('refuses a review after the case closure ended the plan (PLAN_ENDED)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.closed('2025-03-10'))
      .when(c.planReviewed('2025-04-10', 'CIN1'))
      .then('PLAN_ENDED');
  });

  it('refuses ending a plan twice (PLAN_ENDED)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.planEnded('2025-03-10', 'CIN1'))
      .when(c.planEnded('2025-04-10', 'CIN1'))
      .then('PLAN_ENDED');
  });

  it('refuses an end dated before the plan started (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'))
      .when(c.planEnded('2025-01-09', 'CIN1'))
      .then('DATE_OUT_OF_SEQUENCE');
  });

  it('refuses an end dated before the last recorded review (CONFLICTS_WITH_LATER_EVENT names the review)', () => {
    const review = c.planReviewed('2025-04-10', 'CIN1');
    const decision = given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), review)
      .when(c.planEnded('2025-03-10', 'CIN1'))
      .then('CONFLICTS_WITH_LATER_EVENT', 'occurredAt');
    expect(!decision.ok && decision.error.message).toContain(`PlanReviewed ${review.eventId}`);
  });

  it('accepts an end recorded after the closure, dated on or before it (it replaces the end the closure implied)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.closed('2025-03-10'))
      .when(c.planEnded('2025-03-10', 'CIN1'))
      .then('ok');
  });

  it('refuses an end dated after the closure that ended the plan (PLAN_ENDED)', () => {
    given(referred, c.planStarted('2025-01-10', 'CIN1', 'CIN'), c.closed('2025-03-10'))
      .when(c.planEnded('2025-03-11', 'CIN1'))
      .then('PLAN_ENDED');
  });
});

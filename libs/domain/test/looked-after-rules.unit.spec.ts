import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-LOOKED-AFTER');
const referred = c.referral('2025-01-06', 'R1');
const lookedAfter = c.becameLookedAfter('2025-02-01', 'P1');

describe('periods of care', () => {
  it('accepts becoming looked after in an open case', () => {
    given(referred).when(c.becameLookedAfter('2025-02-01', 'P1')).then('ok');
  });

  it('accepts becoming looked after as the first fact of a history that starts part-way (no referral on record, as in an SSDA903 return)', () => {
    given().when(c.becameLookedAfter('2025-02-01', 'P1')).then('ok');
    given(c.becameLookedAfter('2025-02-01', 'P1')).when(c.ceased('2025-03-01', 'P1')).then('ok');
  });

  it('still refuses becoming looked after once the case was closed (CASE_CLOSED): a new referral re-opens it', () => {
    given(referred, c.closed('2025-01-20')).when(c.becameLookedAfter('2025-02-01', 'P1')).then('CASE_CLOSED');
  });

  it('opens no case episode for a period of care on its own: work that needs an open case is still refused (CASE_NOT_OPEN)', () => {
    given(c.becameLookedAfter('2025-02-01', 'P1'))
      .when(c.allocated('2025-02-02', 'W1', 'TEAM-1'))
      .then('CASE_NOT_OPEN');
  });

  it('refuses a period id started twice (ID_ALREADY_USED on data.periodId)', () => {
    given(referred, lookedAfter, c.ceased('2025-03-01', 'P1')).when(c.becameLookedAfter('2025-04-01', 'P1')).then('ID_ALREADY_USED', 'data.periodId');
  });

  it('refuses a new period while one is open (PERIODS_OVERLAP on data.periodId)', () => {
    given(referred, lookedAfter).when(c.becameLookedAfter('2025-03-01', 'P2')).then('PERIODS_OVERLAP', 'data.periodId');
  });

  it('refuses a late period dated inside a closed one (PERIODS_OVERLAP)', () => {
    given(referred, lookedAfter, c.ceased('2025-04-01', 'P1')).when(c.becameLookedAfter('2025-03-01', 'P2')).then('PERIODS_OVERLAP');
  });

  it('accepts a new period starting the day the previous one ceased', () => {
    given(referred, lookedAfter, c.ceased('2025-04-01', 'P1')).when(c.becameLookedAfter('2025-04-01', 'P2')).then('ok');
  });

  it('accepts placement and legal status changes within the open period', () => {
    given(referred, lookedAfter)
      .when(c.placementChanged('2025-03-01', 'P1', 'PL2'))
      .then('ok');
    given(referred, lookedAfter)
      .when(c.legalStatusChanged('2025-03-01', 'P1', 'C2'))
      .then('ok');
  });

  it('refuses a placement change in a period never started (PERIOD_NOT_FOUND on data.periodId)', () => {
    given(referred)
      .when(c.placementChanged('2025-03-01', 'P1', 'PL2'))
      .then('PERIOD_NOT_FOUND', 'data.periodId');
  });

  it('refuses a placement change or legal status change dated before the period started (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, lookedAfter)
      .when(c.placementChanged('2025-01-20', 'P1', 'PL2'))
      .then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
    given(referred, lookedAfter).when(c.legalStatusChanged('2025-01-20', 'P1')).then('DATE_OUT_OF_SEQUENCE', 'occurredAt');
  });

  it('refuses a placement change after the period ceased (PERIOD_NOT_OPEN)', () => {
    given(referred, lookedAfter, c.ceased('2025-03-01', 'P1'))
      .when(c.placementChanged('2025-03-02', 'P1', 'PL2'))
      .then('PERIOD_NOT_OPEN', 'occurredAt');
  });

  it('refuses a legal status change after the case closure ended the period (PERIOD_NOT_OPEN)', () => {
    given(referred, lookedAfter, c.closed('2025-03-01')).when(c.legalStatusChanged('2025-03-02', 'P1')).then('PERIOD_NOT_OPEN');
  });

  it('refuses ceasing a period dated before it started (DATE_OUT_OF_SEQUENCE)', () => {
    given(referred, lookedAfter).when(c.ceased('2025-01-20', 'P1')).then('DATE_OUT_OF_SEQUENCE');
  });

  it('refuses ceasing a period twice (PERIOD_NOT_OPEN)', () => {
    given(referred, lookedAfter, c.ceased('2025-03-01', 'P1')).when(c.ceased('2025-03-05', 'P1')).then('PERIOD_NOT_OPEN');
  });

  it('refuses ceasing dated before the last recorded placement change (CONFLICTS_WITH_LATER_EVENT)', () => {
    given(referred, lookedAfter, c.placementChanged('2025-04-01', 'P1', 'PL2'))
      .when(c.ceased('2025-03-01', 'P1'))
      .then('CONFLICTS_WITH_LATER_EVENT');
  });

  it('accepts a ceasing recorded after the closure and dated on or before it', () => {
    given(referred, lookedAfter, c.closed('2025-04-01')).when(c.ceased('2025-03-20', 'P1')).then('ok');
  });
});

describe('late periods of care', () => {
  it('accepts a late earlier period, and then its ceasing dated on or before the later period started', () => {
    const later = c.becameLookedAfter('2025-05-01', 'P2');
    given(referred, later).when(c.becameLookedAfter('2025-02-01', 'P1')).then('ok');
    given(referred, later, c.becameLookedAfter('2025-02-01', 'P1')).when(c.ceased('2025-04-01', 'P1')).then('ok');
  });

  it('refuses the late period’s ceasing dated after the later period started (PERIODS_OVERLAP)', () => {
    given(referred, c.becameLookedAfter('2025-05-01', 'P2'), c.becameLookedAfter('2025-02-01', 'P1'))
      .when(c.ceased('2025-06-01', 'P1'))
      .then('PERIODS_OVERLAP', 'occurredAt');
  });

  it('refuses a placement change in the late period dated after the later period started (PERIOD_NOT_OPEN)', () => {
    given(referred, c.becameLookedAfter('2025-05-01', 'P2'), c.becameLookedAfter('2025-02-01', 'P1'))
      .when(c.placementChanged('2025-05-10', 'P1', 'PLX'))
      .then('PERIOD_NOT_OPEN');
  });

  it('refuses a late ceasing that would leave a recorded placement change outside the period (CONFLICTS_WITH_LATER_EVENT)', () => {
    given(referred, lookedAfter, c.placementChanged('2025-06-01', 'P1', 'PL2'))
      .when(c.ceased('2025-05-01', 'P1'))
      .then('CONFLICTS_WITH_LATER_EVENT');
  });
});

describe('health assessments', () => {
  it('accepts a health assessment of a looked-after child', () => {
    given(referred, lookedAfter).when(c.healthAssessment('2025-02-20', 'HA1')).then('ok');
  });

  it('refuses a health assessment of a child not looked after on that date (NOT_LOOKED_AFTER)', () => {
    given(referred).when(c.healthAssessment('2025-02-20', 'HA1')).then('NOT_LOOKED_AFTER', 'occurredAt');
  });

  it('refuses a health assessment id recorded twice (ID_ALREADY_USED)', () => {
    given(referred, lookedAfter, c.healthAssessment('2025-02-20', 'HA1'))
      .when(c.healthAssessment('2025-08-20', 'HA1', 'review'))
      .then('ID_ALREADY_USED', 'data.healthAssessmentId');
  });
});

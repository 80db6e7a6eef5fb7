import { addCalendarDays } from '../src';
import { childEvents } from './child-events';

// A busy child over two years: referral, s47, CP plan with fortnightly visits, then care with placements,
// reviews, visits, health assessments and timestamped missing episodes: 200 events.
export function busyChild() {
  const child = childEvents();
  const on = (days: number) => addCalendarDays('2023-01-09', days);
  child.add('ChildDetailsRecorded', on(0), { dateOfBirth: '2019-05-01', gender: 'F', ethnicity: 'WBRI', disabilities: ['NONE'] });
  child.add('ReferralReceived', on(0), { referralId: 'R1', source: '1A', primaryNeed: 'N1' });
  child.add('ReferralDecisionMade', on(1), { referralId: 'R1', decision: 'strategy-discussion' });
  child.add('StrategyDiscussionHeld', on(2), { strategyDiscussionId: 'SD1', referralId: 'R1', section47Started: true, section47Id: 'S1' });
  child.add('AssessmentStarted', on(2), { assessmentId: 'A1', referralId: 'R1' });
  child.add('InitialChildProtectionConferenceHeld', on(16), { conferenceId: 'C1', section47Id: 'S1', planRequired: true, categoryOfAbuse: 'NEG' });
  child.add('PlanStarted', on(16), { planId: 'CP1', planType: 'CP', categoryOfAbuse: 'NEG' });
  child.add('AssessmentAuthorised', on(40), { assessmentId: 'A1', outcome: 'child-in-need', factors: ['1A'] });
  for (let i = 1; i <= 60; i += 1) child.add('StatutoryVisitMade', on(16 + 13 * i), { visitId: `V${i}`, seen: i % 7 !== 0, seenAlone: false });
  for (let i = 1; i <= 4; i += 1) child.add('PlanReviewed', on(16 + 88 * i), { planId: 'CP1' });
  child.add('BecameLookedAfter', on(400), { periodId: 'LA1', placementId: 'PL1', legalStatus: 'C2', placementType: 'U4', longTerm: false });
  child.add('PlanStarted', on(405), { planId: 'CLA1', planType: 'CLA' });
  for (let i = 1; i <= 6; i += 1) {
    child.add('PlacementChanged', on(400 + 50 * i), { periodId: 'LA1', placementId: `PL${i + 1}`, placementType: 'U4', longTerm: i > 4, reason: 'CARPL' });
  }
  for (let i = 1; i <= 8; i += 1) child.add('PlanReviewed', on(410 + 40 * i), { planId: 'CLA1' });
  for (let i = 1; i <= 6; i += 1)
    child.add('HealthAssessmentCompleted', on(410 + 60 * i), { healthAssessmentId: `H${i}`, assessmentType: i === 1 ? 'initial' : 'review' });
  for (let i = 1; child.events.length < 200; i += 1) {
    const day = on(420 + 9 * i);
    child.add('MissingEpisodeEnded', `${day}T21:15:00Z`, { missingEpisodeId: `M${i}` });
    child.add('ReturnHomeInterviewCompleted', `${addCalendarDays(day, 2)}T10:00:00+01:00`, { missingEpisodeId: `M${i}` });
  }
  return child.events;
}

import type { CaseReadModel } from '../../engine/case-read-model';
import { childFold, factsOf } from '../../engine/subject-folds';
import { allocationOn } from '../allocation-on';

export const WAITING_TIMES_SCHEMA = 'rm_waiting_times';

/**
 * Waiting times from the front door: for every referral, when it was received, decided, first
 * allocated, and its assessment started and authorised; and when its case closed. Stage durations
 * and who is waiting on any date follow from these dates.
 */
export const waitingTimesReadModel: CaseReadModel = {
  name: 'waiting-times',
  schema: WAITING_TIMES_SCHEMA,
  categories: ['child'],
  eventTypes: [
    'ReferralReceived',
    'ReferralDecisionMade',
    'AssessmentStarted',
    'AssessmentAuthorised',
    'CaseAllocated',
    'SocialWorkerChanged',
    'CaseUnallocated',
    'CaseClosed',
  ],
  tables: [
    {
      name: 'referrals',
      subject: 'child',
      subjectColumn: 'child_id',
      columns: [
        'child_id',
        'referral_id',
        'received_on',
        'decided_on',
        'decision',
        'allocated_on',
        'team_id',
        'assessment_id',
        'assessment_started_on',
        'assessment_authorised_on',
        'closed_on',
        'referral_event_id',
      ],
    },
  ],
  migrations: [
    {
      version: 1,
      name: 'referral stages',
      sql: (schema) => `
        CREATE TABLE ${schema}.referrals (
          child_id text NOT NULL, referral_id text NOT NULL, received_on date NOT NULL,
          decided_on date, decision text, allocated_on date, team_id text,
          assessment_id text, assessment_started_on date, assessment_authorised_on date,
          closed_on date, referral_event_id text NOT NULL,
          PRIMARY KEY (child_id, referral_id));
        COMMENT ON COLUMN ${schema}.referrals.allocated_on IS 'The first day on or after the referral that the case had a social worker (the referral day itself if it already had one).';
        CREATE INDEX ON ${schema}.referrals (received_on);`,
    },
    {
      version: 2,
      name: 'index of referrals awaiting assessment',
      // Who is waiting for an assessment on a date: referrals decided for assessment whose assessment had
      // not started by then (none yet, or later), without reading every referral.
      sql: (schema) => `CREATE INDEX ON ${schema}.referrals (assessment_started_on, decided_on) WHERE decision = 'assessment';`,
    },
  ],
  derive(subject, folded) {
    const facts = factsOf(childFold(folded));
    const assessments = [...facts.assessments.values()];
    return {
      referrals: [...facts.referrals.values()].map((referral) => {
        const episode = facts.episodes.find((candidate) => candidate.index === referral.episode);
        const closedOn = episode?.closure?.on ?? null;
        const inForce = allocationOn(facts.allocations, referral.on);
        const next = facts.allocations.find((allocation) => allocation.on >= referral.on && (closedOn === null || allocation.on <= closedOn));
        const allocation = inForce ?? next;
        const assessment = assessments.filter((candidate) => candidate.referralId === referral.referralId).sort((a, b) => a.on.localeCompare(b.on))[0];
        return {
          child_id: subject.id,
          referral_id: referral.referralId,
          received_on: referral.on,
          decided_on: referral.decision?.on ?? null,
          decision: referral.decision?.decision ?? null,
          allocated_on: inForce ? referral.on : (next?.on ?? null),
          team_id: allocation?.teamId ?? null,
          assessment_id: assessment?.assessmentId ?? null,
          assessment_started_on: assessment?.on ?? null,
          assessment_authorised_on: assessment?.authorisation?.on ?? null,
          closed_on: closedOn,
          referral_event_id: referral.eventId,
        };
      }),
    };
  },
};

import { caseStatus } from '@csc/domain';
import { occurredOnDate } from '@csc/contracts';
import type { CaseReadModel } from '../../engine/case-read-model';
import { childFold, factsOf, latestOn } from '../../engine/subject-folds';

export const CHILD_TRACKER_SCHEMA = 'rm_child_tracker';

/** Events after which a case's status may differ: status is evaluated on their dates only, not on every visit. */
const STATUS_EVENTS = new Set([
  'ReferralReceived',
  'ReferralDecisionMade',
  'StrategyDiscussionHeld',
  'Section47EnquiryCompleted',
  'AssessmentStarted',
  'AssessmentAuthorised',
  'PlanStarted',
  'PlanEnded',
  'BecameLookedAfter',
  'CeasedToBeLookedAfter',
  'CaseClosed',
  'EventRetracted',
]);

/**
 * The child tracker: each child's details, status over time, statutory visits, referrals and
 * placements, so the tracker can answer for any date what Ofsted's Annex A asks child by child.
 * (Clocks come from the timeliness read model, allocations from continuity.)
 */
const EVENT_TYPES = [...STATUS_EVENTS, 'ChildDetailsRecorded', 'StatutoryVisitMade', 'PlanReviewed', 'PlacementChanged', 'LegalStatusChanged'];
const LATEST_OF = new Set([...EVENT_TYPES, 'EventRetracted']);

export const childTrackerReadModel: CaseReadModel = {
  name: 'child-tracker',
  schema: CHILD_TRACKER_SCHEMA,
  categories: ['child'],
  eventTypes: EVENT_TYPES,
  tables: [
    {
      name: 'children',
      subject: 'child',
      subjectColumn: 'child_id',
      columns: ['child_id', 'date_of_birth', 'expected_date_of_birth', 'gender', 'ethnicity', 'last_event_on'],
    },
    { name: 'status_periods', subject: 'child', subjectColumn: 'child_id', columns: ['child_id', 'status', 'from_on', 'to_on', 'event_id'] },
    { name: 'visits', subject: 'child', subjectColumn: 'child_id', columns: ['child_id', 'visit_id', 'visited_on', 'seen', 'seen_alone', 'event_id'] },
    { name: 'reviews', subject: 'child', subjectColumn: 'child_id', columns: ['child_id', 'plan_id', 'plan_type', 'reviewed_on', 'event_id'] },
    { name: 'referrals', subject: 'child', subjectColumn: 'child_id', columns: ['child_id', 'referral_id', 'received_on', 'event_id'] },
    {
      name: 'placements',
      subject: 'child',
      subjectColumn: 'child_id',
      columns: ['child_id', 'period_id', 'placement_id', 'placement_type', 'started_on', 'event_id'],
    },
    {
      name: 'legal_statuses',
      subject: 'child',
      subjectColumn: 'child_id',
      columns: ['child_id', 'period_id', 'legal_status', 'from_on', 'to_on', 'event_id'],
    },
  ],
  migrations: [
    {
      version: 1,
      name: 'child tracker tables',
      sql: (schema) => `
        CREATE TABLE ${schema}.children (child_id text PRIMARY KEY, date_of_birth date, expected_date_of_birth date, gender text, ethnicity text, last_event_on date NOT NULL);
        CREATE TABLE ${schema}.status_periods (child_id text NOT NULL, status text NOT NULL, from_on date NOT NULL, to_on date, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.status_periods (child_id, from_on);
        CREATE INDEX ON ${schema}.status_periods (status, from_on);
        CREATE TABLE ${schema}.visits (child_id text NOT NULL, visit_id text NOT NULL, visited_on date NOT NULL, seen boolean NOT NULL, seen_alone boolean NOT NULL, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.visits (child_id, visited_on);
        CREATE TABLE ${schema}.reviews (child_id text NOT NULL, plan_id text NOT NULL, plan_type text NOT NULL, reviewed_on date NOT NULL, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.reviews (child_id, reviewed_on);
        CREATE TABLE ${schema}.referrals (child_id text NOT NULL, referral_id text NOT NULL, received_on date NOT NULL, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.referrals (child_id, received_on);
        CREATE TABLE ${schema}.placements (child_id text NOT NULL, period_id text NOT NULL, placement_id text NOT NULL, placement_type text NOT NULL, started_on date NOT NULL, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.placements (child_id, started_on);`,
    },
    {
      version: 2,
      name: 'index of the periods of open cases by end',
      // Who is in a cohort on a date (continuity): the open statuses in force then, found by their end
      // (none, or after the date) rather than by reading every period since the start.
      sql: (schema) => `CREATE INDEX ON ${schema}.status_periods (to_on, from_on) WHERE status NOT IN ('closed', 'not-known');`,
    },
    {
      version: 3,
      name: 'legal statuses of each period of care',
      // Looked-after cohorts leave out children looked after under a series of short breaks (V3, V4), as the
      // DfE's statistics do: the legal status in force on a date must be known.
      sql: (schema) => `
        CREATE TABLE ${schema}.legal_statuses (child_id text NOT NULL, period_id text NOT NULL, legal_status text NOT NULL, from_on date NOT NULL, to_on date, event_id text NOT NULL);
        CREATE INDEX ON ${schema}.legal_statuses (child_id, from_on);`,
    },
  ],
  derive(subject, folded) {
    const { state, events } = childFold(folded);
    const facts = factsOf(childFold(folded));
    const lastOn = latestOn(folded, LATEST_OF);
    const details = facts.childDetails[facts.childDetails.length - 1];
    const statusDates = [...new Set(events.filter((event) => STATUS_EVENTS.has(event.type)).map((event) => occurredOnDate(event.occurredAt)))].sort();
    const statusPeriods: Array<{ child_id: string; status: string; from_on: string; to_on: string | null; event_id: string }> = [];
    for (const on of statusDates) {
      const status = caseStatus(state, on);
      const last = statusPeriods[statusPeriods.length - 1];
      if (last?.status === status) continue;
      if (last) last.to_on = on;
      const cause = events.find((event) => STATUS_EVENTS.has(event.type) && occurredOnDate(event.occurredAt) === on);
      statusPeriods.push({ child_id: subject.id, status, from_on: on, to_on: null, event_id: cause?.eventId ?? '' });
    }
    const lookedAfter = [...facts.periodsOfCare.values()];
    return {
      children: [
        {
          child_id: subject.id,
          date_of_birth: details?.dateOfBirth ?? null,
          expected_date_of_birth: details?.expectedDateOfBirth ?? null,
          gender: details?.gender ?? null,
          ethnicity: details?.ethnicity ?? null,
          last_event_on: lastOn,
        },
      ],
      status_periods: statusPeriods.filter((period) => period.status !== 'not-known'),
      visits: [...facts.visits.values()].map((visit) => ({
        child_id: subject.id,
        visit_id: visit.visitId,
        visited_on: visit.on,
        seen: visit.seen,
        seen_alone: visit.seenAlone,
        event_id: visit.eventId,
      })),
      reviews: [...facts.plans.values()].flatMap((plan) =>
        plan.reviews.map((review) => ({
          child_id: subject.id,
          plan_id: plan.planId,
          plan_type: plan.planType,
          reviewed_on: review.on,
          event_id: review.eventId,
        })),
      ),
      referrals: [...facts.referrals.values()].map((referral) => ({
        child_id: subject.id,
        referral_id: referral.referralId,
        received_on: referral.on,
        event_id: referral.eventId,
      })),
      placements: lookedAfter.flatMap((period) =>
        period.placements.map((placement) => ({
          child_id: subject.id,
          period_id: period.periodId,
          placement_id: placement.placementId,
          placement_type: placement.placementType,
          started_on: placement.on,
          event_id: placement.eventId,
        })),
      ),
      // Each legal status runs to the next one's start or the period's end (to_on: the first day it no longer holds).
      legal_statuses: lookedAfter.flatMap((period) =>
        period.legalStatuses.map((status, index) => ({
          child_id: subject.id,
          period_id: period.periodId,
          legal_status: status.legalStatus,
          from_on: status.on,
          to_on: period.legalStatuses[index + 1]?.on ?? period.end?.on ?? null,
          event_id: status.eventId,
        })),
      ),
    };
  },
};

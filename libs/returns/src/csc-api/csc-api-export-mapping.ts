import type { ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState, type CaseEpisode, type CaseFacts, type PeriodOfCareFact } from '@csc/domain';
import type { OmittedChild } from '../cin-census/cin-census-export-model';

// The identifier patterns of the DfE CSC API (../shared/data/children-in-social-care-schemas/openapi.json,
// components.schemas.CSC): la_child_id ^[A-Za-z0-9]+$ (at most 20), other ids ^[A-Za-z0-9_-]*$ (36; worker_id 12).
const CHILD_ID = /^[A-Za-z0-9]{1,20}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{0,36}$/;
const WORKER_ID = /^[A-Za-z0-9_-]{0,12}$/;

type Json = Record<string, unknown>;
export type CscApiMapping = { kind: 'child'; child: Json } | { kind: 'out-of-scope' } | { kind: 'omitted'; omitted: OmittedChild };

/**
 * One child's CSC API record as at a date: the child's details and every case episode (referral to closure)
 * open on a day of the twelve months to the date, with what happened in it up to the date. Identifiers are sent
 * as we hold them: one the API's patterns refuse makes the child listed as omitted, never rewritten.
 */
export function cscApiChildOf(childId: string, events: readonly ChildEvent[], asAt: string, from: string): CscApiMapping {
  const facts = caseFactsOf(events.reduce(evolveChildCase, initialChildCaseState), asAt);
  const episodes = facts.episodes.filter((episode) => episode.openedOn <= asAt && (episode.closure === undefined || episode.closure.on >= from));
  if (episodes.length === 0) return { kind: 'out-of-scope' };
  if (!CHILD_ID.test(childId)) return omitted(childId, `la_child_id must match ^[A-Za-z0-9]+$ (at most 20 characters): ${childId}`);
  const details = facts.childDetails[facts.childDetails.length - 1];
  const child: Json = {
    la_child_id: childId,
    child_details: details
      ? {
          ...(details.dateOfBirth ? { date_of_birth: details.dateOfBirth } : { expected_date_of_birth: details.expectedDateOfBirth }),
          sex: details.gender,
          ethnicity: details.ethnicity,
          disabilities: [...details.disabilities],
        }
      : {},
    social_care_episodes: episodes.map((episode) => episodeOf(facts, episode)),
  };
  const bad = badIdentifiers(child);
  return bad ? omitted(childId, bad) : { kind: 'child', child };
}

function omitted(childId: string, reason: string): CscApiMapping {
  return { kind: 'omitted', omitted: { childId, reason } };
}

function episodeOf(facts: CaseFacts, episode: CaseEpisode): Json {
  const referral = facts.referrals.get(episode.openedByReferralId)!;
  const closedOn = episode.closure?.on;
  const within = (on: string) => on >= episode.openedOn && (closedOn === undefined || on <= closedOn);
  const plans = (type: 'CIN' | 'CP', key: string) =>
    [...facts.plans.values()]
      .filter((plan) => plan.planType === type && within(plan.on))
      .map((plan) => ({ [key]: plan.planId, start_date: plan.on, ...(plan.end ? { end_date: plan.end.on } : {}) }));
  const conferences = [...facts.conferences.values()].filter((conference) => conference.kind === 'initial');
  return {
    // The API's episode id: the referral that opened it, a natural key that stays the same at every export.
    social_care_episode_id: episode.openedByReferralId,
    referral_date: referral.on,
    referral_source: referral.source,
    referral_no_further_action_flag: referral.decision?.decision === 'no-further-action',
    ...(episode.closure ? { closure_date: episode.closure.on, closure_reason: episode.closure.reason } : {}),
    care_worker_details: facts.allocations
      .filter((allocation) => within(allocation.on))
      .map((allocation) => ({ worker_id: allocation.workerId, start_date: allocation.on, ...(allocation.end ? { end_date: allocation.end.on } : {}) })),
    child_and_family_assessments: [...facts.assessments.values()]
      .filter((assessment) => assessment.episode === episode.index)
      .map((assessment) => ({
        child_and_family_assessment_id: assessment.assessmentId,
        start_date: assessment.on,
        ...(assessment.authorisation ? { authorisation_date: assessment.authorisation.on, factors: [...assessment.authorisation.factors] } : {}),
      })),
    child_in_need_plans: plans('CIN', 'child_in_need_plan_id'),
    section_47_assessments: [...facts.section47Enquiries.values()]
      .filter((enquiry) => enquiry.episode === episode.index)
      .map((enquiry) => {
        const conference = conferences.find((candidate) => candidate.section47Id === enquiry.section47Id);
        return {
          section_47_assessment_id: enquiry.section47Id,
          start_date: enquiry.startedOn,
          ...(enquiry.completion ? { icpc_required_flag: enquiry.completion.icpcRequired, end_date: enquiry.completion.on } : {}),
          ...(conference ? { icpc_date: conference.on } : {}),
        };
      }),
    child_protection_plans: plans('CP', 'child_protection_plan_id'),
    child_looked_after_placements: [...facts.periodsOfCare.values()].filter((period) => within(period.on)).flatMap(placementsOf),
  };
}

/** Each placement of a period, ending the day the next starts (903 REC X1) or with the period (its REC). */
function placementsOf(period: PeriodOfCareFact): Json[] {
  return period.placements.map((placement, index) => {
    const next = period.placements[index + 1];
    const endOn = next?.on ?? period.end?.on;
    return {
      child_looked_after_placement_id: placement.placementId,
      start_date: placement.on,
      // 903 RNE: the period's own reason for its first placement, P (change of placement) after.
      start_reason: index === 0 ? (period.reasonNewEpisode ?? 'S') : 'P',
      placement_type: placement.placementType,
      ...(endOn ? { end_date: endOn, end_reason: next ? 'X1' : (period.reasonCeased ?? '') } : {}),
      ...(placement.reason ? { change_reason: placement.reason } : {}),
    };
  });
}

/** The first identifier in the record the API's patterns refuse, described; undefined when all pass. */
function badIdentifiers(child: Json): string | undefined {
  for (const episode of child.social_care_episodes as Json[]) {
    const ids: Array<[string, unknown, RegExp]> = [['social_care_episode_id', episode.social_care_episode_id, RECORD_ID]];
    const lists: Array<[string, string, RegExp]> = [
      ['care_worker_details', 'worker_id', WORKER_ID],
      ['child_and_family_assessments', 'child_and_family_assessment_id', RECORD_ID],
      ['child_in_need_plans', 'child_in_need_plan_id', RECORD_ID],
      ['section_47_assessments', 'section_47_assessment_id', RECORD_ID],
      ['child_protection_plans', 'child_protection_plan_id', RECORD_ID],
      ['child_looked_after_placements', 'child_looked_after_placement_id', RECORD_ID],
    ];
    for (const [list, key, pattern] of lists) for (const item of episode[list] as Json[]) ids.push([key, item[key], pattern]);
    const bad = ids.find(([, value, pattern]) => !pattern.test(String(value)));
    if (bad) return `${bad[0]} must match ${bad[2].source}: ${String(bad[1])}`;
  }
  return undefined;
}

// A purge flag below the child withdraws what it names (components.schemas.CSC: "A purge flag set here will remove
// all data related to the specified social care episode, including all associated assessments and plans"; likewise
// one assessment, plan or section 47 enquiry, or the child's details). Here: the live events the store holds of
// it, each retracted, the latest first so that nothing left still leans on a withdrawn one. Pure.
import type { CaseEpisode, CaseFacts } from '@csc/domain';

/** What a purge flag names. */
export type PurgeScope =
  | { readonly kind: 'child_details' }
  | { readonly kind: 'episode'; readonly episodeId: string }
  | { readonly kind: 'assessment'; readonly assessmentId: string }
  | { readonly kind: 'plan'; readonly planId: string }
  | { readonly kind: 'section47'; readonly section47Id: string };

interface HeldEvent {
  readonly eventId: string;
  readonly on: string;
  /** Within a day, the order the work happened in (a referral before its decision): retracted in reverse. */
  readonly rank: number;
}

/** The event ids to retract, latest first. */
export function eventsToPurge(facts: CaseFacts, scope: PurgeScope): string[] {
  const held = heldEvents(facts, scope);
  const unique = [...new Map(held.map((event) => [event.eventId, event])).values()];
  return unique.sort((a, b) => b.on.localeCompare(a.on) || b.rank - a.rank).map((event) => event.eventId);
}

function heldEvents(facts: CaseFacts, scope: PurgeScope): HeldEvent[] {
  switch (scope.kind) {
    case 'child_details':
      return facts.childDetails.map((details) => ({ eventId: details.eventId, on: details.on, rank: 0 }));
    case 'assessment':
      return assessmentEvents(facts, (assessment) => assessment.assessmentId === scope.assessmentId);
    case 'plan':
      return planEvents(facts, (plan) => plan.planId === scope.planId);
    case 'section47':
      return section47Events(facts, (id) => id === scope.section47Id);
    case 'episode': {
      const episode = facts.episodes.find((candidate) => candidate.referralIds.includes(scope.episodeId));
      return episode === undefined ? [] : episodeEvents(facts, episode);
    }
  }
}

/** What the CSC API carries of an episode: referrals, s47s, assessments, CIN and CP plans, workers, closure. */
function episodeEvents(facts: CaseFacts, episode: CaseEpisode): HeldEvent[] {
  const within = (on: string): boolean => on >= episode.openedOn && (episode.closure === undefined || on <= episode.closure.on);
  const events: HeldEvent[] = [];
  for (const referral of facts.referrals.values()) {
    if (referral.episode !== episode.index) continue;
    events.push({ eventId: referral.eventId, on: referral.on, rank: 1 });
    if (referral.decision) events.push({ eventId: referral.decision.eventId, on: referral.decision.on, rank: 2 });
  }
  const enquiries = new Set([...facts.section47Enquiries.values()].filter((s47) => s47.episode === episode.index).map((s47) => s47.section47Id));
  events.push(...section47Events(facts, (id) => enquiries.has(id)));
  events.push(...assessmentEvents(facts, (assessment) => assessment.episode === episode.index));
  events.push(...planEvents(facts, (plan) => (plan.planType === 'CIN' || plan.planType === 'CP') && within(plan.on)));
  for (const allocation of facts.allocations) {
    if (!within(allocation.on)) continue;
    events.push({ eventId: allocation.eventId, on: allocation.on, rank: 9 });
    if (allocation.end?.eventType === 'CaseUnallocated') events.push({ eventId: allocation.end.eventId, on: allocation.end.on, rank: 11 });
  }
  if (episode.closure) events.push({ eventId: episode.closure.eventId, on: episode.closure.on, rank: 12 });
  return events;
}

function assessmentEvents(facts: CaseFacts, named: (assessment: { assessmentId: string; episode: number }) => boolean): HeldEvent[] {
  return [...facts.assessments.values()]
    .filter(named)
    .flatMap((assessment) => [
      { eventId: assessment.eventId, on: assessment.on, rank: 4 },
      ...(assessment.authorisation ? [{ eventId: assessment.authorisation.eventId, on: assessment.authorisation.on, rank: 6 }] : []),
    ]);
}

function planEvents(facts: CaseFacts, named: (plan: { planId: string; planType: string; on: string }) => boolean): HeldEvent[] {
  return [...facts.plans.values()]
    .filter(named)
    .flatMap((plan) => [
      { eventId: plan.eventId, on: plan.on, rank: 8 },
      ...plan.reviews.map((review) => ({ eventId: review.eventId, on: review.on, rank: 8.5 })),
      ...(plan.end?.by === 'recorded' ? [{ eventId: plan.end.eventId, on: plan.end.on, rank: 10 }] : []),
    ]);
}

/** An enquiry: the strategy discussion that started it, its completion, and the conferences that name it. */
function section47Events(facts: CaseFacts, named: (section47Id: string) => boolean): HeldEvent[] {
  const events: HeldEvent[] = [];
  for (const enquiry of facts.section47Enquiries.values()) {
    if (!named(enquiry.section47Id)) continue;
    const discussion = facts.strategyDiscussions.get(enquiry.strategyDiscussionId);
    if (discussion) events.push({ eventId: discussion.eventId, on: discussion.on, rank: 3 });
    if (enquiry.completion) events.push({ eventId: enquiry.completion.eventId, on: enquiry.completion.on, rank: 5 });
    for (const conference of facts.conferences.values())
      if (conference.section47Id === enquiry.section47Id) events.push({ eventId: conference.eventId, on: conference.on, rank: 7 });
  }
  return events;
}

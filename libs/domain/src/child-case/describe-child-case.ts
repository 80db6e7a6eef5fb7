// A summary of a child's case at the end of a date: the questions Ofsted's Annex A asks child by child.
import type { ChildDetailsFact, VisitFact } from './case-facts';
import type { CaseFacts } from './case-facts';
import { statusOf, type CaseStatus } from './case-queries';
import { caseFactsOf, type ChildCaseState } from './child-case-state';

export interface ChildCaseSummary {
  readonly childId: string | undefined;
  readonly asOf: string;
  readonly status: CaseStatus;
  readonly open: boolean;
  /** When the current (or, if closed, the last) episode opened, and its closure if it closed. */
  readonly episode?: { readonly openedOn: string; readonly closedOn?: string; readonly closureReason?: string };
  readonly child?: Omit<ChildDetailsFact, 'eventId'>;
  readonly openReferrals: readonly { readonly referralId: string; readonly receivedOn: string }[];
  /** Referrals received in the 12 months up to asOf; a referral within 12 months of another is a re-referral. */
  readonly referralsInLast12Months: number;
  readonly latestReferral?: { readonly referralId: string; readonly receivedOn: string; readonly reReferral: boolean };
  readonly openAssessments: readonly { readonly assessmentId: string; readonly referralId: string; readonly startedOn: string }[];
  readonly openSection47Enquiries: readonly { readonly section47Id: string; readonly startedOn: string }[];
  readonly allocation?: { readonly workerId: string; readonly teamId: string; readonly since: string };
  readonly openPlans: readonly { readonly planId: string; readonly planType: string; readonly startedOn: string; readonly lastReviewedOn?: string }[];
  readonly lookedAfter?: {
    readonly periodId: string;
    readonly since: string;
    readonly legalStatus: string;
    readonly placement: { readonly placementId: string; readonly placementType: string; readonly longTerm: boolean; readonly since: string };
    readonly placementsInPeriod: number;
  };
  readonly lastVisit?: VisitSummary;
  readonly lastVisitSeen?: VisitSummary;
  readonly lastVisitSeenAlone?: VisitSummary;
  readonly openMissingEpisodes: readonly { readonly missingEpisodeId: string; readonly startedAt: string }[];
  readonly retractedEvents: number;
}

export interface VisitSummary {
  readonly visitId: string;
  readonly on: string;
  readonly seen: boolean;
  readonly seenAlone: boolean;
}

export function describeChildCase(state: ChildCaseState, asOf: string): ChildCaseSummary {
  const facts = caseFactsOf(state, asOf);
  const episode = facts.episodes[facts.episodes.length - 1];
  const open = episode !== undefined && episode.closure === undefined;
  const current = open ? episode.index : -2;
  const details = facts.childDetails[facts.childDetails.length - 1];
  const visits = [...facts.visits.values()];
  return {
    childId: state.childId,
    asOf,
    status: statusOf(facts),
    open,
    episode: episode && { openedOn: episode.openedOn, closedOn: episode.closure?.on, closureReason: episode.closure?.reason },
    child: details && withoutEventId(details),
    openReferrals: [...facts.referrals.values()]
      .filter((r) => r.episode === current && r.decision === undefined)
      .map((r) => ({ referralId: r.referralId, receivedOn: r.on })),
    ...referralCounts(facts, asOf),
    openAssessments: [...facts.assessments.values()]
      .filter((a) => a.episode === current && a.authorisation === undefined)
      .map((a) => ({ assessmentId: a.assessmentId, referralId: a.referralId, startedOn: a.on })),
    openSection47Enquiries: [...facts.section47Enquiries.values()]
      .filter((e) => e.episode === current && e.completion === undefined)
      .map((e) => ({ section47Id: e.section47Id, startedOn: e.startedOn })),
    allocation: allocationOf(facts),
    openPlans: [...facts.plans.values()]
      .filter((plan) => plan.end === undefined)
      .map((plan) => ({ planId: plan.planId, planType: plan.planType, startedOn: plan.on, lastReviewedOn: plan.reviews[plan.reviews.length - 1]?.on })),
    lookedAfter: lookedAfterOf(facts),
    lastVisit: lastOf(visits),
    lastVisitSeen: lastOf(visits.filter((visit) => visit.seen)),
    lastVisitSeenAlone: lastOf(visits.filter((visit) => visit.seenAlone)),
    openMissingEpisodes: [...facts.missingEpisodes.values()]
      .filter((m) => m.end === undefined)
      .map((m) => ({ missingEpisodeId: m.missingEpisodeId, startedAt: m.occurredAt })),
    retractedEvents: state.retractions.filter((record) => record.retracted !== undefined).length,
  };
}

function referralCounts(facts: CaseFacts, asOf: string): Pick<ChildCaseSummary, 'referralsInLast12Months' | 'latestReferral'> {
  const referrals = [...facts.referrals.values()].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  const yearBefore = sameDayYearBefore(asOf);
  const latest = referrals[referrals.length - 1];
  const previous = referrals[referrals.length - 2];
  return {
    referralsInLast12Months: referrals.filter((referral) => referral.on > yearBefore).length,
    latestReferral: latest && {
      referralId: latest.referralId,
      receivedOn: latest.on,
      reReferral: previous !== undefined && previous.on > sameDayYearBefore(latest.on),
    },
  };
}

/** The same day a year earlier (29 February becomes 28 February): "within 12 months" means after that day. */
export function sameDayYearBefore(date: string): string {
  const year = String(Number(date.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${year}-${monthDay}`;
}

function allocationOf(facts: CaseFacts): ChildCaseSummary['allocation'] {
  const last = facts.allocations[facts.allocations.length - 1];
  return last === undefined || last.end !== undefined ? undefined : { workerId: last.workerId, teamId: last.teamId, since: last.on };
}

function lookedAfterOf(facts: CaseFacts): ChildCaseSummary['lookedAfter'] {
  const period = [...facts.periodsOfCare.values()].find((candidate) => candidate.end === undefined);
  if (period === undefined) return undefined;
  const placement = period.placements[period.placements.length - 1];
  return {
    periodId: period.periodId,
    since: period.on,
    legalStatus: period.legalStatuses[period.legalStatuses.length - 1].legalStatus,
    placement: { placementId: placement.placementId, placementType: placement.placementType, longTerm: placement.longTerm, since: placement.on },
    placementsInPeriod: period.placements.length,
  };
}

/** The latest visit by date (and, on one date, by arrival order). */
function lastOf(visits: readonly VisitFact[]): VisitSummary | undefined {
  let last: VisitFact | undefined;
  for (const visit of visits) if (last === undefined || visit.on >= last.on) last = visit;
  return last && { visitId: last.visitId, on: last.on, seen: last.seen, seenAlone: last.seenAlone };
}

function withoutEventId({ eventId: _eventId, ...details }: ChildDetailsFact): Omit<ChildDetailsFact, 'eventId'> {
  return details;
}

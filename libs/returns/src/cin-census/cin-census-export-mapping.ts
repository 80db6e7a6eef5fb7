import type { ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState, type CaseEpisode, type CaseFacts, type PlanFact } from '@csc/domain';
import { computeClocks, DEFAULT_LOCAL_STANDARDS, type TimescaleEvent } from '@csc/timescales';
import type { CollectionYear } from '../return-period';
import type { CinCensusChild, CinCensusDetails, CinCensusProtectionPlan, CinCensusSection47, OmittedChild } from './cin-census-export-model';

export type CinCensusMapping = { kind: 'child'; child: CinCensusChild } | { kind: 'out-of-scope' } | { kind: 'omitted'; omitted: OmittedChild };

/**
 * One child's CIN census entry for a collection year, from the child's own events folded by the domain
 * as they stood at the end of 31 March (what happened later is not in that year's return).
 * In scope: every case episode (referral to closure) open on any day of the year, one CINdetails each
 * (DfE CIN census guide: "all children in need at any point during the year, including referrals that
 * resulted in no further action").
 */
export function cinCensusChildOf(childId: string, events: readonly ChildEvent[], year: CollectionYear): CinCensusMapping {
  const state = events.reduce(evolveChildCase, initialChildCaseState);
  const facts = caseFactsOf(state, year.to);
  const episodes = facts.episodes.filter((episode) => episode.openedOn <= year.to && (episode.closure === undefined || episode.closure.on >= year.from));
  if (episodes.length === 0) return { kind: 'out-of-scope' };
  const details = facts.childDetails[facts.childDetails.length - 1];
  if (details === undefined) {
    return { kind: 'omitted', omitted: { childId, reason: 'no ChildDetailsRecorded by 31 March: the census needs sex and ethnicity' } };
  }
  // The ICPC target is T3's due date, as the timescales library computes it (DfE convention: the s47 start is day 1).
  const clocks =
    facts.section47Enquiries.size === 0
      ? []
      : computeClocks(events as unknown as readonly TimescaleEvent[], { asOf: year.to, standards: DEFAULT_LOCAL_STANDARDS });
  const icpcTargets = new Map(clocks.filter((clock) => clock.rule === 'T3').map((clock) => [clock.subjectId, clock.dueOn]));
  try {
    return {
      kind: 'child',
      child: childOf(
        childId,
        details,
        episodes.map((episode) => cinDetailsOf(facts, episode, year, icpcTargets)),
      ),
    };
  } catch (error) {
    if (error instanceof CannotWrite) return { kind: 'omitted', omitted: { childId, reason: error.message } };
    throw error;
  }
}

/** A fact the census requires that the child's events do not give. */
class CannotWrite extends Error {}

function childOf(childId: string, details: CaseFacts['childDetails'][number], CINdetails: CinCensusDetails[]): CinCensusChild {
  return {
    LAchildID: childId,
    ...(details.dateOfBirth ? { PersonBirthDate: details.dateOfBirth } : {}),
    ...(details.expectedDateOfBirth && !details.dateOfBirth ? { ExpectedPersonBirthDate: details.expectedDateOfBirth } : {}),
    Sex: details.gender,
    Ethnicity: details.ethnicity,
    Disabilities: [...details.disabilities],
    CINdetails,
  };
}

function cinDetailsOf(facts: CaseFacts, episode: CaseEpisode, year: CollectionYear, icpcTargets: ReadonlyMap<string, string>): CinCensusDetails {
  const referral = facts.referrals.get(episode.openedByReferralId)!;
  const closedOn = episode.closure?.on;
  const inEpisode = (on: string) => on >= episode.openedOn && (closedOn === undefined || on <= closedOn);
  const plansOf = (type: PlanFact['planType']) =>
    [...facts.plans.values()]
      .filter((plan) => plan.planType === type && inEpisode(plan.on) && (plan.end === undefined || plan.end.on >= year.from))
      .sort((a, b) => a.on.localeCompare(b.on));
  const initialConferences = [...facts.conferences.values()].filter((conference) => conference.kind === 'initial');
  // CINdetails/DateOfInitialCPC: the conference in the year that made this episode's child protection plan
  // (DfE validation 2885: the CP plan starts on the day of the initial conference).
  const planConference = initialConferences
    .filter((conference) => conference.planRequired && inEpisode(conference.on) && conference.on >= year.from)
    .sort((a, b) => a.on.localeCompare(b.on))
    .pop();
  return {
    CINreferralDate: referral.on,
    ReferralSource: referral.source,
    PrimaryNeedCode: referral.primaryNeed,
    ...(episode.closure ? { CINclosureDate: episode.closure.on, ReasonForClosure: episode.closure.reason } : {}),
    ...(planConference ? { DateOfInitialCPC: planConference.on } : {}),
    // Assessments still open, or authorised in the year: one authorised before 1 April was last year's.
    Assessments: [...facts.assessments.values()]
      .filter((assessment) => assessment.episode === episode.index && (assessment.authorisation === undefined || assessment.authorisation.on >= year.from))
      .sort((a, b) => a.on.localeCompare(b.on))
      .map((assessment) => ({
        AssessmentActualStartDate: assessment.on,
        ...(assessment.authorisation ? { AssessmentAuthorisationDate: assessment.authorisation.on } : {}),
        ...(assessment.authorisation && assessment.authorisation.factors.length > 0
          ? { FactorsIdentifiedAtAssessment: [...assessment.authorisation.factors] }
          : {}),
      })),
    CINPlanDates: plansOf('CIN').map((plan) => ({ CINPlanStartDate: plan.on, ...(plan.end ? { CINPlanEndDate: plan.end.on } : {}) })),
    Section47: [...facts.section47Enquiries.values()]
      .filter((enquiry) => enquiry.episode === episode.index)
      .map((enquiry): CinCensusSection47 & { concludedOn?: string } => {
        const conference = initialConferences.find((candidate) => candidate.section47Id === enquiry.section47Id);
        const target = icpcTargets.get(enquiry.section47Id);
        return {
          S47ActualStartDate: enquiry.startedOn,
          ...(target ? { InitialCPCtarget: target } : {}),
          ...(conference ? { DateOfInitialCPC: conference.on } : {}),
          ICPCnotRequired: enquiry.completion !== undefined && !enquiry.completion.icpcRequired ? 1 : 0,
          concludedOn: conference?.on ?? (enquiry.completion && !enquiry.completion.icpcRequired ? enquiry.completion.on : undefined),
        };
      })
      // An enquiry concluded (its conference held, or found not needed) before 1 April was last year's.
      .filter((enquiry) => enquiry.S47ActualStartDate >= year.from || enquiry.concludedOn === undefined || enquiry.concludedOn >= year.from)
      .sort((a, b) => a.S47ActualStartDate.localeCompare(b.S47ActualStartDate))
      .map(({ concludedOn: _concludedOn, ...enquiry }) => enquiry),
    ReferralNFA: referral.decision?.decision === 'no-further-action' ? 1 : 0,
    ChildProtectionPlans: plansOf('CP').map((plan) => protectionPlanOf(facts, plan, year)),
  };
}

function protectionPlanOf(facts: CaseFacts, plan: PlanFact, year: CollectionYear): CinCensusProtectionPlan {
  // NumberOfPreviousCPP: the child's earlier CP plans, in any episode, that we hold.
  const previous = [...facts.plans.values()].filter((other) => other.planType === 'CP' && other.planId !== plan.planId && other.on < plan.on).length;
  const conference = [...facts.conferences.values()].find((candidate) => candidate.planRequired && candidate.on === plan.on);
  const category = plan.categoryOfAbuse ?? conference?.categoryOfAbuse;
  if (category === undefined) throw new CannotWrite(`child protection plan ${plan.planId} has no category of abuse, on the plan or its conference`);
  return {
    CPPstartDate: plan.on,
    ...(plan.end ? { CPPendDate: plan.end.on } : {}),
    InitialCategoryOfAbuse: category,
    // We hold the category the plan started with; a later change of category is not an event of ours.
    LatestCategoryOfAbuse: category,
    NumberOfPreviousCPP: previous,
    CPPreviewDate: plan.reviews
      .filter((review) => review.on >= year.from)
      .map((review) => review.on)
      .sort(),
  };
}

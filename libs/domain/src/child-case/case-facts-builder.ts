// Folds a child's timeline (occurredAt order) into CaseFacts. Tolerant by design: an event the rules would refuse
// is applied as best it can be or ignored, never thrown on, so evolve and every "as of" view stay total.
import type { ChildEvent, EventOfType } from '@csc/contracts';
import { ignoreUnknownType, type DatedEntry } from '../timeline/dated-timeline';
import type {
  AllocationFact,
  AssessmentFact,
  CaseEpisode,
  CaseFacts,
  ChildDetailsFact,
  ConferenceFact,
  ContactFact,
  EndFact,
  HealthAssessmentFact,
  MissingEpisodeFact,
  PeriodOfCareFact,
  PlanFact,
  ReferralFact,
  Section47Fact,
  StrategyDiscussionFact,
  VisitFact,
} from './case-facts';

/** The builder's own working copy of a fact: writable, with writable arrays. */
type Open<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

export class CaseFactsBuilder implements CaseFacts {
  readonly childDetails: ChildDetailsFact[] = [];
  readonly episodes: Open<CaseEpisode>[] = [];
  readonly contacts = new Map<string, ContactFact>();
  readonly referrals = new Map<string, Open<ReferralFact>>();
  readonly strategyDiscussions = new Map<string, StrategyDiscussionFact>();
  readonly section47Enquiries = new Map<string, Open<Section47Fact>>();
  readonly conferences = new Map<string, ConferenceFact>();
  readonly assessments = new Map<string, Open<AssessmentFact>>();
  readonly allocations: Open<AllocationFact>[] = [];
  readonly plans = new Map<string, Open<PlanFact>>();
  readonly periodsOfCare = new Map<string, Open<PeriodOfCareFact>>();
  readonly visits = new Map<string, VisitFact>();
  readonly healthAssessments = new Map<string, HealthAssessmentFact>();
  readonly missingEpisodes = new Map<string, Open<MissingEpisodeFact>>();

  static fold(entries: readonly DatedEntry<ChildEvent>[]): CaseFactsBuilder {
    const builder = new CaseFactsBuilder();
    for (const entry of entries) builder.apply(entry);
    return builder;
  }

  apply(entry: DatedEntry<ChildEvent>): void {
    const { event, on } = entry;
    const eventId = event.eventId;
    switch (event.type) {
      case 'ChildDetailsRecorded': {
        const { dateOfBirth, expectedDateOfBirth, gender, ethnicity, disabilities } = event.data;
        return void this.childDetails.push({ on, eventId, dateOfBirth, expectedDateOfBirth, gender, ethnicity, disabilities });
      }
      case 'ContactReceived':
        return this.addOnce(this.contacts, event.data.contactId, { on, eventId, contactId: event.data.contactId, source: event.data.source });
      case 'ReferralReceived':
        return this.referralReceived(event, on);
      case 'ReferralDecisionMade':
        return this.referralDecisionMade(event, on);
      case 'StrategyDiscussionHeld':
        return this.strategyDiscussionHeld(event, on);
      case 'Section47EnquiryCompleted':
        return this.section47EnquiryCompleted(event, on);
      case 'AssessmentStarted':
        return this.assessmentStarted(event, on);
      case 'AssessmentAuthorised':
        return this.assessmentAuthorised(event, on);
      case 'CaseAllocated':
        return this.allocate(event, on, event.data.workerId, event.data.teamId, undefined);
      case 'SocialWorkerChanged':
        return this.allocate(event, on, event.data.toWorkerId, event.data.teamId, event.data.reason);
      case 'CaseUnallocated':
        return this.caseUnallocated(event, on);
      case 'InitialChildProtectionConferenceHeld':
      case 'PreBirthConferenceHeld':
        return this.conferenceHeld(event, on);
      case 'PlanStarted':
        return this.planStarted(event, on);
      case 'PlanReviewed':
        return void this.plans.get(event.data.planId)?.reviews.push({ on, eventId });
      case 'PlanEnded':
        return this.planEnded(event, on);
      case 'BecameLookedAfter':
        return this.becameLookedAfter(event, on);
      case 'PlacementChanged':
        return this.placementChanged(event, on);
      case 'LegalStatusChanged':
        return void this.periodsOfCare.get(event.data.periodId)?.legalStatuses.push({ on, eventId, legalStatus: event.data.legalStatus });
      case 'CeasedToBeLookedAfter':
        return this.ceasedToBeLookedAfter(event, on);
      case 'StatutoryVisitMade': {
        const { visitId, seen, seenAlone } = event.data;
        return this.addOnce(this.visits, visitId, { on, eventId, visitId, occurredAt: event.occurredAt, seen, seenAlone });
      }
      case 'HealthAssessmentCompleted': {
        const { healthAssessmentId, assessmentType } = event.data;
        return this.addOnce(this.healthAssessments, healthAssessmentId, { on, eventId, healthAssessmentId, assessmentType });
      }
      case 'MissingEpisodeStarted': {
        const { missingEpisodeId } = event.data;
        return this.addOnce(this.missingEpisodes, missingEpisodeId, { on, eventId, occurredAt: event.occurredAt, missingEpisodeId });
      }
      case 'MissingEpisodeEnded':
        return this.missingEpisodeMoment(event, on, 'end');
      case 'ReturnHomeInterviewCompleted':
        return this.missingEpisodeMoment(event, on, 'returnInterview');
      case 'CaseClosed':
        return this.caseClosed(event, on);
      case 'EventRetracted':
        return; // retractions never sit on the timeline: the retracted event is removed instead
      default:
        return ignoreUnknownType(event);
    }
  }

  /** The open episode (from a referral to CaseClosed), if the case is open now. */
  openEpisode(): CaseEpisode | undefined {
    const last = this.episodes[this.episodes.length - 1];
    return last !== undefined && last.closure === undefined ? last : undefined;
  }

  currentAllocation(): AllocationFact | undefined {
    const last = this.allocations[this.allocations.length - 1];
    return last !== undefined && last.end === undefined ? last : undefined;
  }

  openPlanOfType(planType: PlanFact['planType']): PlanFact | undefined {
    for (const plan of this.plans.values()) if (plan.planType === planType && plan.end === undefined) return plan;
    return undefined;
  }

  openPeriodOfCare(): PeriodOfCareFact | undefined {
    for (const period of this.periodsOfCare.values()) if (period.end === undefined) return period;
    return undefined;
  }

  private addOnce<T>(map: Map<string, T>, id: string, fact: T): void {
    if (!map.has(id)) map.set(id, fact);
  }

  private referralReceived(event: EventOfType<'ReferralReceived'>, on: string): void {
    const { referralId, source, primaryNeed } = event.data;
    if (this.referrals.has(referralId)) return;
    let episode = this.openEpisode() as Open<CaseEpisode> | undefined;
    if (episode === undefined) {
      episode = { index: this.episodes.length, openedOn: on, openedByReferralId: referralId, referralIds: [] };
      this.episodes.push(episode);
    }
    episode.referralIds.push(referralId);
    this.referrals.set(referralId, { on, eventId: event.eventId, referralId, source, primaryNeed, episode: episode.index });
  }

  private referralDecisionMade(event: EventOfType<'ReferralDecisionMade'>, on: string): void {
    const referral = this.referrals.get(event.data.referralId);
    if (referral !== undefined && referral.decision === undefined) referral.decision = { on, eventId: event.eventId, decision: event.data.decision };
  }

  private strategyDiscussionHeld(event: EventOfType<'StrategyDiscussionHeld'>, on: string): void {
    const { strategyDiscussionId, referralId, section47Id } = event.data;
    if (this.strategyDiscussions.has(strategyDiscussionId)) return;
    this.strategyDiscussions.set(strategyDiscussionId, { on, eventId: event.eventId, strategyDiscussionId, referralId, section47Id });
    if (section47Id === undefined || !event.data.section47Started || this.section47Enquiries.has(section47Id)) return;
    this.section47Enquiries.set(section47Id, { section47Id, startedOn: on, strategyDiscussionId, episode: this.episodeOf(referralId) });
  }

  private section47EnquiryCompleted(event: EventOfType<'Section47EnquiryCompleted'>, on: string): void {
    const enquiry = this.section47Enquiries.get(event.data.section47Id);
    if (enquiry !== undefined && enquiry.completion === undefined) enquiry.completion = { on, eventId: event.eventId, icpcRequired: event.data.icpcRequired };
  }

  private assessmentStarted(event: EventOfType<'AssessmentStarted'>, on: string): void {
    const { assessmentId, referralId } = event.data;
    if (this.assessments.has(assessmentId)) return;
    this.assessments.set(assessmentId, { on, eventId: event.eventId, assessmentId, referralId, episode: this.episodeOf(referralId) });
  }

  private assessmentAuthorised(event: EventOfType<'AssessmentAuthorised'>, on: string): void {
    const assessment = this.assessments.get(event.data.assessmentId);
    if (assessment === undefined || assessment.authorisation !== undefined) return;
    assessment.authorisation = { on, eventId: event.eventId, outcome: event.data.outcome, factors: event.data.factors };
  }

  /** A CaseAllocated into an allocated case (only ever a recorded one, re-judged) supersedes the allocation. */
  private allocate(event: ChildEvent, on: string, workerId: string, teamId: string, changeReason: AllocationFact['changeReason']): void {
    const startedBy = event.type === 'SocialWorkerChanged' ? 'SocialWorkerChanged' : 'CaseAllocated';
    const current = this.currentAllocation() as Open<AllocationFact> | undefined;
    if (current !== undefined) current.end = endFact(event, on, startedBy === 'CaseAllocated' ? 'superseded' : 'recorded');
    this.allocations.push({ on, eventId: event.eventId, workerId, teamId, startedBy, changeReason });
  }

  private caseUnallocated(event: EventOfType<'CaseUnallocated'>, on: string): void {
    const current = this.currentAllocation() as Open<AllocationFact> | undefined;
    if (current === undefined || current.workerId !== event.data.workerId) return;
    current.end = { ...endFact(event, on, 'recorded'), unallocationReason: event.data.reason };
  }

  private conferenceHeld(event: EventOfType<'InitialChildProtectionConferenceHeld' | 'PreBirthConferenceHeld'>, on: string): void {
    const { conferenceId, planRequired, categoryOfAbuse } = event.data;
    const kind = event.type === 'PreBirthConferenceHeld' ? 'pre-birth' : 'initial';
    const section47Id = event.type === 'InitialChildProtectionConferenceHeld' ? event.data.section47Id : undefined;
    this.addOnce(this.conferences, conferenceId, { on, eventId: event.eventId, conferenceId, kind, section47Id, planRequired, categoryOfAbuse });
  }

  private planStarted(event: EventOfType<'PlanStarted'>, on: string): void {
    const { planId, planType, categoryOfAbuse } = event.data;
    if (this.plans.has(planId)) return;
    const occupant = this.openPlanOfType(planType) as Open<PlanFact> | undefined;
    if (occupant !== undefined) occupant.end = endFact(event, on, 'superseded');
    this.plans.set(planId, { on, eventId: event.eventId, planId, planType, categoryOfAbuse, reviews: [] });
  }

  private planEnded(event: EventOfType<'PlanEnded'>, on: string): void {
    const plan = this.plans.get(event.data.planId);
    if (plan === undefined || plan.end?.by === 'recorded') return;
    plan.end = endFact(event, on, 'recorded');
    plan.endReason = event.data.reason;
  }

  private becameLookedAfter(event: EventOfType<'BecameLookedAfter'>, on: string): void {
    const { periodId, placementId, placementType, longTerm, legalStatus, reasonNewEpisode } = event.data;
    if (this.periodsOfCare.has(periodId)) return;
    const occupant = this.openPeriodOfCare() as Open<PeriodOfCareFact> | undefined;
    if (occupant !== undefined) occupant.end = endFact(event, on, 'superseded');
    const eventId = event.eventId;
    const placements = [{ on, eventId, placementId, placementType, longTerm }];
    this.periodsOfCare.set(periodId, { on, eventId, periodId, reasonNewEpisode, placements, legalStatuses: [{ on, eventId, legalStatus }] });
  }

  private placementChanged(event: EventOfType<'PlacementChanged'>, on: string): void {
    const { periodId, placementId, placementType, longTerm, reason } = event.data;
    this.periodsOfCare.get(periodId)?.placements.push({ on, eventId: event.eventId, placementId, placementType, longTerm, reason });
  }

  private ceasedToBeLookedAfter(event: EventOfType<'CeasedToBeLookedAfter'>, on: string): void {
    const period = this.periodsOfCare.get(event.data.periodId);
    if (period === undefined || period.end?.by === 'recorded') return;
    period.end = endFact(event, on, 'recorded');
    period.reasonCeased = event.data.reason;
  }

  private missingEpisodeMoment(event: EventOfType<'MissingEpisodeEnded' | 'ReturnHomeInterviewCompleted'>, on: string, which: 'end' | 'returnInterview'): void {
    const episode = this.missingEpisodes.get(event.data.missingEpisodeId);
    if (episode !== undefined && episode[which] === undefined) episode[which] = { on, eventId: event.eventId, occurredAt: event.occurredAt };
  }

  /** Closure ends the allocation, every open plan and the open period of care; pieces of work stop with it. */
  private caseClosed(event: EventOfType<'CaseClosed'>, on: string): void {
    const episode = this.openEpisode() as Open<CaseEpisode> | undefined;
    if (episode === undefined) return;
    episode.closure = { on, eventId: event.eventId, reason: event.data.reason };
    const closedBy = endFact(event, on, 'case-closed');
    const allocation = this.currentAllocation() as Open<AllocationFact> | undefined;
    if (allocation !== undefined) allocation.end = closedBy;
    for (const plan of this.plans.values()) if (plan.end === undefined) plan.end = closedBy;
    for (const period of this.periodsOfCare.values()) if (period.end === undefined) period.end = closedBy;
  }

  /** The episode a piece of work belongs to: its referral's, else the open one, else -1 (none). */
  private episodeOf(referralId: string | undefined): number {
    const referral = referralId === undefined ? undefined : this.referrals.get(referralId);
    return referral?.episode ?? this.openEpisode()?.index ?? -1;
  }
}

function endFact(event: ChildEvent, on: string, by: EndFact['by']): EndFact {
  return { on, by, eventId: event.eventId, eventType: event.type };
}

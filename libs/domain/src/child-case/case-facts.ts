// The dated facts of a child's case, derived by folding its timeline in occurredAt order. Rules read them; the
// read-only queries (currentAllocation, openPlans, describeChildCase ...) return them.
import type {
  AssessmentFactor,
  AssessmentOutcome,
  CategoryOfAbuse,
  ClosureReason,
  Disability,
  Ethnicity,
  Gender,
  HealthAssessmentType,
  LegalStatus,
  PlacementType,
  PlanType,
  PrimaryNeed,
  ReasonCeasedToBeLookedAfter,
  ReasonNewEpisode,
  ReasonPlaceChange,
  ReferralDecision,
  ReferralSource,
  SocialWorkerChangeReason,
  UnallocationReason,
} from '@csc/contracts';

/**
 * How something that runs over time (an allocation, a plan, a period of care) came to an end:
 * - 'recorded': an event ended it (PlanEnded, CeasedToBeLookedAfter, SocialWorkerChanged, CaseUnallocated);
 * - 'case-closed': CaseClosed ended it; an explicit end dated on or before the closure may still be recorded;
 * - 'superseded': a later start of the same kind, recorded before this one, bounds it; its own end is still
 *   to come and must be dated on or before that start.
 */
export type EndedBy = 'recorded' | 'case-closed' | 'superseded';

export interface EndFact {
  readonly on: string;
  readonly by: EndedBy;
  readonly eventId: string;
  readonly eventType: string;
}

/** A fact made by one event: its London date and its id, so every figure can be traced back. */
export interface Dated {
  readonly on: string;
  readonly eventId: string;
}

export interface ChildDetailsFact extends Dated {
  readonly dateOfBirth?: string;
  readonly expectedDateOfBirth?: string;
  readonly gender: Gender;
  readonly ethnicity: Ethnicity;
  readonly disabilities: readonly Disability[];
}

/** From a referral that found the case closed (or never opened) to CaseClosed. */
export interface CaseEpisode {
  readonly index: number;
  readonly openedOn: string;
  readonly openedByReferralId: string;
  readonly referralIds: readonly string[];
  readonly closure?: Dated & { readonly reason: ClosureReason };
}

export interface ContactFact extends Dated {
  readonly contactId: string;
  readonly source: ReferralSource;
}

export interface ReferralFact extends Dated {
  readonly referralId: string;
  readonly source: ReferralSource;
  readonly primaryNeed: PrimaryNeed;
  readonly episode: number;
  readonly decision?: Dated & { readonly decision: ReferralDecision };
}

export interface StrategyDiscussionFact extends Dated {
  readonly strategyDiscussionId: string;
  readonly referralId?: string;
  readonly section47Id?: string;
}

export interface Section47Fact {
  readonly section47Id: string;
  /** The date of the strategy discussion that started it (the s47 start date). */
  readonly startedOn: string;
  readonly strategyDiscussionId: string;
  readonly episode: number;
  readonly completion?: Dated & { readonly icpcRequired: boolean };
}

export interface ConferenceFact extends Dated {
  readonly conferenceId: string;
  readonly kind: 'initial' | 'pre-birth';
  readonly section47Id?: string;
  readonly planRequired: boolean;
  readonly categoryOfAbuse?: CategoryOfAbuse;
}

export interface AssessmentFact extends Dated {
  readonly assessmentId: string;
  readonly referralId: string;
  readonly episode: number;
  readonly authorisation?: Dated & { readonly outcome: AssessmentOutcome; readonly factors: readonly AssessmentFactor[] };
}

export interface AllocationFact extends Dated {
  readonly workerId: string;
  readonly teamId: string;
  readonly startedBy: 'CaseAllocated' | 'SocialWorkerChanged';
  readonly changeReason?: SocialWorkerChangeReason;
  readonly end?: EndFact & { readonly unallocationReason?: UnallocationReason };
}

export interface PlanFact extends Dated {
  readonly planId: string;
  readonly planType: PlanType;
  readonly categoryOfAbuse?: CategoryOfAbuse;
  readonly reviews: readonly Dated[];
  readonly end?: EndFact;
  readonly endReason?: string;
}

export interface PlacementFact extends Dated {
  readonly placementId: string;
  readonly placementType: PlacementType;
  readonly longTerm: boolean;
  readonly reason?: ReasonPlaceChange;
}

export interface LegalStatusFact extends Dated {
  readonly legalStatus: LegalStatus;
}

export interface PeriodOfCareFact extends Dated {
  readonly periodId: string;
  readonly reasonNewEpisode?: ReasonNewEpisode;
  readonly placements: readonly PlacementFact[];
  readonly legalStatuses: readonly LegalStatusFact[];
  readonly end?: EndFact;
  readonly reasonCeased?: ReasonCeasedToBeLookedAfter;
}

export interface VisitFact extends Dated {
  readonly visitId: string;
  readonly occurredAt: string;
  readonly seen: boolean;
  readonly seenAlone: boolean;
}

export interface HealthAssessmentFact extends Dated {
  readonly healthAssessmentId: string;
  readonly assessmentType: HealthAssessmentType;
}

/** A moment of a missing episode: occurredAt as sent (a timestamp, ideally) and its London date. */
export interface MomentFact extends Dated {
  readonly occurredAt: string;
}

export interface MissingEpisodeFact extends MomentFact {
  readonly missingEpisodeId: string;
  readonly end?: MomentFact;
  readonly returnInterview?: MomentFact;
}

/** Everything known about a child's case after folding its timeline (up to a date, for an "as of" view). */
export interface CaseFacts {
  readonly childDetails: readonly ChildDetailsFact[];
  readonly episodes: readonly CaseEpisode[];
  readonly contacts: ReadonlyMap<string, ContactFact>;
  readonly referrals: ReadonlyMap<string, ReferralFact>;
  readonly strategyDiscussions: ReadonlyMap<string, StrategyDiscussionFact>;
  readonly section47Enquiries: ReadonlyMap<string, Section47Fact>;
  readonly conferences: ReadonlyMap<string, ConferenceFact>;
  readonly assessments: ReadonlyMap<string, AssessmentFact>;
  readonly allocations: readonly AllocationFact[];
  readonly plans: ReadonlyMap<string, PlanFact>;
  readonly periodsOfCare: ReadonlyMap<string, PeriodOfCareFact>;
  readonly visits: ReadonlyMap<string, VisitFact>;
  readonly healthAssessments: ReadonlyMap<string, HealthAssessmentFact>;
  readonly missingEpisodes: ReadonlyMap<string, MissingEpisodeFact>;
}

// Typed builders of contract-valid envelopes for tests and generators: readable call sites, sensible defaults,
// and eventIds that are valid UUIDs, unique per factory and deterministic (derived from a seed and a counter).
import type {
  AssessmentFactor,
  AssessmentOutcome,
  ChildEvent,
  ClosureReason,
  Disability,
  EventData,
  EventOfType,
  HealthAssessmentType,
  LegalStatus,
  PlacementType,
  PlanType,
  ReasonCeasedToBeLookedAfter,
  ReferralDecision,
  SocialWorkerChangeReason,
  UnallocationReason,
  WorkerEvent,
  WorkerLeavingReason,
  WorkerRole,
} from '@csc/contracts';

type ChildType = ChildEvent['type'];
type WorkerType = WorkerEvent['type'];

const SOURCE = { system: 'synthetic' };

/** 32-bit FNV-1a of a string, as 8 hex digits. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/** Deterministic UUIDs (version 4 layout) from a seed: the same seed gives the same sequence. */
export function eventIdSequence(seed: string): () => string {
  const high = fnv1a(seed);
  const low = fnv1a(`~${seed}`);
  let counter = 0;
  return () => {
    counter += 1;
    const tail = counter.toString(16).padStart(15, '0');
    return `${high}-${low.slice(0, 4)}-4${low.slice(4, 7)}-8${tail.slice(0, 3)}-${tail.slice(3)}`;
  };
}

export function caseEventFactory(childId: string, seed: string = childId) {
  const nextId = eventIdSequence(`child:${seed}`);
  const make = <T extends ChildType>(type: T, occurredAt: string, data: EventData<T>): EventOfType<T> =>
    ({ eventId: nextId(), type, schemaVersion: 1, childId, occurredAt, source: SOURCE, data }) as unknown as EventOfType<T>;
  return {
    childId,
    make,
    childDetails: (on: string, details: { dateOfBirth?: string; expectedDateOfBirth?: string; disabilities?: Disability[] }) =>
      make('ChildDetailsRecorded', on, { gender: 'F', ethnicity: 'WBRI', disabilities: ['NONE'], ...details } as EventData<'ChildDetailsRecorded'>),
    contact: (on: string, contactId: string) => make('ContactReceived', on, { contactId, source: '2A' }),
    referral: (on: string, referralId: string) => make('ReferralReceived', on, { referralId, source: '2A', primaryNeed: 'N1' }),
    decision: (on: string, referralId: string, decision: ReferralDecision = 'assessment') => make('ReferralDecisionMade', on, { referralId, decision }),
    strategyDiscussion: (on: string, strategyDiscussionId: string, options: { referralId?: string; section47Id?: string } = {}) =>
      make('StrategyDiscussionHeld', on, { strategyDiscussionId, section47Started: options.section47Id !== undefined, ...options }),
    section47Completed: (on: string, section47Id: string, icpcRequired = true) => make('Section47EnquiryCompleted', on, { section47Id, icpcRequired }),
    assessmentStarted: (on: string, assessmentId: string, referralId: string) => make('AssessmentStarted', on, { assessmentId, referralId }),
    assessmentAuthorised: (on: string, assessmentId: string, options: { outcome?: AssessmentOutcome; factors?: AssessmentFactor[] } = {}) =>
      make('AssessmentAuthorised', on, { assessmentId, outcome: options.outcome ?? 'child-in-need', factors: options.factors ?? ['3A'] }),
    allocated: (on: string, workerId: string, teamId = 'TEAM-1') => make('CaseAllocated', on, { workerId, teamId }),
    workerChanged: (on: string, fromWorkerId: string, toWorkerId: string, options: { teamId?: string; reason?: SocialWorkerChangeReason } = {}) =>
      make('SocialWorkerChanged', on, { fromWorkerId, toWorkerId, teamId: options.teamId ?? 'TEAM-1', reason: options.reason ?? 'MANAGE' }),
    unallocated: (on: string, workerId: string, reason: UnallocationReason = 'worker-left') => make('CaseUnallocated', on, { workerId, reason }),
    icpc: (on: string, conferenceId: string, options: { section47Id?: string; planRequired?: boolean } = {}) => {
      const planRequired = options.planRequired ?? true;
      const data = { conferenceId, planRequired, ...(options.section47Id === undefined ? {} : { section47Id: options.section47Id }) };
      return make('InitialChildProtectionConferenceHeld', on, planRequired ? { ...data, categoryOfAbuse: 'NEG' } : data);
    },
    preBirthConference: (on: string, conferenceId: string, planRequired = true) =>
      make('PreBirthConferenceHeld', on, planRequired ? { conferenceId, planRequired, categoryOfAbuse: 'EMO' } : { conferenceId, planRequired }),
    planStarted: (on: string, planId: string, planType: PlanType) =>
      make('PlanStarted', on, planType === 'CP' ? { planId, planType, categoryOfAbuse: 'NEG' } : { planId, planType }),
    planReviewed: (on: string, planId: string) => make('PlanReviewed', on, { planId }),
    planEnded: (on: string, planId: string) => make('PlanEnded', on, { planId }),
    becameLookedAfter: (
      on: string,
      periodId: string,
      options: { placementId?: string; legalStatus?: LegalStatus; placementType?: PlacementType; longTerm?: boolean } = {},
    ) =>
      make('BecameLookedAfter', on, {
        periodId,
        placementId: options.placementId ?? `${periodId}-PL1`,
        legalStatus: options.legalStatus ?? 'V2',
        placementType: options.placementType ?? 'U1',
        reasonNewEpisode: 'S',
        longTerm: options.longTerm ?? false,
      }),
    placementChanged: (on: string, periodId: string, placementId: string, longTerm = false) =>
      make('PlacementChanged', on, { periodId, placementId, placementType: 'U4', longTerm, reason: 'CARPL' }),
    legalStatusChanged: (on: string, periodId: string, legalStatus: LegalStatus = 'C2') => make('LegalStatusChanged', on, { periodId, legalStatus }),
    ceased: (on: string, periodId: string, reason: ReasonCeasedToBeLookedAfter = 'E11') => make('CeasedToBeLookedAfter', on, { periodId, reason }),
    visit: (on: string, visitId: string, options: { seen?: boolean; seenAlone?: boolean } = {}) =>
      make('StatutoryVisitMade', on, { visitId, seen: options.seen ?? true, seenAlone: options.seenAlone ?? false }),
    healthAssessment: (on: string, healthAssessmentId: string, assessmentType: HealthAssessmentType = 'initial') =>
      make('HealthAssessmentCompleted', on, { healthAssessmentId, assessmentType }),
    missingStarted: (at: string, missingEpisodeId: string) => make('MissingEpisodeStarted', at, { missingEpisodeId }),
    missingEnded: (at: string, missingEpisodeId: string) => make('MissingEpisodeEnded', at, { missingEpisodeId }),
    returnInterview: (at: string, missingEpisodeId: string) => make('ReturnHomeInterviewCompleted', at, { missingEpisodeId }),
    closed: (on: string, reason: ClosureReason = 'RC8') => make('CaseClosed', on, { reason }),
    retracted: (on: string, retracted: ChildEvent | string, reason = 'Recorded in error') =>
      make('EventRetracted', on, { retractedEventId: typeof retracted === 'string' ? retracted : retracted.eventId, reason }),
  };
}

export type CaseEventFactory = ReturnType<typeof caseEventFactory>;

export function workerEventFactory(seed = 'workers') {
  const nextId = eventIdSequence(`worker:${seed}`);
  const make = <T extends WorkerType>(type: T, workerId: string, occurredAt: string, data: EventData<T>): EventOfType<T> =>
    ({ eventId: nextId(), type, schemaVersion: 1, workerId, occurredAt, source: SOURCE, data }) as unknown as EventOfType<T>;
  return {
    make,
    joined: (on: string, workerId: string, details: { teamId?: string; role?: WorkerRole; fte?: number; agency?: boolean } = {}) =>
      make('SocialWorkerJoined', workerId, on, { teamId: 'TEAM-1', role: 'social-worker', fte: 1, agency: false, ...details }),
    detailsChanged: (on: string, workerId: string, changes: EventData<'SocialWorkerDetailsChanged'>) =>
      make('SocialWorkerDetailsChanged', workerId, on, changes),
    left: (on: string, workerId: string, reason: WorkerLeavingReason = 'resigned') => make('SocialWorkerLeft', workerId, on, { reason }),
  };
}

export type WorkerEventFactory = ReturnType<typeof workerEventFactory>;

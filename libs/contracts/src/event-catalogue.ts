// The catalogue's event types, the payload class of each, and the TypeScript unions other libraries import.
import type { ChildEventEnvelope, WorkerEventEnvelope } from './envelope/event-envelope';
import { CaseAllocatedData, CaseUnallocatedData, SocialWorkerChangedData } from './events/allocation-events';
import { AssessmentAuthorisedData, AssessmentStartedData } from './events/assessment-events';
import { ChildDetailsRecordedData } from './events/child-details-events';
import { CaseClosedData, EventRetractedData } from './events/closure-events';
import { ContactReceivedData, ReferralDecisionMadeData, ReferralReceivedData } from './events/front-door-events';
import { BecameLookedAfterData, CeasedToBeLookedAfterData, LegalStatusChangedData, PlacementChangedData } from './events/looked-after-events';
import { MissingEpisodeEndedData, MissingEpisodeStartedData, ReturnHomeInterviewCompletedData } from './events/missing-episode-events';
import { PlanEndedData, PlanReviewedData, PlanStartedData } from './events/plan-events';
import {
  InitialChildProtectionConferenceHeldData,
  PreBirthConferenceHeldData,
  Section47EnquiryCompletedData,
  StrategyDiscussionHeldData,
} from './events/safeguarding-events';
import { HealthAssessmentCompletedData, StatutoryVisitMadeData } from './events/visit-and-health-events';
import { SocialWorkerDetailsChangedData, SocialWorkerJoinedData, SocialWorkerLeftData } from './events/worker-events';
import type { ContractClass } from './fields/field-types';

/** Child event type names (stream `child-{childId}`), in the catalogue's order. */
export const CASE_EVENT_TYPES = [
  'ChildDetailsRecorded',
  'ContactReceived',
  'ReferralReceived',
  'ReferralDecisionMade',
  'StrategyDiscussionHeld',
  'Section47EnquiryCompleted',
  'AssessmentStarted',
  'AssessmentAuthorised',
  'CaseAllocated',
  'SocialWorkerChanged',
  'CaseUnallocated',
  'InitialChildProtectionConferenceHeld',
  'PreBirthConferenceHeld',
  'PlanStarted',
  'PlanReviewed',
  'PlanEnded',
  'BecameLookedAfter',
  'PlacementChanged',
  'LegalStatusChanged',
  'CeasedToBeLookedAfter',
  'StatutoryVisitMade',
  'HealthAssessmentCompleted',
  'MissingEpisodeStarted',
  'MissingEpisodeEnded',
  'ReturnHomeInterviewCompleted',
  'CaseClosed',
  'EventRetracted',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Worker event type names (stream `worker-{workerId}`). */
export const WORKER_EVENT_TYPES = ['SocialWorkerJoined', 'SocialWorkerDetailsChanged', 'SocialWorkerLeft'] as const;
export type WorkerEventType = (typeof WORKER_EVENT_TYPES)[number];

export const EVENT_TYPES = [...CASE_EVENT_TYPES, ...WORKER_EVENT_TYPES] as const;
export type EventType = CaseEventType | WorkerEventType;

/** The class-validator class that validates each child event's `data`. */
export const CASE_EVENT_PAYLOADS = {
  ChildDetailsRecorded: ChildDetailsRecordedData,
  ContactReceived: ContactReceivedData,
  ReferralReceived: ReferralReceivedData,
  ReferralDecisionMade: ReferralDecisionMadeData,
  StrategyDiscussionHeld: StrategyDiscussionHeldData,
  Section47EnquiryCompleted: Section47EnquiryCompletedData,
  AssessmentStarted: AssessmentStartedData,
  AssessmentAuthorised: AssessmentAuthorisedData,
  CaseAllocated: CaseAllocatedData,
  SocialWorkerChanged: SocialWorkerChangedData,
  CaseUnallocated: CaseUnallocatedData,
  InitialChildProtectionConferenceHeld: InitialChildProtectionConferenceHeldData,
  PreBirthConferenceHeld: PreBirthConferenceHeldData,
  PlanStarted: PlanStartedData,
  PlanReviewed: PlanReviewedData,
  PlanEnded: PlanEndedData,
  BecameLookedAfter: BecameLookedAfterData,
  PlacementChanged: PlacementChangedData,
  LegalStatusChanged: LegalStatusChangedData,
  CeasedToBeLookedAfter: CeasedToBeLookedAfterData,
  StatutoryVisitMade: StatutoryVisitMadeData,
  HealthAssessmentCompleted: HealthAssessmentCompletedData,
  MissingEpisodeStarted: MissingEpisodeStartedData,
  MissingEpisodeEnded: MissingEpisodeEndedData,
  ReturnHomeInterviewCompleted: ReturnHomeInterviewCompletedData,
  CaseClosed: CaseClosedData,
  EventRetracted: EventRetractedData,
} as const satisfies Record<CaseEventType, ContractClass>;

/** The class-validator class that validates each worker event's `data`. */
export const WORKER_EVENT_PAYLOADS = {
  SocialWorkerJoined: SocialWorkerJoinedData,
  SocialWorkerDetailsChanged: SocialWorkerDetailsChangedData,
  SocialWorkerLeft: SocialWorkerLeftData,
} as const satisfies Record<WorkerEventType, ContractClass>;

type CasePayloads = typeof CASE_EVENT_PAYLOADS;
type WorkerPayloads = typeof WORKER_EVENT_PAYLOADS;

/** The payload type of an event type, e.g. `EventData<'ReferralReceived'>` is `ReferralReceivedData`. */
export type EventData<T extends EventType> = T extends CaseEventType
  ? InstanceType<CasePayloads[T]>
  : T extends WorkerEventType
    ? InstanceType<WorkerPayloads[T]>
    : never;

/** Discriminated union of every child event: `EventEnvelope<'ReferralReceived', ReferralReceivedData> | ...` with `childId`. */
export type ChildEvent = { [T in CaseEventType]: ChildEventEnvelope<T, EventData<T>> }[CaseEventType];
/** Discriminated union of every worker event, with `workerId`. */
export type WorkerEvent = { [T in WorkerEventType]: WorkerEventEnvelope<T, EventData<T>> }[WorkerEventType];
/** Any event of the catalogue: what validateEnvelope returns. */
export type CaseEvent = ChildEvent | WorkerEvent;

/** The event of one type, e.g. `EventOfType<'CaseClosed'>`. */
export type EventOfType<T extends EventType> = Extract<CaseEvent, { type: T }>;

const CASE_TYPE_SET: ReadonlySet<string> = new Set(CASE_EVENT_TYPES);
const WORKER_TYPE_SET: ReadonlySet<string> = new Set(WORKER_EVENT_TYPES);

export function isCaseEventType(type: unknown): type is CaseEventType {
  return typeof type === 'string' && CASE_TYPE_SET.has(type);
}

export function isWorkerEventType(type: unknown): type is WorkerEventType {
  return typeof type === 'string' && WORKER_TYPE_SET.has(type);
}

export function isEventType(type: unknown): type is EventType {
  return isCaseEventType(type) || isWorkerEventType(type);
}

/** The payload class of a known event type. */
export function payloadClassOf(type: EventType): ContractClass {
  return isCaseEventType(type) ? CASE_EVENT_PAYLOADS[type] : WORKER_EVENT_PAYLOADS[type];
}

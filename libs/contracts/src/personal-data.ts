// Which fields of a child's events are personal data. Personal and free-text fields are encrypted with the
// child's own key before they are stored, so destroying that key erases them from every copy of the log.
// Every field of every child payload is classified here; the compiler and personal-data.unit.spec.ts both refuse
// a new field that is not.
import type { CaseEventType, EventData } from './event-catalogue';

/**
 * - `personal`: describes the child (date of birth, sex, ethnicity, disabilities): encrypted.
 * - `free-text`: words a person typed; they may name anyone: encrypted.
 * - `case-fact`: an id, a date-free code or a flag about the work done (not about who the child is): stored as sent,
 *   since every measure is computed from these.
 */
export type PersonalDataClass = 'personal' | 'free-text' | 'case-fact';

type Classified<T> = { readonly [K in keyof T]-?: PersonalDataClass };

/** The classification of every field of every child event's payload (`data`). */
export const CHILD_PAYLOAD_FIELDS: { readonly [T in CaseEventType]: Classified<EventData<T>> } = {
  ChildDetailsRecorded: { dateOfBirth: 'personal', expectedDateOfBirth: 'personal', gender: 'personal', ethnicity: 'personal', disabilities: 'personal' },
  ContactReceived: { contactId: 'case-fact', source: 'case-fact' },
  ReferralReceived: { referralId: 'case-fact', source: 'case-fact', primaryNeed: 'case-fact' },
  ReferralDecisionMade: { referralId: 'case-fact', decision: 'case-fact' },
  StrategyDiscussionHeld: { strategyDiscussionId: 'case-fact', referralId: 'case-fact', section47Started: 'case-fact', section47Id: 'case-fact' },
  Section47EnquiryCompleted: { section47Id: 'case-fact', icpcRequired: 'case-fact' },
  AssessmentStarted: { assessmentId: 'case-fact', referralId: 'case-fact' },
  AssessmentAuthorised: { assessmentId: 'case-fact', outcome: 'case-fact', factors: 'case-fact' },
  CaseAllocated: { workerId: 'case-fact', teamId: 'case-fact' },
  SocialWorkerChanged: { fromWorkerId: 'case-fact', toWorkerId: 'case-fact', teamId: 'case-fact', reason: 'case-fact' },
  CaseUnallocated: { workerId: 'case-fact', reason: 'case-fact' },
  InitialChildProtectionConferenceHeld: { conferenceId: 'case-fact', section47Id: 'case-fact', planRequired: 'case-fact', categoryOfAbuse: 'case-fact' },
  PreBirthConferenceHeld: { conferenceId: 'case-fact', planRequired: 'case-fact', categoryOfAbuse: 'case-fact' },
  PlanStarted: { planId: 'case-fact', planType: 'case-fact', categoryOfAbuse: 'case-fact' },
  PlanReviewed: { planId: 'case-fact' },
  PlanEnded: { planId: 'case-fact', reason: 'free-text' },
  BecameLookedAfter: {
    periodId: 'case-fact',
    placementId: 'case-fact',
    legalStatus: 'case-fact',
    placementType: 'case-fact',
    reasonNewEpisode: 'case-fact',
    longTerm: 'case-fact',
  },
  PlacementChanged: { periodId: 'case-fact', placementId: 'case-fact', placementType: 'case-fact', longTerm: 'case-fact', reason: 'case-fact' },
  LegalStatusChanged: { periodId: 'case-fact', legalStatus: 'case-fact' },
  CeasedToBeLookedAfter: { periodId: 'case-fact', reason: 'case-fact' },
  StatutoryVisitMade: { visitId: 'case-fact', seen: 'case-fact', seenAlone: 'case-fact' },
  HealthAssessmentCompleted: { healthAssessmentId: 'case-fact', assessmentType: 'case-fact' },
  MissingEpisodeStarted: { missingEpisodeId: 'case-fact' },
  MissingEpisodeEnded: { missingEpisodeId: 'case-fact' },
  ReturnHomeInterviewCompleted: { missingEpisodeId: 'case-fact' },
  CaseClosed: { reason: 'case-fact' },
  EventRetracted: { retractedEventId: 'case-fact', reason: 'free-text' },
};

/**
 * The envelope's own free text, stored in the event's metadata: who recorded the fact (a person's name as the
 * producing system knows them) and the correlation id (any text the producer chose). The other envelope fields
 * are ids, the type, versions, the moment it happened and the producing system's name.
 */
export const CHILD_ENVELOPE_FIELDS = {
  eventId: 'case-fact',
  type: 'case-fact',
  schemaVersion: 'case-fact',
  childId: 'case-fact',
  occurredAt: 'case-fact',
  'source.system': 'case-fact',
  'source.user': 'free-text',
  correlationId: 'free-text',
} as const satisfies Record<string, PersonalDataClass>;

/** `metadata.personalData` of every event, as read, of a child whose key has been destroyed. */
export const PERSONAL_DATA_DESTROYED = 'destroyed';
/** What each encrypted field of a destroyed child's events reads as. */
export const DESTROYED_VALUE = '[destroyed]';

/** Whether a read event belongs to a child whose record has been destroyed (its personal fields read as DESTROYED_VALUE). */
export function isPersonalDataDestroyed(metadata: object): boolean {
  return (metadata as { personalData?: unknown }).personalData === PERSONAL_DATA_DESTROYED;
}

/** The payload fields of a child event type that are stored encrypted. */
export function encryptedPayloadFields(type: CaseEventType): readonly string[] {
  return ENCRYPTED_BY_TYPE.get(type) ?? [];
}

const ENCRYPTED_BY_TYPE: ReadonlyMap<string, readonly string[]> = new Map(
  Object.entries(CHILD_PAYLOAD_FIELDS).map(([type, fields]) => [
    type,
    Object.entries(fields as Record<string, PersonalDataClass>)
      .filter(([, kind]) => kind !== 'case-fact')
      .map(([name]) => name),
  ]),
);

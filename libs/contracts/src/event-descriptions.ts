import type { EventType } from './event-catalogue';

/** What each event type means, in plain English (for the API docs and the JSON Schema `description`). */
export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  ChildDetailsRecorded:
    "The child's minimal personal details: date of birth (or expected date of birth for an unborn child), sex, ethnicity and disabilities. No names, no addresses. Sent again whenever they change.",
  ContactReceived: 'A contact to the front door (MASH) that is not, or not yet, a referral.',
  ReferralReceived:
    "A referral to children's social care; occurredAt is the date it was received. Starts the referral decision clock (T1) and the guidance anchor of the assessment clock (T2).",
  ReferralDecisionMade: 'The decision on a referral: no further action, early help, an assessment or a strategy discussion. Stops T1.',
  StrategyDiscussionHeld:
    'A strategy discussion. When it starts a section 47 enquiry, its date is the s47 start date and starts the initial child protection conference clock (T3).',
  Section47EnquiryCompleted: 'The outcome of a section 47 enquiry: whether an initial child protection conference is needed.',
  AssessmentStarted: 'A child and family assessment starts (the DfE census anchor of T2).',
  AssessmentAuthorised: 'The manager authorises (completes) the assessment, with its outcome and the factors identified. Stops T2.',
  CaseAllocated: 'The case is allocated to a social worker and team while it has none (first allocation, or after CaseUnallocated).',
  SocialWorkerChanged: "The case's allocated social worker changes, with the SSDA903 reason; fromWorkerId is the current worker.",
  CaseUnallocated: 'The case loses its social worker (who left, is absent, or awaits a transfer) and waits for reallocation.',
  InitialChildProtectionConferenceHeld:
    'The initial child protection conference (ICPC). Stops T3; when it makes a child protection plan, it names the category of abuse and starts the review clock (T4).',
  PreBirthConferenceHeld: 'A child protection conference for an unborn child. Stops the pre-birth conference clock (T12).',
  PlanStarted:
    "A plan starts: child in need (starts T13), child protection (starts T7 visits), the looked-after care plan (stops T11) or a care leaver's pathway plan.",
  PlanReviewed: 'A review of a plan: a CP review conference (T4), a looked-after review (T5) or a CIN review (T13).',
  PlanEnded: 'A plan ends; its clocks stop being due.',
  BecameLookedAfter: 'The child becomes looked after: a period of care starts with its legal status and first placement. Starts T5, T6, T8 and T11.',
  PlacementChanged: 'A new placement in the same period of care, with the SSDA903 reason. Restarts the looked-after visit clock (T6).',
  LegalStatusChanged: 'A new legal status in the same period of care.',
  CeasedToBeLookedAfter: 'The period of care ends, with the SSDA903 reason; its clocks (T5, T6, T8, T11) stop being due.',
  StatutoryVisitMade:
    'A statutory visit, and whether the child was seen (and seen alone). Only a visit where the child was seen stops a visit clock (T6 when looked after, T7 on a CP plan).',
  HealthAssessmentCompleted: 'A health assessment of a looked-after child: the initial one stops T8; every one starts the next review (T9).',
  MissingEpisodeStarted: 'The child went missing; occurredAt should be a timestamp.',
  MissingEpisodeEnded: 'The child returned from a missing episode; occurredAt should be a timestamp. Starts the 72-hour return home interview clock (T10).',
  ReturnHomeInterviewCompleted: 'The return home interview after a missing episode. Stops T10.',
  CaseClosed: 'The case is closed, with the CIN census reason; its open clocks stop being due.',
  EventRetracted: 'An earlier event of the same child was recorded in error. Every read model and every clock ignores it from now on; the log keeps both.',
  SocialWorkerJoined: 'A social worker joins: team, role, FTE and whether agency staff.',
  SocialWorkerDetailsChanged: "A social worker's team, role, FTE or contract changes; only the changed fields are sent.",
  SocialWorkerLeft: 'A social worker leaves; from then on no case may be allocated to them.',
};

/**
 * The closed set of reasons the domain refuses an event. A producer can act on the code alone; the message says
 * what is wrong, on which date, and what to send instead; the field names the part of the envelope at fault.
 */
export const DOMAIN_ERROR_MEANINGS = {
  OCCURRED_IN_FUTURE: 'occurredAt falls on a London date after today.',
  DATE_OUT_OF_SEQUENCE: 'A date inside one piece of work runs backwards (a decision before its referral, an end before its start ...).',
  ID_ALREADY_USED: 'An id that names one piece of work (referral, assessment, plan, period of care ...) was already recorded for this child.',
  DISABILITY_NONE_NOT_ALONE: 'The disabilities list combines NONE with a disability.',
  DATE_OF_BIRTH_AFTER_EVENT: 'A date of birth falls after the date the details were recorded.',
  CHILD_ALREADY_BORN: 'An expected date of birth was sent for a child whose date of birth is already recorded.',
  NOT_AN_UNBORN_CHILD: 'A pre-birth conference for a child who is born, or has no expected date of birth recorded.',
  CASE_NOT_OPEN: 'The event needs an open case, and the child has had no referral yet (or, for a closure, the case is not open).',
  CASE_CLOSED: 'The case, or the episode the named piece of work belongs to, was closed before this date.',
  REFERRAL_NOT_FOUND: 'No referral with this referralId was received on or before this date.',
  REFERRAL_ALREADY_DECIDED: 'The referral already has a decision.',
  SECTION47_NOT_FOUND: 'No strategy discussion started a section 47 enquiry with this section47Id on or before this date.',
  SECTION47_ALREADY_COMPLETED: 'The section 47 enquiry was already completed.',
  ASSESSMENT_NOT_FOUND: 'No assessment with this assessmentId started on or before this date.',
  ASSESSMENT_ALREADY_AUTHORISED: 'The assessment was already authorised.',
  ASSESSMENT_FACTOR_21_NOT_ALONE: 'Assessment factor 21 ("no factors identified") is combined with other factors.',
  CASE_ALREADY_ALLOCATED: 'CaseAllocated for a case that has a worker on that date; a change of worker is SocialWorkerChanged.',
  CASE_NOT_ALLOCATED: 'SocialWorkerChanged or CaseUnallocated for a case that has no worker on that date.',
  NOT_CURRENT_WORKER: 'The worker named as leaving the case is not the worker allocated on that date.',
  SAME_WORKER: 'SocialWorkerChanged names the same worker as fromWorkerId and toWorkerId.',
  WORKER_HAS_LEFT: 'The case is allocated to a worker who had left by that date.',
  WORKER_NOT_YET_JOINED: 'The case is allocated to a worker who joined after that date.',
  PLAN_NOT_FOUND: 'No plan with this planId started on or before this date.',
  PLAN_ENDED: 'The plan had ended (by PlanEnded or by the case closing) before this date.',
  PLANS_OVERLAP: 'Two plans of the same type would be open on the same day.',
  NOT_LOOKED_AFTER: 'The event needs the child to be looked after on that date (a CLA plan, a health assessment).',
  PERIOD_NOT_FOUND: 'No period of care with this periodId started on or before this date.',
  PERIOD_NOT_OPEN: 'The period of care had ended (ceased, or ended by the case closing) before this date.',
  PERIODS_OVERLAP: 'Two periods of care would overlap.',
  SEEN_ALONE_WITHOUT_SEEN: 'A visit records the child seen alone but not seen.',
  MISSING_EPISODE_NOT_FOUND: 'No missing episode with this missingEpisodeId started on or before this moment.',
  MISSING_EPISODE_ALREADY_ENDED: 'The missing episode already ended.',
  MISSING_EPISODE_NOT_ENDED: 'A return home interview for a missing episode that has not ended.',
  RETURN_INTERVIEW_ALREADY_RECORDED: 'The missing episode already has its return home interview.',
  EVENT_NOT_FOUND: "The retracted event is not in this child's stream.",
  ALREADY_RETRACTED: 'The retracted event was already retracted.',
  CANNOT_RETRACT_A_RETRACTION: 'A retraction cannot be retracted; send the event again instead.',
  CONFLICTS_WITH_LATER_EVENT: 'The event is valid on its own date but would make an already-recorded later event break a rule.',
  WORKER_ALREADY_ACTIVE: 'SocialWorkerJoined for a worker who is in post on that date.',
  WORKER_NOT_ACTIVE: 'SocialWorkerDetailsChanged or SocialWorkerLeft for a worker who is not in post on that date.',
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_MEANINGS;

/** Every code the domain can return: a closed set (its meanings are in DOMAIN_ERROR_MEANINGS). */
export const DOMAIN_ERROR_CODES = Object.keys(DOMAIN_ERROR_MEANINGS) as readonly DomainErrorCode[];

/** Why an event was refused. `field` is a dotted path in the envelope, e.g. 'data.fromWorkerId' or 'occurredAt'. */
export interface DomainError {
  code: DomainErrorCode;
  message: string;
  field?: string;
}

export type DomainDecision = { ok: true } | { ok: false; error: DomainError };

export const ACCEPTED: DomainDecision = Object.freeze({ ok: true as const });

export function refusal(code: DomainErrorCode, message: string, field: string): DomainError {
  return { code, message, field };
}

export function decisionOf(error: DomainError | undefined): DomainDecision {
  return error === undefined ? ACCEPTED : { ok: false, error };
}

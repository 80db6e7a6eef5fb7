import type { EpochDay, IsoDate } from '../calendar/calendar-date';
import type { CountingConvention } from '../calendar/counting-convention';
import type { Limit } from '../rules/limit';
import type { ClockAnchor, RuleId } from '../rules/timescale-rule';
import type { TimelineEvent } from './timescale-event';

/**
 * On the as-of date:
 * - open: not stopped, due date more than the warning window away;
 * - due-soon: not stopped, due within the warning window (working days, the due date itself included);
 * - overdue: not stopped and the as-of date (or moment, for T10) is after the due date;
 * - met: stopped by its stopping event on or before the due date;
 * - late: stopped by its stopping event after the due date;
 * - cancelled: it stopped being due without the stopping event, never having been overdue: the thing
 *   turned out not to be required (the referral was not for assessment, no ICPC was needed), or its
 *   context ended (plan, placement or period of care ended, case closed, child born) on or before the due date;
 * - lapsed: its context ended after the due date without the stopping event: a breach that was never put
 *   right, kept apart from 'late' so it is neither hidden nor counted as work done late.
 */
export type ClockState = 'open' | 'due-soon' | 'overdue' | 'met' | 'late' | 'cancelled' | 'lapsed';

export type StopReason = 'completed' | 'not-required' | 'context-ended';

export interface Clock {
  readonly rule: RuleId;
  /** T2: 'referral' | 'assessment-start'; T3: 'strategy-discussion' | 'section47-start'. */
  readonly anchor?: ClockAnchor;
  /** The referralId, assessmentId, section47Id, planId, periodId, placementId or missingEpisodeId the clock is about. */
  readonly subjectId: string;
  /** 1, 2, 3 ... along a chain (T4, T5, T6, T7, T9, T13). */
  readonly sequence?: number;
  /** Which limit of the rule applied (see the rule table's `limits`), and the limit itself. */
  readonly limitStep: string;
  readonly limit: Limit;
  readonly startedOn: IsoDate;
  readonly startedAt?: string;
  readonly startEventId: string;
  readonly startEventType: string;
  readonly dueOn: IsoDate;
  /** T10: the due moment (UTC); `dueOn` is its London date. */
  readonly dueAt?: string;
  readonly stoppedOn?: IsoDate;
  readonly stoppedAt?: string;
  readonly stopEventId?: string;
  readonly stopEventType?: string;
  readonly stopReason?: StopReason;
  readonly state: ClockState;
  readonly convention: CountingConvention;
  readonly ruleVersion: string;
  readonly calendarVersion: string;
  readonly standardsVersion: string;
}

export interface ClockStop {
  readonly event: TimelineEvent;
  readonly day: EpochDay;
  readonly instant?: number;
  readonly reason: StopReason;
}

/** A clock before its state on the as-of date is judged. */
export interface ClockDraft {
  readonly rule: RuleId;
  readonly anchor?: ClockAnchor;
  readonly subjectId: string;
  readonly sequence?: number;
  readonly limitStep: string;
  readonly limit: Limit;
  readonly start: TimelineEvent;
  readonly dueDay: EpochDay;
  readonly dueInstant?: number;
  readonly stop?: ClockStop;
}

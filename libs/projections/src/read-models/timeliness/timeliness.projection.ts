import { addCalendarDays, clocksOfCase, ENGLAND_AND_WALES_CALENDAR, type Clock, type LocalStandards } from '@csc/timescales';
import type { CaseReadModel } from '../../engine/case-read-model';
import { childFold, factsOf, latestOn } from '../../engine/subject-folds';
import { allocationOn } from '../allocation-on';

export const TIMELINESS_SCHEMA = 'rm_timeliness';

/** Every event a clock of T1-T13 starts or stops on, or that tells who held the case. */
const CLOCK_EVENTS = [
  'ChildDetailsRecorded',
  'ReferralReceived',
  'ReferralDecisionMade',
  'StrategyDiscussionHeld',
  'Section47EnquiryCompleted',
  'AssessmentStarted',
  'AssessmentAuthorised',
  'InitialChildProtectionConferenceHeld',
  'PreBirthConferenceHeld',
  'PlanStarted',
  'PlanReviewed',
  'PlanEnded',
  'BecameLookedAfter',
  'PlacementChanged',
  'CeasedToBeLookedAfter',
  'StatutoryVisitMade',
  'HealthAssessmentCompleted',
  'MissingEpisodeStarted',
  'MissingEpisodeEnded',
  'ReturnHomeInterviewCompleted',
  'CaseClosed',
  'CaseAllocated',
  'SocialWorkerChanged',
  'CaseUnallocated',
];

const LATEST_OF = new Set([...CLOCK_EVENTS, 'EventRetracted']);

/**
 * Timeliness against the statutory and local timescales: every clock of every child (rule, start,
 * due date, stop), with the team holding the case when it fell due. A clock's state on any date is
 * worked out when asked, from these dates; each row keeps the rule, calendar and standards versions.
 * The clocks depend on the local standards: after changing them, rebuild this read model.
 */
export function timelinessReadModel(standards: LocalStandards): CaseReadModel {
  return {
    name: 'timeliness',
    schema: TIMELINESS_SCHEMA,
    categories: ['child'],
    eventTypes: CLOCK_EVENTS,
    tables: [{ name: 'clocks', subject: 'child', subjectColumn: 'child_id', columns: CLOCK_COLUMNS }],
    migrations: [
      {
        version: 1,
        name: 'clocks',
        sql: (schema) => `
          CREATE TABLE ${schema}.clocks (
            child_id text NOT NULL, clock_key text NOT NULL, rule text NOT NULL, anchor text, subject_id text NOT NULL,
            sequence int, limit_step text NOT NULL, started_on date NOT NULL, due_on date NOT NULL, due_at timestamptz,
            due_soon_from date NOT NULL, stopped_on date, stop_reason text, final_state text,
            team_id text, worker_id text, start_event_id text NOT NULL, stop_event_id text,
            convention text NOT NULL, rule_version text NOT NULL, calendar_version text NOT NULL, standards_version text NOT NULL,
            PRIMARY KEY (child_id, clock_key));
          COMMENT ON COLUMN ${schema}.clocks.final_state IS 'met, late, cancelled or lapsed once stopped; the state while open depends on the date asked about.';
          CREATE INDEX ON ${schema}.clocks (due_on, rule);
          CREATE INDEX ON ${schema}.clocks (rule, stopped_on, due_on);`,
      },
      {
        version: 2,
        name: 'indexes for timeliness in a period and overdue clocks',
        // Timeliness in a period counts the clocks due in it from this index alone (an index-only scan),
        // without visiting the table for each clock; overdue clocks on a date are found by their stop
        // (none yet, or after the date), since few clocks are open on any one date.
        sql: (schema) => `
          CREATE INDEX ON ${schema}.clocks (due_on) INCLUDE (rule, anchor, started_on, stopped_on, final_state, due_soon_from, team_id);
          CREATE INDEX ON ${schema}.clocks (stopped_on, due_on);`,
      },
    ],
    derive(subject, folded) {
      const child = childFold(folded);
      const { state } = child;
      const facts = factsOf(child);
      const lastOn = latestOn(folded, LATEST_OF);
      const clocks = clocksOfCase(state, { asOf: lastOn, standards });
      return {
        clocks: clocks.map((clock) => {
          const heldOn = clock.stoppedOn !== undefined && clock.stoppedOn < clock.dueOn ? clock.stoppedOn : clock.dueOn;
          const holder = allocationOn(facts.allocations, heldOn);
          return {
            child_id: subject.id,
            clock_key: clockKey(clock),
            rule: clock.rule,
            anchor: clock.anchor ?? null,
            subject_id: clock.subjectId,
            sequence: clock.sequence ?? null,
            limit_step: clock.limitStep,
            started_on: clock.startedOn,
            due_on: clock.dueOn,
            due_at: clock.dueAt ?? null,
            due_soon_from: dueSoonFrom(clock.dueOn, standards.dueSoonWorkingDays),
            stopped_on: clock.stoppedOn ?? null,
            stop_reason: clock.stopReason ?? null,
            final_state: clock.stoppedOn !== undefined ? clock.state : null,
            team_id: holder?.teamId ?? null,
            worker_id: holder?.workerId ?? null,
            start_event_id: clock.startEventId,
            stop_event_id: clock.stopEventId ?? null,
            convention: clock.convention,
            rule_version: clock.ruleVersion,
            calendar_version: clock.calendarVersion,
            standards_version: clock.standardsVersion,
          };
        }),
      };
    },
  };
}

const CLOCK_COLUMNS = [
  'child_id',
  'clock_key',
  'rule',
  'anchor',
  'subject_id',
  'sequence',
  'limit_step',
  'started_on',
  'due_on',
  'due_at',
  'due_soon_from',
  'stopped_on',
  'stop_reason',
  'final_state',
  'team_id',
  'worker_id',
  'start_event_id',
  'stop_event_id',
  'convention',
  'rule_version',
  'calendar_version',
  'standards_version',
];

export function clockKey(clock: Clock): string {
  return [clock.rule, clock.anchor ?? '', clock.subjectId, clock.sequence ?? 0].join(':');
}

/**
 * The first date on which an open clock is due soon: the due date is at most `window` working days
 * after it (the due date itself counted), as the timescales library judges it.
 */
export function dueSoonFrom(dueOn: string, window: number): string {
  let from = dueOn;
  let counted = 0;
  try {
    for (;;) {
      counted += ENGLAND_AND_WALES_CALENDAR.isWorkingDay(from) ? 1 : 0;
      if (counted > window) return from;
      from = addCalendarDays(from, -1);
    }
  } catch {
    // Outside the calendar's years: fall back to the due date itself.
    return dueOn;
  }
}

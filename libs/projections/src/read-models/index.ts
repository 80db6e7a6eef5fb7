export * from './read-models';
export * from './read-model-reader';
export { CHILD_TRACKER_SCHEMA } from './child-tracker/child-tracker.projection';
export { childTracker, overdueClocks, type ChildTracker, type OverdueClock, type TrackedClock } from './child-tracker/child-tracker.queries';
export { childTrackersAsAt } from './child-tracker/child-trackers.queries';
export { TIMELINESS_SCHEMA, clockKey, dueSoonFrom } from './timeliness/timeliness.projection';
export { clockStateSql } from './timeliness/clock-state.sql';
export { dueSoonClocks, type DueSoonClock } from './timeliness/due-soon-clocks.queries';
export { timelinessByRule, countStates, type RuleTimeliness, type TimelinessCounts, type TimelinessFilter } from './timeliness/timeliness.queries';
export { CONTINUITY_SCHEMA } from './continuity/continuity.projection';
export { COHORTS, continuityFigures, childWorkerPeriods, type Cohort, type ContinuityFigures, type AllocationPeriod } from './continuity/continuity.queries';
export { continuityTrend } from './continuity/continuity-trend.queries';
export { WAITING_TIMES_SCHEMA } from './waiting-times/waiting-times.projection';
export { waitingStagesTrend } from './waiting-times/waiting-stages-trend.queries';
export {
  WAITING_STAGES,
  waitingFigures,
  percentile,
  type WaitingFigures,
  type StageFigures,
  type Waiting,
  type WaitingStage,
} from './waiting-times/waiting-times.queries';
export { CASELOADS_SCHEMA } from './caseloads/caseloads.projection';
export { caseloadTrend } from './caseloads/caseloads-trend.queries';
export {
  DEFAULT_CASELOAD_TARGETS,
  caseloadFigures,
  type CaseloadFigures,
  type CaseloadTargets,
  type CaseloadTotals,
  type WorkerCaseload,
} from './caseloads/caseloads.queries';

import type { CountingConvention } from '../calendar/counting-convention';
import type { Limit, LimitUnit } from '../rules/limit';
import type { RuleId } from '../rules/timescale-rule';

/**
 * What the local safeguarding partnership decides (domain.md: "local ... must be configurable per
 * authority"). Loaded from JSON and checked by `parseLocalStandards`; changing it needs no code change.
 */
export interface LocalStandards {
  /** Recorded on every clock, so a past result can be reproduced with the standards then in force. */
  readonly version: string;
  /** T7: the longest gap between child protection visits (from the plan start, then from each visit). */
  readonly cpVisitInterval: Limit;
  /** T12: the pre-birth conference is due when the pregnancy reaches this many weeks' gestation. */
  readonly preBirthConferenceGestationWeek: number;
  /** T13: the longest gap between child in need plan reviews. */
  readonly cinReviewInterval: Limit;
  /** The counting convention of the local rules T7, T12, T13. */
  readonly localConvention: CountingConvention;
  /** An open clock is 'due-soon' when its due date is at most this many working days after the as-of date. */
  readonly dueSoonWorkingDays: number;
  /** Per-rule convention overrides, for any rule (e.g. { "T2": "day0" }). */
  readonly conventionOverrides: Readonly<Partial<Record<RuleId, CountingConvention>>>;
}

export const CP_VISIT_UNITS: readonly LimitUnit[] = ['working-days', 'calendar-days', 'weeks'];
export const CIN_REVIEW_UNITS: readonly LimitUnit[] = ['working-days', 'calendar-days', 'weeks', 'months'];

export const DEFAULT_LOCAL_STANDARDS: LocalStandards = Object.freeze({
  version: 'defaults-2026.1',
  cpVisitInterval: Object.freeze({ amount: 10, unit: 'working-days' }),
  preBirthConferenceGestationWeek: 28,
  cinReviewInterval: Object.freeze({ amount: 3, unit: 'months' }),
  localConvention: 'day0',
  dueSoonWorkingDays: 5,
  conventionOverrides: Object.freeze({}),
});

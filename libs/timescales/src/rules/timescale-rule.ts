import type { CountingConvention } from '../calendar/counting-convention';
import type { Limit } from './limit';

export const RULE_IDS = ['T1', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'T8', 'T9', 'T10', 'T11', 'T12', 'T13'] as const;
export type RuleId = (typeof RULE_IDS)[number];

export function isRuleId(value: unknown): value is RuleId {
  return typeof value === 'string' && (RULE_IDS as readonly string[]).includes(value);
}

/** statute: regulations (a must); guidance: statutory guidance (follow unless exceptional); local: the partnership's procedure. */
export type RuleStatus = 'statute' | 'guidance' | 'local';

/** Which start a T2 or T3 clock was measured from (both are always produced). */
export type ClockAnchor = 'referral' | 'assessment-start' | 'strategy-discussion' | 'section47-start';

/** One limit of a rule; a chained rule has several (first review, second review, later reviews...). */
export interface LimitStep {
  readonly id: string;
  /** Plain English: which clock of the chain this limit applies to and what it is measured from. */
  readonly appliesTo: string;
  readonly limit: Limit;
}

export interface TimescaleRule {
  readonly id: RuleId;
  readonly name: string;
  readonly description: string;
  readonly status: RuleStatus;
  /** The regulation, guidance or local procedure the limit comes from. */
  readonly source: string;
  readonly startEvents: readonly string[];
  readonly startsWhen: string;
  readonly stopEvents: readonly string[];
  readonly stopsWhen: string;
  /** Events that end the clock's context without the stopping event: it stops being due. */
  readonly endEvents: readonly string[];
  readonly endsWhen: string;
  readonly anchors?: readonly { readonly anchor: ClockAnchor; readonly from: string }[];
  /** The first clock's limit (the same as `limits[0].limit`). */
  readonly limit: Limit;
  readonly limits: readonly LimitStep[];
  /** For chained rules: where the next clock starts from. */
  readonly chain?: string;
  /** The convention in force for this rule (after local standards and overrides). */
  readonly convention: CountingConvention;
  readonly conventionSource: 'rule-default' | 'local-standards' | 'override';
  readonly conventionReason: string;
}

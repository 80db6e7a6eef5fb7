import { COUNTING_CONVENTIONS, isCountingConvention } from '../calendar/counting-convention';
import type { Limit, LimitUnit } from '../rules/limit';
import { RULE_IDS, isRuleId } from '../rules/timescale-rule';
import { TimescaleError } from '../timescale-error';
import { CIN_REVIEW_UNITS, CP_VISIT_UNITS, type LocalStandards } from './local-standards';

export interface LocalStandardsIssue {
  readonly path: string;
  readonly problem: string;
  readonly allowed: string;
}

/** Every problem in a local standards file at once, so one edit can fix them all. */
export class InvalidLocalStandards extends TimescaleError {
  constructor(readonly issues: readonly LocalStandardsIssue[]) {
    super(
      'INVALID_LOCAL_STANDARDS',
      `Local standards are invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((issue) => `- ${issue.path}: ${issue.problem}; allowed: ${issue.allowed}`).join('\n'),
      issues[0]?.path,
    );
    this.name = 'InvalidLocalStandards';
  }
}

const TOP_LEVEL_KEYS = [
  'version',
  'cpVisitInterval',
  'preBirthConferenceGestationWeek',
  'cinReviewInterval',
  'localConvention',
  'dueSoonWorkingDays',
  'conventionOverrides',
];
// Documentation keys a JSON file may carry; their content is not read.
const DOCUMENTATION_KEYS = ['$comment', '$schema'];
const MAX_AMOUNT: Readonly<Partial<Record<LimitUnit, number>>> = {
  'working-days': 260,
  'calendar-days': 365,
  weeks: 52,
  months: 12,
};

type Issues = LocalStandardsIssue[];

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shown(value: unknown): string {
  return value === undefined ? 'nothing (the setting is missing)' : JSON.stringify(value);
}

function wholeNumberIn(value: unknown, min: number, max: number, path: string, issues: Issues): number {
  if (Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max) return value as number;
  issues.push({ path, problem: `got ${shown(value)}`, allowed: `a whole number from ${min} to ${max}` });
  return min;
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], path: string, issues: Issues): void {
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      issues.push({ path: path ? `${path}.${key}` : key, problem: 'unknown setting (a typo?)', allowed: known.join(', ') });
    }
  }
}

function interval(value: unknown, units: readonly LimitUnit[], path: string, issues: Issues): Limit {
  if (!isPlainObject(value)) {
    issues.push({ path, problem: `got ${shown(value)}`, allowed: `an object { "amount": number, "unit": one of ${units.join(', ')} }` });
    return { amount: 1, unit: units[0] };
  }
  unknownKeys(value, ['amount', 'unit'], path, issues);
  const unit = units.includes(value.unit as LimitUnit) ? (value.unit as LimitUnit) : undefined;
  if (!unit) issues.push({ path: `${path}.unit`, problem: `got ${shown(value.unit)}`, allowed: `one of ${units.join(', ')}` });
  const max = MAX_AMOUNT[unit ?? units[0]] ?? 365;
  return { amount: wholeNumberIn(value.amount, 1, max, `${path}.amount`, issues), unit: unit ?? units[0] };
}

function conventionOverrides(value: unknown, issues: Issues): LocalStandards['conventionOverrides'] {
  if (value === undefined) return {};
  if (!isPlainObject(value)) {
    issues.push({ path: 'conventionOverrides', problem: `got ${shown(value)}`, allowed: 'an object such as { "T2": "day0" }' });
    return {};
  }
  const overrides: Record<string, unknown> = {};
  for (const [key, convention] of Object.entries(value)) {
    if (!isRuleId(key)) {
      issues.push({ path: `conventionOverrides.${key}`, problem: 'not a rule id', allowed: RULE_IDS.join(', ') });
    } else if (!isCountingConvention(convention)) {
      issues.push({ path: `conventionOverrides.${key}`, problem: `got ${shown(convention)}`, allowed: COUNTING_CONVENTIONS.join(', ') });
    } else {
      overrides[key] = convention;
    }
  }
  return overrides as LocalStandards['conventionOverrides'];
}

function version(value: unknown, issues: Issues): string {
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 100) return value;
  issues.push({ path: 'version', problem: `got ${shown(value)}`, allowed: 'a non-empty name of up to 100 characters, e.g. "west-sussex-2026-04"' });
  return '';
}

function localConvention(value: unknown, issues: Issues): LocalStandards['localConvention'] {
  if (isCountingConvention(value)) return value;
  issues.push({ path: 'localConvention', problem: `got ${shown(value)}`, allowed: COUNTING_CONVENTIONS.join(', ') });
  return 'day0';
}

/**
 * Checks a parsed JSON value and returns the standards, or throws `InvalidLocalStandards` naming every bad
 * field with its path and what is allowed. Every setting is required except `conventionOverrides`: a
 * missing setting is an error, never a silent default.
 */
export function parseLocalStandards(json: unknown): LocalStandards {
  if (!isPlainObject(json)) {
    throw new InvalidLocalStandards([{ path: '(root)', problem: `got ${shown(json)}`, allowed: 'a JSON object' }]);
  }
  const issues: Issues = [];
  unknownKeys(json, [...TOP_LEVEL_KEYS, ...DOCUMENTATION_KEYS], '', issues);
  const standards: LocalStandards = {
    version: version(json.version, issues),
    cpVisitInterval: interval(json.cpVisitInterval, CP_VISIT_UNITS, 'cpVisitInterval', issues),
    preBirthConferenceGestationWeek: wholeNumberIn(json.preBirthConferenceGestationWeek, 20, 40, 'preBirthConferenceGestationWeek', issues),
    cinReviewInterval: interval(json.cinReviewInterval, CIN_REVIEW_UNITS, 'cinReviewInterval', issues),
    localConvention: localConvention(json.localConvention, issues),
    dueSoonWorkingDays: wholeNumberIn(json.dueSoonWorkingDays, 0, 30, 'dueSoonWorkingDays', issues),
    conventionOverrides: conventionOverrides(json.conventionOverrides, issues),
  };
  if (issues.length > 0) throw new InvalidLocalStandards(issues);
  // Frozen: rule tables are cached per standards object, so it must not change after it is checked.
  return Object.freeze({
    ...standards,
    cpVisitInterval: Object.freeze(standards.cpVisitInterval),
    cinReviewInterval: Object.freeze(standards.cinReviewInterval),
    conventionOverrides: Object.freeze(standards.conventionOverrides),
  });
}

// Merging a partial config over a preset (--config file.json, then flags), and checking the result before a run.
import { OCCURRED_ON_RANGE } from '@csc/contracts';
import { isIsoDate } from '@csc/timescales';
import type { DurationHistogram, GeneratorConfig } from './generator-config';

export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** A setting that cannot be used: what is wrong and where, so the user can fix the file or the flag. */
export class GeneratorConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The generator settings are wrong:\n  - ${problems.join('\n  - ')}\nSee GeneratorConfig in apps/cli/src/generate/config/generator-config.ts.`);
    this.name = 'GeneratorConfigError';
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A map of code weights (every value a number) accepts codes the preset did not weight; other objects do not take new keys. */
const isWeightMap = (value: Record<string, unknown>) => Object.values(value).every((item) => typeof item === 'number');

/** Deep merge: objects merge key by key, arrays and values replace. Unknown keys are refused (a typo would be ignored otherwise). */
export function mergeConfig<T extends object>(base: T, override: object, path = ''): T {
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  const problems: string[] = [];
  for (const [key, value] of Object.entries(override as Record<string, unknown>)) {
    const where = path === '' ? key : `${path}.${key}`;
    const current = result[key];
    if (value === undefined) continue;
    if (!(key in result) && !isWeightMap(result)) {
      problems.push(`${where} is not a setting (known here: ${Object.keys(result).join(', ')})`);
    } else if (isPlainObject(current) && isPlainObject(value)) {
      result[key] = mergeConfig(current, value, where);
    } else if (current !== undefined && typeof current !== typeof value) {
      problems.push(`${where} must be ${Array.isArray(current) ? 'an array' : `a ${typeof current}`}; got ${JSON.stringify(value)}`);
    } else {
      result[key] = value;
    }
  }
  if (problems.length > 0) throw new GeneratorConfigError(problems);
  return result as T;
}

/** Two partial configs as one: `top` over `bottom`, key by key; undefined values in `top` leave `bottom`'s. */
export function overlayPartial(bottom: object, top: object): Record<string, unknown> {
  const result: Record<string, unknown> = { ...(bottom as Record<string, unknown>) };
  for (const [key, value] of Object.entries(top)) {
    if (value === undefined) continue;
    result[key] = isPlainObject(value) && isPlainObject(result[key]) ? overlayPartial(result[key] as object, value) : value;
  }
  return result;
}

function checkShares(value: unknown, path: string, problems: string[]): void {
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) checkShares(item, `${path}.${key}`, problems);
    return;
  }
  const name = path.split('.').pop() ?? '';
  if (/Share$/.test(name) && typeof value === 'number' && !(value >= 0 && value <= 1)) problems.push(`${path} is a share: between 0 and 1; got ${value}`);
}

function checkHistogram(histogram: DurationHistogram, path: string, problems: string[]): void {
  const total = histogram.reduce((sum, band) => sum + band.share, 0);
  if (histogram.length === 0 || Math.abs(total - 1) > 0.01) problems.push(`${path}: the band shares must add up to 1; they add up to ${total.toFixed(3)}`);
  histogram.forEach((band, index) => {
    const previous = index === 0 ? 0 : histogram[index - 1].uptoDays;
    if (!(band.uptoDays > previous) || band.share < 0) problems.push(`${path}[${index}]: uptoDays must increase and share be at least 0`);
  });
}

/**
 * The opening caseload's histories reach back before the start: children closed in the two years before it (their
 * last referral up to 540 days before the closure) and open work (begun at most a year after the contract's first date).
 */
const EARLIEST_START = '2009-01-01';
const LATEST_START = '2039-12-31';

/** Checks a complete config; returns it, or throws GeneratorConfigError listing every problem. */
export function validateConfig(config: GeneratorConfig): GeneratorConfig {
  const problems: string[] = [];
  if (!isIsoDate(config.start) || config.start < EARLIEST_START || config.start > LATEST_START) {
    problems.push(
      `start must be a date YYYY-MM-DD from ${EARLIEST_START} to ${LATEST_START}, so that every event falls within the dates the contract ` +
        `accepts (${OCCURRED_ON_RANGE.from} to ${OCCURRED_ON_RANGE.to}) with room for the histories of the children open or recently closed at the start; got ${JSON.stringify(config.start)}`,
    );
  }
  if (!(config.years > 0 && config.years <= 20)) problems.push(`years must be above 0 and at most 20; got ${config.years}`);
  else if (isIsoDate(config.start) && Number(config.start.slice(0, 4)) + Math.ceil(config.years) > Number(OCCURRED_ON_RANGE.to.slice(0, 4))) {
    problems.push(`start ${config.start} and years ${config.years} run past ${OCCURRED_ON_RANGE.to}, the last date the contract accepts`);
  }
  if (!Number.isSafeInteger(config.seed) || config.seed < 0 || config.seed > 0xffffffff)
    problems.push(`seed must be a whole number 0-4294967295; got ${config.seed}`);
  if (!Number.isSafeInteger(config.referralsPerYear) || config.referralsPerYear < 1) problems.push(`referralsPerYear must be a whole number of at least 1`);
  const teams = Math.ceil(config.workers / (config.workforce.teamSize + 1));
  if (!Number.isSafeInteger(config.workers) || config.workers - teams < 1)
    problems.push(`workers must be a whole number of at least 2 (a team manager and a case holder)`);
  if (config.workforce.areas.length === 0 || config.workforce.areas.some((area) => !/^[A-Z0-9]{1,16}$/.test(area))) {
    problems.push('workforce.areas must name at least one area in capitals and digits (it goes into team ids: T-NORTH-1)');
  }
  if (!/^[a-z0-9-]{1,32}$/.test(config.sourceSystem)) problems.push('sourceSystem must be 1-32 characters a-z 0-9 -');
  const { noFurtherAction, earlyHelp, strategyDiscussion } = config.frontDoor.decisions;
  if (noFurtherAction + earlyHelp + strategyDiscussion > 1) problems.push('frontDoor.decisions: the shares add up to more than 1 (the rest are assessments)');
  checkShares(config, 'config', problems);
  checkHistogram(config.assessment.shortHelpDays, 'assessment.shortHelpDays', problems);
  checkHistogram(config.safeguarding.planDurations, 'safeguarding.planDurations', problems);
  checkHistogram(config.childInNeed.planDurations, 'childInNeed.planDurations', problems);
  checkHistogram(config.childInNeed.disabilityPlanDurations, 'childInNeed.disabilityPlanDurations', problems);
  checkHistogram(config.lookedAfter.periodDurations, 'lookedAfter.periodDurations', problems);
  if (problems.length > 0) throw new GeneratorConfigError(problems.map((problem) => problem.replace(/^config\./, '')));
  return config;
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LOCAL_STANDARDS } from './local-standards';
import { InvalidLocalStandards, parseLocalStandards } from './parse-local-standards';

const EXAMPLE = path.resolve(__dirname, '../../config/local-standards.example.json');

function issuesOf(json: unknown) {
  try {
    parseLocalStandards(json);
  } catch (error) {
    if (error instanceof InvalidLocalStandards) return error;
    throw error;
  }
  throw new Error('expected InvalidLocalStandards');
}

describe('local standards', () => {
  it('parses the example file to the default values (with its own version)', () => {
    const parsed = parseLocalStandards(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    expect(parsed).toEqual({ ...DEFAULT_LOCAL_STANDARDS, version: 'pan-sussex-example-2026.1' });
  });

  it('round-trips the defaults', () => {
    expect(parseLocalStandards(JSON.parse(JSON.stringify(DEFAULT_LOCAL_STANDARDS)))).toEqual(DEFAULT_LOCAL_STANDARDS);
  });

  it('accepts the variants other areas use', () => {
    const parsed = parseLocalStandards({
      ...DEFAULT_LOCAL_STANDARDS,
      cpVisitInterval: { amount: 14, unit: 'calendar-days' },
      preBirthConferenceGestationWeek: 34,
      cinReviewInterval: { amount: 6, unit: 'weeks' },
      localConvention: 'day1',
      conventionOverrides: { T2: 'day0', T1: 'day1' },
    });
    expect(parsed.conventionOverrides).toEqual({ T2: 'day0', T1: 'day1' });
    expect(parsed.cinReviewInterval).toEqual({ amount: 6, unit: 'weeks' });
  });

  it('lists every bad field with its path and what is allowed', () => {
    const error = issuesOf({
      version: '',
      cpVisitInterval: { amount: 0, unit: 'fortnights' },
      preBirthConferenceGestationWeek: 41.5,
      cinReviewInterval: { amount: 13, unit: 'months', extra: true },
      localConvention: 'day2',
      conventionOverrides: { T14: 'day0', T2: 'zero' },
      cpVisitIntervall: 10,
    });
    expect(error.code).toBe('INVALID_LOCAL_STANDARDS');
    expect(error.issues.map((issue) => issue.path).sort()).toEqual(
      [
        'conventionOverrides.T14',
        'conventionOverrides.T2',
        'cinReviewInterval.amount',
        'cinReviewInterval.extra',
        'cpVisitInterval.amount',
        'cpVisitInterval.unit',
        'cpVisitIntervall',
        'dueSoonWorkingDays',
        'localConvention',
        'preBirthConferenceGestationWeek',
        'version',
      ].sort(),
    );
    expect(error.message).toContain('cpVisitInterval.unit: got "fortnights"; allowed: one of working-days, calendar-days, weeks');
    expect(error.message).toContain('dueSoonWorkingDays: got nothing (the setting is missing); allowed: a whole number from 0 to 30');
    expect(error.message).toContain('cinReviewInterval.amount: got 13; allowed: a whole number from 1 to 12');
  });

  it('rejects something that is not an object', () => {
    expect(issuesOf([]).issues).toEqual([{ path: '(root)', problem: 'got []', allowed: 'a JSON object' }]);
  });
});

import { readFileSync } from 'node:fs';
import { DEFAULT_RETENTION_SCHEDULE, parseRetentionSchedule, type RetentionSchedule } from './retention-schedule';

/** The schedule CSC_RETENTION_SCHEDULE names, or the documented defaults; a file that cannot be read or is invalid stops start-up. */
export function loadRetentionSchedule(file: string | undefined): { schedule: RetentionSchedule; source: string } {
  if (!file) return { schedule: DEFAULT_RETENTION_SCHEDULE, source: 'the defaults (see "Retention and subject access" in README.md)' };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`CSC_RETENTION_SCHEDULE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`CSC_RETENTION_SCHEDULE (${file}) is not JSON: ${(error as Error).message}`);
  }
  return { schedule: parseRetentionSchedule(value), source: file };
}

import { londonDateOf } from '@csc/timescales';
import { instantOf, isoInstant } from './london-day';

/**
 * Where an auditor stands to look at a child's record:
 * - `asKnownAt`: only what had been recorded by then (a date means the end of that London day);
 * - `occurredBy`: only what had happened by the end of that date, however late it was recorded.
 * Either, both or neither (everything recorded, as it stands now).
 */
export interface PointInTime {
  /** The last instant counted as known, in ms since the epoch. */
  knownAtMs?: number;
  /** The same instant, ISO 8601 UTC, as the response states it. */
  asKnownAt?: string;
  occurredBy?: string;
}

export function pointInTime(query: { asKnownAt?: string; occurredBy?: string }): PointInTime {
  const knownAtMs = query.asKnownAt === undefined ? undefined : instantOf(query.asKnownAt, 'end');
  return {
    ...(knownAtMs === undefined ? {} : { knownAtMs, asKnownAt: isoInstant(knownAtMs) }),
    ...(query.occurredBy === undefined ? {} : { occurredBy: query.occurredBy }),
  };
}

/**
 * The date the case and its clocks are judged on: occurredBy, else the London date of asKnownAt (no later than
 * today: what is known at a future moment is what is known now), else today.
 */
export function judgedOn(point: PointInTime, today: string): string {
  if (point.occurredBy !== undefined) return point.occurredBy;
  if (point.asKnownAt !== undefined) {
    const knownOn = londonDateOf(point.asKnownAt);
    return knownOn < today ? knownOn : today;
  }
  return today;
}

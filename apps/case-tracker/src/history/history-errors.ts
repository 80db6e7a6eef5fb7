import { NotFoundException } from '@nestjs/common';

export function childNotFound(childId: string): NotFoundException {
  return new NotFoundException({ error: { code: 'CHILD_NOT_FOUND', message: `Nothing has been recorded for child ${childId}`, field: 'childId' } });
}

/** The child has a stream, but nothing in it was known (or had happened) at the point asked about. */
export function nothingKnownByThen(childId: string, point: { asKnownAt?: string; occurredBy?: string }): NotFoundException {
  const when = [point.asKnownAt && `recorded by ${point.asKnownAt}`, point.occurredBy && `happened by ${point.occurredBy}`].filter(Boolean).join(' and ');
  return new NotFoundException({
    error: { code: 'NOTHING_KNOWN_BY_THEN', message: `Child ${childId} has events, but none ${when}`, field: point.asKnownAt ? 'asKnownAt' : 'occurredBy' },
  });
}

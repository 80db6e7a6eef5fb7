import { TimescaleError } from '../timescale-error';
import type { TimescaleEvent } from './timescale-event';

/**
 * The ids of events that an effective `EventRetracted` names. A retraction can itself be retracted (it was
 * recorded in error), which restores the event it named; whichever order they arrived in.
 */
export function retractedEventIds(events: readonly TimescaleEvent[]): Set<string> {
  const retractionsNaming = new Map<string, string[]>();
  for (const event of events) {
    if (event?.type !== 'EventRetracted') continue;
    const target = (event.data as { retractedEventId?: unknown } | null)?.retractedEventId;
    // A retraction that names nothing cannot be applied, and ignoring it could count an event recorded in error.
    if (typeof target !== 'string' || target === '') {
      throw new TimescaleError('INVALID_EVENT', `EventRetracted event ${event.eventId}: data.retractedEventId must be an event id`, 'data.retractedEventId');
    }
    const naming = retractionsNaming.get(target);
    if (naming) naming.push(event.eventId);
    else retractionsNaming.set(target, [event.eventId]);
  }
  const memo = new Map<string, boolean>();
  const isRetracted = (eventId: string, visiting: Set<string>): boolean => {
    const known = memo.get(eventId);
    if (known !== undefined) return known;
    // A cycle of retractions retracting each other has no consistent reading: none of them takes effect.
    if (visiting.has(eventId)) return false;
    visiting.add(eventId);
    const retracted = (retractionsNaming.get(eventId) ?? []).some((retraction) => !isRetracted(retraction, visiting));
    visiting.delete(eventId);
    memo.set(eventId, retracted);
    return retracted;
  };
  const result = new Set<string>();
  for (const target of retractionsNaming.keys()) if (isRetracted(target, new Set())) result.add(target);
  return result;
}

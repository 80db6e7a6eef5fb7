import { randomUUID } from 'node:crypto';
import { toStoredEvent, type CaseEvent } from '@csc/contracts';
import type { JsonObject } from '@csc/event-store';
import { countyConfig, generateCounty } from '../../apps/cli/src/generate';

/** An event as a producer would send it, reduced to what the store keeps. */
export interface BenchEvent {
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}

/** The synthetic county the benchmarks append: two years of a county-sized authority, seed 7 (about 270,000 envelopes). */
const COUNTY = { preset: 'county', years: 2, seed: 7 } as const;

/** What the service would store for each envelope, without its event id (every call gets fresh ids). */
type EventTemplate = Omit<BenchEvent, 'eventId'>;

const templates: EventTemplate[] = [];
let source: Iterator<CaseEvent> | undefined;
let exhausted = false;

/**
 * The first `count` envelopes of the synthetic county (`csc generate`), in emission order, as the service stores
 * them (`toStoredEvent`: data is the payload, metadata the envelope fields kept beside it), each with a fresh
 * event id on every call so that the same shapes can be appended again and again. Envelopes are generated lazily
 * and kept across calls; if more are asked for than one generation yields, they repeat from the start.
 */
export function generatedEvents(count: number): BenchEvent[] {
  fillTemplates(count);
  if (templates.length === 0) throw new Error('The county generator yielded no events');
  return Array.from({ length: count }, (_, index) => ({ eventId: randomUUID(), ...templates[index % templates.length] }));
}

function fillTemplates(count: number): void {
  source ??= generateCounty(countyConfig(COUNTY.preset, { years: COUNTY.years, seed: COUNTY.seed }))[Symbol.iterator]();
  while (!exhausted && templates.length < count) {
    const next = source.next();
    if (next.done) {
      exhausted = true;
      return;
    }
    // Channel and sender as if recorded over HTTP, so the metadata is as large as the service's usual rows.
    const { type, data, metadata } = toStoredEvent(next.value, { channel: 'http', recordedBy: 'bench-recorder' });
    templates.push({ type, data: data as JsonObject, metadata: metadata as JsonObject });
  }
}

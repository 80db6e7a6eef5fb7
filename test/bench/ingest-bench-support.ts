import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { streamIdFor, toStoredEvent, type CaseEvent } from '@csc/contracts';
import type { AppendResult, EventStore, EventToAppend, ExpectedRevision } from '@csc/event-store';
import { STREAMS_PER_APPEND } from '../../apps/case-tracker/src/ingest/record-events/record-events.handler';
import { countyConfig, CountySimulation, type Emission } from '../../apps/cli/src/generate';
import { hashText } from '../../apps/cli/src/generate/simulation/seeded-random';

/** A stretch of the synthetic county's emissions, in emission order, with what they hold. */
export interface Workload {
  /** The workforce in post at the start (their SocialWorkerJoined): recorded before the clock starts. */
  workforce: Emission[];
  /** The measured emissions: the `count` that follow the workforce. */
  emissions: Emission[];
  /** The deliberate duplicates among them (envelopes sent a second time). */
  resent: number;
  retractions: number;
  streams: number;
}

/**
 * The county preset's live flow from an empty service: the workforce joins first, then a day at a time come the
 * referrals, assessments, plans, visits and reviews, a few sent twice, some recorded late and a few retracted. The
 * opening caseload (a migration of the open cases' histories, some 43,000 events written child by child) is left out,
 * so that every sample, even a small one, is the interleaved daily traffic a case management system sends. The
 * workforce in post at the start (about 290 SocialWorkerJoined) is set apart, to be recorded before the clock starts:
 * allocations then name workers the service knows, as they would in a running service.
 *
 * The generator's child and worker ids (C000001, W00001) do not depend on the seed, only its event ids do: each
 * measured run therefore gets a database of its own rather than a new seed.
 */
export function countyWorkload(count: number, seed: number): Workload {
  // A year of the live flow is about 65,000 events, more as the caseload builds up.
  const years = Math.max(1, Math.ceil(count / 50_000));
  const workforce: Emission[] = [];
  const emissions: Emission[] = [];
  for (const emission of new CountySimulation(countyConfig('county', { years, seed, opening: { enabled: false } }))) {
    if (emissions.length === 0 && emission.event.childId === undefined) workforce.push(emission);
    else emissions.push(emission);
    if (emissions.length >= count) break;
  }
  return {
    workforce,
    emissions,
    resent: emissions.filter((emission) => emission.resent).length,
    retractions: emissions.filter((emission) => emission.event.type === 'EventRetracted').length,
    streams: new Set(emissions.map((emission) => streamIdFor(emission.event))).size,
  };
}

/**
 * Splits the emissions over `clients` lanes by stream, as `csc generate --to` does (the same hash of the stream id), so
 * each child's and each worker's events stay in emission order within one lane. Like that sink, nothing else orders
 * the lanes: the SocialWorkerJoined of a worker who joins during the run may reach the service after another lane's
 * allocation naming them, which the domain accepts (a worker not yet heard of: HR feeds lag behind case recording);
 * within one request the service records the workers' streams before the children's.
 */
export function lanesOf<T>(items: readonly T[], clients: number, emission: (item: T) => Emission): T[][] {
  const lanes: T[][] = Array.from({ length: clients }, () => []);
  for (const item of items) lanes[hashText(streamIdFor(emission(item).event)) % clients].push(item);
  return lanes;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** What the service answered, summed over a run. */
export interface IngestTally {
  seconds: number;
  requests: number;
  recorded: number;
  duplicate: number;
  rejected: number;
  /** Rejections by error code. */
  rejections: Map<string, number>;
  /** The first few rejections, with their messages, for the progress output. */
  examples: string[];
}

/**
 * Posts every lane's batches (bodies serialised before the clock starts) with one request in flight per lane, all
 * lanes at once, over kept-alive connections, and returns the elapsed time and what the service answered. The client
 * is node:http rather than fetch: on these two cores fetch costs about 1.5 ms more a request, in the same process as
 * the service, which would count against the service's rate for single-event requests.
 */
export async function postLanes(url: string, authorization: string, lanes: readonly Buffer[][]): Promise<IngestTally> {
  const tally: IngestTally = { seconds: 0, requests: 0, recorded: 0, duplicate: 0, rejected: 0, rejections: new Map(), examples: [] };
  const agent = new Agent({ keepAlive: true, maxSockets: lanes.length });
  const endpoint = new URL(url);
  try {
    const started = process.hrtime.bigint();
    await Promise.all(
      lanes.map(async (bodies) => {
        for (const body of bodies) {
          const { status, text } = await post(agent, endpoint, authorization, body);
          if (status !== 200) throw new Error(`POST ${url} answered ${status}: ${text.slice(0, 500)}`);
          countOutcome(tally, text);
        }
      }),
    );
    tally.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  } finally {
    agent.destroy();
  }
  return tally;
}

export function post(agent: Agent, url: URL, authorization: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': body.length, authorization };
    const outgoing = request(url, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

function countOutcome(tally: IngestTally, text: string): void {
  const outcome = JSON.parse(text) as {
    summary: Record<'recorded' | 'duplicate' | 'rejected', number>;
    results: { eventId?: string; status: string; error?: { code: string; message: string } }[];
  };
  tally.requests += 1;
  tally.recorded += outcome.summary.recorded;
  tally.duplicate += outcome.summary.duplicate;
  tally.rejected += outcome.summary.rejected;
  if (outcome.summary.rejected === 0) return;
  for (const result of outcome.results) {
    if (result.status !== 'rejected') continue;
    const code = result.error?.code ?? 'UNKNOWN';
    tally.rejections.set(code, (tally.rejections.get(code) ?? 0) + 1);
    if (tally.examples.length < 5) tally.examples.push(`${result.eventId ?? '?'}: ${code} ${result.error?.message ?? ''}`);
  }
}

/** Request bodies per lane: `{ "events": [...] }` of up to `batchSize` envelopes each. */
export function requestBodies(emissions: readonly Emission[], clients: number, batchSize: number): Buffer[][] {
  return lanesOf(emissions, clients, (emission) => emission).map((lane) =>
    chunk(lane, batchSize).map((batch) => Buffer.from(JSON.stringify({ events: batch.map((emission) => emission.event) }))),
  );
}

/** One stream's part of a request, ready to append. */
interface StreamAppend {
  streamId: string;
  worker: boolean;
  events: EventToAppend[];
}

/**
 * The same lanes and batches as the requests, each batch's events grouped by stream in order (workers first) as the
 * service groups them, converted with toStoredEvent before the clock starts. The deliberate duplicates are left out,
 * as `csc generate --to-store` leaves them out: the store would refuse an append mixing a stored event with new ones.
 */
export function storeBatches(emissions: readonly Emission[], clients: number, batchSize: number, recordedBy: string): StreamAppend[][][] {
  return lanesOf(emissions, clients, (emission) => emission).map((lane) =>
    chunk(lane, batchSize).map((batch) => {
      const streams = new Map<string, StreamAppend>();
      for (const { event, resent } of batch) {
        if (resent) continue;
        const streamId = streamIdFor(event);
        const group = streams.get(streamId) ?? { streamId, worker: event.childId === undefined, events: [] };
        group.events.push(storedEvent(event, recordedBy));
        streams.set(streamId, group);
      }
      return [...streams.values()].sort((a, b) => Number(b.worker) - Number(a.worker));
    }),
  );
}

function storedEvent(event: CaseEvent, recordedBy: string): EventToAppend {
  return toStoredEvent(event, { channel: 'http', recordedBy }) as EventToAppend;
}

/**
 * Appends one request's streams as the service's ingest command does: the workers' streams, then the children's, each
 * kind in multi-stream appends of up to STREAMS_PER_APPEND streams. Any refusal is an error: the baseline's events are
 * all new. Returns each stream's result by stream id.
 */
export async function appendLikeTheService(
  store: EventStore,
  streams: readonly { streamId: string; worker: boolean; events: readonly EventToAppend[]; expectedRevision: ExpectedRevision }[],
): Promise<Map<string, AppendResult>> {
  const results = new Map<string, AppendResult>();
  for (const worker of [true, false]) {
    const ofKind = streams.filter((stream) => stream.worker === worker);
    for (let from = 0; from < ofKind.length; from += STREAMS_PER_APPEND) {
      const group = ofKind.slice(from, from + STREAMS_PER_APPEND);
      const outcomes = await store.appendToStreams(group);
      outcomes.forEach((outcome, at) => {
        if (!outcome.ok) throw new Error(`the baseline could not append to ${group[at].streamId}: ${outcome.error.message}`);
        results.set(group[at].streamId, outcome.result);
      });
    }
  }
  return results;
}

/**
 * The store's own rate for the same events: every lane at once, each batch's streams appended as the service appends
 * them (appendLikeTheService, with `expectedRevision: 'any'`). Returns the elapsed time and the events appended.
 */
export async function appendLanes(store: EventStore, lanes: readonly StreamAppend[][][]): Promise<{ seconds: number; appended: number }> {
  let appended = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    lanes.map(async (batches) => {
      for (const streams of batches) {
        await appendLikeTheService(
          store,
          streams.map((group) => ({ ...group, expectedRevision: 'any' as const })),
        );
        for (const group of streams) appended += group.events.length;
      }
    }),
  );
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, appended };
}

export async function listen(app: NestExpressApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  app.getHttpServer().keepAliveTimeout = 120_000;
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import type { CaseEvent, ChildEvent, WorkerEvent } from '@csc/contracts';
import { childHistoryArbitrary, corruptedVariants, type GeneratedHistory } from '../../libs/domain/testing';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { describeWith } from '@csc/test-support';
import { bearer } from '../support/tokens';

interface Expectation {
  event: CaseEvent;
  /** 'recorded', or the code the event must be rejected with. */
  outcome: 'recorded' | string;
}

/** Gives a history fresh child, worker and event ids, so every run writes streams of its own. */
function relabel<T extends { workerEvents: readonly WorkerEvent[]; events: readonly ChildEvent[] }>(history: T): T {
  const run = randomUUID().slice(0, 8);
  const ids = new Map<string, string>();
  const freshEventId = (id: string): string => ids.get(id) ?? (ids.set(id, randomUUID()), ids.get(id)!);
  const renamed = (id: string): string => `${id.slice(0, 40)}.${run}`;
  const workerFields = ['workerId', 'fromWorkerId', 'toWorkerId'];
  const relabelEvent = <E extends CaseEvent>(event: E): E => {
    const data = { ...(event.data as Record<string, unknown>) };
    for (const field of workerFields) if (typeof data[field] === 'string') data[field] = renamed(data[field] as string);
    if (typeof data.retractedEventId === 'string') data.retractedEventId = freshEventId(data.retractedEventId);
    return {
      ...event,
      eventId: freshEventId(event.eventId),
      ...(event.childId !== undefined ? { childId: renamed(event.childId) } : {}),
      ...(event.workerId !== undefined ? { workerId: renamed(event.workerId) } : {}),
      data,
    } as E;
  };
  return { ...history, workerEvents: history.workerEvents.map(relabelEvent), events: history.events.map(relabelEvent) };
}

/** Breaks one envelope the way a faulty producer might; the contract must refuse it. */
const CONTRACT_BREAKS: ReadonlyArray<(event: ChildEvent) => { event: unknown; code: string }> = [
  (event) => ({ event: { ...event, data: { ...event.data, unexpected: true } }, code: 'UNKNOWN_FIELD' }),
  (event) => ({ event: { ...event, occurredAt: '2024-02-30' }, code: 'INVALID_FIELD' }),
  (event) => ({ event: { ...event, schemaVersion: 7 }, code: 'UNSUPPORTED_SCHEMA_VERSION' }),
  (event) => ({ event: { ...event, type: 'SomethingHappened' }, code: 'UNKNOWN_EVENT_TYPE' }),
  (event) => {
    const { source: _source, ...rest } = event;
    return { event: rest, code: 'MISSING_FIELD' };
  },
];

/**
 * Runs of the property per database; each run posts up to six histories, each three ways (valid,
 * broken by a rule, broken by the contract). The defaults keep `npm test` within minutes; `npm run
 * test:soak` runs 150 and 450 (INGEST_PROPERTY_RUNS_PGLITE / _POSTGRES), a few thousand histories.
 */
const RUNS_ON = { pglite: Number(process.env.INGEST_PROPERTY_RUNS_PGLITE ?? 25), postgres: Number(process.env.INGEST_PROPERTY_RUNS_POSTGRES ?? 60) };

describeIngestProperty('POST /v1/events, property: generated histories and their corruptions', (databaseUrl, RUNS) => {
  let test: TestApplication;
  const recordedByStream = new Map<string, Set<string>>();
  let requests = 0;
  let histories = 0;

  beforeAll(async () => {
    test = await startTestApplication({ databaseUrl });
  });
  afterAll(async () => {
    await test?.close();
  });

  async function post(events: readonly unknown[]): Promise<Array<{ status: string; streamId?: string; eventId?: string; error?: { code: string } }>> {
    requests += 1;
    const response = await request(test.app.getHttpServer()).post('/v1/events').set('authorization', bearer('recorder')).send({ events });
    if (response.status !== 200) throw new Error(`POST /v1/events answered ${response.status}: ${JSON.stringify(response.body)}`);
    for (const result of response.body.results) {
      if (result.status === 'recorded') recordedByStream.set(result.streamId, (recordedByStream.get(result.streamId) ?? new Set()).add(result.eventId));
    }
    return response.body.results;
  }

  async function deliver(workerEvents: readonly WorkerEvent[], expectations: Expectation[], splits: readonly number[]): Promise<void> {
    if (workerEvents.length > 0) {
      const workerResults = await post(workerEvents);
      expect(workerResults.filter((result) => result.status !== 'recorded')).toEqual([]);
    }
    const cuts = [...new Set(splits.map((split) => split % (expectations.length + 1)))].sort((a, b) => a - b);
    let start = 0;
    for (const end of [...cuts, expectations.length]) {
      const part = expectations.slice(start, end);
      start = end;
      if (part.length === 0) continue;
      const results = await post(part.map((expected) => expected.event));
      results.forEach((result, index) => {
        const expected = part[index].outcome;
        const actual = result.status === 'recorded' ? 'recorded' : (result.error?.code ?? result.status);
        if (actual !== expected)
          throw new Error(`event ${index} (${(part[index].event as CaseEvent).type}) expected ${expected}, got ${actual}: ${JSON.stringify(result)}`);
      });
    }
  }

  it(
    `records every valid event and rejects every corrupted one with its code (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ history: childHistoryArbitrary, pick: fc.nat(), breakAt: fc.nat(), breakKind: fc.nat() }), { minLength: 1, maxLength: 6 }),
          fc.array(fc.nat(), { maxLength: 4 }),
          async (cases, splits) => {
            const workerEvents: WorkerEvent[] = [];
            const expectations: Expectation[] = [];
            // Later events wait behind a refused one only within a request, so broken histories go whole in a request of their own.
            const brokenExpectations: Expectation[] = [];
            for (const { history, pick, breakAt, breakKind } of cases) {
              histories += 1;
              const valid = relabel(history as GeneratedHistory);
              workerEvents.push(...valid.workerEvents);
              expectations.push(...valid.events.map((event): Expectation => ({ event, outcome: 'recorded' })));

              const variants = corruptedVariants(history as GeneratedHistory);
              if (variants.length > 0) {
                const chosen = variants[pick % variants.length];
                const variant = relabel(chosen);
                workerEvents.push(...variant.workerEvents);
                expectations.push(
                  ...variant.events.map((event, index): Expectation => ({
                    event,
                    outcome: index === variant.events.length - 1 ? chosen.expectedCode : 'recorded',
                  })),
                );
              }

              const broken = relabel(history as GeneratedHistory);
              const at = breakAt % broken.events.length;
              const damage = CONTRACT_BREAKS[breakKind % CONTRACT_BREAKS.length](broken.events[at]);
              workerEvents.push(...broken.workerEvents);
              // A broken type or version leaves the envelope's child readable, so its later events still wait behind it.
              brokenExpectations.push(
                ...broken.events.map((event, index): Expectation => ({
                  event: index === at ? (damage.event as CaseEvent) : event,
                  outcome: index < at ? 'recorded' : index === at ? damage.code : 'PRECEDING_EVENT_REJECTED',
                })),
              );
            }
            await deliver(workerEvents, expectations, splits);
            await deliver([], brokenExpectations, []);
          },
        ),
        // Bounded by runs, never by time: an interrupted run would pass without having checked anything.
        { numRuns: RUNS },
      );

      for (const [streamId, recorded] of recordedByStream) {
        const stored = await test.storage.eventStore.readStream(streamId);
        expect({ streamId, stored: stored.map((event) => event.eventId).sort() }).toEqual({ streamId, stored: [...recorded].sort() });
      }
      process.stdout.write(`ingest property: ${histories} histories, ${requests} requests, ${recordedByStream.size} streams checked\n`);
    },
    10 * 60_000,
  );
});

function describeIngestProperty(title: string, body: (databaseUrl: string | undefined, runs: number) => void): void {
  describe(`${title} [PGlite]`, () => body(undefined, RUNS_ON.pglite));
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => body(value, RUNS_ON.postgres));
}

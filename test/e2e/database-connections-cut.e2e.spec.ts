import { Client } from 'pg';
import type { CaseEvent } from '@csc/contracts';
import { describeWith } from '@csc/test-support';
import { caseEventFactory } from '../../libs/domain/testing';
import { createScratchDatabase } from '../support/scratch-database';
import { startService, type ServiceProcess } from '../support/service-process';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

const WRITERS = 10;
const CHILDREN = 120;
/** The backends are terminated after every this many acknowledged requests, so every cut lands under load. */
const CUT_EVERY_ACKNOWLEDGED = 4;
/** A request answered 503 is sent again, at most this many times. */
const MAX_RETRIES = 100;

function childBatch(childId: string): CaseEvent[] {
  const c = caseEventFactory(childId);
  return [c.referral('2024-03-04', 'R1'), c.decision('2024-03-04', 'R1', 'assessment'), c.contact('2024-03-05', 'K1'), c.contact('2024-03-06', 'K2')];
}

/** Terminates every backend of `database` but this one: the service's pooled connections and its subscriptions'. */
async function terminateBackends(admin: Client, database: string): Promise<number> {
  const result = await admin.query<{ terminated: boolean }>(
    'SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  return result.rows.filter((row) => row.terminated).length;
}

interface Outcome {
  acknowledged: Map<string, string[]>;
  statuses: Map<number, number>;
  cuts: number;
  terminated: number;
}

/** WRITERS loops post CHILDREN batches, each retried on 503 until acknowledged, while the backends are cut. */
async function writeWhileCutting(service: ServiceProcess, admin: Client, database: string, prefix: string): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: new Map(), statuses: new Map(), cuts: 0, terminated: 0 };
  let next = 0;
  let cutting = Promise.resolve();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < CHILDREN) {
        const childId = `${prefix}-${next++}`;
        const events = childBatch(childId);
        for (let attempt = 0; ; attempt++) {
          expect(attempt).toBeLessThan(MAX_RETRIES);
          const response = await fetch(`${service.url}/v1/events`, {
            method: 'POST',
            headers: { authorization: bearer('recorder'), 'content-type': 'application/json' },
            body: JSON.stringify({ events }),
          });
          outcome.statuses.set(response.status, (outcome.statuses.get(response.status) ?? 0) + 1);
          const body = (await response.json()) as { results?: Array<{ status: string }>; error?: { code: string } };
          if (response.status === 503) {
            expect(body.error?.code).toMatch(/UNAVAILABLE/);
            continue;
          }
          expect(response.status).toBe(200);
          // A retry after a 503 whose append had in fact committed finds its events already there.
          expect(new Set(body.results!.map((result) => result.status)).size).toBe(1);
          expect(['recorded', 'duplicate']).toContain(body.results![0].status);
          break;
        }
        outcome.acknowledged.set(
          childId,
          events.map((event) => event.eventId),
        );
        if (outcome.acknowledged.size % CUT_EVERY_ACKNOWLEDGED === 0) {
          cutting = cutting.then(async () => {
            outcome.cuts += 1;
            outcome.terminated += await terminateBackends(admin, database);
          });
        }
      }
    }),
  );
  await cutting;
  return outcome;
}

async function storedEventIds(service: ServiceProcess, childId: string): Promise<string[]> {
  for (let attempt = 0; attempt < MAX_RETRIES; attempt++) {
    const response = await fetch(`${service.url}/v1/children/${childId}/events`, { headers: { authorization: bearer('recorder') } });
    if (response.status === 503) continue;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { events: Array<{ event: { eventId: string } }> };
    return body.events.map((stored) => stored.event.eventId);
  }
  throw new Error(`the events of ${childId} could not be read`);
}

describeWith('postgres', 'PostgreSQL backends terminated (pg_terminate_backend) while 10 clients write', ({ value: databaseUrl }) => {
  it('keeps the service up, answers 503 (never 500) while a connection is cut, and loses no acknowledged event', async () => {
    const scratch = await createScratchDatabase(databaseUrl, 'csc_cut');
    const database = new URL(scratch.url).pathname.slice(1);
    const admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    const env = { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '100000', SUBSCRIPTION_POLL_INTERVAL_MS: '20' };
    const service = await startService({ env });
    try {
      const outcome = await writeWhileCutting(service, admin, database, 'CUT');
      expect(outcome.cuts).toBe(Math.floor(CHILDREN / CUT_EVERY_ACKNOWLEDGED));
      expect(outcome.terminated).toBeGreaterThan(outcome.cuts);
      expect([...outcome.statuses.keys()].filter((status) => status !== 200 && status !== 503)).toEqual([]);
      // Some cuts landed on requests in flight, so the test saw the 503 path, not only idle connections replaced.
      expect(outcome.statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(service.child.exitCode).toBeNull();
      for (const [childId, eventIds] of outcome.acknowledged) expect(await storedEventIds(service, childId)).toEqual(eventIds);
      const health = await fetch(`${service.url}/health`);
      expect(health.status).toBe(200);
      expect(service.logs.filter((log) => /uncaught|unhandled/i.test(String(log.msg)))).toEqual([]);
    } finally {
      await service.stop();
      await admin.end();
      await scratch.drop();
    }
  }, 180_000);
});

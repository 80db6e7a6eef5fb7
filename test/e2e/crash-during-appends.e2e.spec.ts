import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent } from '@csc/contracts';
import { describeWith } from '@csc/test-support';
import { caseEventFactory } from '../../libs/domain/testing';
import { createScratchDatabase } from '../support/scratch-database';
import { startService, type ServiceProcess } from '../support/service-process';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

const EVENTS_PER_REQUEST = 12;
const WRITERS = 8;
/** The service is killed once this many requests have been acknowledged, with every writer still sending. */
const KILL_AFTER_ACKNOWLEDGED = 40;

/** One child's request: a referral, its decision and ten contacts, in one append. */
function childBatch(childId: string): CaseEvent[] {
  const c = caseEventFactory(childId);
  const events: CaseEvent[] = [c.referral('2024-03-04', 'R1'), c.decision('2024-03-04', 'R1', 'assessment')];
  for (let i = 0; i < EVENTS_PER_REQUEST - 2; i++) events.push(c.contact('2024-03-05', `CON-${i}`));
  return events;
}

interface Outcome {
  acknowledged: Map<string, string[]>;
  unanswered: string[];
}

/**
 * WRITERS loops post one child's batch after another; once KILL_AFTER_ACKNOWLEDGED requests have had a
 * 200, the process gets SIGKILL while requests are in flight. Answers which children were acknowledged
 * (with their event ids) and which requests got no answer.
 */
async function postUntilKilled(service: ServiceProcess, prefix: string): Promise<Outcome> {
  const outcome: Outcome = { acknowledged: new Map(), unanswered: [] };
  let sent = 0;
  let killed = false;
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (!killed) {
        const childId = `${prefix}-${sent++}`;
        const events = childBatch(childId);
        try {
          const response = await fetch(`${service.url}/v1/events`, {
            method: 'POST',
            headers: { authorization: bearer('recorder'), 'content-type': 'application/json' },
            body: JSON.stringify({ events }),
          });
          const body = (await response.json()) as { results: Array<{ status: string }> };
          expect(response.status).toBe(200);
          expect(body.results.map((result) => result.status)).toEqual(events.map(() => 'recorded'));
          outcome.acknowledged.set(
            childId,
            events.map((event) => event.eventId),
          );
          if (outcome.acknowledged.size >= KILL_AFTER_ACKNOWLEDGED && !killed) {
            killed = true;
            service.child.kill('SIGKILL');
          }
        } catch (error) {
          if (!killed) throw error;
          outcome.unanswered.push(childId);
          return;
        }
      }
    }),
  );
  await service.exited;
  return outcome;
}

async function storedEventIds(service: ServiceProcess, childId: string): Promise<string[]> {
  const response = await fetch(`${service.url}/v1/children/${childId}/events`, { headers: { authorization: bearer('recorder') } });
  if (response.status === 404) return [];
  const body = (await response.json()) as { events: Array<{ revision: number; event: { eventId: string } }> };
  expect(body.events.map((stored) => stored.revision)).toEqual(body.events.map((_, index) => index));
  return body.events.map((stored) => stored.event.eventId);
}

async function expectNothingLostNothingHalfStored(restarted: ServiceProcess, outcome: Outcome): Promise<void> {
  expect(outcome.acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER_ACKNOWLEDGED);
  // The kill came with requests in flight, so the test saw appends cut short, not only finished ones.
  expect(outcome.unanswered.length).toBeGreaterThan(0);
  for (const [childId, eventIds] of outcome.acknowledged) expect(await storedEventIds(restarted, childId)).toEqual(eventIds);
  for (const childId of outcome.unanswered) {
    const stored = await storedEventIds(restarted, childId);
    // Unanswered: the append may or may not have committed, but never in part.
    expect([0, EVENTS_PER_REQUEST]).toContain(stored.length);
  }
  const verify = await fetch(`${restarted.url}/v1/children/${[...outcome.acknowledged.keys()][0]}/history/verify`, {
    headers: { authorization: bearer('auditor') },
  });
  expect(await verify.json()).toMatchObject({ intact: true });
}

describe('the service killed (SIGKILL) during a burst of appends, on embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csc-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged event after a restart on the same data directory, and stores no request in part', async () => {
    const env = { CSC_DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '100000' };
    const outcome = await postUntilKilled(await startService({ env }), 'KILL-PGLITE');
    const restarted = await startService({ env });
    try {
      await expectNothingLostNothingHalfStored(restarted, outcome);
    } finally {
      await restarted.stop();
    }
  }, 120_000);
});

describeWith('postgres', 'the service killed (SIGKILL) during a burst of appends, on PostgreSQL', ({ value: databaseUrl }) => {
  it('keeps every acknowledged event after a restart, and stores no request in part', async () => {
    const scratch = await createScratchDatabase(databaseUrl, 'csc_crash');
    try {
      const env = { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET, RATE_LIMIT_PER_MINUTE: '100000' };
      const outcome = await postUntilKilled(await startService({ env }), 'KILL-PG');
      const restarted = await startService({ env });
      try {
        await expectNothingLostNothingHalfStored(restarted, outcome);
      } finally {
        await restarted.stop();
      }
    } finally {
      await scratch.drop();
    }
  }, 120_000);
});

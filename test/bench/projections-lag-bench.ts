import { Agent } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { CaseEvent } from '@csc/contracts';
import type { EventStore } from '@csc/event-store';
import { READ_MODEL_NAMES, type ProjectionRunner } from '@csc/projections';
import { resolveAuthKeys } from '@csc/auth';
import { createLogger, loadConfiguration, openStorage } from '@csc/runtime';
import { addDays, caseEventFactory } from '../../libs/domain/testing';
import { createApplication } from '../../apps/case-tracker/src/application';
import { ProjectionsLifecycle } from '../../apps/case-tracker/src/read-models/projections.lifecycle';
import { post } from './ingest-bench-support';

/** What a live run measured, in ms, one value per event appended. */
export interface LiveLag {
  /** From the append's acknowledgement (the 200 answer to its POST) to the engine's checkpoint reaching its position. */
  engine: number[];
  /** From the same acknowledgement to a plain subscription on the service's store delivering the event. */
  subscription: number[];
  /** From sending the POST to its answer. */
  ack: number[];
  /** Events appended, and how many were sent more than 10 ms after their slot (the client falling behind the rate). */
  appended: number;
  late: number;
  /** From the last acknowledgement to the checkpoint reaching the last position. */
  drainMs: number;
}

/** Children followed at once: each gets its next event once a round, a second apart at 100 events/s. */
const CHILDREN_AT_ONCE = 100;
const WAIT_MS = 60_000;
const EVENTS_PER_CHILD = 10;

/**
 * Ten events of one new child's case, in the order a case management system would send them: a referral, the
 * decision, an assessment with a visit, a child in need plan started, reviewed and ended, and the closure.
 */
function childCase(index: number): CaseEvent[] {
  const child = caseEventFactory(`LAG${String(index).padStart(6, '0')}`, `live-lag-${index}`);
  const day = addDays('2026-01-05', index % 200);
  const [referral, assessment, plan] = [`LAG-R${index}`, `LAG-A${index}`, `LAG-P${index}`];
  return [
    child.childDetails(day, { dateOfBirth: '2015-06-01' }),
    child.referral(day, referral),
    child.decision(day, referral, 'assessment'),
    child.assessmentStarted(addDays(day, 1), assessment, referral),
    child.visit(addDays(day, 5), `LAG-V${index}`),
    child.assessmentAuthorised(addDays(day, 20), assessment),
    child.planStarted(addDays(day, 21), plan, 'CIN'),
    child.planReviewed(addDays(day, 60), plan),
    child.planEnded(addDays(day, 90), plan),
    child.closed(addDays(day, 91)),
  ] as CaseEvent[];
}

/** How many children `count` events take: whole rounds of CHILDREN_AT_ONCE. Each sample takes children of its own. */
function childrenFor(count: number): number {
  return Math.ceil(count / (CHILDREN_AT_ONCE * EVENTS_PER_CHILD)) * CHILDREN_AT_ONCE;
}

/** `count` events of new children (numbered from `firstChild`), interleaved so that one child's events are CHILDREN_AT_ONCE slots apart. */
export function liveEvents(count: number, firstChild: number): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (let block = 0; events.length < count; block++) {
    const cases = Array.from({ length: CHILDREN_AT_ONCE }, (_, at) => childCase(firstChild + block * CHILDREN_AT_ONCE + at));
    for (let step = 0; step < EVENTS_PER_CHILD && events.length < count; step++) {
      for (const events10 of cases) if (events.length < count) events.push(events10[step]);
    }
  }
  return events;
}

/**
 * Runs the service with its defaults (every role in one process: the projection engine follows the log, woken by
 * the store's own announcement of each append) on a database whose read models are already built, appends `count`
 * events one a request at `ratePerSecond` on a fixed schedule (open loop: a slow answer does not delay the next
 * request), and measures for each event how long after its acknowledgement the engine's checkpoint reached it (the
 * runner's position moves only after the batch's transaction commits: read-your-writes waits on the same), beside a
 * plain subscription on the same store.
 */
export async function measureLiveLag(
  env: Record<string, string>,
  run: { count: number; ratePerSecond: number; sample: number; token: string },
): Promise<LiveLag> {
  const { count, ratePerSecond, token } = run;
  const config = loadConfiguration(env);
  if (!config.roles.has('projections')) throw new Error('the live lag needs the projections role in the service');
  const storage = await openStorage(config, createLogger('error'));
  const app = await createApplication({ config, logger: createLogger('error'), storage, authKey: resolveAuthKeys(config).verification });
  let watcher: Promise<void> | undefined;
  const subscription = storage.eventStore.subscribe({ fromPosition: await storage.eventStore.headPosition() });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    const runner = await engineOf(app);
    await caughtUp(runner, storage.eventStore);
    const delivered = deliveries();
    watcher = (async () => {
      for await (const message of subscription) if (message.kind === 'event') delivered.arrive(message.event.position);
    })();

    const bodies = liveEvents(count, run.sample * childrenFor(count)).map((event) => Buffer.from(JSON.stringify({ events: [event] })));
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const endpoint = new URL(`http://127.0.0.1:${port}/v1/events`);
    const lag: LiveLag = { engine: [], subscription: [], ack: [], appended: 0, late: 0, drainMs: 0 };
    let lastAck = 0;
    let lastPosition = 0;
    const started = performance.now();
    const inFlight: Promise<void>[] = [];
    const failures: unknown[] = [];
    for (let i = 0; i < bodies.length && failures.length === 0; i++) {
      const slot = started + (i * 1000) / ratePerSecond;
      const wait = slot - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (performance.now() - slot > 10) lag.late += 1;
      inFlight.push(
        (async () => {
          const sent = performance.now();
          const { status, text } = await post(agent, endpoint, `Bearer ${token}`, bodies[i]);
          const acked = performance.now();
          if (status !== 200) throw new Error(`POST /v1/events answered ${status}: ${text.slice(0, 300)}`);
          const answer = JSON.parse(text) as { position: number; summary: { recorded: number }; results: { error?: { message: string } }[] };
          if (answer.summary.recorded !== 1) throw new Error(`an event was not recorded: ${JSON.stringify(answer.results[0])}`);
          lag.ack.push(acked - sent);
          lag.appended += 1;
          lastAck = Math.max(lastAck, acked);
          lastPosition = Math.max(lastPosition, answer.position);
          const [applied, arrived] = await Promise.all([
            runner.waitForPosition(answer.position, WAIT_MS).then((reached) => (reached ? performance.now() : Number.NaN)),
            delivered.by(answer.position),
          ]);
          if (Number.isNaN(applied))
            throw new Error(`the engine had not applied position ${answer.position} after ${WAIT_MS} ms: ${JSON.stringify(runner.status())}`);
          lag.engine.push(Math.max(0, applied - acked));
          lag.subscription.push(Math.max(0, arrived - acked));
        })().catch((error: unknown) => void failures.push(error)),
      );
    }
    await Promise.all(inFlight);
    agent.destroy();
    if (failures.length > 0) throw failures[0];
    await runner.waitForPosition(lastPosition, WAIT_MS);
    lag.drainMs = Math.max(0, performance.now() - lastAck);
    return lag;
  } finally {
    await subscription.close();
    await watcher?.catch(() => undefined);
    // Closing the application closes the store and the database.
    await app.close();
  }
}

/**
 * The service's projection engine once this process holds its lease (on PostgreSQL an advisory lock, taken just
 * after start-up; until then the lifecycle answers no runner).
 */
export async function engineOf(app: INestApplication, timeoutMs = 60_000): Promise<ProjectionRunner> {
  const lifecycle = app.get(ProjectionsLifecycle);
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const runner = lifecycle.runner(READ_MODEL_NAMES[0]);
    if (runner && runner.status().state !== 'starting') return runner;
    if (performance.now() > deadline) throw new Error(`the projection engine did not take its lease within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function caughtUp(runner: ProjectionRunner, store: EventStore): Promise<void> {
  const head = await store.headPosition();
  if (!(await runner.waitForPosition(head, 600_000))) throw new Error(`the engine did not reach the head ${head}: ${JSON.stringify(runner.status())}`);
}

/** When each position was delivered, and a wait for one not yet delivered. */
function deliveries(): { arrive(position: number): void; by(position: number): Promise<number> } {
  const at = new Map<number, number>();
  const waiting = new Map<number, (time: number) => void>();
  return {
    arrive(position) {
      const now = performance.now();
      at.set(position, now);
      waiting.get(position)?.(now);
      waiting.delete(position);
    },
    by(position) {
      const arrived = at.get(position);
      if (arrived !== undefined) return Promise.resolve(arrived);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the subscription had not delivered position ${position} after ${WAIT_MS} ms`)), WAIT_MS);
        waiting.set(position, (time) => {
          clearTimeout(timer);
          resolve(time);
        });
      });
    },
  };
}

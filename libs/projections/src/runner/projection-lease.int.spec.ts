import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../../../../test/support/scratch-database';
import { ReadModelHarness } from '../../testing';
import { engineSampleEvents } from '../../testing/engine-sample';
import { READ_MODEL_NAMES } from '../read-models/read-models';
import type { ProjectionStatus } from './projection-runner';

// Built by the Jest global setup from libs/projections/testing/lease-runner-process.ts.
const RUNNER_PROCESS = resolve(__dirname, '../../../../dist/libs/projections/testing/lease-runner-process.js');

interface RunnerProcess {
  holder: string;
  child: ChildProcess;
  status(): Promise<ProjectionStatus>;
}

function startRunnerProcess(holder: string, databaseUrl: string): RunnerProcess {
  const child = fork(RUNNER_PROCESS, [], {
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, HOLDER: holder },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 0;
  const waiting = new Map<number, (status: ProjectionStatus) => void>();
  child.on('message', (message: { id: number; status: ProjectionStatus }) => waiting.get(message.id)?.(message.status));
  return {
    holder,
    child,
    status: () =>
      new Promise((answer, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`runner ${holder} has exited`));
        const id = next++;
        // Unanswered while the process is still opening its connections (it listens once running): asked again.
        const timer = setTimeout(() => reject(new Error(`runner ${holder} did not answer`)), 2_000);
        waiting.set(id, (status) => {
          clearTimeout(timer);
          waiting.delete(id);
          answer(status);
        });
        child.send({ id });
      }),
  };
}

/** Polls until `check` answers something, or fails after `timeoutMs` with what it last saw. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const found = await check().catch((error: unknown) => ((last = error), undefined));
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms (last: ${String(last)})`);
    await new Promise((wake) => setTimeout(wake, 50));
  }
}

/** Rows as JSON, each table's sorted whole. */
function canonical(tables: Record<string, unknown[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.map((row) => JSON.stringify(row)).sort()]));
}

describeWith('postgres', 'the projection lease, two runner processes on one PostgreSQL database [PostgreSQL]', ({ value }) => {
  let rm: ReadModelHarness;
  let runners: RunnerProcess[] = [];
  let databaseUrl: string;

  beforeAll(async () => {
    const scratch = await createScratchDatabase(value, 'csc_lease');
    databaseUrl = scratch.url;
    rm = await ReadModelHarness.open(scratch.url, scratch.drop);
    await rm.database.pool.query('CREATE SCHEMA lease_audit; CREATE TABLE lease_audit.applied (position bigint NOT NULL, holder text NOT NULL)');
  });
  afterAll(async () => {
    for (const runner of runners) runner.child.kill('SIGKILL');
    await rm.close();
  });

  it('one process applies while the other stands by; after a kill -9 the standby takes over and every event is applied exactly once, rows as a clean build', async () => {
    const events = engineSampleEvents();
    const third = Math.ceil(events.length / 3);
    const [first, second, last] = [events.slice(0, third), events.slice(third, 2 * third), events.slice(2 * third)];
    runners = ['runner-a', 'runner-b'].map((holder) => startRunnerProcess(holder, databaseUrl));

    await rm.record(...first);
    const caughtUp = async (candidates: RunnerProcess[]): Promise<RunnerProcess | undefined> => {
      const head = await rm.store.headPosition();
      for (const runner of candidates) {
        const status = await runner.status();
        if (status.lease?.state === 'active' && status.position >= head) return runner;
      }
      return undefined;
    };
    const active = await eventually('one runner active and caught up', () => caughtUp(runners));
    const standby = runners.find((runner) => runner !== active)!;
    // The standby knows who is active: the lock's session carries the holder's name.
    await eventually('the standby names the active runner', async () => {
      const status = await standby.status();
      return status.state === 'standby' && status.lease?.holder === active.holder ? status : undefined;
    });
    const standbyBefore = await standby.status();
    expect({ standbyApplied: standbyBefore.appliedEvents }).toEqual({ standbyApplied: 0 });

    // Killed in the middle of the log, while events keep arriving: its session ends, so its lock goes with it.
    const half = Math.ceil(second.length / 2);
    await rm.record(...second.slice(0, half));
    active.child.kill('SIGKILL');
    await once(active.child, 'exit');
    await rm.record(...second.slice(half));
    await eventually('the standby takes over and catches up', () => caughtUp([standby]));
    await rm.record(...last);
    await eventually('the survivor applies the rest', () => caughtUp([standby]));

    const { rows: audit } = await rm.database.pool.query<{ position: string; times: number; holders: string[] }>(
      'SELECT position, count(*)::int AS times, array_agg(holder) AS holders FROM lease_audit.applied GROUP BY position ORDER BY position',
    );
    const logged = await rm.store.readAll({ fromPosition: 0, maxCount: events.length + 10 });
    expect(audit.map((row) => Number(row.position))).toEqual(logged.map((event) => event.position));
    expect(audit.filter((row) => row.times !== 1)).toEqual([]);
    const holders = new Set(audit.flatMap((row) => row.holders));
    expect([...holders].sort()).toEqual(['runner-a', 'runner-b']);

    const clean = await ReadModelHarness.open();
    try {
      await clean.record(...events);
      await clean.catchUp({ batchSize: 500 });
      for (const name of READ_MODEL_NAMES) {
        const { subject_events: _copy, ...tables } = await rm.snapshot(name);
        const { subject_events: _cleanCopy, ...cleanTables } = await clean.snapshot(name);
        expect({ name, tables: canonical(tables) }).toEqual({ name, tables: canonical(cleanTables) });
      }
    } finally {
      await clean.close();
    }
  }, 180_000);
});

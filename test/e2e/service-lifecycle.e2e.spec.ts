import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../support/scratch-database';
import { runServiceToExit, startService, type ServiceProcess } from '../support/service-process';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

describe('the service process on embedded PGlite', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csc-lifecycle-'));
  let service: ServiceProcess | undefined;

  afterAll(async () => {
    await service?.stop('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with no settings but a data directory and answers /health with 200 naming each dependency', async () => {
    service = await startService({ env: { CSC_DATA_DIR: dataDir } });
    const open = await fetch(`${service.url}/health`);
    expect([open.status, await open.json()]).toEqual([200, { status: 'up' }]);
    // The details need a token, signed with the key the service generated in its data directory.
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8').trim();
    const response = await fetch(`${service.url}/health/details`, { headers: { authorization: bearer('admin', { secret }) } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { status: string; checks: { projections: { readModels: Record<string, unknown> } } & Record<string, unknown> };
    expect(body.status).toBe('ok');
    expect(body.checks).toMatchObject({
      eventStore: { status: 'up', kind: 'pglite', critical: true },
      database: { status: 'up', kind: 'pglite', location: `pglite:${join(dataDir, 'pglite')}`, critical: true },
      projections: { status: 'up', critical: false },
      kafka: { status: 'disabled', reason: 'KAFKA_BROKERS is not set', critical: false },
    });
    expect(Object.keys(body.checks.projections.readModels)).toEqual(['child-tracker', 'timeliness', 'continuity', 'waiting-times', 'caseloads']);
  });

  it('refuses to open a data directory another process holds, and says what to do', async () => {
    const second = await runServiceToExit({ CSC_DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    const fatal = second.logs.find((record) => record.level === 'fatal');
    expect(fatal?.msg).toMatch(/is in use by process \d+.*Stop the other process, or point CSC_DATA_DIR elsewhere/);
  });

  it('stops cleanly on SIGTERM, closing the store, and starts again on the same data', async () => {
    expect(await service!.stop('SIGTERM')).toBe(0);
    expect(service!.logs.map((record) => record.msg)).toEqual(
      expect.arrayContaining(['shutting down: finishing requests in flight', 'event store and database closed', 'stopped']),
    );
    service = await startService({ env: { CSC_DATA_DIR: dataDir } });
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });

  it('refuses a bad setting before opening anything, naming it', async () => {
    const result = await runServiceToExit({ CSC_DATA_DIR: dataDir, PORT: 'eighty' });
    expect(result.code).toBe(78);
    expect(result.stderr).toContain('PORT must be a whole number; got "eighty"');
  });
});

describeWith('postgres', 'the service process on PostgreSQL', ({ value: serverUrl }) => {
  it('uses PostgreSQL for events when DATABASE_URL is set', async () => {
    // A database of its own: on the shared one its read models would be catching up on every other suite's events
    // when it is asked to stop.
    const scratch = await createScratchDatabase(serverUrl, 'csc_lifecycle');
    const service = await startService({ env: { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET } });
    try {
      const details = await fetch(`${service.url}/health/details`, { headers: { authorization: bearer('admin') } });
      const body = (await details.json()) as { checks: Record<string, { kind: string }> };
      expect(body.checks.eventStore.kind).toBe('postgres');
      expect(body.checks.database.kind).toBe('postgres');
    } finally {
      expect(await service.stop()).toBe(0);
      await scratch.drop();
    }
  });
});

describe('the service process with EventStoreDB for events', () => {
  it('stops at start-up with a message naming the setting when EventStoreDB cannot be reached', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'csc-esdb-'));
    const result = await runServiceToExit({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://127.0.0.1:1?tls=false', CSC_DATA_DIR: dataDir });
    rmSync(dataDir, { recursive: true, force: true });
    expect(result.code).toBe(1);
    const fatal = result.logs.find((record) => record.level === 'fatal');
    expect(fatal?.msg).toMatch(/Could not open the esdb event store: EventStoreDB did not answer.*Check DATABASE_URL \/ EVENTSTORE_CONNECTION_STRING/);
  });
});

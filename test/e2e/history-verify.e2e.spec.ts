import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { ChildEvent } from '@csc/contracts';
import { GENESIS_HASH, chainHash, openPgliteDatabase, splitStoredMetadata, type JsonObject, type PoolLike } from '@csc/event-store';
import { caseEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { runCli } from '../support/cli-process';
import { createScratchDatabase } from '../support/scratch-database';
import { startService } from '../support/service-process';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

const AUDITOR = bearer('auditor', { subject: 'auditor-verify' });

function aChild(): { childId: string; events: ChildEvent[] } {
  const childId = `C-VERIFY-${randomUUID().slice(0, 8)}`;
  const c = caseEventFactory(childId);
  return {
    childId,
    events: [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1'), c.visit('2024-03-11', 'V1', { seen: true }), c.visit('2024-03-25', 'V2')],
  };
}

/** What someone with database access could do: switch the append-only trigger off, change the stored row, switch it back. */
async function tamper(pool: PoolLike, sql: string, values: unknown[]): Promise<void> {
  await pool.query('ALTER TABLE event_store.events DISABLE TRIGGER events_append_only');
  try {
    await pool.query(sql, values);
  } finally {
    await pool.query('ALTER TABLE event_store.events ENABLE TRIGGER events_append_only');
  }
}

const CHANGE_DATA = `UPDATE event_store.events SET data = jsonb_set(data, '{seenAlone}', 'true') WHERE stream_id = $1 AND revision = $2`;

async function record(test: TestApplication, events: ChildEvent[]): Promise<void> {
  const response = await request(test.app.getHttpServer()).post('/v1/events').set('authorization', bearer('recorder')).send({ events }).expect(200);
  expect(response.body.summary.rejected).toBe(0);
}

async function verify(test: TestApplication, childId: string) {
  return (await request(test.app.getHttpServer()).get(`/v1/children/${childId}/history/verify`).set('authorization', AUDITOR).expect(200)).body;
}

describe('the tamper check on the embedded database [PGlite]', () => {
  let test: TestApplication;
  beforeAll(async () => void (test = await startTestApplication()));
  afterAll(async () => test?.close());

  it("finds a child's chain intact, and its access log's too", async () => {
    const { childId, events } = aChild();
    await record(test, events);
    await request(test.app.getHttpServer()).get(`/v1/children/${childId}/history`).set('authorization', AUDITOR).expect(200);
    const result = await verify(test, childId);
    expect(result.intact).toBe(true);
    expect(result.streams[0]).toMatchObject({ streamId: `child-${childId}`, checked: 4, intact: true });
    expect(result.streams[1]).toMatchObject({ streamId: `access-${childId}`, checked: expect.any(Number), intact: true });
    expect(result.streams[1].checked).toBeGreaterThanOrEqual(1);
  });

  it('names the event whose stored data was changed: content changed', async () => {
    const { childId, events } = aChild();
    await record(test, events);
    await tamper(test.storage.database.pool, CHANGE_DATA, [`child-${childId}`, 2]);
    const result = await verify(test, childId);
    expect(result.intact).toBe(false);
    expect(result.streams[0].firstBreak).toMatchObject({ eventId: events[2].eventId, revision: 2, problem: 'content changed' });
    expect(result.streams[0].checked).toBe(2);
  });

  it('names the event after a deleted one: revision gap', async () => {
    const { childId, events } = aChild();
    await record(test, events);
    await tamper(test.storage.database.pool, 'DELETE FROM event_store.events WHERE stream_id = $1 AND revision = 1', [`child-${childId}`]);
    const result = await verify(test, childId);
    expect(result.streams[0].firstBreak).toMatchObject({ eventId: events[2].eventId, revision: 2, problem: 'revision gap', expected: 1 });
  });

  it('names the event after one rewritten with a fresh hash of its own: link broken', async () => {
    const { childId, events } = aChild();
    await record(test, events);
    const [stored] = await test.storage.eventStore.readStream(`child-${childId}`, { fromRevision: 1, maxCount: 1 });
    const { metadata, previousHash } = splitStoredMetadata(stored.metadata);
    const forged = { ...stored.data, teamId: 'TEAM-FORGED' } as JsonObject;
    const hash = chainHash(previousHash!, { ...stored, revision: 1, data: forged, metadata });
    await tamper(
      test.storage.database.pool,
      `UPDATE event_store.events SET data = $3::jsonb, metadata = metadata || jsonb_build_object('hash', $4::text) WHERE stream_id = $1 AND revision = $2`,
      [`child-${childId}`, 1, JSON.stringify(forged), hash],
    );
    const result = await verify(test, childId);
    expect(result.streams[0].firstBreak).toMatchObject({ eventId: events[2].eventId, revision: 2, problem: 'link broken', expected: hash });
  });

  it('names the event whose time of recording was changed (what asKnownAt answers): content changed', async () => {
    const { childId, events } = aChild();
    await record(test, events);
    await tamper(
      test.storage.database.pool,
      `UPDATE event_store.events SET recorded_at = recorded_at - interval '30 days' WHERE stream_id = $1 AND revision = 1`,
      [`child-${childId}`],
    );
    const result = await verify(test, childId);
    expect(result.intact).toBe(false);
    expect(result.streams[0].firstBreak).toMatchObject({ eventId: events[1].eventId, revision: 1, problem: 'content changed' });
  });

  it("finds a stream's last events deleted, which the chain alone cannot: the signed head is missing events", async () => {
    const { childId, events } = aChild();
    await record(test, events);
    await tamper(test.storage.database.pool, 'DELETE FROM event_store.events WHERE stream_id = $1 AND revision >= 2', [`child-${childId}`]);
    const result = await verify(test, childId);
    expect(result.intact).toBe(false);
    expect(result.streams[0]).toMatchObject({ checked: 2, intact: false, checkpoint: { status: 'events-missing', revision: 3, storedRevision: 1 } });
    expect(result.streams[0].firstBreak).toBeUndefined();
  });

  it('finds a chain recomputed from a changed event on, which the chain alone cannot: the signed head was rewritten', async () => {
    const { childId, events } = aChild();
    await record(test, events);
    const stored = await test.storage.eventStore.readStream(`child-${childId}`);
    let previousHash = splitStoredMetadata(stored[1].metadata).hash!;
    for (const event of stored.slice(2)) {
      const { metadata, chainVersion } = splitStoredMetadata(event.metadata);
      const data = event.revision === 2 ? ({ ...event.data, seenAlone: true } as JsonObject) : event.data;
      const hash = chainHash(previousHash, { ...event, data, metadata }, chainVersion);
      await tamper(
        test.storage.database.pool,
        `UPDATE event_store.events SET data = $3::jsonb, metadata = metadata || jsonb_build_object('hash', $4::text, 'previousHash', $5::text) WHERE stream_id = $1 AND revision = $2`,
        [`child-${childId}`, event.revision, JSON.stringify(data), hash, previousHash],
      );
      previousHash = hash;
    }
    const result = await verify(test, childId);
    expect(result.intact).toBe(false);
    expect(result.streams[0]).toMatchObject({ checked: 4, checkpoint: { status: 'rewritten', revision: 3, stored: previousHash } });
    expect(result.streams[0].firstBreak).toBeUndefined();
  });

  it('finds a signed head forged without the key', async () => {
    const { childId, events } = aChild();
    await record(test, events);
    await test.storage.database.pool.query(`UPDATE event_store.stream_checkpoints SET revision = 1, hash = $2 WHERE stream_id = $1`, [
      `child-${childId}`,
      GENESIS_HASH,
    ]);
    const result = await verify(test, childId);
    expect(result.streams[0]).toMatchObject({ intact: false, checkpoint: { status: 'signature-invalid' } });
  });

  it('answers 404 CHILD_NOT_FOUND for a child with nothing recorded', async () => {
    const response = await request(test.app.getHttpServer()).get('/v1/children/C-NOBODY-VERIFY/history/verify').set('authorization', AUDITOR).expect(404);
    expect(response.body.error.code).toBe('CHILD_NOT_FOUND');
  });
});

describeWith('postgres', 'the tamper check on PostgreSQL: the endpoint and csc verify', ({ value }) => {
  // The service and csc sign and check stream heads with one key, kept apart from the database.
  const keyDir = mkdtempSync(join(tmpdir(), 'csc-chain-key-'));
  const chainKeyFile = join(keyDir, 'chain-key');
  writeFileSync(chainKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  afterAll(() => rmSync(keyDir, { recursive: true, force: true }));
  let test: TestApplication;
  let scratch: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    scratch = await createScratchDatabase(value, 'csc_verify');
    test = await startTestApplication({ databaseUrl: scratch.url, env: { CHAIN_KEY_FILE: chainKeyFile } });
  });
  afterAll(async () => {
    await test?.close();
    await scratch?.drop();
  });

  it('finds an event whose data was edited in the table, by the endpoint, by csc verify <childId> and by csc verify --all', async () => {
    const { childId, events } = aChild();
    const other = aChild();
    await record(test, events);
    await record(test, other.events);
    const env = { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET, CHAIN_KEY_FILE: chainKeyFile };

    const clean = runCli(['verify', '--all'], env);
    expect({ code: clean.code, stdout: clean.stdout }).toEqual({ code: 0, stdout: expect.stringContaining('Every chain holds') });
    expect(clean.stderr).toContain('[verify] done: ');
    expect(runCli(['verify', childId], env).code).toBe(0);

    await tamper(test.storage.database.pool, CHANGE_DATA, [`child-${childId}`, 2]);

    const endpoint = await verify(test, childId);
    expect(endpoint.streams[0].firstBreak).toMatchObject({ eventId: events[2].eventId, revision: 2, problem: 'content changed' });
    expect((await verify(test, other.childId)).intact).toBe(true);

    const one = runCli(['verify', childId], env);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`child-${childId}: BROKEN at revision 2, event ${events[2].eventId}: content changed`);
    const json = JSON.parse(runCli(['verify', childId, '--json'], env).stdout);
    expect(json.streams[0].firstBreak.eventId).toBe(events[2].eventId);

    const all = runCli(['verify', '--all', '--page-size', '3'], env);
    expect(all.code).toBe(1);
    expect(all.stdout).toContain(`1 of `);
    expect(all.stdout).toContain(`child-${childId}: content changed at revision 2, event ${events[2].eventId}`);
    expect(all.stdout).not.toContain(`child-${other.childId}`);
  });

  it('refuses a call naming both a child and --all, or neither, with exit code 2', () => {
    const env = { DATABASE_URL: scratch.url, CHAIN_KEY_FILE: chainKeyFile };
    expect(runCli(['verify'], env).code).toBe(2);
    expect(runCli(['verify', 'C-1', '--all'], env).code).toBe(2);
  });
});

describe('csc verify --all on the embedded database in a data directory [PGlite]', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csc-verify-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 0 while every chain holds and 1 once a stored event was changed', async () => {
    const { childId, events } = aChild();
    const service = await startService({ env: { CSC_DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET } });
    try {
      const response = await fetch(`${service.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer('recorder') },
        body: JSON.stringify({ events }),
      });
      expect(response.status).toBe(200);
    } finally {
      await service.stop();
    }
    expect(runCli(['verify', '--all'], { CSC_DATA_DIR: dataDir }).code).toBe(0);
    const database = await openPgliteDatabase({ dataDir });
    try {
      await tamper(database.pool, CHANGE_DATA, [`child-${childId}`, 3]);
    } finally {
      await database.close();
    }
    const broken = runCli(['verify', '--all'], { CSC_DATA_DIR: dataDir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`child-${childId}: content changed at revision 3, event ${events[3].eventId}`);
  });
});

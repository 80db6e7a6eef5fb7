import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ChildEvent } from '@csc/contracts';
import { caseEventFactory, workerEventFactory } from '../../../../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { startTestApplication, type TestApplication } from '../../../../../test/support/test-application';
import { bearer } from '../../../../../test/support/tokens';
import { createScratchDatabase } from '../../../../../test/support/scratch-database';

/**
 * Runs the suite in process over HTTP on PGlite, and on PostgreSQL when it is reachable. On PostgreSQL it has a
 * database of its own: "nothing was stored" is checked against the head of the log, which other suites'
 * appends would move.
 */
function describeIngest(title: string, body: (context: () => TestApplication) => void): void {
  const suite = (serverUrl?: string) => () => {
    let test: TestApplication;
    let scratch: { url: string; drop: () => Promise<void> } | undefined;
    beforeAll(async () => {
      scratch = serverUrl ? await createScratchDatabase(serverUrl, 'csc_ingest') : undefined;
      test = await startTestApplication({ databaseUrl: scratch?.url });
    });
    afterAll(async () => {
      await test?.close();
      await scratch?.drop();
    });
    body(() => test);
  };
  describe(`${title} [PGlite]`, suite());
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => suite(value)());
}

const childId = (): string => `C-${randomUUID().slice(0, 8)}`;

describeIngest('POST /v1/events', (context) => {
  const post = (body: unknown) =>
    request(context().app.getHttpServer())
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send(body as object);
  const head = () => context().storage.eventStore.headPosition();
  const read = (path: string) => request(context().app.getHttpServer()).get(path).set('authorization', bearer('recorder'));

  describe('refuses a malformed request whole, storing nothing', () => {
    it.each([
      [
        'a body that is not JSON',
        () =>
          request(context().app.getHttpServer())
            .post('/v1/events')
            .set('authorization', bearer('recorder'))
            .set('content-type', 'application/json')
            .send('{"events": ['),
        400,
        'INVALID_JSON',
      ],
      ['a body with no events array', () => post({ event: [] }), 400, 'MISSING_EVENTS'],
      ['events that is not an array', () => post({ events: {} }), 400, 'INVALID_EVENTS'],
      ['an empty events array', () => post({ events: [] }), 400, 'NO_EVENTS'],
      ['more than 1,000 events', () => post({ events: Array.from({ length: 1_001 }, () => ({})) }), 400, 'TOO_MANY_EVENTS'],
      ['a body over the size limit', () => post({ events: [{ padding: 'x'.repeat(6 * 1024 * 1024) }] }), 413, 'PAYLOAD_TOO_LARGE'],
      [
        'a body sent as text',
        () =>
          request(context().app.getHttpServer())
            .post('/v1/events')
            .set('authorization', bearer('recorder'))
            .set('content-type', 'text/plain')
            .send('{"events":[]}'),
        400,
        'INVALID_REQUEST',
      ],
    ])('%s', async (_, send, status, code) => {
      const before = await head();
      const response = await send();
      expect(response.status).toBe(status);
      expect(response.body.error.code).toBe(code);
      expect(response.body.error.message).toEqual(expect.any(String));
      expect(await head()).toBe(before);
    });
  });

  it("records one child's events in order, in one append, and reads them back", async () => {
    const c = caseEventFactory(childId());
    const events = [c.referral('2024-03-04', 'R1'), c.decision('2024-03-05', 'R1', 'assessment'), c.assessmentStarted('2024-03-06', 'A1', 'R1')];
    const response = await post({ events }).expect(200);
    expect(response.body.summary).toEqual({ recorded: 3, duplicate: 0, rejected: 0 });
    expect(response.body.results.map((result: { status: string; revision: number }) => [result.status, result.revision])).toEqual([
      ['recorded', 0],
      ['recorded', 1],
      ['recorded', 2],
    ]);
    expect(response.body.position).toBeGreaterThan(0);

    const stream = await read(`/v1/children/${events[0].childId}/events`).expect(200);
    expect(stream.body.events.map((recorded: { event: ChildEvent }) => recorded.event)).toEqual(events);
    expect(stream.body.events[2]).toMatchObject({ revision: 2, position: response.body.position, recordedAt: expect.any(String) });
  });

  it('rejects an invalid envelope with its code and field, stops that child there, and leaves other children alone', async () => {
    const first = caseEventFactory(childId());
    const second = caseEventFactory(childId());
    const invalid = { ...first.referral('2024-03-04', 'R1'), data: { referralId: 'R1', source: 'ZZ', primaryNeed: 'N1' } };
    const response = await post({ events: [invalid, first.decision('2024-03-05', 'R1', 'assessment'), second.referral('2024-03-04', 'R9')] }).expect(200);

    const [refused, after, other] = response.body.results;
    expect(refused).toMatchObject({ status: 'rejected', streamId: `child-${invalid.childId}`, error: { code: 'INVALID_CODE', field: 'data.source' } });
    expect(after).toMatchObject({ status: 'rejected', error: { code: 'PRECEDING_EVENT_REJECTED' } });
    expect(after.error.message).toContain(invalid.eventId);
    expect(other).toMatchObject({ status: 'recorded', revision: 0 });
    await read(`/v1/children/${invalid.childId}/events`).expect(404);
  });

  it("refuses what the rules of a case forbid, with the domain's code and the field at fault", async () => {
    const c = caseEventFactory(childId());
    const response = await post({ events: [c.referral('2024-03-04', 'R1'), c.decision('2024-03-05', 'R2', 'assessment')] }).expect(200);
    expect(response.body.results[0].status).toBe('recorded');
    expect(response.body.results[1]).toMatchObject({ status: 'rejected', error: { code: 'REFERRAL_NOT_FOUND', field: 'data.referralId' } });
  });

  it('refuses an allocation to a worker who had left by then, and accepts one to a worker not yet heard of', async () => {
    const c = caseEventFactory(childId());
    const workers = workerEventFactory(randomUUID());
    const leaver = `W-${randomUUID().slice(0, 6)}`;
    await post({ events: [workers.joined('2023-01-02', leaver), workers.left('2024-02-01', leaver)] }).expect(200);
    const response = await post({ events: [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', leaver)] }).expect(200);
    expect(response.body.results[1]).toMatchObject({ status: 'rejected', error: { code: 'WORKER_HAS_LEFT' } });

    const unknown = await post({ events: [c.allocated('2024-03-05', `W-new-${randomUUID().slice(0, 6)}`)] }).expect(200);
    expect(unknown.body.results[0]).toMatchObject({ status: 'recorded', revision: 1 });
  });

  it('answers a resent event as a duplicate with its original place, and refuses an id reused for other content', async () => {
    const c = caseEventFactory(childId());
    const referral = c.referral('2024-03-04', 'R1');
    await post({ events: [referral] }).expect(200);
    const resent = await post({ events: [referral, { ...referral, data: { ...referral.data, primaryNeed: 'N2' } }] }).expect(200);
    expect(resent.body.results[0]).toMatchObject({ status: 'duplicate', streamId: `child-${referral.childId}`, revision: 0 });
    expect(resent.body.results[1]).toMatchObject({ status: 'rejected', error: { code: 'EVENT_ID_REUSED', field: 'eventId' } });
    expect(resent.body.summary).toEqual({ recorded: 0, duplicate: 1, rejected: 1 });
  });

  it('answers an event resent with its id in upper case as a duplicate, not a reuse', async () => {
    const c = caseEventFactory(childId());
    const referral = c.referral('2024-03-04', 'R1');
    await post({ events: [referral] }).expect(200);
    const resent = await post({ events: [{ ...referral, eventId: referral.eventId.toUpperCase() }] }).expect(200);
    expect(resent.body.results[0]).toMatchObject({ status: 'duplicate', streamId: `child-${referral.childId}`, revision: 0 });
    const first = await post({ events: [{ ...c.contact('2024-03-05', 'K1'), eventId: randomUUID().toUpperCase() }] }).expect(200);
    expect(first.body.results[0]).toMatchObject({ status: 'recorded' });
  });

  it('refuses text that cannot be stored (NUL, a lone surrogate) in that event alone, and records every other child', async () => {
    const children = Array.from({ length: 22 }, () => caseEventFactory(childId()));
    const events: unknown[] = children.map((c) => c.referral('2024-03-04', 'R1'));
    events[3] = { ...(events[3] as ChildEvent), source: { system: 'lcs', user: 'jane\u0000doe' } };
    events[7] = { ...(events[7] as ChildEvent), correlationId: 'batch-\ud800' };
    const before = await head();
    const response = await post({ events }).expect(200);
    expect(response.body.summary).toEqual({ recorded: 20, duplicate: 0, rejected: 2 });
    expect(response.body.results[3]).toMatchObject({ status: 'rejected', error: { code: 'UNSTORABLE_TEXT', field: 'source.user' } });
    expect(response.body.results[7]).toMatchObject({ status: 'rejected', error: { code: 'UNSTORABLE_TEXT', field: 'correlationId' } });
    expect(await head()).toBeGreaterThan(before);
  });

  it.each([
    ['occurredAt in year 0000', { occurredAt: '0000-01-01' }],
    ['a referral before the bank-holiday calendar', { occurredAt: '2004-12-31' }],
    ['a timestamp whose London date is 10000-01-01', { occurredAt: '9999-12-31T23:59:59-01:00' }],
  ])('refuses %s with DATE_OUT_OF_RANGE and stores nothing', async (_name, change) => {
    const c = caseEventFactory(childId());
    const before = await head();
    const response = await post({ events: [{ ...c.referral('2024-03-04', 'R1'), ...change }] }).expect(200);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'DATE_OUT_OF_RANGE', field: 'occurredAt' } });
    expect(await head()).toBe(before);
  });

  it("refuses an event id already used for another child's event", async () => {
    const first = caseEventFactory(childId());
    const referral = first.referral('2024-03-04', 'R1');
    await post({ events: [referral] }).expect(200);
    const other = caseEventFactory(childId());
    const response = await post({ events: [{ ...other.referral('2024-03-04', 'R1'), eventId: referral.eventId }] }).expect(200);
    expect(response.body.results[0]).toMatchObject({ status: 'rejected', error: { code: 'EVENT_ID_REUSED' } });
    expect(response.body.results[0].error.message).toContain(`child-${referral.childId}`);
  });

  it('loses no event when many requests for one child race', async () => {
    const c = caseEventFactory(childId());
    await post({ events: [c.referral('2024-03-04', 'R1')] }).expect(200);
    const requests = Array.from({ length: 10 }, (_, r) => post({ events: Array.from({ length: 5 }, (__, i) => c.contact('2024-03-05', `K${r}-${i}`)) }));
    const responses = await Promise.all(requests);
    for (const response of responses) expect(response.body.summary).toEqual({ recorded: 5, duplicate: 0, rejected: 0 });
    const stream = await read(`/v1/children/${c.childId}/events`).expect(200);
    expect(stream.body.events).toHaveLength(51);
    expect(stream.body.events.map((recorded: { revision: number }) => recorded.revision)).toEqual([...Array(51).keys()]);
  });

  it('says plainly when a child has no events, and refuses a malformed child id', async () => {
    const response = await read(`/v1/children/${childId()}/events`).expect(404);
    expect(response.body.error.code).toBe('CHILD_NOT_FOUND');
    const bad = await read('/v1/children/not%20valid/events').expect(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_CHILD_ID', field: 'childId' });
  });
});

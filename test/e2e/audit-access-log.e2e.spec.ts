import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { readModelProjections } from '@csc/projections';
import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import { caseEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../support/scratch-database';
import type { Clock } from '@csc/runtime';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

const DAY_MS = 86_400_000;
const LONG = { expiresInSeconds: 10 * 24 * 3600 };
const JANE = bearer('auditor', { subject: 'aud-jane', ...LONG });
const KEN = bearer('auditor', { subject: 'aud-ken', ...LONG });
const TOM = bearer('practitioner', { subject: 'prac-tom', teams: ['TEAM-1'], ...LONG });

/** The service clock, moved on by hand: access entries carry its time. */
class MovableClock implements Clock {
  offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
}

/** The log position of the last access event recorded for these children. */
async function lastAccessPosition(test: TestApplication, childIds: string[]): Promise<number> {
  const lasts = await Promise.all(childIds.map((childId) => test.storage.eventStore.readStream(`access-${childId}`, { direction: 'backwards', maxCount: 1 })));
  return Math.max(...lasts.flat().map((event) => event.position));
}

const isoDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(ms);

describe("the access log: who looked at a child's record [PGlite]", () => {
  const clock = new MovableClock();
  let test: TestApplication;
  const a = `C-ACCESS-A-${randomUUID().slice(0, 8)}`;
  const b = `C-ACCESS-B-${randomUUID().slice(0, 8)}`;
  let laterDay: string;
  const http = () => request(test.app.getHttpServer());
  const access = async (query: string) => (await http().get(`/v1/audit/access?${query}`).set('authorization', KEN).expect(200)).body;
  // The position of the last look recorded (read from the streams themselves, which have no visibility horizon).
  const readModelCaughtUp = async () => `minPosition=${await lastAccessPosition(test, [a, b])}`;

  beforeAll(async () => {
    test = await startTestApplication({ clock });
    for (const childId of [a, b]) {
      const c = caseEventFactory(childId);
      const events = [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1', 'TEAM-1')];
      const recorded = await http().post('/v1/events').set('authorization', bearer('recorder')).send({ events }).expect(200);
      expect(recorded.body.summary.rejected).toBe(0);
      await http()
        .get(`/v1/children/${childId}/tracker?asOf=2024-03-06&minPosition=${recorded.body.position}`)
        .set('authorization', bearer('admin'))
        .expect(200);
    }
    await http().get(`/v1/children/${a}/history?asKnownAt=2024-06-30&limit=10`).set('authorization', JANE).expect(200);
    await http().get(`/v1/children/${a}/state?occurredBy=2024-03-31`).set('authorization', JANE).expect(200);
    await http().get(`/v1/children/${a}/history/verify`).set('authorization', JANE).expect(200);
    await http().get(`/v1/children/${a}/tracker?asOf=2024-03-10`).set('authorization', TOM).expect(200);
    clock.offsetMs = 2 * DAY_MS;
    laterDay = isoDate(clock.now().getTime());
    await http().get(`/v1/children/${b}/history`).set('authorization', JANE).expect(200);
    await http().get(`/v1/children/${a}/history`).set('authorization', KEN).expect(200);
  });
  afterAll(async () => test?.close());

  it("lists every history, state, verify and tracker read of a child's record, with who, their roles, what and the parameters", async () => {
    const { entries, page } = await access(`childId=${a}`);
    expect(page).toEqual({ limit: 100, nextCursor: null, source: 'access-stream' });
    const looks = entries.map(({ subject, roles, what, parameters, via }: Record<string, unknown>) => ({ subject, roles, what, parameters, via }));
    expect(looks).toEqual([
      { subject: 'test-admin', roles: ['admin'], what: 'tracker', parameters: { asOf: '2024-03-06', minPosition: expect.any(Number) }, via: 'http' },
      { subject: 'aud-jane', roles: ['auditor'], what: 'history', parameters: { asKnownAt: '2024-06-30', limit: 10 }, via: 'http' },
      { subject: 'aud-jane', roles: ['auditor'], what: 'state', parameters: { occurredBy: '2024-03-31' }, via: 'http' },
      { subject: 'aud-jane', roles: ['auditor'], what: 'verify', parameters: {}, via: 'http' },
      { subject: 'prac-tom', roles: ['practitioner'], what: 'tracker', parameters: { asOf: '2024-03-10' }, via: 'http' },
      { subject: 'aud-ken', roles: ['auditor'], what: 'history', parameters: {}, via: 'http' },
    ]);
    expect(entries.every((entry: { childId: string }) => entry.childId === a)).toBe(true);
    expect(isoDate(Date.parse(entries[5].at))).toBe(laterDay);
    expect(Date.parse(entries[5].at) - Date.parse(entries[4].at)).toBeGreaterThanOrEqual(2 * DAY_MS);
  });

  it('answers who looked at anything, by person, from the read model, across children', async () => {
    const { entries, page } = await access(`subject=aud-jane&${await readModelCaughtUp()}`);
    expect(page.source).toBe('read-model');
    expect(entries.map((entry: { childId: string; what: string }) => `${entry.childId} ${entry.what}`)).toEqual([
      `${a} history`,
      `${a} state`,
      `${a} verify`,
      `${b} history`,
    ]);
  });

  it('filters by period, alone or with a person or a child, from either source', async () => {
    const later = await access(`from=${laterDay}&${await readModelCaughtUp()}`);
    expect(later.entries.map((entry: { subject: string; childId: string }) => `${entry.subject} ${entry.childId}`)).toEqual([`aud-jane ${b}`, `aud-ken ${a}`]);
    const janeLater = await access(`from=${laterDay}&subject=aud-jane`);
    expect(janeLater.entries.map((entry: { childId: string }) => entry.childId)).toEqual([b]);
    const before = await access(`childId=${a}&to=${isoDate(Date.now())}`);
    expect(before.page.source).toBe('access-stream');
    expect(before.entries).toHaveLength(5);
    const tomOnA = await access(`childId=${a}&subject=prac-tom`);
    expect(tomOnA.entries.map((entry: { what: string }) => entry.what)).toEqual(['tracker']);
    const exact = await access(`childId=${a}&from=${before.entries[2].at}&to=${before.entries[3].at}`);
    expect(exact.entries.map((entry: { what: string }) => entry.what)).toEqual(['state', 'verify']);
  });

  it('pages with a cursor from either source', async () => {
    const collect = async (query: string) => {
      const pages: number[] = [];
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const body: { entries: Array<{ eventId: string }>; page: { nextCursor: string | null } } = await access(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
        pages.push(body.entries.length);
        seen.push(...body.entries.map((entry) => entry.eventId));
        cursor = body.page.nextCursor;
      } while (cursor !== null);
      return { pages, seen };
    };
    const fromStream = await collect(`childId=${a}&limit=4`);
    expect(fromStream.pages).toEqual([4, 2]);
    expect(fromStream.seen).toEqual((await access(`childId=${a}`)).entries.map((entry: { eventId: string }) => entry.eventId));
    const fromReadModel = await collect(`subject=aud-jane&limit=3&${await readModelCaughtUp()}`);
    expect(fromReadModel.pages).toEqual([3, 1]);
    const wrong = await http().get(`/v1/audit/access?subject=aud-jane&cursor=r3`).set('authorization', KEN).expect(400);
    expect(wrong.body.error.field).toBe('cursor');
  });

  it('logs a look at a child refused to a practitioner of another team, marked refused; a role refused the endpoint is not a look', async () => {
    const before = (await access(`childId=${a}`)).entries.length;
    await http()
      .get(`/v1/children/${a}/tracker?asOf=2024-03-10`)
      .set('authorization', bearer('practitioner', { teams: ['TEAM-OTHER'], ...LONG }))
      .expect(403);
    await http().get(`/v1/children/${a}/history`).set('authorization', bearer('analyst', LONG)).expect(403);
    const after = (await access(`childId=${a}`)).entries;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ what: 'tracker', roles: ['practitioner'], parameters: { asOf: '2024-03-10', refused: true } });
  });

  it('refuses a read with 503 ACCESS_NOT_RECORDED, showing nothing, when its access cannot be recorded', async () => {
    const store = test.storage.eventStore;
    const append = store.appendToStream.bind(store);
    const spy = jest
      .spyOn(store, 'appendToStream')
      .mockImplementation((streamId, events, options) =>
        streamId.startsWith('access-') ? Promise.reject(new Error('disk full')) : append(streamId, events, options),
      );
    try {
      for (const [path, authorization] of [
        [`/v1/children/${a}/history`, JANE],
        [`/v1/children/${a}/state`, JANE],
        [`/v1/children/${a}/history/verify`, JANE],
        [`/v1/children/${a}/tracker?asOf=2024-03-10`, TOM],
      ] as const) {
        const response = await http().get(path).set('authorization', authorization);
        expect({ path, status: response.status, body: response.body }).toEqual({
          path,
          status: 503,
          body: { error: { code: 'ACCESS_NOT_RECORDED', message: expect.stringContaining('could not be recorded') } },
        });
      }
    } finally {
      spy.mockRestore();
    }
    await http().get(`/v1/children/${a}/history`).set('authorization', JANE).expect(200);
  });

  it("keeps the access streams out of every case read model, and out of a reader of 'child' and 'worker' (the Kafka publisher's filter)", async () => {
    const projections = Object.values(readModelProjections(DEFAULT_LOCAL_STANDARDS));
    const categories = new Set(projections.flatMap((projection) => projection.filter?.categories ?? ['every category']));
    expect([...categories].sort()).toEqual(['child', 'retention', 'worker']);
    const store = test.storage.eventStore;
    const published = await store.readAll({ categories: ['child', 'worker'], maxCount: 10_000 });
    const accessEvents = await store.readAll({ categories: ['access'], maxCount: 10_000 });
    expect(accessEvents.length).toBeGreaterThanOrEqual(8);
    expect(published.some((event) => event.streamId.startsWith('access-') || event.type === 'ChildRecordRead')).toBe(false);
    const tracker = await http()
      .get(`/v1/children/${a}/tracker?asOf=2024-03-10&minPosition=${await store.headPosition()}`)
      .set('authorization', bearer('admin', LONG));
    expect(tracker.status).toBe(200);
  });
});

describeWith('postgres', 'the access log on PostgreSQL', ({ value }) => {
  let test: TestApplication;
  let scratch: { url: string; drop: () => Promise<void> };
  const childId = `C-ACCESS-PG-${randomUUID().slice(0, 8)}`;
  const http = () => request(test.app.getHttpServer());

  beforeAll(async () => {
    scratch = await createScratchDatabase(value, 'csc_access');
    test = await startTestApplication({ databaseUrl: scratch.url });
    const c = caseEventFactory(childId);
    await http()
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [c.referral('2024-03-04', 'R1')] })
      .expect(200);
  });
  afterAll(async () => {
    await test?.close();
    await scratch?.drop();
  });

  it('answers by child from the stream and by person from the read model', async () => {
    await http().get(`/v1/children/${childId}/history`).set('authorization', JANE).expect(200);
    await http().get(`/v1/children/${childId}/state?occurredBy=2024-03-04`).set('authorization', JANE).expect(200);
    const byChild = await http().get(`/v1/audit/access?childId=${childId}`).set('authorization', KEN).expect(200);
    const byPerson = await http()
      .get(`/v1/audit/access?subject=aud-jane&minPosition=${await lastAccessPosition(test, [childId])}`)
      .set('authorization', KEN)
      .expect(200);
    expect(byChild.body.entries.map((entry: { what: string }) => entry.what)).toEqual(['history', 'state']);
    expect(byPerson.body.entries).toEqual(byChild.body.entries);
  });

  it('refuses the read with 503 when the database refuses the access event', async () => {
    const pool = test.storage.database.pool;
    await pool.query(`CREATE TRIGGER refuse_access_for_test BEFORE INSERT ON event_store.events
      FOR EACH ROW WHEN (NEW.category = 'access') EXECUTE FUNCTION event_store.refuse_change()`);
    try {
      const refused = await http().get(`/v1/children/${childId}/history`).set('authorization', JANE).expect(503);
      expect(refused.body.error.code).toBe('ACCESS_NOT_RECORDED');
      expect(refused.body.events).toBeUndefined();
    } finally {
      await pool.query('DROP TRIGGER refuse_access_for_test ON event_store.events');
    }
    await http().get(`/v1/children/${childId}/history`).set('authorization', JANE).expect(200);
  });
});

describe("the access log records a look at a child's recorded events [PGlite]", () => {
  let test: TestApplication;
  beforeAll(async () => {
    test = await startTestApplication();
  });
  afterAll(async () => test?.close());

  it('records who read GET /v1/children/{childId}/events, before answering', async () => {
    const http = () => request(test.app.getHttpServer());
    const other = `C-ACCESS-EVENTS-${randomUUID().slice(0, 8)}`;
    const c = caseEventFactory(other);
    await http()
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [c.referral('2024-03-04', 'R1')] })
      .expect(200);
    await http()
      .get(`/v1/children/${other}/events`)
      .set('authorization', bearer('recorder', { subject: 'lcs-feed' }))
      .expect(200);
    const { body } = await http().get(`/v1/audit/access?childId=${other}`).set('authorization', bearer('auditor')).expect(200);
    expect(body.entries.map(({ subject, what }: Record<string, unknown>) => ({ subject, what }))).toEqual([{ subject: 'lcs-feed', what: 'events' }]);
  });
});

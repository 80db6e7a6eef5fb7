import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';
import { smallCountyEvents, SMALL_COUNTY } from '../support/county';

const FIXTURE = resolve(__dirname, '../../libs/returns/test/fixtures/csc-api-children.ndjson');
const ndjson = readFileSync(FIXTURE, 'utf8');

/** The export's NDJSON as one list of children. */
const childrenOf = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => JSON.parse(line) as Record<string, unknown>[]);

async function exportCscApi(test: TestApplication, asAt: string): Promise<string> {
  const position = await test.storage.eventStore.headPosition();
  const response = await request(test.app.getHttpServer())
    .get(`/v1/returns/csc-api?asAt=${asAt}&minPosition=${position}`)
    .set('authorization', bearer('auditor'))
    .buffer(true)
    .parse((res, done) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => done(null, body));
    })
    .expect(200);
  return response.body as string;
}

const postImport = (test: TestApplication, query: string, contentType = 'application/json') =>
  request(test.app.getHttpServer())
    .post(`/v1/imports?format=csc-api&authority=201${query}`)
    .set('authorization', bearer('recorder'))
    .set('content-type', contentType);

describe('POST /v1/imports?format=csc-api', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication({ env: { READ_MODEL_WAIT_MS: '60000' } });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('records every row of an NDJSON body sent as application/json, refuses the bad child whole, and a second import records nothing', async () => {
    const first = await postImport(test, '&file=children.ndjson').send(ndjson).expect(200);
    expect(first.body.tables).toMatchObject({
      child_details: { read: 4, recorded: 3, known: 0, refused: 1 },
      care_worker_details: { read: 3, recorded: 3, known: 0, refused: 0 },
    });
    expect(first.body.refused[0]).toMatchObject({ file: 'children.ndjson', line: 2, path: '$[0].social_care_episodes[0].referral_date', code: 'INVALID_DATE' });

    const events = await request(test.app.getHttpServer()).get('/v1/children/CAPIA/events').set('authorization', bearer('recorder')).expect(200);
    const recorded = events.body.events as { event: { type: string; occurredAt: string; source: { system: string } } }[];
    expect(recorded.every(({ event }) => event.source.system === 'csc-api')).toBe(true);
    expect(recorded.map(({ event }) => `${event.occurredAt} ${event.type}`)).toContain('2024-06-03 SocialWorkerChanged');

    // The worker allocations feed the child's workers read model.
    const position = await test.storage.eventStore.headPosition();
    const workers = await request(test.app.getHttpServer())
      .get(`/v1/children/CAPIA/workers?from=2024-04-01&to=2024-12-31&minPosition=${position}`)
      .set('authorization', bearer('admin'))
      .expect(200);
    expect((workers.body.periods as { workerId: string }[]).map((period) => period.workerId)).toEqual(['WKA', 'WKB']);

    const again = await postImport(test, '', 'application/x-ndjson').send(ndjson).expect(200);
    expect(again.body.events.recorded).toBe(0);
    expect(again.body.children).toEqual({ read: 4, recorded: 0, known: 3, refused: 1 });
  });

  it('imports our own csc-api export of what it imported as nothing new (the same facts, the same ids)', async () => {
    const exported = await exportCscApi(test, '2024-12-31');
    expect(childrenOf(exported).map((child) => child.la_child_id)).toEqual(expect.arrayContaining(['CAPIA', 'CAPIB', 'CAPIC']));
    const reimport = await postImport(test, '&file=export.ndjson', 'application/x-ndjson').send(exported).expect(200);
    expect(reimport.body.refused).toEqual([]);
    expect(reimport.body.events.recorded).toBe(0);
  });

  it('answers 400 naming the file and value for a body that is not JSON, and for a missing authority', async () => {
    const broken = await postImport(test, '&file=broken.json').send('[{"la_child_id":"X1"}]\n[{"la_child_id": ').expect(400);
    expect(broken.body.error).toMatchObject({ code: 'NOT_JSON', file: 'broken.json', line: 2, field: 'body' });
    expect(broken.body.error.message).toMatch(/^broken\.json:2: not JSON \(value 2 of the file\)/);
    expect(broken.body.report).toMatchObject({ format: 'csc-api', files: ['broken.json'] });
    const noAuthority = await request(test.app.getHttpServer())
      .post('/v1/imports?format=csc-api')
      .set('authorization', bearer('recorder'))
      .set('content-type', 'application/json')
      .send(ndjson)
      .expect(400);
    expect(noAuthority.body.error).toMatchObject({ code: 'MISSING_AUTHORITY' });
  });

  it('destroys the record of a child flagged purge through the service’s record retention', async () => {
    const purged = await postImport(test, '&file=purge.json')
      .send(JSON.stringify({ la_child_id: 'CAPIC', purge: true }))
      .expect(200);
    expect(purged.body.purges).toEqual([{ table: 'purge', file: 'purge.json', line: 1, path: '$.purge', naturalKey: 'CAPIC purge', outcome: 'destroyed' }]);
    const retention = await test.storage.eventStore.readStream('retention-CAPIC');
    expect(retention.map((event) => [event.type, event.data])).toEqual([
      ['ChildRecordDestroyed', expect.objectContaining({ childId: 'CAPIC', reason: 'purge-requested', requestedBy: 'csc-api' })],
    ]);
  });
});

describe('csc-api round trip of a generated county: export, import into a fresh store, export the same again', () => {
  let source: TestApplication;
  let target: TestApplication;

  beforeAll(async () => {
    source = await startTestApplication({ env: { READ_MODEL_WAIT_MS: '60000' } });
    target = await startTestApplication({ env: { READ_MODEL_WAIT_MS: '60000' } });
    const events = smallCountyEvents();
    for (let at = 0; at < events.length; at += 1000) {
      const response = await request(source.app.getHttpServer())
        .post('/v1/events')
        .set('authorization', bearer('recorder'))
        .send({ events: events.slice(at, at + 1000) })
        .expect(200);
      expect(response.body.summary.rejected).toBe(0);
    }
  }, 300_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('gives back every child as it was sent, less the looked-after placements the API cannot carry into our events', async () => {
    const asAt = SMALL_COUNTY.lastDay;
    const sent = await exportCscApi(source, asAt);
    const report = await postImport(target, '&file=county.ndjson', 'application/x-ndjson').send(sent).expect(200);
    expect(report.body.refused).toEqual([]);
    const back = childrenOf(await exportCscApi(target, asAt));
    const withoutPlacements = (children: Record<string, unknown>[]) =>
      children.map((child) => ({
        ...child,
        social_care_episodes: (child.social_care_episodes as Record<string, unknown>[]).map(({ child_looked_after_placements: _, ...episode }) => episode),
      }));
    const expected = withoutPlacements(childrenOf(sent));
    expect(expected.length).toBeGreaterThan(100);
    expect(withoutPlacements(back)).toEqual(expected);
  }, 300_000);
});

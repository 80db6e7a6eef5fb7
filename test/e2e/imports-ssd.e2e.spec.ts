import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describeWith } from '@csc/test-support';
import { SSD_FIXTURE, ssdFixtureTexts, ssdFixtureZip } from '../../libs/returns/testing/ssd-fixture';
import { runCli, runCliInBackground } from '../support/cli-process';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer, tokenFor } from '../support/tokens';

interface RecordedEvent {
  position: number;
  event: { type: string; occurredAt: string; source: { system: string }; data: Record<string, unknown> };
}

describe('POST /v1/imports?format=ssd with a zip of the SSD folder', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication();
  });
  afterAll(async () => {
    await test?.close();
  });

  const postZip = (query: string, body: Buffer, role: Parameters<typeof bearer>[0] = 'recorder') =>
    request(test.app.getHttpServer()).post(`/v1/imports?${query}`).set('authorization', bearer(role)).set('content-type', 'application/zip').send(body);
  const eventsOf = async (childId: string): Promise<RecordedEvent[]> =>
    (await request(test.app.getHttpServer()).get(`/v1/children/${childId}/events`).set('authorization', bearer('recorder')).expect(200)).body.events;

  it('records every row of the zipped folder per SSD table, gives each child its history, feeds the read models, and records nothing again', async () => {
    const run = randomUUID().slice(0, 8);
    const zip = ssdFixtureZip(ssdFixtureTexts(run));
    const first = await postZip('format=ssd&file=extract.zip&authority=201', zip).expect(200);
    expect(first.body.refused).toEqual([]);
    expect(first.body.tables.ssd_cin_episodes).toEqual({ read: 12, recorded: 12, known: 0, refused: 0 });
    expect(first.body.tables.ssd_involvements).toEqual({ read: 13, recorded: 12, known: 1, refused: 0 });
    for (const [table, counts] of Object.entries(first.body.tables as Record<string, { read: number; recorded: number; known: number; refused: number }>))
      expect({ table, read: counts.read }).toEqual({ table, read: counts.recorded + counts.known + counts.refused });
    expect(first.body.children).toEqual({ read: 12, recorded: 12, known: 0, refused: 0 });

    const events = await eventsOf(`CH0011-${run}`);
    expect(events.every(({ event }) => event.source.system === 'ssd')).toBe(true);
    expect(events.map(({ event }) => `${event.occurredAt} ${event.type}`)).toEqual([
      '2024-01-22 ReferralReceived',
      '2024-01-22 CaseAllocated',
      '2024-01-24 BecameLookedAfter',
      '2024-01-29 StatutoryVisitMade',
      '2024-03-20 StatutoryVisitMade',
      '2024-05-31 CaseUnallocated',
      '2024-06-10 CaseAllocated',
    ]);

    // The allocation read model, once it has applied the last event: two allocations with the ten days between them.
    const position = Math.max(...events.map((e) => e.position));
    const workers = await request(test.app.getHttpServer())
      .get(`/v1/children/CH0011-${run}/workers?from=2024-01-01&to=2024-12-31&minPosition=${position}`)
      .set('authorization', bearer('admin'))
      .expect(200);
    expect(
      workers.body.periods.map((p: { workerId: string; teamId: string; from: string; to: string | null }) => [p.workerId, p.teamId, p.from, p.to]),
    ).toEqual([
      ['W05', 'T40', '2024-01-22', '2024-05-31'],
      ['W04', 'T40', '2024-06-10', null],
    ]);

    const again = await postZip('format=ssd&authority=201', zip).expect(200);
    expect(again.body.events.recorded).toBe(0);
    expect(again.body.children).toEqual({ read: 12, recorded: 0, known: 12, refused: 0 });
    expect(again.body.files).toEqual(['upload']);
  });

  it('answers 400 naming the file inside the zip and its line for a table it does not know, and records nothing from the zip', async () => {
    const run = randomUUID().slice(0, 8);
    const texts = new Map([...ssdFixtureTexts(run), ['ssd_case_notes.csv', 'note_id,note_text\n1,hello\n']]);
    const response = await postZip('format=ssd&file=extract.zip&authority=201', ssdFixtureZip(texts)).expect(400);
    expect(response.body.error).toMatchObject({ code: 'UNKNOWN_TABLE', file: 'extract.zip/ssd-extract/ssd_case_notes.csv', line: 1, field: 'body' });
    expect(response.body.report.events.recorded).toBe(0);
    await request(test.app.getHttpServer()).get(`/v1/children/CH0001-${run}/events`).set('authorization', bearer('recorder')).expect(404);
  });

  it('answers 400 for a zip that is damaged, an extract without the authority, and a body that is neither zip nor CSV', async () => {
    const zip = ssdFixtureZip(ssdFixtureTexts(randomUUID().slice(0, 8)));
    expect((await postZip('format=ssd&file=extract.zip', zip).expect(400)).body.error).toMatchObject({ code: 'MISSING_AUTHORITY' });
    expect((await postZip('format=ssd&file=extract.zip&authority=201', zip.subarray(0, 200)).expect(400)).body.error).toMatchObject({
      code: 'NOT_ZIP',
      file: 'extract.zip',
    });
    const pdf = Buffer.from('%PDF-1.7\n\x00\x01binary');
    expect((await postZip('format=ssd&file=extract.zip&authority=201', pdf).expect(400)).body.error).toMatchObject({ code: 'NOT_ZIP' });
    expect((await postZip('format=ssd&file=upload&authority=201', pdf).expect(400)).body.error).toMatchObject({ code: 'UNKNOWN_TABLE', file: 'upload' });
  });

  it('imports one SSD table sent as CSV on its own, recognised by its columns', async () => {
    const run = randomUUID().slice(0, 8);
    const contacts = ssdFixtureTexts(run).get('ssd_contacts.csv')!;
    const response = await request(test.app.getHttpServer())
      .post('/v1/imports?format=ssd&authority=201')
      .set('authorization', bearer('recorder'))
      .set('content-type', 'text/csv')
      .send(contacts)
      .expect(200);
    expect(response.body.tables.ssd_contacts).toEqual({ read: 5, recorded: 5, known: 0, refused: 0 });
  });

  it('is for the recorder role only', async () => {
    const zip = ssdFixtureZip(ssdFixtureTexts(randomUUID().slice(0, 8)));
    await postZip('format=ssd&authority=201', zip, 'practitioner').expect(403);
    await request(test.app.getHttpServer()).post('/v1/imports?format=ssd&authority=201').set('content-type', 'application/zip').send(zip).expect(401);
  });
});

describeWith('postgres', 'csc import ssd on PostgreSQL: a folder into the store, and through a running service as one zip', ({ value }) => {
  let scratch: { url: string; drop: () => Promise<void> };
  let test: TestApplication;
  let url: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase(value, 'csc_import_ssd');
    test = await startTestApplication({ databaseUrl: scratch.url });
    await test.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await test?.close();
    await scratch?.drop();
  });

  it('imports the folder into the store the settings name, leaving out its README; again through the service records nothing', async () => {
    const first = runCli(['import', 'ssd', SSD_FIXTURE, '--authority', '201', '--json'], { DATABASE_URL: scratch.url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.children).toEqual({ read: 12, recorded: 12, known: 0, refused: 0 });
    expect(report.skipped.filter((s: { table: string }) => s.table === '-').map((s: { file: string }) => s.file)).toEqual(['README.md', 'make-fixture.py']);

    const again = await runCliInBackground(['import', 'ssd', SSD_FIXTURE, '--authority', '201', '--json', '--to', url, '--token', tokenFor('recorder')]);
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({
      files: ['ssd-fixture.zip'],
      events: { recorded: 0, duplicate: report.events.recorded },
      children: { known: 12 },
    });
  });
});

import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { describeWith } from '@csc/test-support';
import { runCli } from '../support/cli-process';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer, tokenFor } from '../support/tokens';

const FIXTURE = resolve(__dirname, '../../libs/returns/test/fixtures/cin-census-2026.xml');
const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');
const xml = readFileSync(FIXTURE);

describe('POST /v1/imports?format=cin-census', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication();
  });
  afterAll(async () => {
    await test?.close();
  });

  const post = (path: string, role: Parameters<typeof bearer>[0] = 'recorder') =>
    request(test.app.getHttpServer()).post(path).set('authorization', bearer(role)).set('content-type', 'application/xml');

  it('records every row of the file, each child as the file says, and a second import records nothing', async () => {
    const first = await post('/v1/imports?format=cin-census&file=cin-census-2026.xml').send(xml).expect(200);
    expect(first.body.tables).toEqual({
      Child: { read: 2, recorded: 2, known: 0, refused: 0 },
      CINdetails: { read: 2, recorded: 2, known: 0, refused: 0 },
      Assessments: { read: 1, recorded: 1, known: 0, refused: 0 },
      CINPlanDates: { read: 1, recorded: 1, known: 0, refused: 0 },
      Section47: { read: 1, recorded: 1, known: 0, refused: 0 },
      ChildProtectionPlans: { read: 1, recorded: 1, known: 0, refused: 0 },
      CPPreviewDate: { read: 2, recorded: 2, known: 0, refused: 0 },
    });
    expect(first.body.events).toEqual({ recorded: 17, duplicate: 0, rejected: 0 });
    expect(first.body.refused).toEqual([]);

    const events = await request(test.app.getHttpServer()).get('/v1/children/CIN26B/events').set('authorization', bearer('recorder')).expect(200);
    const recorded = events.body.events as { event: { type: string; occurredAt: string; source: { system: string } } }[];
    expect(recorded.every(({ event }) => event.source.system === 'cin-census-2025')).toBe(true);
    expect(recorded.map(({ event }) => `${event.occurredAt} ${event.type}`)).toEqual([
      '2023-09-25 ChildDetailsRecorded',
      '2025-10-24 ReferralReceived',
      '2025-10-24 ReferralDecisionMade',
      '2025-10-24 CaseClosed',
    ]);

    const again = await post('/v1/imports?format=cin-census').send(xml).expect(200);
    expect(again.body.events).toEqual({ recorded: 0, duplicate: 17, rejected: 0 });
    expect(again.body.files).toEqual(['upload']);
  });

  it('answers 400 naming the line for a file that is not XML, and records nothing from it', async () => {
    const response = await post('/v1/imports?format=cin-census&file=broken.xml').send('<Message>\n<Header>\n</Message>\n').expect(400);
    expect(response.body.error).toMatchObject({ code: 'NOT_XML', file: 'broken.xml', line: 3, field: 'body' });
    expect(response.body.error.message).toMatch(/^broken\.xml:3: not well-formed XML/);
    expect(response.body.report.events.recorded).toBe(0);
  });

  it('answers 400 for an unknown format, a JSON body or a bad file name', async () => {
    expect((await post('/v1/imports?format=cin').send(xml).expect(400)).body.error).toMatchObject({ code: 'UNKNOWN_FORMAT', field: 'format' });
    expect((await post('/v1/imports').send(xml).expect(400)).body.error).toMatchObject({ code: 'UNKNOWN_FORMAT' });
    const json = await request(test.app.getHttpServer())
      .post('/v1/imports?format=cin-census')
      .set('authorization', bearer('recorder'))
      .send({ a: 1 })
      .expect(400);
    expect(json.body.error).toMatchObject({ code: 'INVALID_BODY', field: 'body' });
    expect((await post('/v1/imports?format=cin-census&file=../x').send(xml).expect(400)).body.error).toMatchObject({ code: 'INVALID_FILE_NAME' });
  });

  it('imports an SSDA903 Episodes table sent as CSV, with the authority named in the query', async () => {
    const csv =
      'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n' +
      'E2E903,01/04/2021,S,C2,N1,U4,PR1,10/06/2021,X1,,,,\n' +
      'E2E903,10/06/2021,P,C2,N1,K2,PR1,15/01/2022,E11,CARPL,,,\n';
    const csvPost = (query: string) =>
      request(test.app.getHttpServer()).post(`/v1/imports?${query}`).set('authorization', bearer('recorder')).set('content-type', 'text/csv');
    expect((await csvPost('format=ssda903&file=2021-episodes.csv').send(csv).expect(400)).body.error).toMatchObject({ code: 'MISSING_AUTHORITY' });
    const response = await csvPost('format=ssda903&file=2021-episodes.csv&authority=999').send(csv).expect(200);
    expect(response.body.tables.Episodes).toEqual({ read: 2, recorded: 2, known: 0, refused: 0 });
    const events = await request(test.app.getHttpServer()).get('/v1/children/E2E903/events').set('authorization', bearer('recorder')).expect(200);
    expect(events.body.events.map(({ event }: { event: { type: string; occurredAt: string } }) => `${event.occurredAt} ${event.type}`)).toEqual([
      '2021-04-01 BecameLookedAfter',
      '2021-06-10 PlacementChanged',
      '2022-01-15 CeasedToBeLookedAfter',
    ]);
  });

  it('is for the recorder role only', async () => {
    await post('/v1/imports?format=cin-census', 'practitioner').send(xml).expect(403);
    await post('/v1/imports?format=cin-census', 'analyst').send(xml).expect(403);
    await request(test.app.getHttpServer()).post('/v1/imports?format=cin-census').set('content-type', 'application/xml').send(xml).expect(401);
  });
});

/** The CLI as a process that does not block this one, so the in-process service can answer it. */
function runCliAsync(args: readonly string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      done({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describeWith('postgres', 'csc import cin-census on PostgreSQL, into the store and through a running service', ({ value }) => {
  let scratch: { url: string; drop: () => Promise<void> };
  let test: TestApplication;
  let url: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase(value, 'csc_import');
    test = await startTestApplication({ databaseUrl: scratch.url });
    await test.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await test?.close();
    await scratch?.drop();
  });

  it('imports into the store the settings name and prints the report; again with --json records nothing', () => {
    const first = runCli(['import', 'cin-census', FIXTURE], { DATABASE_URL: scratch.url });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('csc import cin-census: cin-census-2026.xml');
    expect(first.stdout).toMatch(/CINdetails +2 +2 +0 +0/);
    expect(first.stdout).toContain('events: 17 recorded, 0 already held, 0 not recorded');

    const again = runCli(['import', 'cin-census', FIXTURE, '--json'], { DATABASE_URL: scratch.url });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ format: 'cin-census', events: { recorded: 0, duplicate: 17, rejected: 0 }, children: { known: 2 } });
  });

  it('sends the file to a running service with --to and --token, which knows every fact already', async () => {
    const result = await runCliAsync(['import', 'cin-census', FIXTURE, '--json', '--to', url, '--token', tokenFor('recorder')], {});
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ files: ['cin-census-2026.xml'], events: { recorded: 0, duplicate: 17 } });
  });

  it('exits 2 with the file and line for a file it cannot read, and 2 for an unknown format', () => {
    const broken = runCli(['import', 'cin-census', resolve(__dirname, '../../package.json')], { DATABASE_URL: scratch.url });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toBe('csc: package.json:1: not XML: the file does not start with an XML element (<)\n');
    expect(runCli(['import', 'annex-b', FIXTURE], { DATABASE_URL: scratch.url }).code).toBe(2);
  });
});

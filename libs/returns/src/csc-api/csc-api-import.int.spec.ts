import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { childStreamId, fromStoredEvent, toStoredEvent, workerStreamId } from '@csc/contracts';
import { type EventStore, type SqlDatabase } from '@csc/event-store';
import { ChildKeyStore, DEFAULT_RETENTION_SCHEDULE, EncryptingEventStore, RecordRetention } from '@csc/retention';
import { describeForEachDatabase, openEventStoreForSuite } from '@csc/test-support';
import { workerEventFactory } from '../../../domain/testing';
import { runImport, type ImportReport } from '../imports';
import { CSC_API_UNKNOWN_TEAM } from './csc-api-import-workers';

const SAMPLE = join(__dirname, '../../test/fixtures/csc-api-children.ndjson');
// The copy kept with the tests (provenance in libs/returns/testing/national-schemas/README.md).
const OPENAPI = join(__dirname, '../../testing/national-schemas/openapi.json');
const TODAY = '2026-12-02';

/** The sample with this run's children and workers (ids stay alphanumeric, as la_child_id must). */
const sample = (run: string): string => readFileSync(SAMPLE, 'utf8').replace(/"(CAPI[A-D]|WK[A-C])"/g, `"$1${run}"`);

async function importJson(store: EventStore, text: string, options: { name?: string; retention?: RecordRetention } = {}): Promise<ImportReport> {
  return runImport('csc-api', [{ name: options.name ?? 'csc.ndjson', open: () => Readable.from([text]) }], {
    store,
    today: TODAY,
    authority: '201',
    retention: options.retention,
  });
}

async function history(store: EventStore, childId: string): Promise<unknown[]> {
  return (await store.readStream(childStreamId(childId))).map(fromStoredEvent).map(({ type, occurredAt, data }) => [type, occurredAt, data]);
}

function expectEveryRowAccountedFor(report: ImportReport): void {
  for (const [table, counts] of Object.entries(report.tables))
    expect({ table, read: counts.read }).toEqual({ table, read: counts.recorded + counts.known + counts.refused });
  expect(report.refused).toHaveLength(Object.values(report.tables).reduce((sum, counts) => sum + counts.refused, 0));
}

describeForEachDatabase('CSC API import into the event store', (openDatabase) => {
  let database: SqlDatabase;
  let store: EventStore;
  let run: string;
  openEventStoreForSuite(openDatabase, (suite) => ({ database, store } = suite));
  beforeEach(() => {
    run = randomUUID().slice(0, 8).replace(/-/g, '');
  });

  it('records each child as the file says, refuses the child with an impossible date whole, and a second import records nothing', async () => {
    const workers = workerEventFactory(`capi-${run}`);
    await store.appendToStream(
      workerStreamId(`WKA${run}`),
      [toStoredEvent(workers.joined('2020-01-06', `WKA${run}`, { teamId: 'EAST-1' }), { channel: 'import' }) as never],
      {
        expectedRevision: 'no-stream',
      },
    );
    const first = await importJson(store, sample(run));
    expectEveryRowAccountedFor(first);
    expect(first.tables).toEqual({
      child_details: { read: 4, recorded: 3, known: 0, refused: 1 },
      social_care_episodes: { read: 4, recorded: 3, known: 0, refused: 1 },
      care_worker_details: { read: 3, recorded: 3, known: 0, refused: 0 },
      child_and_family_assessments: { read: 1, recorded: 1, known: 0, refused: 0 },
      child_in_need_plans: { read: 1, recorded: 1, known: 0, refused: 0 },
      section_47_assessments: { read: 1, recorded: 1, known: 0, refused: 0 },
      child_protection_plans: { read: 1, recorded: 1, known: 0, refused: 0 },
      purge: { read: 0, recorded: 0, known: 0, refused: 0 },
    });
    expect(first.children).toEqual({ read: 4, recorded: 3, known: 0, refused: 1 });
    expect(first.skipped).toEqual([{ file: 'csc.ndjson', table: 'child_looked_after_placements', rows: 1, reason: expect.stringContaining('legal status') }]);
    expect(first.refused[0]).toEqual({
      table: 'social_care_episodes',
      file: 'csc.ndjson',
      line: 2,
      path: '$[0].social_care_episodes[0].referral_date',
      naturalKey: `CAPID${run} episode R2`,
      code: 'INVALID_DATE',
      field: '$[0].social_care_episodes[0].referral_date',
      message: expect.stringContaining('"2024-02-31", which is not a real date'),
    });
    expect(first.refused[1]).toMatchObject({ table: 'child_details', naturalKey: `CAPID${run} details`, code: 'CHILD_NOT_IMPORTED' });
    expect(await history(store, `CAPID${run}`)).toEqual([]);

    expect(await history(store, `CAPIA${run}`)).toEqual([
      ['ChildDetailsRecorded', '2015-03-27', { dateOfBirth: '2015-03-27', gender: 'F', ethnicity: 'WBRI', disabilities: ['NONE'] }],
      ['ReferralReceived', '2024-04-02', { referralId: 'R1', source: '3A', primaryNeed: 'N0' }],
      ['AssessmentStarted', '2024-04-03', { assessmentId: 'A1', referralId: 'R1' }],
      ['CaseAllocated', '2024-04-03', { workerId: `WKA${run}`, teamId: 'EAST-1' }],
      ['AssessmentAuthorised', '2024-05-10', { assessmentId: 'A1', outcome: 'child-in-need', factors: ['3A', '2B'] }],
      ['PlanStarted', '2024-05-10', { planId: 'CIN1', planType: 'CIN' }],
      ['SocialWorkerChanged', '2024-06-03', { fromWorkerId: `WKA${run}`, toWorkerId: `WKB${run}`, teamId: CSC_API_UNKNOWN_TEAM, reason: 'OTHERS' }],
      ['PlanEnded', '2024-09-30', { planId: 'CIN1' }],
      ['CaseClosed', '2024-09-30', { reason: 'RC2' }],
    ]);
    expect(await history(store, `CAPIB${run}`)).toEqual([
      ['ChildDetailsRecorded', '2012-01-05', { dateOfBirth: '2012-01-05', gender: 'M', ethnicity: 'AIND', disabilities: ['HAND'] }],
      ['ReferralReceived', '2024-05-01', { referralId: 'R7', source: '5A', primaryNeed: 'N0' }],
      ['CaseAllocated', '2024-05-01', { workerId: `WKC${run}`, teamId: CSC_API_UNKNOWN_TEAM }],
      ['StrategyDiscussionHeld', '2024-05-02', { strategyDiscussionId: 'S1-sd', referralId: 'R7', section47Started: true, section47Id: 'S1' }],
      ['Section47EnquiryCompleted', '2024-05-16', { section47Id: 'S1', icpcRequired: true }],
      ['InitialChildProtectionConferenceHeld', '2024-05-23', { conferenceId: 'S1-icpc', section47Id: 'S1', planRequired: false }],
      ['PlanStarted', '2024-05-23', { planId: 'CP1', planType: 'CP' }],
    ]);
    expect(await history(store, `CAPIC${run}`)).toEqual([
      ['ChildDetailsRecorded', '2024-10-01', { expectedDateOfBirth: '2025-01-10', gender: 'U', ethnicity: 'NOBT', disabilities: ['NONE'] }],
      ['ReferralReceived', '2024-10-01', { referralId: 'R9', source: '1A', primaryNeed: 'N0' }],
      ['ReferralDecisionMade', '2024-10-01', { referralId: 'R9', decision: 'no-further-action' }],
      ['CaseClosed', '2024-10-01', { reason: 'RC8' }],
    ]);

    const again = await importJson(store, sample(run));
    expectEveryRowAccountedFor(again);
    expect(again.events.recorded).toBe(0);
    expect(again.children).toEqual({ read: 4, recorded: 0, known: 3, refused: 1 });
    expect(again.tables.care_worker_details).toEqual({ read: 3, recorded: 0, known: 3, refused: 0 });
  });

  it('records a later file’s changes as corrections, listed in the report, and its new facts beside what it repeats', async () => {
    await importJson(store, sample(run), { name: 'first.ndjson' });
    // The later file: child A's episode closed a day later, and child B gets a second worker.
    const later = sample(run)
      .replace('"closure_date": "2024-09-30"', '"closure_date": "2024-10-01"')
      .replace(`"end_date": "2024-09-30"}]`, `"end_date": "2024-10-01"}]`)
      .replace(
        `[{"worker_id": "WKC${run}", "start_date": "2024-05-01"}]`,
        `[{"worker_id": "WKC${run}", "start_date": "2024-05-01", "end_date": "2024-08-01"}, {"worker_id": "WKA${run}", "start_date": "2024-08-01"}]`,
      );
    expect(later).not.toBe(sample(run));
    const report = await importJson(store, later, { name: 'later.ndjson' });
    expectEveryRowAccountedFor(report);
    expect(report.corrections).toEqual([
      expect.objectContaining({
        table: 'social_care_episodes',
        file: 'later.ndjson',
        line: 1,
        path: '$[0].social_care_episodes[0]',
        naturalKey: `CAPIA${run} episode R1`,
        type: 'CaseClosed',
      }),
    ]);
    const a = await history(store, `CAPIA${run}`);
    expect(a.slice(-2)).toEqual([
      [
        'EventRetracted',
        TODAY,
        { retractedEventId: report.corrections[0].retractedEventId, reason: expect.stringContaining('Corrected by the csc-api return') },
      ],
      ['CaseClosed', '2024-10-01', { reason: 'RC2' }],
    ]);
    expect((await history(store, `CAPIB${run}`)).slice(-1)).toEqual([
      ['SocialWorkerChanged', '2024-08-01', { fromWorkerId: `WKC${run}`, toWorkerId: `WKA${run}`, teamId: CSC_API_UNKNOWN_TEAM, reason: 'OTHERS' }],
    ]);
    expect(report.tables.care_worker_details).toEqual({ read: 4, recorded: 1, known: 3, refused: 0 });
  });

  it('withdraws a purged episode’s events, reports the purge, and a second import finds nothing left to withdraw', async () => {
    await importJson(store, sample(run));
    const purge = JSON.stringify([{ la_child_id: `CAPIB${run}`, social_care_episodes: [{ social_care_episode_id: 'R7', purge: true }] }]);
    const report = await importJson(store, purge, { name: 'purge.json' });
    expectEveryRowAccountedFor(report);
    expect(report.purges).toEqual([
      {
        table: 'social_care_episodes',
        file: 'purge.json',
        line: 1,
        path: '$[0].social_care_episodes[0]',
        naturalKey: `CAPIB${run} episode R7 purge`,
        outcome: 'retracted',
        events: 6,
      },
    ]);
    const b = await history(store, `CAPIB${run}`);
    // Details stay (the episode purge names the episode only); the six events of R7 are retracted, the latest first.
    expect(b.slice(7).map((event) => (event as unknown[])[0])).toEqual(Array(6).fill('EventRetracted'));
    const again = await importJson(store, purge, { name: 'purge.json' });
    expect(again.events.recorded).toBe(0);
    expect(again.purges).toEqual([expect.objectContaining({ outcome: 'nothing-held', events: 0 })]);
  });

  it('imports the schema’s own example child (components.schemas.CSC items example), and says what it cannot record', async () => {
    const example = (JSON.parse(readFileSync(OPENAPI, 'utf8')) as { components: { schemas: { CSC: { items: { example: unknown } } } } }).components.schemas.CSC
      .items.example;
    const text = JSON.stringify(example).replace(/"Child1234"/g, `"Child1234${run}"`);
    const report = await importJson(store, text, { name: 'openapi-example.json' });
    expectEveryRowAccountedFor(report);
    expect(report.refused).toEqual([]);
    expect(report.children).toMatchObject({ recorded: 1, refused: 0 });
    expect(report.skipped.map((skipped) => skipped.table).sort()).toEqual([
      'adoption',
      'care_leavers',
      'child_looked_after_placements',
      'health_and_wellbeing',
    ]);
    const types = (await history(store, `Child1234${run}`)).map((event) => (event as unknown[])[0]);
    expect(types).toEqual(
      expect.arrayContaining(['ChildDetailsRecorded', 'ReferralReceived', 'CaseAllocated', 'AssessmentAuthorised', 'PlanEnded', 'CaseClosed']),
    );
  });

  it('destroys a purged child’s record through record retention, and refuses the purge where no retention is given', async () => {
    const encrypting = new EncryptingEventStore(store, await ChildKeyStore.open({ pool: database.pool, masterKey: randomBytes(32) }));
    const retention = new RecordRetention({
      store: encrypting,
      keys: encrypting.keys,
      schedule: DEFAULT_RETENTION_SCHEDULE,
      now: () => new Date('2026-12-02T10:00:00Z'),
    });
    await importJson(encrypting, sample(run), { retention });
    const purge = `{"la_child_id":"CAPIA${run}","purge":true}\n`;

    const without = await importJson(encrypting, purge, { name: 'purge.ndjson' });
    expect(without.refused).toEqual([
      expect.objectContaining({ table: 'purge', file: 'purge.ndjson', line: 1, path: '$.purge', naturalKey: `CAPIA${run} purge`, code: 'PURGE_NOT_AVAILABLE' }),
    ]);
    expect((await encrypting.readStream(childStreamId(`CAPIA${run}`)))[0].data).toMatchObject({ dateOfBirth: '2015-03-27' });

    const purged = await importJson(encrypting, purge, { name: 'purge.ndjson', retention });
    expect(purged.tables.purge).toEqual({ read: 1, recorded: 1, known: 0, refused: 0 });
    expect(purged.purges).toEqual([{ table: 'purge', file: 'purge.ndjson', line: 1, path: '$.purge', naturalKey: `CAPIA${run} purge`, outcome: 'destroyed' }]);
    expect((await encrypting.readStream(childStreamId(`CAPIA${run}`)))[0].data).not.toHaveProperty('dateOfBirth');
    const destroyed = (await store.readStream(`retention-${`CAPIA${run}`}`)).map((event) => [event.type, event.data]);
    expect(destroyed).toEqual([['ChildRecordDestroyed', { childId: `CAPIA${run}`, reason: 'purge-requested', requestedBy: 'csc-api', asOf: TODAY }]]);

    const again = await importJson(encrypting, purge, { name: 'purge.ndjson', retention });
    expect(again.tables.purge).toEqual({ read: 1, recorded: 0, known: 1, refused: 0 });
  });
});

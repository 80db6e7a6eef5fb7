import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { ChildEvent } from '@csc/contracts';
import { describeChildCase, evolveChildCase, initialChildCaseState } from '@csc/domain';
import { CALENDAR_VERSION, DEFAULT_LOCAL_STANDARDS, RULE_TABLE_VERSION, computeClocks, type TimescaleEvent } from '@csc/timescales';
import { caseEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

const AUDITOR = bearer('auditor', { subject: 'auditor-history' });

/**
 * One child recorded in two batches, a moment apart: what the first batch said, then a visit recorded late,
 * a retraction of a visit recorded in error, and a change of worker.
 */
function scenario() {
  const childId = `C-HIST-${randomUUID().slice(0, 8)}`;
  const c = caseEventFactory(childId);
  const referral = c.referral('2024-03-04', 'R1');
  const allocated = c.allocated('2024-03-05', 'W1', 'TEAM-1');
  const decision = c.decision('2024-03-05', 'R1', 'assessment');
  const assessment = c.assessmentStarted('2024-03-06', 'A1', 'R1');
  const mistaken = c.visit('2024-04-02', 'V1', { seen: true, seenAlone: true });
  const late = c.visit('2024-03-25', 'V0', { seen: true, seenAlone: false });
  const retraction = c.retracted('2024-04-10', mistaken, 'Recorded against the wrong child');
  const changed = c.workerChanged('2024-05-01', 'W1', 'W2', { teamId: 'TEAM-1' });
  return { childId, first: [referral, allocated, decision, assessment, mistaken], second: [late, retraction, changed], mistaken, late, retraction };
}

/** The case and open clocks folded by the domain itself from exactly these events, as the API should answer. */
function foldedByTheDomain(events: readonly ChildEvent[], asOf: string) {
  const state = events.reduce(evolveChildCase, initialChildCaseState);
  const clocks = computeClocks(events as unknown as TimescaleEvent[], { asOf, standards: DEFAULT_LOCAL_STANDARDS });
  const open = clocks.filter((clock) => ['open', 'due-soon', 'overdue'].includes(clock.state));
  return JSON.parse(JSON.stringify({ case: describeChildCase(state, asOf), openClocks: open }));
}

function describeOnBothDatabases(title: string, body: (context: () => TestApplication) => void): void {
  describe(`${title} [PGlite]`, () => {
    let test: TestApplication;
    beforeAll(async () => void (test = await startTestApplication()));
    afterAll(async () => test?.close());
    body(() => test);
  });
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => {
    let test: TestApplication;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const scratch = await createScratchDatabase(value, 'csc_history');
      drop = scratch.drop;
      test = await startTestApplication({ databaseUrl: scratch.url });
    });
    afterAll(async () => {
      await test?.close();
      await drop?.();
    });
    body(() => test);
  });
}

describeOnBothDatabases("an auditor replays a child's history", (context) => {
  const s = scenario();
  let firstBatchKnownAt: string;
  const get = (path: string) => request(context().app.getHttpServer()).get(path).set('authorization', AUDITOR);
  const types = (body: { events: Array<{ type: string }> }) => body.events.map((event) => event.type);

  beforeAll(async () => {
    const record = async (events: ChildEvent[]) => {
      const response = await request(context().app.getHttpServer()).post('/v1/events').set('authorization', bearer('recorder')).send({ events }).expect(200);
      expect(response.body.summary.rejected).toBe(0);
    };
    await record(s.first);
    const recorded = await context().storage.eventStore.readStream(`child-${s.childId}`);
    firstBatchKnownAt = recorded[recorded.length - 1].recordedAt.toISOString();
    // recordedAt is the store's clock, in milliseconds here: make sure the second batch is recorded in a later millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await record(s.second);
  });

  it('lists every event in stream order with its envelope, times, revision, position, source and correlation', async () => {
    const { body } = await get(`/v1/children/${s.childId}/history`).expect(200);
    expect(types(body)).toEqual([...s.first, ...s.second].map((event) => event.type));
    expect(body.events.map((event: { revision: number }) => event.revision)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const [first] = body.events;
    expect(first).toMatchObject({ eventId: s.first[0].eventId, occurredAt: '2024-03-04', occurredOn: '2024-03-04', source: { system: 'synthetic' } });
    expect(first.envelope).toEqual(s.first[0]);
    expect(new Date(first.recordedAt).toISOString()).toBe(first.recordedAt);
    expect(first.position).toBeGreaterThan(0);
    expect(first.channel).toBe('http');
    expect(body.page).toMatchObject({ fromRevision: 0, nextRevision: null, total: 8, streamRevision: 7 });
  });

  it('keeps a retracted event, marked with the retraction, and lists the EventRetracted too', async () => {
    const { body } = await get(`/v1/children/${s.childId}/history`).expect(200);
    const retracted = body.events.find((event: { eventId: string }) => event.eventId === s.mistaken.eventId);
    const retraction = body.events.find((event: { eventId: string }) => event.eventId === s.retraction.eventId);
    expect(retracted.retracted).toEqual({ byEventId: s.retraction.eventId, reason: 'Recorded against the wrong child', recordedAt: retraction.recordedAt });
    expect(retraction).toMatchObject({ type: 'EventRetracted', retracts: s.mistaken.eventId });
    expect(body.events.filter((event: { retracted?: unknown }) => event.retracted)).toHaveLength(1);
  });

  it('asKnownAt excludes what was recorded later, and a later retraction does not mark the event', async () => {
    const { body } = await get(`/v1/children/${s.childId}/history?asKnownAt=${firstBatchKnownAt}`).expect(200);
    expect(body.events.map((event: { eventId: string }) => event.eventId)).toEqual(s.first.map((event) => event.eventId));
    expect(body.events.find((event: { eventId: string }) => event.eventId === s.mistaken.eventId).retracted).toBeUndefined();
    expect(body.asKnownAt).toBe(firstBatchKnownAt);
    expect(body.page.total).toBe(5);
  });

  it('asKnownAt as a date means the end of that London day', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(Date.now());
    const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect((await get(`/v1/children/${s.childId}/history?asKnownAt=${today}`).expect(200)).body.events).toHaveLength(8);
    expect((await get(`/v1/children/${s.childId}/history?asKnownAt=${yesterday}`).expect(200)).body.events).toHaveLength(0);
  });

  it('occurredBy includes a late-recorded event that happened by then, and leaves out what happened after', async () => {
    const { body } = await get(`/v1/children/${s.childId}/history?occurredBy=2024-03-31`).expect(200);
    expect(body.events.map((event: { eventId: string }) => event.eventId)).toEqual([...s.first.slice(0, 4), s.late].map((event) => event.eventId));
  });

  it('occurredBy lists a retraction with the event it retracts, whenever the retraction was made', async () => {
    const { body } = await get(`/v1/children/${s.childId}/history?occurredBy=2024-04-05`).expect(200);
    expect(types(body)).toEqual([
      'ReferralReceived',
      'CaseAllocated',
      'ReferralDecisionMade',
      'AssessmentStarted',
      'StatutoryVisitMade',
      'StatutoryVisitMade',
      'EventRetracted',
    ]);
    expect(body.events[4].retracted.byEventId).toBe(s.retraction.eventId);
  });

  it('asKnownAt and occurredBy combine: what had happened by then, of what had been recorded by then', async () => {
    const { body } = await get(`/v1/children/${s.childId}/history?asKnownAt=${firstBatchKnownAt}&occurredBy=2024-03-31`).expect(200);
    expect(body.events.map((event: { eventId: string }) => event.eventId)).toEqual(s.first.slice(0, 4).map((event) => event.eventId));
  });

  it('pages by revision and says which revision to ask for next', async () => {
    const pages: string[][] = [];
    let next: number | null = 0;
    while (next !== null) {
      const { body }: { body: { events: Array<{ eventId: string }>; page: { nextRevision: number | null } } } = await get(
        `/v1/children/${s.childId}/history?fromRevision=${next}&limit=3`,
      ).expect(200);
      pages.push(body.events.map((event) => event.eventId));
      next = body.page.nextRevision;
    }
    expect(pages.map((page) => page.length)).toEqual([3, 3, 2]);
    expect(pages.flat()).toEqual([...s.first, ...s.second].map((event) => event.eventId));
    const filtered = await get(`/v1/children/${s.childId}/history?occurredBy=2024-03-31&limit=4`).expect(200);
    expect(filtered.body.page.nextRevision).toBe(4);
    const rest = await get(`/v1/children/${s.childId}/history?occurredBy=2024-03-31&limit=4&fromRevision=4`).expect(200);
    expect(rest.body.events.map((event: { eventId: string }) => event.eventId)).toEqual([s.late.eventId]);
    expect(rest.body.page.nextRevision).toBeNull();
  });

  it('answers 404 CHILD_NOT_FOUND for a child with nothing recorded, and 400 for a bad point in time or page', async () => {
    expect((await get('/v1/children/C-NOBODY-AT-ALL/history').expect(404)).body.error.code).toBe('CHILD_NOT_FOUND');
    expect((await get(`/v1/children/${s.childId}/history?asKnownAt=yesterday`).expect(400)).body.error.field).toBe('asKnownAt');
    expect((await get(`/v1/children/${s.childId}/history?occurredBy=2024-02-30`).expect(400)).body.error.field).toBe('occurredBy');
    expect((await get(`/v1/children/${s.childId}/history?limit=5001`).expect(400)).body.error.field).toBe('limit');
  });

  it('state at a past date equals the domain fold of exactly the events known and happened by then', async () => {
    const { body } = await get(`/v1/children/${s.childId}/state?asKnownAt=${firstBatchKnownAt}&occurredBy=2024-03-31`).expect(200);
    const subset = s.first.slice(0, 4);
    expect({ case: body.case, openClocks: body.openClocks }).toEqual(foldedByTheDomain(subset, '2024-03-31'));
    expect(body.foldedFrom).toEqual({ events: 4, firstRevision: 0, lastRevision: 3, lastPosition: expect.any(Number), retractions: 0 });
    expect(body.case.allocation).toMatchObject({ workerId: 'W1', teamId: 'TEAM-1' });
    expect(body.openClocks.map((clock: { rule: string }) => clock.rule)).toContain('T2');
  });

  it('state honours a retraction and a late event, and names the rule table, calendar and standards versions', async () => {
    const { body } = await get(`/v1/children/${s.childId}/state?occurredBy=2024-04-30`).expect(200);
    const subset = [...s.first, s.late, s.retraction];
    expect({ case: body.case, openClocks: body.openClocks }).toEqual(foldedByTheDomain(subset, '2024-04-30'));
    expect(body.case.lastVisit).toMatchObject({ visitId: 'V0', on: '2024-03-25' });
    expect(body.case.lastVisitSeenAlone).toBeUndefined();
    expect(body.foldedFrom).toMatchObject({ events: 7, lastRevision: 6, retractions: 1 });
    expect(body.versions).toEqual({ ruleTable: RULE_TABLE_VERSION, calendar: CALENDAR_VERSION, localStandards: DEFAULT_LOCAL_STANDARDS.version });
    expect(body).toMatchObject({ asOf: '2024-04-30', occurredBy: '2024-04-30', childId: s.childId });
  });

  it('state with no point in time is the whole log judged today; nothing known by then is 404 NOTHING_KNOWN_BY_THEN', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(Date.now());
    const { body } = await get(`/v1/children/${s.childId}/state`).expect(200);
    expect(body.asOf).toBe(today);
    expect(body.case.allocation).toMatchObject({ workerId: 'W2' });
    expect({ case: body.case, openClocks: body.openClocks }).toEqual(foldedByTheDomain([...s.first, ...s.second], today));
    const none = await get(`/v1/children/${s.childId}/state?occurredBy=2024-01-01`).expect(404);
    expect(none.body.error.code).toBe('NOTHING_KNOWN_BY_THEN');
    expect((await get('/v1/children/C-NOBODY-AT-ALL/state').expect(404)).body.error.code).toBe('CHILD_NOT_FOUND');
  });
});

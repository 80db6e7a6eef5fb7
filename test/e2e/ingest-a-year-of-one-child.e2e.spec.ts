import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CaseEvent, ChildEvent } from '@csc/contracts';
import { addDays, caseEventFactory, workerEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

/**
 * A year of one child on a child protection plan, as a case management system would send it:
 * referral, strategy discussion and section 47, conference, plan, visits, reviews, two changes of
 * social worker, a visit recorded in error and retracted, the plan ending and the case closing.
 */
function aYearOfOneChild(): { workers: CaseEvent[]; child: ChildEvent[] } {
  const childId = `C-YEAR-${randomUUID().slice(0, 8)}`;
  const c = caseEventFactory(childId);
  const w = workerEventFactory(`${childId}:workers`);
  const [first, second, third] = ['W-A', 'W-B', 'W-C'].map((id) => `${id}-${childId}`);
  const workers = [w.joined('2023-09-01', first), w.joined('2023-09-01', second), w.joined('2024-02-01', third), w.left('2024-05-31', second)];
  const start = '2024-01-08';
  const child: ChildEvent[] = [
    c.childDetails(start, { dateOfBirth: '2017-05-20' }),
    c.referral(start, 'R1'),
    c.decision(start, 'R1', 'strategy-discussion'),
    c.strategyDiscussion(addDays(start, 1), 'SD1', { referralId: 'R1', section47Id: 'S47-1' }),
    c.allocated(addDays(start, 1), first, 'TEAM-EAST'),
    c.assessmentStarted(addDays(start, 2), 'A1', 'R1'),
    c.section47Completed(addDays(start, 14), 'S47-1'),
    c.icpc(addDays(start, 15), 'ICPC1', { section47Id: 'S47-1' }),
    c.planStarted(addDays(start, 15), 'CP1', 'CP'),
    c.assessmentAuthorised(addDays(start, 30), 'A1', { outcome: 'child-in-need', factors: ['3A', '4B'] }),
  ];
  for (let week = 3; week <= 48; week += 2) child.push(c.visit(addDays(start, week * 7), `V${week}`, { seen: true, seenAlone: week % 4 === 1 }));
  child.push(c.workerChanged(addDays(start, 60), first, second, { teamId: 'TEAM-EAST', reason: 'MANAGE' }));
  child.push(c.planReviewed(addDays(start, 100), 'CP1'));
  child.push(c.workerChanged(addDays(start, 140), second, third, { teamId: 'TEAM-EAST', reason: 'LEFTRL' }));
  const mistaken = c.visit(addDays(start, 150), 'V-MISTAKE', { seen: true });
  child.push(mistaken, c.retracted(addDays(start, 151), mistaken, 'Recorded against the wrong child'));
  child.push(c.planReviewed(addDays(start, 280), 'CP1'), c.planEnded(addDays(start, 340), 'CP1'), c.closed(addDays(start, 350), 'RC7'));
  child.sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  return { workers, child };
}

function describeOnBothDatabases(title: string, body: (context: () => TestApplication) => void): void {
  const suite = (databaseUrl?: string) => () => {
    let test: TestApplication;
    beforeAll(async () => {
      test = await startTestApplication({ databaseUrl });
    });
    afterAll(async () => {
      await test?.close();
    });
    body(() => test);
  };
  describe(`${title} [PGlite]`, suite());
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => suite(value)());
}

describeOnBothDatabases("a year of one child's case over HTTP", (context) => {
  it('records every event, sent day by day, and reads the whole year back intact and in order', async () => {
    const { workers, child } = aYearOfOneChild();
    const server = context().app.getHttpServer();
    const workerResponse = await request(server).post('/v1/events').set('authorization', bearer('recorder')).send({ events: workers }).expect(200);
    expect(workerResponse.body.summary).toEqual({ recorded: workers.length, duplicate: 0, rejected: 0 });

    const byDay = new Map<string, ChildEvent[]>();
    for (const event of child) byDay.set(event.occurredAt.slice(0, 10), [...(byDay.get(event.occurredAt.slice(0, 10)) ?? []), event]);
    for (const [day, events] of byDay) {
      const response = await request(server).post('/v1/events').set('authorization', bearer('recorder')).send({ events }).expect(200);
      const refused = response.body.results.filter((result: { status: string }) => result.status !== 'recorded');
      expect({ day, refused }).toEqual({ day, refused: [] });
    }

    const stream = await request(server).get(`/v1/children/${child[0].childId}/events`).set('authorization', bearer('auditor')).expect(200);
    expect(stream.body.events.map((recorded: { event: ChildEvent }) => recorded.event)).toEqual(child);
    expect(stream.body.events.map((recorded: { revision: number }) => recorded.revision)).toEqual([...child.keys()]);
    const types = child.map((event) => event.type);
    expect(types.filter((type) => type === 'SocialWorkerChanged')).toHaveLength(2);
    expect(types).toContain('EventRetracted');
    expect(types[types.length - 1]).toBe('CaseClosed');
  });

  it('answers every event of the year as a duplicate when the whole year is sent again', async () => {
    const { workers, child } = aYearOfOneChild();
    const server = context().app.getHttpServer();
    await request(server)
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [...workers, ...child] })
      .expect(200);
    const again = await request(server)
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [...workers, ...child] })
      .expect(200);
    expect(again.body.summary).toEqual({ recorded: 0, duplicate: workers.length + child.length, rejected: 0 });
  });
});

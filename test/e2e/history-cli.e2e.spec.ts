import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { caseEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { runCli } from '../support/cli-process';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

describeWith('postgres', 'csc replay <childId> on PostgreSQL', ({ value }) => {
  let test: TestApplication;
  let scratch: { url: string; drop: () => Promise<void> };
  const childId = `C-REPLAY-${randomUUID().slice(0, 8)}`;
  const c = caseEventFactory(childId);
  const mistaken = c.visit('2024-03-11', 'V1', { seen: true, seenAlone: true });
  const events = [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1', 'TEAM-9'), mistaken, c.retracted('2024-03-12', mistaken, 'Wrong child')];

  beforeAll(async () => {
    scratch = await createScratchDatabase(value, 'csc_replay');
    test = await startTestApplication({ databaseUrl: scratch.url });
    const response = await request(test.app.getHttpServer()).post('/v1/events').set('authorization', bearer('recorder')).send({ events }).expect(200);
    expect(response.body.summary.rejected).toBe(0);
  });
  afterAll(async () => {
    await test?.close();
    await scratch?.drop();
  });

  it('prints a readable timeline: dates, recorded, type, a summary of each event, the retraction marked, then the case', () => {
    const result = runCli(['replay', childId], { DATABASE_URL: scratch.url });
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`Child ${childId} (stream child-${childId}): 4 of 4 events`);
    expect(lines.find((line) => line.includes('ReferralReceived'))).toMatch(
      /^2024-03-04 {2}\d{4}-\d\d-\d\dT[\d:.]+Z +0 {2}ReferralReceived +referral R1 from source 2A/,
    );
    expect(lines.find((line) => line.includes('visit V1'))).toContain(`[RETRACTED by ${events[3].eventId}`);
    expect(result.stdout).toContain(`retracts ${mistaken.eventId}: Wrong child`);
    expect(result.stdout).toContain('allocated: worker W1, team TEAM-9, since 2024-03-05');
    expect(result.stdout).toContain('last seen alone none');
  });

  it('answers for a point in time, and prints the same as the HTTP API with --json', async () => {
    const result = runCli(['replay', childId, '--occurred-by', '2024-03-05', '--json'], { DATABASE_URL: scratch.url });
    expect(result.code).toBe(0);
    const replayed = JSON.parse(result.stdout);
    const http = await request(test.app.getHttpServer())
      .get(`/v1/children/${childId}/history?occurredBy=2024-03-05`)
      .set('authorization', bearer('auditor'))
      .expect(200);
    expect(replayed.events).toEqual(http.body.events);
    expect(replayed.state.case.allocation).toMatchObject({ workerId: 'W1', teamId: 'TEAM-9' });
    expect(replayed.state.asOf).toBe('2024-03-05');
  });

  it('records its own read in the access log, as the person running it', async () => {
    runCli(['replay', childId, '--as-known-at', '2024-03-05'], { DATABASE_URL: scratch.url });
    const { body } = await request(test.app.getHttpServer()).get(`/v1/audit/access?childId=${childId}`).set('authorization', bearer('auditor')).expect(200);
    expect(body.entries).toContainEqual(
      expect.objectContaining({ childId, what: 'history', via: 'cli', subject: expect.stringMatching(/^cli:/), parameters: { asKnownAt: '2024-03-05' } }),
    );
  });

  it('says plainly when nothing was recorded for the child, or a point in time is malformed', () => {
    const nobody = runCli(['replay', 'C-NOBODY-REPLAY'], { DATABASE_URL: scratch.url });
    expect({ code: nobody.code, stderr: nobody.stderr }).toEqual({ code: 1, stderr: 'csc: Nothing has been recorded for child C-NOBODY-REPLAY\n' });
    const bad = runCli(['replay', childId, '--occurred-by', 'last week'], { DATABASE_URL: scratch.url });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--occurred-by must be a date YYYY-MM-DD');
  });
});

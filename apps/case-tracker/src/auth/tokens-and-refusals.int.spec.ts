import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { signJwt } from '@csc/auth';
import { caseEventFactory } from '../../../../libs/domain/testing';
import { startTestApplication, type TestApplication } from '../../../../test/support/test-application';
import { bearer, TEST_JWT_SECRET } from '../../../../test/support/tokens';

const ADMIN = bearer('admin', { subject: 'admin-jane' });

describe('tokens, refusals and the access log', () => {
  let test: TestApplication;
  beforeAll(async () => {
    test = await startTestApplication({ env: { RATE_LIMIT_PER_MINUTE: '30', TOKEN_MAX_LIFETIME_SECONDS: '3600' } });
  });
  afterAll(async () => test?.close());
  const http = () => request(test.app.getHttpServer());
  const mint = (body: object) => http().post('/v1/admin/tokens').set('authorization', ADMIN).send(body);

  it('lets an admin mint a token for a system or for themself, never in another person’s name', async () => {
    await mint({ subject: 'system:lcs-feed', roles: ['recorder'] }).expect(201);
    await mint({ subject: 'admin-jane', roles: ['analyst'] }).expect(201);
    const other = await mint({ subject: 'bob', roles: ['auditor'] }).expect(403);
    expect(other.body.error).toMatchObject({ code: 'TOKEN_NOT_ALLOWED', field: 'subject' });
  });

  it('refuses a lifetime over TOKEN_MAX_LIFETIME_SECONDS', async () => {
    await mint({ subject: 'system:lcs-feed', roles: ['recorder'], expiresInSeconds: 3600 }).expect(201);
    const long = await mint({ subject: 'system:lcs-feed', roles: ['recorder'], expiresInSeconds: 3601 }).expect(403);
    expect(long.body.error).toMatchObject({ code: 'TOKEN_NOT_ALLOWED', field: 'expiresInSeconds' });
  });

  it('reads roles from the roles array only: a single role claim grants nothing', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ sub: 'legacy', role: 'admin', iat: now, exp: now + 600 }, { algorithm: 'HS256', key: TEST_JWT_SECRET });
    await http().get('/v1/metrics/caseloads').set('authorization', `Bearer ${token}`).expect(403);
  });

  it("records a practitioner refused a child of another team in that child's access log", async () => {
    const childId = `C-REFUSED-${randomUUID().slice(0, 8)}`;
    const c = caseEventFactory(childId);
    const recorded = await http()
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1', 'TEAM-A')] })
      .expect(200);
    const outsider = bearer('practitioner', { subject: 'pat-outsider', teams: ['TEAM-B'] });
    await http().get(`/v1/children/${childId}/tracker?asOf=2024-03-10&minPosition=${recorded.body.position}`).set('authorization', outsider).expect(403);
    const log = await http().get(`/v1/audit/access?childId=${childId}`).set('authorization', bearer('auditor')).expect(200);
    expect(log.body.entries).toEqual([
      expect.objectContaining({ subject: 'pat-outsider', what: 'tracker', parameters: expect.objectContaining({ refused: true }) }),
    ]);
  });

  it('caps an error answer whatever the size of the request', async () => {
    const huge = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`unexpected${i}`, 'x']));
    const response = await http()
      .get('/v1/audit/access')
      .query(huge)
      .set('authorization', bearer('auditor', { subject: 'auditor-cap' }));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body).length).toBeLessThan(3_000);
  });

  it('rate-limits requests without a token, and refused ones, as well as accepted ones', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await http().get('/v1/metrics/caseloads').set('authorization', 'Bearer not-a-token')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
    const refused: number[] = [];
    const practitioner = bearer('practitioner', { subject: 'pat-flood', teams: ['TEAM-B'] });
    for (let i = 0; i < 40; i++) refused.push((await http().get('/v1/metrics/caseloads').set('authorization', practitioner)).status);
    expect(refused[0]).toBe(403);
    expect(refused.at(-1)).toBe(429);
  });
});

import request from 'supertest';
import { caseEventFactory } from '../../libs/domain/testing';
import type { Role } from '@csc/auth';
import { ROLES } from '@csc/auth';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

interface Endpoint {
  name: string;
  method: 'get' | 'post';
  path: string;
  body?: object;
  allowed: readonly Role[];
}

const CHILD = 'C-MATRIX-1';
const c = caseEventFactory(CHILD);

/** Every endpoint but /health, and the roles that may call it; every other role gets 403, no token 401. */
const ENDPOINTS: readonly Endpoint[] = [
  { name: 'record events', method: 'post', path: '/v1/events', body: { events: [c.contact('2024-03-06', 'K9')] }, allowed: ['recorder'] },
  { name: "a child's recorded events", method: 'get', path: `/v1/children/${CHILD}/events`, allowed: ['recorder', 'auditor'] },
  { name: 'child tracker', method: 'get', path: `/v1/children/${CHILD}/tracker?asOf=2024-03-10`, allowed: ['practitioner', 'admin'] },
  {
    name: "a child's workers",
    method: 'get',
    path: `/v1/children/${CHILD}/workers?from=2024-01-01&to=2024-12-31`,
    allowed: ['practitioner', 'auditor', 'admin'],
  },
  { name: 'overdue clocks', method: 'get', path: '/v1/trackers/overdue?asOf=2024-06-01', allowed: ['practitioner', 'admin'] },
  { name: 'timeliness', method: 'get', path: '/v1/metrics/timeliness?from=2024-01-01&to=2024-12-31', allowed: ['analyst', 'auditor', 'admin'] },
  { name: 'continuity', method: 'get', path: '/v1/metrics/continuity?asOf=2024-12-31', allowed: ['analyst', 'auditor', 'admin'] },
  { name: 'waiting times', method: 'get', path: '/v1/metrics/waiting?from=2024-01-01&to=2024-12-31', allowed: ['analyst', 'auditor', 'admin'] },
  { name: 'caseloads', method: 'get', path: '/v1/metrics/caseloads?asOf=2024-06-01', allowed: ['analyst', 'auditor', 'admin'] },
  { name: 'Prometheus metrics', method: 'get', path: '/metrics', allowed: ['analyst', 'admin'] },
  { name: 'health in detail', method: 'get', path: '/health/details', allowed: ['analyst', 'admin'] },
  { name: 'rebuild state', method: 'get', path: '/v1/admin/read-models/caseloads/rebuild', allowed: ['admin'] },
  { name: 'children a read model parked', method: 'get', path: '/v1/admin/read-models/timeliness/parked', allowed: ['admin'] },
  { name: 'mint a token', method: 'post', path: '/v1/admin/tokens', body: { subject: 'system:someone', roles: ['analyst'] }, allowed: ['admin'] },
  { name: "a child's history", method: 'get', path: `/v1/children/${CHILD}/history?occurredBy=2024-03-31`, allowed: ['auditor'] },
  { name: "a child's state at a point in time", method: 'get', path: `/v1/children/${CHILD}/state?asKnownAt=2030-01-01`, allowed: ['auditor'] },
  { name: "the tamper check of a child's history", method: 'get', path: `/v1/children/${CHILD}/history/verify`, allowed: ['auditor'] },
  { name: 'who looked at a child', method: 'get', path: `/v1/audit/access?childId=${CHILD}`, allowed: ['auditor'] },
  { name: "subject access to a child's record", method: 'get', path: `/v1/children/${CHILD}/record`, allowed: ['auditor'] },
  { name: 'records due for destruction', method: 'get', path: '/v1/admin/retention/due?asOf=2024-06-01', allowed: ['admin'] },
  // The child's case is open: nothing is due, so the admin's call destroys nothing.
  {
    name: 'destroy records past retention',
    method: 'post',
    path: '/v1/admin/retention/destroy',
    body: { asOf: '2024-06-01', confirm: true },
    allowed: ['admin'],
  },
  { name: "a child's legal hold", method: 'get', path: `/v1/admin/retention/holds/${CHILD}`, allowed: ['admin'] },
  { name: 'import a national return', method: 'post', path: '/v1/imports?format=cin-census', body: { not: 'a file' }, allowed: ['recorder'] },
  { name: 'board pack', method: 'get', path: '/v1/metrics/board?month=2024-06', allowed: ['analyst', 'auditor', 'admin'] },
  { name: "a team's worktray", method: 'get', path: '/v1/teams/TEAM-1/worktray?asOf=2024-03-10', allowed: ['practitioner', 'admin'] },
  { name: 'the CIN census return', method: 'get', path: '/v1/returns/cin-census?year=2025', allowed: ['auditor', 'admin'] },
  { name: 'continuity at month ends', method: 'get', path: '/v1/metrics/continuity/trend?asOf=2024-12-31', allowed: ['analyst', 'auditor', 'admin'] },
];

describe('who may call what: every endpoint against every role', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication();
    const response = await request(test.app.getHttpServer())
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1', 'TEAM-1')] })
      .expect(200);
    await request(test.app.getHttpServer())
      .get(`/v1/children/${CHILD}/tracker?asOf=2024-03-10&minPosition=${response.body.position}`)
      .set('authorization', bearer('admin'))
      .expect(200);
  });
  afterAll(async () => {
    await test?.close();
  });

  const send = (endpoint: Endpoint, authorization?: string) => {
    const call = request(test.app.getHttpServer())[endpoint.method](endpoint.path);
    if (authorization) call.set('authorization', authorization);
    return endpoint.body ? call.send(endpoint.body) : call;
  };

  it('answers /health without a token', async () => {
    await request(test.app.getHttpServer()).get('/health').expect(200);
  });

  describe.each(ENDPOINTS)('$name', (endpoint) => {
    it('is refused with 401 without a token', async () => {
      const response = await send(endpoint);
      expect(response.status).toBe(401);
      expect(response.body.error.code).toBe('UNAUTHENTICATED');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it.each(ROLES.map((role) => [role, endpoint.allowed.includes(role)] as const))('with the %s role: allowed=%s', async (role, allowed) => {
      const response = await send(endpoint, bearer(role, role === 'practitioner' ? { teams: ['TEAM-1'] } : {}));
      if (allowed) {
        expect([response.status, response.body?.error?.code]).not.toEqual(expect.arrayContaining([403]));
        expect(response.status).not.toBe(401);
        expect(response.status).toBeLessThan(500);
      } else {
        expect(response.status).toBe(403);
        expect(response.body.error.code).toBe('FORBIDDEN');
      }
    });
  });

  it('refuses a token signed with another key, an expired one and one naming another algorithm', async () => {
    const endpoint = ENDPOINTS[5];
    for (const authorization of [
      bearer('admin', { secret: 'another-secret-of-at-least-thirty-two-chars' }),
      bearer('admin', { expiresInSeconds: -60 }),
      'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
    ]) {
      const response = await send(endpoint, authorization);
      expect(response.status).toBe(401);
      expect(response.body.error.message).toMatch(/signature does not match|expired|accepts only HS256/);
    }
  });

  it('keeps a practitioner to the children of their teams', async () => {
    const other = await send(ENDPOINTS[2], bearer('practitioner', { teams: ['TEAM-OTHER'] }));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('NOT_YOUR_TEAM');
    const mine = await send(ENDPOINTS[2], bearer('practitioner', { teams: ['TEAM-1'] }));
    expect(mine.status).toBe(200);
  });

  it('never shows an analyst a child id: explain is refused and waiting lists are anonymous', async () => {
    const explained = await request(test.app.getHttpServer())
      .get('/v1/metrics/continuity?asOf=2024-12-31&explain=true')
      .set('authorization', bearer('analyst'));
    expect(explained.status).toBe(403);
    expect(explained.body.error.code).toBe('CHILD_IDS_NOT_ALLOWED');
    const waiting = await request(test.app.getHttpServer())
      .get('/v1/metrics/waiting?from=2024-01-01&to=2024-03-04')
      .set('authorization', bearer('analyst'))
      .expect(200);
    expect(JSON.stringify(waiting.body)).not.toContain(CHILD);
    expect(waiting.body.queue.awaitingAllocation).toEqual([{ since: '2024-03-04', daysWaited: 0 }]);
  });

  it('sets security headers and never caches API answers', async () => {
    const response = await send(ENDPOINTS[5], bearer('analyst'));
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('rate limiting', () => {
  let test: TestApplication;
  beforeAll(async () => {
    test = await startTestApplication({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await test?.close();
  });

  it('refuses a caller over the limit with 429 and when to retry, without touching other callers', async () => {
    const call = (subject: string) =>
      request(test.app.getHttpServer()).get('/v1/metrics/caseloads?asOf=2024-06-01').set('authorization', bearer('analyst', { subject }));
    for (let i = 0; i < 3; i++) await call('busy').expect(200);
    const limited = await call('busy').expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await call('someone-else').expect(200);
  });
});

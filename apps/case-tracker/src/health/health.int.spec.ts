import request from 'supertest';
import { startTestApplication, type TestApplication } from '../../../../test/support/test-application';
import { bearer } from '../../../../test/support/tokens';

describe('GET /health and /health/details', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication();
  });
  afterAll(async () => {
    await test.close();
  });

  it('answers 200 with every dependency up, and without a token says only that', async () => {
    const response = await request(test.app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'up' });
    const details = await request(test.app.getHttpServer()).get('/health/details').set('authorization', bearer('admin')).expect(200);
    expect(details.body.status).toBe('ok');
    expect(details.body.checks.database.status).toBe('up');
  });

  it('keeps the details from callers without a token or with a role that has no business there', async () => {
    await request(test.app.getHttpServer()).get('/health/details').expect(401);
    await request(test.app.getHttpServer()).get('/health/details').set('authorization', bearer('practitioner')).expect(403);
  });

  it('answers 503 down without a token, and names the dependency that is down to an admin', async () => {
    await test.storage.database.close();
    const response = await request(test.app.getHttpServer()).get('/health').expect(503);
    expect(response.body).toEqual({ status: 'down' });
    const details = await request(test.app.getHttpServer()).get('/health/details').set('authorization', bearer('admin')).expect(503);
    expect(details.body.status).toBe('down');
    expect(details.body.checks.database).toMatchObject({ status: 'down', critical: true });
    expect(details.body.checks.database.error).toMatch(/end/);
  });
});

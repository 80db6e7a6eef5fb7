import request from 'supertest';
import { startTestApplication, type TestApplication } from '../../../../test/support/test-application';

describe('GET /health', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication();
  });
  afterAll(async () => {
    await test.close();
  });

  it('answers 200 with every dependency up', async () => {
    const response = await request(test.app.getHttpServer()).get('/health').expect(200);
    expect(response.body.status).toBe('ok');
    expect(response.body.checks.database.status).toBe('up');
  });

  it('answers 503 naming the dependency that is down', async () => {
    await test.storage.database.close();
    const response = await request(test.app.getHttpServer()).get('/health').expect(503);
    expect(response.body.status).toBe('down');
    expect(response.body.checks.database).toMatchObject({ status: 'down', critical: true });
    expect(response.body.checks.database.error).toMatch(/end/);
  });
});

import request from 'supertest';
import { toStoredEvent } from '@csc/contracts';
import { caseEventFactory } from '../../../../libs/domain/testing';
import { startTestApplication, type TestApplication } from '../../../../test/support/test-application';
import { bearer } from '../../../../test/support/tokens';

describe('a child parked by a read model, as the service reports it', () => {
  let test: TestApplication;
  const early = caseEventFactory('PARKED-1');
  const other = caseEventFactory('PARKED-2');

  beforeAll(async () => {
    test = await startTestApplication();
    const server = test.app.getHttpServer();
    // Dated before the working-day calendar begins, so timeliness cannot time it. The contract refuses such a
    // date today (DATE_OUT_OF_RANGE); an event a store kept from before a rule was tightened is exactly what a
    // read model meets and must park, so it is put in the store directly, not through the API.
    await test.storage.eventStore.appendToStream(
      `child-${early.childId}`,
      [toStoredEvent(early.referral('2004-12-31', 'R1'), { channel: 'import' }) as never],
      {
        expectedRevision: 'no-stream',
      },
    );
    const response = await request(server)
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: [other.referral('2024-03-04', 'R1')] })
      .expect(200);
    await request(server)
      .get(`/v1/children/${other.childId}/tracker?asOf=2024-03-10&minPosition=${response.body.position}`)
      .set('authorization', bearer('admin'))
      .expect(200);
  });
  afterAll(async () => {
    await test?.close();
  });

  it('says only "up" in /health without a token, and nothing of the parked child', async () => {
    const response = await request(test.app.getHttpServer()).get('/health').expect(200);
    expect(response.body).toEqual({ status: 'up' });
  });

  it('counts it in /health/details without naming it, and keeps the read model running for every other child', async () => {
    const response = await request(test.app.getHttpServer()).get('/health/details').set('authorization', bearer('admin')).expect(200);
    expect(response.body.status).toBe('degraded');
    expect(response.body.checks.projections.readModels.timeliness).toMatchObject({ state: expect.stringMatching(/live|catching-up/), parkedChildren: 1 });
    expect(response.body.checks.projections.readModels['child-tracker']).toMatchObject({ parkedChildren: 0 });
    expect(JSON.stringify(response.body)).not.toContain(early.childId);
  });

  it('exports the count per read model in /metrics', async () => {
    const response = await request(test.app.getHttpServer()).get('/metrics').set('authorization', bearer('admin')).expect(200);
    expect(response.text).toMatch(/csc_projection_parked_subjects\{projection="timeliness"\} 1/);
    expect(response.text).toMatch(/csc_projection_parked_subjects\{projection="continuity"\} 0/);
  });

  it('names the child, the event and the reason to an administrator', async () => {
    const response = await request(test.app.getHttpServer()).get('/v1/admin/read-models/timeliness/parked').set('authorization', bearer('admin')).expect(200);
    expect(response.body).toMatchObject({
      readModel: 'timeliness',
      parked: [{ streamId: `child-${early.childId}`, eventId: expect.any(String), reason: expect.stringContaining('deriving') }],
    });
  });
});

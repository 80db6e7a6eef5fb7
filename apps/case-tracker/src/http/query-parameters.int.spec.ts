import request from 'supertest';
import { describeWith } from '@csc/test-support';
import { startTestApplication, type TestApplication } from '../../../../test/support/test-application';
import { bearer } from '../../../../test/support/tokens';
import { createScratchDatabase } from '../../../../test/support/scratch-database';

// Every query parameter a client can get wrong, on every endpoint that takes it: each must be a 400 with a code
// and the field, never a 500 from the database or the calendar further down.
const FAR_DATES = ['0000-01-01', '0001-01-01', '1899-12-31', '2004-12-31', '2041-01-01', '9999-12-31'];
const BAD_QUERIES: ReadonlyArray<readonly [string, string, string]> = [
  ...FAR_DATES.flatMap((date) => [
    [`/v1/metrics/caseloads?asOf=${date}`, 'asOf', 'admin'] as const,
    [`/v1/metrics/caseloads?from=${date}&to=2024-03-31`, 'from', 'admin'] as const,
    [`/v1/metrics/caseloads?to=${date}`, 'to', 'admin'] as const,
    [`/v1/trackers/overdue?asOf=${date}`, 'asOf', 'admin'] as const,
    [`/v1/children/C1/tracker?asOf=${date}`, 'asOf', 'admin'] as const,
    [`/v1/children/C1/workers?from=${date}&to=2024-03-31`, 'from', 'admin'] as const,
    [`/v1/metrics/timeliness?to=${date}`, 'to', 'admin'] as const,
    [`/v1/metrics/timeliness?from=${date}&to=2024-03-31`, 'from', 'admin'] as const,
    [`/v1/metrics/waiting?to=${date}`, 'to', 'admin'] as const,
    [`/v1/metrics/continuity?asOf=${date}`, 'asOf', 'admin'] as const,
    [`/v1/metrics/continuity/trend?asOf=${date}`, 'asOf', 'admin'] as const,
    [`/v1/audit/access?from=${date}`, 'from', 'auditor'] as const,
    [`/v1/audit/access?to=${date}`, 'to', 'auditor'] as const,
    [`/v1/children/C1/history?occurredBy=${date}`, 'occurredBy', 'auditor'] as const,
    [`/v1/children/C1/history?asKnownAt=${date}`, 'asKnownAt', 'auditor'] as const,
    [`/v1/children/C1/state?asKnownAt=${date}T12:00:00Z`, 'asKnownAt', 'auditor'] as const,
  ]),
  ['/v1/audit/access?subject=%00', 'subject', 'auditor'],
  ['/v1/audit/access?from=9999-12-31T23:59:59-01:00', 'from', 'auditor'],
  ['/v1/metrics/timeliness?teamId=%00', 'teamId', 'admin'],
  ['/v1/metrics/caseloads?minPosition=1e400', 'minPosition', 'admin'],
];

function describeQueries(title: string, body: (context: () => TestApplication) => void): void {
  const suite = (serverUrl?: string) => () => {
    let test: TestApplication;
    let scratch: { url: string; drop: () => Promise<void> } | undefined;
    beforeAll(async () => {
      scratch = serverUrl ? await createScratchDatabase(serverUrl, 'csc_queries') : undefined;
      test = await startTestApplication({ databaseUrl: scratch?.url });
    });
    afterAll(async () => {
      await test?.close();
      await scratch?.drop();
    });
    body(() => test);
  };
  describe(`${title} [PGlite]`, suite());
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => suite(value)());
}

describeQueries('bad query parameters are 400 with a code and the field, never 500', (context) => {
  it.each(BAD_QUERIES)('%s', async (path, field, role) => {
    const response = await request(context().app.getHttpServer())
      .get(path)
      .set('authorization', bearer(role as 'admin' | 'auditor'));
    expect({ status: response.status, field: response.body.error?.field }).toEqual({ status: 400, field });
    expect(response.body.error.code).toEqual(expect.stringMatching(/^[A-Z_]+$/));
  });

  it('the first and last days of the range are answered', async () => {
    for (const path of ['/v1/metrics/timeliness?to=2005-01-01', '/v1/metrics/caseloads?asOf=2040-12-31', '/v1/trackers/overdue?asOf=2005-01-01']) {
      const response = await request(context().app.getHttpServer()).get(path).set('authorization', bearer('admin'));
      expect([path, response.status]).toEqual([path, 200]);
    }
  });
});

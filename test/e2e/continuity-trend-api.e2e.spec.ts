import type { AddressInfo } from 'node:net';
import { loadCounty, smallCountyEvents } from '../support/county';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

/** The continuity page's data in one request: GET /v1/metrics/continuity/trend against the one-date endpoint. */
describe('GET /v1/metrics/continuity/trend on a generated county', () => {
  const AS_OF = '2026-03-17';
  let test: TestApplication;
  let baseUrl: string;

  beforeAll(async () => {
    test = await startTestApplication({ env: { READ_MODEL_WAIT_MS: '60000' } });
    await test.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(test.app.getHttpServer().address() as AddressInfo).port}`;
    await loadCounty(baseUrl, smallCountyEvents());
  }, 300_000);

  afterAll(async () => {
    await test?.close();
  });

  async function get<T>(path: string, role: 'admin' | 'analyst' = 'admin'): Promise<{ status: number; body: T }> {
    const response = await fetch(`${baseUrl}${path}`, { headers: { Authorization: bearer(role) } });
    return { status: response.status, body: (await response.json()) as T };
  }

  it.each([
    ['all', false],
    ['cla', true],
  ] as const)(
    'gives, for cohort %s (explain %s), the one-date figures of the last day of each of the eleven months before asOf and of asOf',
    async (cohort, explain) => {
      const query = `months=12&cohort=${cohort}${explain ? '&explain=true' : ''}`;
      const trend = await get<Array<{ asOf: string }>>(`/v1/metrics/continuity/trend?asOf=${AS_OF}&${query}`);
      expect(trend.status).toBe(200);
      const ends = trend.body.map((figures) => figures.asOf);
      expect(ends).toEqual([
        ...['2025-04-30', '2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31', '2025-11-30', '2025-12-31'],
        ...['2026-01-31', '2026-02-28', AS_OF],
      ]);
      for (const [index, end] of ends.entries()) {
        // Only asOf's figures list the children behind them.
        const one = await get(`/v1/metrics/continuity?asOf=${end}&months=12&cohort=${cohort}${explain && end === AS_OF ? '&explain=true' : ''}`);
        expect({ end, figures: trend.body[index] }).toEqual({ end, figures: one.body });
      }
    },
  );

  it('refuses an analyst the children behind the figures, as the one-date endpoint does', async () => {
    const refused = await get<{ error: { code: string } }>(`/v1/metrics/continuity/trend?asOf=${AS_OF}&explain=true`, 'analyst');
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CHILD_IDS_NOT_ALLOWED');
  });
});

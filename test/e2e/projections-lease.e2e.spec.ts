import { describeWith } from '@csc/test-support';
import { caseEventFactory } from '../../libs/domain/testing';
import { createScratchDatabase } from '../support/scratch-database';
import { startService, type ServiceProcess } from '../support/service-process';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

interface Lease {
  state: 'active' | 'standby';
  holder: string | null;
  kind: string;
}

async function leaseOf(service: ServiceProcess): Promise<Lease | undefined> {
  const response = await fetch(`${service.url}/health/details`, { headers: { authorization: bearer('admin') } });
  const body = (await response.json()) as { checks: { projections: { lease?: Lease } } };
  return body.checks.projections.lease;
}

/** Polls until `check` answers something, or fails after `timeoutMs`. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check().catch(() => undefined);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((wake) => setTimeout(wake, 100));
  }
}

/** Records a child's referral through `service`; answers the position it was recorded at. */
async function recordReferral(service: ServiceProcess, childId: string): Promise<number> {
  const response = await fetch(`${service.url}/v1/events`, {
    method: 'POST',
    headers: { authorization: bearer('recorder'), 'content-type': 'application/json' },
    body: JSON.stringify({ events: [caseEventFactory(childId).referral('2024-03-04', 'R1')] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { position: number }).position;
}

async function trackerStatus(service: ServiceProcess, childId: string, position: number): Promise<number> {
  const response = await fetch(`${service.url}/v1/children/${childId}/tracker?asOf=2024-03-05&minPosition=${position}`, {
    headers: { authorization: bearer('admin') },
  });
  await response.arrayBuffer();
  return response.status;
}

const leaseHeld = (service: ServiceProcess): boolean => service.logs.some((record) => record.msg === 'projection lease held: applying events');

describeWith('postgres', 'two services with the projections role on one PostgreSQL database', ({ value: databaseUrl }) => {
  it('only one applies events (the other stands by naming it), both answer queries, and the standby takes over when the active one is killed', async () => {
    const scratch = await createScratchDatabase(databaseUrl, 'csc_lease_e2e');
    const env = { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET, CSC_ROLES: 'api,projections' };
    const services: ServiceProcess[] = [];
    try {
      services.push(await startService({ env }), await startService({ env }));
      const [active, standby] = await eventually('one active, one standing by', async () => {
        const leases = await Promise.all(services.map(leaseOf));
        const at = leases.findIndex((lease) => lease?.state === 'active');
        return at >= 0 && leases[1 - at]?.state === 'standby' ? [services[at], services[1 - at]] : undefined;
      });
      const activeLease = (await leaseOf(active))!;
      expect(await eventually('the standby names the holder', async () => ((await leaseOf(standby))?.holder === activeLease.holder ? true : undefined))).toBe(
        true,
      );

      // Written through either process, applied by the active one; the standby answers from the rows it wrote.
      const first = await recordReferral(standby, 'LEASE-1');
      expect(await trackerStatus(standby, 'LEASE-1', first)).toBe(200);
      expect(await trackerStatus(active, 'LEASE-1', first)).toBe(200);
      expect({ active: leaseHeld(active), standby: leaseHeld(standby) }).toEqual({ active: true, standby: false });

      await active.stop('SIGKILL');
      await eventually('the standby becomes active', async () => ((await leaseOf(standby))?.state === 'active' ? true : undefined));
      const second = await recordReferral(standby, 'LEASE-2');
      expect(await trackerStatus(standby, 'LEASE-2', second)).toBe(200);
      expect(leaseHeld(standby)).toBe(true);
    } finally {
      for (const service of services) await service.stop('SIGKILL');
      await scratch.drop();
    }
  }, 120_000);
});

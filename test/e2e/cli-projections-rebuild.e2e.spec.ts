import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { caseEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { createScratchDatabase } from '../support/scratch-database';
import { startService } from '../support/service-process';
import { bearer, tokenFor, TEST_JWT_SECRET, withTestMasterKey } from '../support/tokens';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

/** Runs the CLI without blocking the event loop, so an in-process service can answer it. */
function runCliAsync(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...withTestMasterKey(env) }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stderr }));
  });
}

async function postEvents(url: string, events: unknown[]): Promise<number> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer('recorder') },
    body: JSON.stringify({ events }),
  });
  const body = (await response.json()) as { position: number; summary: { rejected: number } };
  expect(body.summary.rejected).toBe(0);
  return body.position;
}

const someEvents = () => {
  const c = caseEventFactory(`C-REBUILD-${process.pid}`);
  return [c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1'), c.visit('2024-03-11', 'V1', { seen: true, seenAlone: true })];
};

describe('csc projections rebuild with the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'csc-rebuild-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to open the data directory the service holds, saying how to ask the service, and rebuilds through it', async () => {
    const service = await startService({ env: { CSC_DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET } });
    try {
      await postEvents(service.url, someEvents());
      const refused = await runCliAsync(['projections', 'rebuild', 'child-tracker'], { CSC_DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET });
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('csc projections rebuild child-tracker --service http://127.0.0.1:');

      const rebuilt = await runCliAsync(['projections', 'rebuild', 'child-tracker', '--service', service.url], { CSC_TOKEN: tokenFor('admin') });
      expect({ code: rebuilt.code, stderr: rebuilt.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('Rebuilt child-tracker: 3 events applied') });
      const tracker = (await (
        await fetch(`${service.url}/v1/children/C-REBUILD-${process.pid}/tracker?asOf=2024-03-12`, {
          headers: { authorization: bearer('practitioner', { teams: ['TEAM-1'] }) },
        })
      ).json()) as { lastSeenAlone: string };
      expect(tracker.lastSeenAlone).toBe('2024-03-11');
    } finally {
      await service.stop();
    }
  });
});

describeWith('postgres', 'csc projections rebuild on PostgreSQL', ({ value }) => {
  it('rebuilds a read model in its own process while the service keeps serving', async () => {
    const scratch = await createScratchDatabase(value, 'csc_cli_rebuild');
    const service = await startService({ env: { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET } });
    try {
      await postEvents(service.url, someEvents());
      const rebuilt = await runCliAsync(['projections', 'rebuild', 'continuity'], { DATABASE_URL: scratch.url, AUTH_JWT_SECRET: TEST_JWT_SECRET });
      expect(rebuilt).toEqual({ code: 0, stderr: expect.stringContaining('Rebuilt continuity: 3 events applied') });
      const workers = (await (
        await fetch(`${service.url}/v1/children/C-REBUILD-${process.pid}/workers?from=2024-01-01&to=2024-12-31`, {
          headers: { authorization: bearer('auditor') },
        })
      ).json()) as {
        periods: unknown[];
      };
      expect(workers.periods).toEqual([expect.objectContaining({ workerId: 'W1', from: '2024-03-05' })]);
    } finally {
      await service.stop();
      await scratch.drop();
    }
  });
});

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { caseEventFactory } from '../../libs/domain/testing';
import { describeWith } from '@csc/test-support';
import { runCli, runCliInBackground } from '../support/cli-process';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer, tokenFor } from '../support/tokens';

describeWith('postgres', 'csc retention on PostgreSQL', ({ value }) => {
  let test: TestApplication;
  let scratch: { url: string; drop: () => Promise<void> };
  let url: string;
  const suffix = randomUUID().slice(0, 8).toUpperCase();
  // The service and every csc run sign and check stream heads with one key, as they must in production.
  const chainKeyFile = join(mkdtempSync(join(tmpdir(), 'csc-retention-cli-')), 'chain-key');
  writeFileSync(chainKeyFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const [gone, held] = [`C-CLI-GONE-${suffix}`, `C-CLI-HELD-${suffix}`];
  const closedIn2010 = (childId: string) => {
    const c = caseEventFactory(childId);
    return [c.childDetails('2009-12-01', { dateOfBirth: '2003-07-21' }), c.referral('2010-01-04', 'R1'), c.closed('2010-02-01')];
  };

  beforeAll(async () => {
    scratch = await createScratchDatabase(value, 'csc_retention_cli');
    test = await startTestApplication({ databaseUrl: scratch.url, env: { CHAIN_KEY_FILE: chainKeyFile } });
    await test.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(test.app.getHttpServer().address() as { port: number }).port}`;
    const events = [...closedIn2010(gone), ...closedIn2010(held)];
    const response = await request(test.app.getHttpServer()).post('/v1/events').set('authorization', bearer('recorder')).send({ events }).expect(200);
    expect(response.body.summary.rejected).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await test?.close();
    await scratch?.drop();
  });

  it('lists what is due through the service and on the store alike, and holds a record', async () => {
    const env = { DATABASE_URL: scratch.url, CHAIN_KEY_FILE: chainKeyFile };
    const viaService = await runCliInBackground(['retention', 'due', '--as-of', '2026-12-01', '--json', '--to', url, '--token', tokenFor('admin')], {});
    expect(viaService.stderr).toBe('');
    expect(
      JSON.parse(viaService.stdout)
        .due.map((record: { childId: string }) => record.childId)
        .sort(),
    ).toEqual([gone, held].sort());

    expect(runCli(['retention', 'hold', held, '--reason', 'Court order 2026/118'], env)).toMatchObject({ code: 0, stdout: `Held: ${held}\n` });
    const again = runCli(['retention', 'hold', held, '--reason', 'again'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('HOLD_ALREADY_PLACED');

    const due = runCli(['retention', 'due', '--as-of', '2026-12-01'], env);
    expect(due.code).toBe(0);
    expect(due.stdout).toContain(`1 due for destruction, 1 past retention but held`);
    expect(due.stdout).toContain(`${gone}: retained until 2016-02-01 under child-in-need`);
    expect(due.stdout).toContain(`${held}: retained until 2016-02-01 under child-in-need`);
    expect(due.stdout).toContain('held: Court order 2026/118, by cli:');
  });

  it('destroys only with --confirm, never the held record, and verify --all passes after', () => {
    const env = { DATABASE_URL: scratch.url, CHAIN_KEY_FILE: chainKeyFile };
    const unconfirmed = runCli(['retention', 'destroy', '--as-of', '2026-12-01'], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain('add --confirm');
    const destroyed = runCli(['retention', 'destroy', '--as-of', '2026-12-01', '--confirm'], env);
    expect(destroyed.stdout).toBe(`${gone}: destroyed\n1 records destroyed.\n`);

    const replayGone = runCli(['replay', gone], env);
    expect(replayGone.stderr).toBe('');
    expect(replayGone.code).toBe(0);
    expect(replayGone.stdout).not.toContain('2003-07-21');
    expect(replayGone.stdout).toContain('[destroyed]');
    expect(runCli(['replay', held], env).stdout).toContain('2003-07-21');
    const verified = runCli(['verify', '--all'], env);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Every chain holds/);
  });
});

import request from 'supertest';
import { randomUUID } from 'node:crypto';
import { READ_MODEL_NAMES } from '@csc/projections';
import { externalService } from '@csc/test-support';
import { caseEventFactory } from '../../libs/domain/testing';
import { ProjectionsLifecycle } from '../../apps/case-tracker/src/read-models/projections.lifecycle';
import { createScratchDatabase } from '../support/scratch-database';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

const RECORDER = bearer('recorder');

/**
 * A child's personal fields are stored encrypted; the engine folds a child it has no snapshot of, or one a late
 * event reaches, from the store's table. The read models must see them as the live batches do: decrypted.
 */
function describeRefold(title: string, databaseUrl: () => Promise<{ url?: string; drop?: () => Promise<void> }>): void {
  describe(title, () => {
    let test: TestApplication;
    let dropDatabase: (() => Promise<void>) | undefined;
    const childId = `C-REFOLD-${randomUUID().slice(0, 8).toUpperCase()}`;
    const c = caseEventFactory(childId);
    const http = () => request(test.app.getHttpServer());
    const record = async (...events: unknown[]) => {
      const { body } = await http().post('/v1/events').set('authorization', RECORDER).send({ events }).expect(200);
      expect(body.summary).toMatchObject({ recorded: events.length, rejected: 0 });
      const projections = test.app.get(ProjectionsLifecycle);
      for (const name of READ_MODEL_NAMES) {
        if (!(await projections.runner(name)!.waitForPosition(body.position, 20_000)))
          throw new Error(`${name} behind: ${JSON.stringify(projections.runner(name)!.status())}`);
      }
    };
    const trackerRow = async () =>
      (
        await test.storage.database.pool.query(
          'SELECT date_of_birth::text AS date_of_birth, gender, ethnicity FROM rm_child_tracker.children WHERE child_id = $1',
          [childId],
        )
      ).rows;

    beforeAll(async () => {
      const database = await databaseUrl();
      dropDatabase = database.drop;
      test = await startTestApplication({ databaseUrl: database.url });
    }, 120_000);
    afterAll(async () => {
      await test?.close();
      await dropDatabase?.();
    });

    it('keeps the date of birth, gender and ethnicity of a child first seen, and of one refolded for a late event', async () => {
      await record(c.childDetails('2025-01-06', { dateOfBirth: '2019-04-03' }), c.referral('2025-06-02', 'R1'));
      expect(await trackerRow()).toEqual([{ date_of_birth: '2019-04-03', gender: 'F', ethnicity: 'WBRI' }]);
      // Dated before the referral: the snapshot cannot be extended, so the child is folded again from its history.
      await record(c.contact('2025-05-30', 'CT1'));
      expect(await trackerRow()).toEqual([{ date_of_birth: '2019-04-03', gender: 'F', ethnicity: 'WBRI' }]);
      await record(c.decision('2025-06-03', 'R1', 'assessment'));
      expect(await trackerRow()).toEqual([{ date_of_birth: '2019-04-03', gender: 'F', ethnicity: 'WBRI' }]);
    });
  });
}

describeRefold('refolded children keep their personal fields [PGlite]', async () => ({}));

const postgres = externalService('postgres');
if (postgres.available && postgres.value) {
  describeRefold('refolded children keep their personal fields [PostgreSQL]', async () => createScratchDatabase(postgres.value!, 'csc_refold'));
} else {
  describe.skip(`refolded children keep their personal fields [PostgreSQL] [skipped: PostgreSQL unavailable: ${postgres.detail}]`, () => {
    it('needs PostgreSQL: set DATABASE_URL', () => undefined);
  });
}

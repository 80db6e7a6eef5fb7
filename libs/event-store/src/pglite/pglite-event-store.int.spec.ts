import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '@csc/event-store/testing';
import { openPgliteDatabase } from './pglite-database';
import { openSqlEventStore } from '../sql/open-sql-event-store';

const dataDir = mkdtempSync(join(tmpdir(), 'csc-pglite-contract-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describeEventStoreContract('PGlite', async () => {
  const database = await openPgliteDatabase({ dataDir });
  const { store } = await openSqlEventStore(database, { onClose: () => database.close() });
  return store;
});

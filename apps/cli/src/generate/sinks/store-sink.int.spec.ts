import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { streamIdFor } from '@csc/contracts';
import { openPgliteDatabase, openSqlEventStore, verifyChain } from '@csc/event-store';
import { countyConfig } from '../config/county-config';
import { CountySimulation } from '../simulation/county-simulation';
import type { Emission } from '../simulation/arrival-order';
import { appendToStore } from './store-sink';

describe('csc generate --to-store (appendToStore) into an embedded store', () => {
  let dataDir: string;
  const emissions: Emission[] = [...new CountySimulation(countyConfig('county', { referralsPerYear: 300, workers: 15, years: 1, seed: 7 }))];
  const fresh = emissions.filter((emission) => !emission.resent);

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'csc-store-sink-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('appends every event but the resent copies, each stream in emission order, workers named before their cases; the same seed again stores nothing twice', async () => {
    // Small buffers make many flushes, so streams are continued from the revisions the sink tracked.
    const options = { env: { CSC_DATA_DIR: dataDir, LOG_LEVEL: 'error' }, bufferEvents: 1_000 };
    const report = await appendToStore(emissions, options);
    await appendToStore(emissions, options);

    expect(report).toMatchObject({ appended: fresh.length, skippedDuplicates: emissions.length - fresh.length, store: 'pglite' });
    const database = await openPgliteDatabase({ dataDir });
    const { store } = await openSqlEventStore(database);
    try {
      const expected = new Map<string, string[]>();
      for (const { event } of fresh) expected.set(streamIdFor(event), [...(expected.get(streamIdFor(event)) ?? []), event.eventId]);
      expect(report.streams).toBe(expected.size);
      for (const [streamId, eventIds] of expected) {
        const stored = await store.readStream(streamId);
        expect(stored.map((event) => event.eventId)).toEqual(eventIds);
        expect(verifyChain(stored).firstBreak).toBeUndefined();
      }
      const log = await store.readAll({ maxCount: fresh.length + 1 });
      expect(log).toHaveLength(fresh.length);
      const firstSeen = new Map(log.map((event, at) => [event.streamId, at]).reverse() as [string, number][]);
      for (const [at, event] of log.entries()) {
        const worker = (event.data as { workerId?: string }).workerId;
        if (event.streamId.startsWith('child-') && worker && firstSeen.has(`worker-${worker}`)) {
          expect(firstSeen.get(`worker-${worker}`)!).toBeLessThan(at);
        }
      }
    } finally {
      await store.close();
      await database.close();
    }
  });
});

import fc from 'fast-check';
import type { CaseEvent } from '@csc/contracts';
import { childHistoryArbitrary } from '../../../domain/testing';
import { describeWithHarness, ReadModelHarness } from '../../testing';
import { READ_MODEL_NAMES, type ReadModelName } from './read-models';

/** A fixed sample of generated histories (workers' events first): every event type, late events and retractions. */
function sampleEvents(): CaseEvent[] {
  const histories = fc.sample(childHistoryArbitrary, { seed: 20_241_122, numRuns: 12 });
  return [...histories.flatMap((history) => history.workerEvents), ...histories.flatMap((history) => history.events)];
}

async function snapshots(rm: ReadModelHarness): Promise<Record<ReadModelName, unknown>> {
  const result = {} as Record<ReadModelName, unknown>;
  for (const name of READ_MODEL_NAMES) result[name] = await rm.snapshot(name);
  return result;
}

describeWithHarness('every read model, applied twice and crashed', (open) => {
  const events = sampleEvents();
  let expected: Record<ReadModelName, unknown>;

  beforeAll(async () => {
    const clean = await open();
    try {
      await clean.record(...events);
      await clean.catchUp();
      expected = await snapshots(clean);
    } finally {
      await clean.close();
    }
  });

  it('has rows in every read model for the sample, so the comparisons below mean something', () => {
    for (const name of READ_MODEL_NAMES) {
      const tables = expected[name] as Record<string, unknown[]>;
      const derived = Object.entries(tables).filter(([table]) => table !== 'subject_events');
      expect({ name, empty: derived.filter(([, rows]) => rows.length === 0).map(([table]) => table) }).toEqual({ name, empty: [] });
    }
  });

  it('changes nothing when every event is applied a second time', async () => {
    const rm = await open();
    try {
      await rm.record(...events);
      await rm.catchUp();
      await rm.dataSource.query('UPDATE projections.checkpoints SET position = 0');
      await rm.catchUp();
      expect(await snapshots(rm)).toEqual(expected);
    } finally {
      await rm.close();
    }
  });

  it('gives the same figures when each projection dies between writing a batch and committing it, then starts again', async () => {
    const rm = await open();
    try {
      await rm.record(...events);
      let batches = 0;
      await rm.catchUp({
        beforeCommit: () => {
          batches += 1;
          if (batches === 2) throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
        },
      });
      expect(batches).toBeGreaterThan(2);
      expect(await snapshots(rm)).toEqual(expected);
    } finally {
      await rm.close();
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describeWithHarness } from '../../testing';
import { engineSampleEvents } from '../../testing/engine-sample';
import { READ_MODEL_NAMES } from '../read-models/read-models';

// Every row of every read model for the sample, as the read models wrote them when each folded its own copy of the
// events (before this engine): written by the harness over engineSampleEvents() at that version, then gzipped.
const BEFORE = JSON.parse(gunzipSync(readFileSync(join(__dirname, '../../testing/fixtures/read-models-before-engine.json.gz'))).toString('utf8')) as Record<
  string,
  Record<string, unknown[]>
>;

/** Rows as JSON, each table's sorted whole: the snapshot orders by the first columns only, and rows tie on them. */
function canonical(tables: Record<string, unknown[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(tables).map(([table, rows]) => [table, rows.map((row) => JSON.stringify(row)).sort()]));
}

describeWithHarness('the engine, against the rows the read models wrote before it', (open) => {
  // Large batches refold most children from the store's table; batches of 7 extend their snapshots most of the time.
  it.each([500, 7])('writes every row of every read model exactly as before, with no copy of the log (batches of %i)', async (batchSize) => {
    const rm = await open();
    try {
      await rm.record(...engineSampleEvents());
      await rm.catchUp({ batchSize });
      for (const name of READ_MODEL_NAMES) {
        const { subject_events: copy, ...tables } = await rm.snapshot(name);
        expect({ name, copy }).toEqual({ name, copy: [] });
        expect({ name, tables: canonical(tables) }).toEqual({ name, tables: canonical(BEFORE[name]) });
      }
    } finally {
      await rm.close();
    }
  });
});

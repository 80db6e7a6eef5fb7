import { randomUUID } from 'node:crypto';
import { CHILD_RECORD_DESTROYED, retentionStreamId } from '@csc/contracts';
import { caseEventFactory } from '../../../domain/testing';
import { describeWithHarness, type ReadModelHarness } from '../../testing';
import { READ_MODEL_NAMES } from '../read-models/read-models';

/** How many rows of every read model table name the child (by child_id, or by its stream in the copy of the log). */
async function rowsOf(rm: ReadModelHarness, childId: string): Promise<number> {
  let total = 0;
  for (const name of READ_MODEL_NAMES) {
    for (const [table, rows] of Object.entries(await rm.snapshot(name))) {
      const key = table === 'subject_events' ? 'stream_id' : 'child_id';
      const value = table === 'subject_events' ? `child-${childId}` : childId;
      total += (rows as Array<Record<string, unknown>>).filter((row) => row[key] === value).length;
    }
  }
  return total;
}

describeWithHarness('the engine, when a child record is destroyed', (open) => {
  it('removes the child from every read model on ChildRecordDestroyed, skips its later events, and leaves the others', async () => {
    const rm = await open();
    try {
      const [goneId, keptId] = ['C-GONE', 'C-KEPT'];
      const [gone, kept] = [caseEventFactory(goneId), caseEventFactory(keptId)];
      await rm.record(
        gone.childDetails('2024-01-02', { dateOfBirth: '2015-03-04' }),
        gone.referral('2024-02-01', 'R1'),
        gone.decision('2024-02-02', 'R1', 'assessment'),
        kept.childDetails('2024-01-02', { dateOfBirth: '2016-03-04' }),
        kept.referral('2024-02-01', 'R1'),
      );
      await rm.catchUp();
      expect(await rowsOf(rm, goneId)).toBeGreaterThan(3);
      const keptBefore = await rowsOf(rm, keptId);

      await rm.store.appendToStream(
        retentionStreamId(goneId),
        [
          {
            eventId: randomUUID(),
            type: CHILD_RECORD_DESTROYED,
            data: { childId: goneId },
            metadata: { schemaVersion: 1, childId: goneId, occurredAt: '2026-12-01T00:00:00Z', source: { system: 'retention' } },
          },
        ],
        { expectedRevision: 'no-stream' },
      );
      // Late, and so refolded, were it not skipped.
      await rm.record(gone.contact('2024-01-20', 'CT1'), kept.decision('2024-02-03', 'R1', 'assessment'));
      await rm.catchUp({ batchSize: 1 });

      expect(await rowsOf(rm, goneId)).toBe(0);
      expect(await rowsOf(rm, keptId)).toBeGreaterThanOrEqual(keptBefore);
    } finally {
      await rm.close();
    }
  });
});

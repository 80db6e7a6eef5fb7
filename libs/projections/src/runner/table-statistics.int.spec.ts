import { randomUUID } from 'node:crypto';
import { childStreamId, toStoredEvent } from '@csc/contracts';
import type { EventToAppend } from '@csc/event-store';
import { caseEventFactory } from '../../../domain/testing';
import { describeWithHarness, ReadModelHarness } from '../../testing';

const CHILDREN = 250;

describeWithHarness("read models' table statistics", (open) => {
  let rm: ReadModelHarness;
  beforeAll(async () => {
    rm = await open();
  });
  afterAll(async () => {
    await rm?.close();
  });

  /** The planner's row estimate of a table: -1 until it is first analysed (or vacuumed). */
  const estimatedRows = async (table: string): Promise<number> => {
    const [schema, name] = table.split('.');
    const rows = (await rm.dataSource.query(
      'SELECT c.reltuples FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2',
      [schema, name],
    )) as Array<{ reltuples: number }>;
    return Number(rows[0].reltuples);
  };

  it('are brought up to date for every table of every read model once a catch-up has applied 1,000 events or more', async () => {
    const run = randomUUID().slice(0, 6);
    const tables = rm.engine.tables!('');
    expect(tables).toEqual(expect.arrayContaining(['rm_child_tracker.children', 'rm_timeliness.clocks', 'rm_continuity.allocation_periods']));
    for (const table of tables) expect({ table, rows: await estimatedRows(table) }).toEqual({ table, rows: -1 });

    const appends = Array.from({ length: CHILDREN }, (_, at) => {
      const c = caseEventFactory(`C-${run}-${at}`);
      const events = [
        c.referral('2025-01-06', 'R1'),
        c.decision('2025-01-06', 'R1'),
        c.assessmentStarted('2025-01-07', 'A1', 'R1'),
        c.allocated('2025-01-07', 'W1'),
      ];
      return {
        streamId: childStreamId(c.childId),
        expectedRevision: 'no-stream' as const,
        events: events.map((event) => toStoredEvent(event, { channel: 'import' }) as EventToAppend),
      };
    });
    for (const outcome of await rm.store.appendToStreams(appends)) expect(outcome.ok).toBe(true);
    await rm.catchUp({ batchSize: 500 });

    expect(await estimatedRows('rm_child_tracker.children')).toBe(CHILDREN);
    expect(await estimatedRows('rm_continuity.allocation_periods')).toBe(CHILDREN);
    for (const table of tables) expect({ table, analysed: (await estimatedRows(table)) >= 0 }).toEqual({ table, analysed: true });
  });
});

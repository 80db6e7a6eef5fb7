import { randomUUID } from 'node:crypto';
import { caseEventFactory } from '../../../domain/testing';
import { describeWithHarness, ReadModelHarness } from '../../testing';
import { childTracker } from '../read-models/child-tracker/child-tracker.queries';
import { ProjectionRunner, type RunnerLogger } from './projection-runner';
import { rebuildReadModel, type RebuildProgress } from './rebuild-read-model';

const quiet: RunnerLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

describeWithHarness('rebuilding a read model', (open) => {
  let rm: ReadModelHarness;
  beforeEach(async () => {
    rm = await open();
  });
  afterEach(async () => {
    await rm.close();
  });

  it('builds a new version while the live one keeps answering, switches over, and the live runner carries on into it', async () => {
    const c = caseEventFactory(`C-${randomUUID().slice(0, 6)}`);
    await rm.record(c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W1'), c.visit('2024-03-11', 'V1', { seen: true, seenAlone: true }));
    const projection = rm.projections['child-tracker'];
    const live = new ProjectionRunner({ store: rm.store, dataSource: rm.dataSource, projection, logger: quiet });
    live.start();
    expect(await live.waitForPosition(await rm.store.headPosition(), 20_000)).toBe(true);
    // Damage the live tables, as a bug in an old version might have: the rebuild must not carry it over.
    await rm.dataSource.query(`DELETE FROM ${projection.schema}.visits`);
    expect(await childTracker(rm.dataSource, c.childId, '2024-03-12')).toMatchObject({ lastSeen: null });

    const phases: RebuildProgress['phase'][] = [];
    const result = await rebuildReadModel({ ...rm, projection, logger: quiet, onProgress: (progress) => phases.push(progress.phase) });
    // The engine folds every event of the child's stream (the allocation too), whichever read model it feeds.
    expect(result).toMatchObject({ phase: 'done', applied: 3 });
    expect(phases).toEqual(expect.arrayContaining(['preparing', 'switching', 'done']));
    expect(await childTracker(rm.dataSource, c.childId, '2024-03-12')).toMatchObject({ lastSeen: '2024-03-11', lastSeenAlone: '2024-03-11' });

    await rm.record(c.visit('2024-03-18', 'V2', { seen: true, seenAlone: false }));
    expect(await live.waitForPosition(await rm.store.headPosition(), 20_000)).toBe(true);
    expect(await childTracker(rm.dataSource, c.childId, '2024-03-20')).toMatchObject({ lastSeen: '2024-03-18', lastSeenAlone: '2024-03-11' });
    const schemas = (await rm.dataSource.query(`SELECT nspname FROM pg_namespace WHERE nspname LIKE 'rm_child_tracker%' ORDER BY nspname`)) as Array<{
      nspname: string;
    }>;
    expect(schemas.map((row) => row.nspname)).toEqual(['rm_child_tracker']);
    await live.stop();
  });
});

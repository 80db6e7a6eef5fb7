import { Client } from 'pg';
import { openPostgresDatabase, openSqlEventStore } from '@csc/event-store';
import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import { openReadModelDataSource } from '../src/read-model-data-source';
import { advisoryLockLease } from '../src/runner/projection-lease';
import { ProjectionRunner } from '../src/runner/projection-runner';
import { allReadModelsEngine } from '../src/read-models/read-models';
import type { Projection } from '../src/projection';

/**
 * One process running the live engine under a lease, as a service with CSC_ROLES=projections does, for the
 * lease's process tests (forked with an IPC channel; DATABASE_URL and HOLDER in its environment). Besides the
 * read models, each batch records the positions it applied and who applied them in `lease_audit.applied`, in the
 * batch's own transaction, so the test sees any event applied twice or never. Answers `status` messages with the
 * runner's status.
 */
async function main(): Promise<void> {
  const holder = process.env.HOLDER!;
  const url = process.env.DATABASE_URL!;
  const database = openPostgresDatabase({ connectionString: url, poolSize: 3 });
  const { store } = await openSqlEventStore(database, { pollIntervalMs: 20 });
  const dataSource = await openReadModelDataSource(database);
  const engine = allReadModelsEngine(DEFAULT_LOCAL_STANDARDS);
  const audited: Projection = {
    ...engine,
    async apply(batch, context) {
      await engine.apply(batch, context);
      await context.manager.query(`INSERT INTO lease_audit.applied (position, holder) SELECT unnest($1::bigint[]), $2`, [
        batch.map((event) => event.position),
        holder,
      ]);
    },
  };
  const lease = advisoryLockLease({
    name: engine.name,
    holder,
    connect: () => new Client({ connectionString: url, keepAlive: true }),
    retryMs: 100,
    heartbeatMs: 500,
  });
  const quiet = {
    info: () => undefined,
    warn: () => undefined,
    error: (fields: object, message: string) => process.stderr.write(`${message} ${JSON.stringify(fields)}\n`),
  };
  const runner = new ProjectionRunner({ store, dataSource, projection: audited, logger: quiet, batchSize: Number(process.env.BATCH_SIZE ?? 7), lease });
  runner.start();
  process.on('message', (message: { id: number }) => process.send!({ id: message.id, status: runner.status() }));
  process.on('disconnect', () => void runner.stop().finally(() => process.exit(0)));
}

void main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(1);
});

import { describeWith } from '../../../test/support/external-services';
import { createScratchDatabase } from '../../../test/support/scratch-database';
import { ReadModelHarness } from './read-model-harness';

/**
 * Runs a read-model suite on PGlite in memory and on a scratch PostgreSQL database of its own (when
 * DATABASE_URL is reachable; otherwise the PostgreSQL copy shows as skipped with the reason).
 */
export function describeWithHarness(title: string, body: (open: () => Promise<ReadModelHarness>) => void): void {
  describe(`${title} [PGlite]`, () => body(() => ReadModelHarness.open()));
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) =>
    body(async () => {
      const scratch = await createScratchDatabase(value, 'csc_rm');
      return ReadModelHarness.open(scratch.url, scratch.drop);
    }),
  );
}

import type { Command } from 'commander';
import type { EventStore } from '@csc/event-store';
import { LogChainWalk } from '@csc/history';
import { renderVerification } from '@csc/history';
import { verifyChildStreams } from '@csc/history';
import { CliError } from '../cli-error';
import { assertChildId, recordCliRead, withEventStore } from './replay.command';

interface VerifyOptions {
  all?: boolean;
  json?: boolean;
  pageSize: string;
}

const PROGRESS_EVERY = 50_000;

/** `csc verify`: recompute the hash chains, of one child's streams or of the whole log; exit 1 if any is broken. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      "Check that the event log has not been altered: recompute the hash chain of a child's stream and access log, or with --all of every " +
        'stream in the log, and name the first event of each that does not match. Exits 0 when every chain holds, 1 when any is broken.',
    )
    .argument('[childId]', "the local authority's child id")
    .option('--all', 'walk the whole log, every stream (progress on stderr)')
    .option('--json', 'print the result as JSON')
    .option('--page-size <events>', 'events read per page of the log with --all', '1000')
    .action(async (childId: string | undefined, options: VerifyOptions) => {
      if ((childId === undefined) === !options.all) throw new CliError('Name one child (csc verify <childId>) or the whole log (csc verify --all), not both');
      if (childId !== undefined) assertChildId(childId);
      const pageSize = Number(options.pageSize);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) throw new CliError('--page-size must be a whole number from 1 to 10000');
      // The chains cover the events as stored (children's personal fields encrypted): they are read as stored.
      await withEventStore('verify', (store, storage) => {
        const stored = storage.storedEventStore ?? store;
        return childId !== undefined
          ? verifyChild(store, stored, childId, options, storage.checkpointKey)
          : verifyLog(stored, pageSize, options, storage.checkpointKey);
      });
    });
}

async function verifyChild(store: EventStore, stored: EventStore, childId: string, options: VerifyOptions, checkpointKey: Buffer | undefined): Promise<void> {
  await recordCliRead(store, childId, 'verify', {});
  const result = await verifyChildStreams(stored, childId, checkpointKey);
  if (!result) throw new CliError(`Nothing has been recorded for child ${childId}`, 2);
  process.stdout.write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderVerification(result).join('\n')}\n`);
  if (!result.intact) throw new CliError(`The history of child ${childId} has been altered: see above`, 1);
}

/** One pass over the log in log order; per stream only its next revision and last hash are kept. */
async function verifyLog(store: EventStore, pageSize: number, options: VerifyOptions, checkpointKey: Buffer | undefined): Promise<void> {
  const walk = new LogChainWalk();
  const head = await store.headPosition();
  let position = 0;
  let reported = 0;
  for (;;) {
    const page = await store.readAll({ fromPosition: position, maxCount: pageSize });
    for (const event of page) {
      const problem = walk.check(event);
      if (problem) process.stderr.write(`[verify] ${event.streamId}: ${problem.problem} at revision ${problem.revision}, event ${problem.eventId}\n`);
    }
    if (page.length === 0) break;
    position = page[page.length - 1].position;
    const { events, streams } = walk.summary();
    if (events - reported >= PROGRESS_EVERY) {
      reported = events;
      process.stderr.write(
        `[verify] ${events.toLocaleString('en-GB')} events in ${streams.toLocaleString('en-GB')} streams checked (log position ${position} of ${head})\n`,
      );
    }
  }
  await walk.checkSignedHeads(store, checkpointKey);
  const summary = walk.summary();
  process.stderr.write(`[verify] done: ${summary.events.toLocaleString('en-GB')} events in ${summary.streams.toLocaleString('en-GB')} streams\n`);
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ intact: summary.broken.length === 0, ...summary }, null, 2)}\n`);
  } else if (summary.broken.length === 0) {
    process.stdout.write(`Every chain holds: ${summary.events} events in ${summary.streams} streams verified.\n`);
  } else {
    const lines = summary.broken.map(
      (stream) => `${stream.streamId}: ${stream.problem} at revision ${stream.revision}, event ${stream.eventId}\n  ${stream.message}`,
    );
    process.stdout.write(`${summary.broken.length} of ${summary.streams} streams are broken:\n${lines.join('\n')}\n`);
  }
  if (summary.broken.length > 0)
    throw new CliError(`${summary.broken.length} stream${summary.broken.length > 1 ? 's have' : ' has'} been altered: see above`, 1);
}

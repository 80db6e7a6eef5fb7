import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { childStreamId, ID_PATTERN, isCalendarDate, isTimestamp, occurredOnDate } from '@csc/contracts';
import { DataDirectoryInUse, type EventStore } from '@csc/event-store';
import type { AccessKind, AccessParameters } from '@csc/projections';
import type { LocalStandards } from '@csc/timescales';
import { appendChildRecordRead } from '@csc/history';
import { loadConfiguration } from '@csc/runtime';
import { loadLocalStandards } from '@csc/runtime';
import { systemClock } from '@csc/runtime';
import { openStorage } from '@csc/runtime';
import { createLogger, type Storage } from '@csc/runtime';
import { childHistory } from '@csc/history';
import { childStateAt } from '@csc/history';
import { judgedOn, pointInTime } from '@csc/history';
import { renderState, renderTimeline } from '@csc/history';
import { CliError } from '../cli-error';

interface ReplayOptions {
  asKnownAt?: string;
  occurredBy?: string;
  json?: boolean;
}

/** `csc replay <childId>`: a child's history and case at a point in time, read from the event store itself. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description(
      "Replay a child's history from the event store the settings name (DATABASE_URL, or the embedded database in CSC_DATA_DIR): " +
        'every event with when it occurred and was recorded, retractions marked, then the case folded from those events. ' +
        "The read is recorded in the child's access log.",
    )
    .argument('<childId>', "the local authority's child id")
    .option('--as-known-at <moment>', 'only what had been recorded by then: a timestamp, or a date meaning the end of that day (Europe/London)')
    .option('--occurred-by <date>', 'only what had happened by the end of this date (YYYY-MM-DD), including what was recorded later')
    .option('--json', 'print the history and the state as JSON (as the HTTP API answers)')
    .action(async (childId: string, options: ReplayOptions) => {
      assertChildId(childId);
      if (options.asKnownAt !== undefined && !isCalendarDate(options.asKnownAt) && !isTimestamp(options.asKnownAt)) {
        throw new CliError(`--as-known-at must be a date YYYY-MM-DD or a timestamp such as 2024-03-04T10:15:00Z; got ${JSON.stringify(options.asKnownAt)}`);
      }
      if (options.occurredBy !== undefined && !isCalendarDate(options.occurredBy)) {
        throw new CliError(`--occurred-by must be a date YYYY-MM-DD; got ${JSON.stringify(options.occurredBy)}`);
      }
      const { standards } = loadLocalStandards(loadConfiguration(process.env).localStandardsFile);
      await withEventStore('replay', async (store) => {
        const parameters = {
          ...(options.asKnownAt ? { asKnownAt: options.asKnownAt } : {}),
          ...(options.occurredBy ? { occurredBy: options.occurredBy } : {}),
        };
        await recordCliRead(store, childId, 'history', parameters);
        process.stdout.write(await replay(store, childId, options, standards));
      });
    });
}

async function replay(store: EventStore, childId: string, options: ReplayOptions, standards: LocalStandards): Promise<string> {
  const records = await store.readStream(childStreamId(childId));
  if (records.length === 0) throw new CliError(`Nothing has been recorded for child ${childId}`, 1);
  const point = pointInTime(options);
  const entries = childHistory(records, point);
  const state = entries.length > 0 ? childStateAt(entries, judgedOn(point, occurredOnDate(systemClock.now().toISOString())), standards) : undefined;
  if (options.json) {
    return `${JSON.stringify({ childId, streamId: childStreamId(childId), asKnownAt: point.asKnownAt, occurredBy: point.occurredBy, events: entries, state: state ?? null }, null, 2)}\n`;
  }
  const at = [point.asKnownAt && `as known at ${point.asKnownAt}`, point.occurredBy && `as happened by ${point.occurredBy}`].filter(Boolean).join(', ');
  const lines = [
    `Child ${childId} (stream ${childStreamId(childId)})${at ? `, ${at}` : ''}: ${entries.length} of ${records.length} events`,
    '',
    ...renderTimeline(entries),
    '',
    ...(state ? renderState(state) : ['Nothing was known of the child at that point in time.']),
  ];
  return `${lines.join('\n')}\n`;
}

export function assertChildId(childId: string): void {
  if (!new RegExp(ID_PATTERN).test(childId)) throw new CliError(`<childId> must be a child id (letters, digits, . _ : -); got ${JSON.stringify(childId)}`);
}

/** The command-line tool looks as the person running it; their look is logged like any other. */
export async function recordCliRead(store: EventStore, childId: string, what: AccessKind, parameters: AccessParameters): Promise<void> {
  try {
    await appendChildRecordRead(store, {
      childId,
      subject: `cli:${userInfo().username}`,
      roles: [],
      what,
      parameters,
      at: systemClock.now().toISOString(),
      via: 'cli',
    });
  } catch (error) {
    throw new CliError(`Could not record this read in the access log, so it was not made: ${(error as Error).message}`, 1);
  }
}

/** Opens the storage the settings name, runs `use`, and closes it; explains a data directory the service holds. */
export async function withEventStore(command: string, use: (store: EventStore, storage: Storage) => Promise<void>): Promise<void> {
  const config = loadConfiguration(process.env);
  let storage;
  try {
    storage = await openStorage(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      throw new CliError(
        `${error.message}\nThe service holds this data directory: stop it to run csc ${command} here, or ask it over HTTP (/v1/children/{childId}/history).`,
      );
    }
    throw new CliError(`Could not open the event store: ${(error as Error).message}`, 1);
  }
  try {
    await use(storage.eventStore, storage);
  } finally {
    await storage.eventStore.close();
    await storage.database.close();
  }
}

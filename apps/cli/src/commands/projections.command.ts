import type { Command } from 'commander';
import { DataDirectoryInUse } from '@csc/event-store';
import {
  openReadModelDataSource,
  prepareReadModel,
  READ_MODEL_NAMES,
  readModelProjections,
  historyFor,
  READ_MODELS_ENGINE,
  rebuildReadModel,
  type ReadModelName,
  type RebuildProgress,
} from '@csc/projections';
import { openStoredEventsWith } from '@csc/retention';
import { loadConfiguration } from '@csc/runtime';
import { loadLocalStandards } from '@csc/runtime';
import { openStorage } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import { CliError } from '../cli-error';

/** `csc projections rebuild <name>`: a new version of a read model from the whole log, switched over when complete. */
export function registerProjectionsCommands(program: Command): void {
  const projections = program.command('projections').description('The read models built from the event log');
  projections
    .command('rebuild')
    .description(
      'Rebuild a read model from the start of the log into new tables while the current ones keep answering, then switch over. ' +
        'Runs here against the database the settings name (DATABASE_URL), or asks a running service to do it with --service ' +
        '(needed with the embedded database, which the service holds).',
    )
    .argument('<name>', READ_MODEL_NAMES.join(' | '))
    .option('--service <url>', 'ask the service at this address to rebuild (e.g. http://127.0.0.1:3000)')
    .option('--token <token>', 'bearer token with the admin role (default: CSC_TOKEN)')
    .action(async (name: string, options: { service?: string; token?: string }) => {
      if (!(READ_MODEL_NAMES as readonly string[]).includes(name))
        throw new CliError(`<name> must be one of ${READ_MODEL_NAMES.join(', ')}; got ${JSON.stringify(name)}`);
      const result = options.service
        ? await rebuildThroughService(options.service, name, options.token ?? process.env.CSC_TOKEN)
        : await rebuildHere(name as ReadModelName);
      if (result.phase !== 'done') throw new CliError(`The rebuild of ${name} failed: ${result.error ?? 'see the log'}`, 1);
      process.stderr.write(
        `Rebuilt ${name}: ${result.applied.toLocaleString('en-GB')} events applied, up to position ${result.position}. The new version is live.\n`,
      );
    });
}

async function rebuildHere(name: ReadModelName): Promise<RebuildProgress> {
  const config = loadConfiguration(process.env);
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const { standards } = loadLocalStandards(config.localStandardsFile);
  let storage;
  try {
    storage = await openStorage(config, logger);
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      throw new CliError(
        `${error.message}\nWhile the service runs on this data directory, ask it to rebuild: csc projections rebuild ${name} --service http://127.0.0.1:${config.http.port}`,
      );
    }
    throw new CliError(`Could not open the database: ${(error as Error).message}`, 1);
  }
  const dataSource = await openReadModelDataSource(storage.database);
  try {
    const open = storage.childKeys ? openStoredEventsWith(storage.childKeys) : undefined;
    const projection = readModelProjections(standards, { history: historyFor(config.eventStore.kind, open) })[name];
    await prepareReadModel(storage.database, projection);
    return await rebuildReadModel({
      store: storage.eventStore,
      database: storage.database,
      dataSource,
      projection,
      logger,
      onProgress: showProgress,
      liveCheckpoint: READ_MODELS_ENGINE,
    });
  } finally {
    await dataSource.destroy();
    await storage.eventStore.close();
    await storage.database.close();
  }
}

async function rebuildThroughService(service: string, name: string, token: string | undefined): Promise<RebuildProgress> {
  const url = `${service.replace(/\/$/, '')}/v1/admin/read-models/${name}/rebuild`;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const started = await fetch(url, { method: 'POST', headers }).catch((error: Error) => {
    throw new CliError(`Could not reach the service at ${service}: ${error.message}`, 1);
  });
  if (started.status !== 202) throw new CliError(`The service refused the rebuild (${started.status}): ${await started.text()}`, 1);
  for (;;) {
    const progress = (await (await fetch(url, { headers })).json()) as RebuildProgress;
    showProgress(progress);
    if (progress.phase === 'done' || progress.phase === 'failed') return progress;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

function showProgress(progress: RebuildProgress): void {
  const share = progress.head > 0 ? ` (${Math.min(100, Math.round((progress.position / progress.head) * 100))}% of the log)` : '';
  process.stderr.write(`[rebuild] ${progress.phase}: ${progress.applied.toLocaleString('en-GB')} events applied${share}\n`);
}

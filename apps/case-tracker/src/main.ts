import 'reflect-metadata';
import { DataDirectoryInUse } from '@csc/event-store';
import { loadConfiguration, ConfigurationError } from '@csc/runtime';
import { createApplication } from './application';
import { openStorage } from '@csc/runtime';
import { createLogger } from '@csc/runtime';
import { loadLocalStandards } from '@csc/runtime';
import { resolveAuthKeys } from '@csc/auth';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfiguration(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(error instanceof ConfigurationError ? 78 : 1);
  }
  const logger = createLogger(config.logLevel);
  let standards;
  try {
    standards = loadLocalStandards(config.localStandardsFile);
  } catch (error) {
    process.stderr.write(`The service cannot start: ${(error as Error).message}\nSee "Local standards" in README.md.\n`);
    process.exit(78);
  }
  logger.info({ source: standards.source, version: standards.standards.version }, 'local timescale standards loaded');
  let authKeys;
  try {
    authKeys = resolveAuthKeys(config);
  } catch (error) {
    process.stderr.write(`The service cannot start: ${(error as Error).message}\nSee "Security" in README.md.\n`);
    process.exit(78);
  }
  logger.info({ algorithm: authKeys.verification.algorithm, source: authKeys.source }, 'bearer tokens are checked with this key');
  if (authKeys.generated) {
    logger.warn(
      { secretFile: authKeys.source },
      'No token key was configured, so the service generated one. Mint a token with: npm run --silent csc -- token --role recorder --subject lcs (same CSC_DATA_DIR; --role admin to read trackers)',
    );
  }
  logger.info({ eventStore: config.eventStore.kind, database: config.database.kind, dataDir: config.dataDir }, 'starting');

  let storage;
  try {
    storage = await openStorage(config, logger);
  } catch (error) {
    const hint =
      error instanceof DataDirectoryInUse
        ? error.message
        : `Could not open the ${config.eventStore.kind} event store: ${(error as Error).message}. Check DATABASE_URL / EVENTSTORE_CONNECTION_STRING and that the server is running.`;
    logger.fatal({ err: error }, hint);
    process.exit(1);
  }
  logger.info({ database: storage.database.description, eventStore: storage.eventStore.kind }, 'storage open');

  const app = await createApplication({ config, logger, storage, standards: standards.standards, authKey: authKeys.verification });
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address() as { address: string; port: number };
  logger.info({ url: `http://${address.address}:${address.port}`, health: '/health', docs: '/docs' }, 'listening');

  let stopping = false;
  const stop = async (signal: NodeJS.Signals): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    try {
      await app.close();
      logger.info('stopped');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', (signal) => void stop(signal));
  process.on('SIGINT', (signal) => void stop(signal));
}

void main();

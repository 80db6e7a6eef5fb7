import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE } from '@csc/event-store';
import { CHILD_KEY_STORE, STORED_EVENT_STORE } from '@csc/retention';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { HealthRegistry } from '../health/health-registry';
import type { Logger } from '@csc/runtime';
import { systemClock, type Clock } from '@csc/runtime';
import type { Storage } from '@csc/runtime';
import { CHAIN_CHECKPOINT_KEY, CLOCK, LOCAL_STANDARDS, LOGGER, SQL_DATABASE } from './tokens';
import { DEFAULT_LOCAL_STANDARDS, type LocalStandards } from '@csc/timescales';
import type { VerificationKey } from '@csc/auth';

const STORAGE = Symbol('STORAGE');

export interface InfrastructureOptions {
  config: Configuration;
  logger: Logger;
  /** Opened before the application is created, so that failing to open it is reported plainly. */
  storage: Storage;
  clock?: Clock;
  /** The authority's local timescale standards (CSC_LOCAL_STANDARDS), loaded before the application. */
  standards?: LocalStandards;
  /** The key bearer tokens are checked with, resolved before the application. */
  authKey: VerificationKey;
}

/** Registers the storage's health checks, and closes it after everything else has stopped. */
@Injectable()
class StorageLifecycle implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    const { eventStore, database } = this.storage;
    this.health.register({
      name: 'eventStore',
      critical: true,
      check: async () => {
        const result = await eventStore.health();
        return { status: result.ok ? 'up' : 'down', kind: result.kind, ...(result.detail ? { detail: result.detail } : {}) };
      },
    });
    this.health.register({
      name: 'database',
      critical: true,
      check: async () => {
        await database.pool.query('SELECT 1');
        return { status: 'up', kind: database.kind, location: database.description };
      },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.storage.eventStore.close();
    await this.storage.database.close();
    this.logger.info('event store and database closed');
  }
}

@Global()
@Module({})
export class InfrastructureModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    const providers = [
      { provide: CONFIGURATION, useValue: options.config },
      { provide: LOGGER, useValue: options.logger },
      { provide: CLOCK, useValue: options.clock ?? systemClock },
      { provide: STORAGE, useValue: options.storage },
      { provide: LOCAL_STANDARDS, useValue: options.standards ?? DEFAULT_LOCAL_STANDARDS },
      { provide: SQL_DATABASE, useValue: options.storage.database },
      { provide: EVENT_STORE, useValue: options.storage.eventStore },
      { provide: STORED_EVENT_STORE, useValue: options.storage.storedEventStore ?? options.storage.eventStore },
      { provide: CHILD_KEY_STORE, useValue: options.storage.childKeys ?? null },
      { provide: CHAIN_CHECKPOINT_KEY, useValue: options.storage.checkpointKey },
      HealthRegistry,
      StorageLifecycle,
    ];
    return {
      module: InfrastructureModule,
      providers,
      exports: [
        CONFIGURATION,
        LOGGER,
        CLOCK,
        SQL_DATABASE,
        EVENT_STORE,
        STORED_EVENT_STORE,
        CHILD_KEY_STORE,
        CHAIN_CHECKPOINT_KEY,
        LOCAL_STANDARDS,
        HealthRegistry,
      ],
    };
  }
}

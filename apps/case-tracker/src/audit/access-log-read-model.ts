import { performance } from 'node:perf_hooks';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { abortableDelay, EVENT_STORE, type EventStore, type SqlDatabase } from '@csc/event-store';
import {
  ACCESS_LOG_PROJECTION_NAME,
  ACCESS_LOG_SCHEMA,
  accessLogProjection,
  accessLogRows,
  prepareReadModel,
  ProjectionRunner,
  readCheckpoint,
  type AccessLogFilter,
  type AccessLogRow,
  type ProjectionStatus,
} from '@csc/projections';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { HealthRegistry } from '../health/health-registry';
import { LOGGER, SQL_DATABASE } from '../infrastructure/tokens';
import type { Logger } from '@csc/runtime';
import { READ_MODEL_DATA_SOURCE } from '../read-models/read-model.tokens';

const POLL_MS = 50;

/**
 * The access log read model, run by this module rather than with the case read models: it reads the
 * 'access' streams, which no case read model does, and it has no case figures to rebuild. Its rows are
 * only ever inserted, so resetting its checkpoint rebuilds it in place.
 */
@Injectable()
export class AccessLogReadModel implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private runner: ProjectionRunner | undefined;

  constructor(
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly health: HealthRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await prepareReadModel(this.database, accessLogProjection);
  }

  onApplicationBootstrap(): void {
    if (!this.config.roles.has('projections')) return;
    const logger = this.logger.child({ component: 'projections' });
    this.runner = new ProjectionRunner({ store: this.store, dataSource: this.dataSource, projection: accessLogProjection, logger });
    this.runner.start();
    this.health.register({ name: 'accessLog', critical: false, check: async () => this.check(this.runner!.status()) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.runner?.stop();
  }

  /** Whether the read model has applied `position` within `timeoutMs`, whichever process runs it. */
  async reaches(position: number, timeoutMs: number): Promise<boolean> {
    if (this.runner) return this.runner.waitForPosition(position, timeoutMs);
    const deadline = performance.now() + timeoutMs;
    const signal = new AbortController().signal;
    for (;;) {
      if ((await readCheckpoint(this.database.pool, ACCESS_LOG_PROJECTION_NAME)).position >= position) return true;
      if (performance.now() >= deadline) return false;
      await abortableDelay(POLL_MS, signal);
    }
  }

  rows(filter: AccessLogFilter): Promise<AccessLogRow[]> {
    return accessLogRows(this.dataSource, ACCESS_LOG_SCHEMA, filter);
  }

  private async check(status: ProjectionStatus) {
    return {
      status: status.state === 'failed' ? ('down' as const) : ('up' as const),
      state: status.state,
      position: status.position,
      ...(status.failure ? { failure: status.failure } : {}),
    };
  }
}

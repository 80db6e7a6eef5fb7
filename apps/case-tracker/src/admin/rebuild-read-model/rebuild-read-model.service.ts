import { Inject, Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, type SqlDatabase } from '@csc/event-store';
import { READ_MODELS_ENGINE, rebuildReadModel, type ReadModelName, type RebuildProgress } from '@csc/projections';
import type { Logger } from '@csc/runtime';
import { LOGGER, SQL_DATABASE } from '../../infrastructure/tokens';
import { ProjectionsLifecycle } from '../../read-models/projections.lifecycle';
import { READ_MODEL_DATA_SOURCE } from '../../read-models/read-model.tokens';

export interface RebuildState extends RebuildProgress {
  readModel: ReadModelName;
  startedAt: string;
}

/** Rebuilds run inside the service (the only way with PGlite, whose data directory the service holds), one per read model at a time. */
@Injectable()
export class ReadModelRebuilds {
  private readonly states = new Map<ReadModelName, RebuildState>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly projections: ProjectionsLifecycle,
  ) {}

  /** Starts a rebuild unless one is running; answers its state at once. */
  start(readModel: ReadModelName, startedAt: Date): RebuildState {
    const running = this.states.get(readModel);
    if (running && !['done', 'failed'].includes(running.phase)) return running;
    const state: RebuildState = { readModel, startedAt: startedAt.toISOString(), phase: 'preparing', applied: 0, position: 0, head: 0 };
    this.states.set(readModel, state);
    const logger = this.logger.child({ component: 'rebuild', readModel });
    void rebuildReadModel({
      store: this.store,
      database: this.database,
      dataSource: this.dataSource,
      projection: this.projections.projections[readModel],
      liveCheckpoint: READ_MODELS_ENGINE,
      logger,
      onProgress: (progress) => {
        Object.assign(state, progress);
        logger.info({ ...progress }, `rebuild ${progress.phase}`);
        // A runner that had stopped on an event starts again from the rebuilt version's checkpoint.
        if (progress.phase === 'done') this.projections.restartIfFailed();
      },
    }).catch((error: Error) => {
      Object.assign(state, { phase: 'failed', error: error.message });
      logger.error({ err: error }, 'rebuild failed');
    });
    return state;
  }

  state(readModel: ReadModelName): RebuildState | undefined {
    return this.states.get(readModel);
  }
}

import { hostname } from 'node:os';
import { Client } from 'pg';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { EVENT_STORE, type EventStore, type SqlDatabase } from '@csc/event-store';
import {
  advisoryLockLease,
  allReadModelsEngine,
  historyFor,
  READ_MODELS_ENGINE,
  ProjectionRunner,
  parkedCounts,
  parkedSubjects,
  prepareReadModel,
  readCheckpoint,
  READ_MODEL_NAMES,
  readModelProjections,
  singleProcessLease,
  type ParkedSubject,
  type ProjectionLease,
  type Projection,
  type ProjectionStatus,
  type ReadModelName,
} from '@csc/projections';
import { CHILD_KEY_STORE, openStoredEventsWith, type ChildKeyStore } from '@csc/retention';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { HealthRegistry } from '../health/health-registry';
import { ServiceMetrics } from '../metrics/service-metrics';
import type { Logger } from '@csc/runtime';
import { CLOCK, LOCAL_STANDARDS, LOGGER, SQL_DATABASE } from '../infrastructure/tokens';
import type { Clock } from '@csc/runtime';
import { READ_MODEL_DATA_SOURCE } from './read-model.tokens';
import type { LocalStandards } from '@csc/timescales';

/** How far behind a projection is: events not yet applied (capped) and how old the last applied event is. */
export interface ProjectionLag extends ProjectionStatus {
  eventsBehind: number | null;
  secondsBehind: number | null;
  /** Children (or workers) parked on an event this read model could not apply. */
  parked: number;
}

const LAG_COUNT_CAP = 1_000_000;

/**
 * Brings every read model's tables up to date at start-up (every process: the API reads them),
 * and, in a process with the projections role, runs the engine that feeds them all. A child whose event
 * a read model cannot apply is parked and counted in /health and /metrics (who and why only at the
 * admin endpoint); a runner that stops altogether makes /health say so.
 */
@Injectable()
export class ProjectionsLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  /** Each read model alone: to prepare its tables and to rebuild it. */
  readonly projections: Record<ReadModelName, Projection>;
  /** The engine that feeds them all live, with one checkpoint. */
  private readonly engine: Projection;
  private engineRunner: ProjectionRunner | undefined;

  constructor(
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(LOCAL_STANDARDS) standards: LocalStandards,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly health: HealthRegistry,
    private readonly metrics: ServiceMetrics,
    @Inject(CHILD_KEY_STORE) keys: ChildKeyStore | null,
  ) {
    // A refold reads the store's table, where children's personal fields are encrypted: opened as the store opens them.
    const history = historyFor(config.eventStore.kind, keys ? openStoredEventsWith(keys) : undefined);
    this.projections = readModelProjections(standards, { history });
    this.engine = allReadModelsEngine(standards, { history });
  }

  async onModuleInit(): Promise<void> {
    for (const name of READ_MODEL_NAMES) await prepareReadModel(this.database, this.projections[name]);
  }

  onApplicationBootstrap(): void {
    if (!this.config.roles.has('projections')) {
      this.health.register({
        name: 'projections',
        critical: false,
        check: async () => ({ status: 'disabled', reason: 'CSC_ROLES does not include projections' }),
      });
      return;
    }
    this.startEngine();
    this.health.register({ name: 'projections', critical: false, check: () => this.check() });
    this.registerMetrics();
  }

  private startEngine(): void {
    const logger = this.logger.child({ component: 'projections' });
    this.engineRunner = new ProjectionRunner({ store: this.store, dataSource: this.dataSource, projection: this.engine, logger, lease: this.engineLease() });
    this.engineRunner.start();
  }

  /**
   * Who may run the engine. On PostgreSQL several processes may have the projections role: a session-level
   * advisory lock on a connection of its own (not the pool's) picks one, and the others take over when its
   * session ends. On PGlite the process that opened the data directory is the only one there can be.
   */
  private engineLease(): ProjectionLease {
    const holder = `${hostname()}:${process.pid}`;
    const { database } = this.config;
    if (database.kind !== 'postgres') return singleProcessLease(holder);
    return advisoryLockLease({
      name: READ_MODELS_ENGINE,
      holder,
      connect: () => new Client({ connectionString: database.url, keepAlive: true, connectionTimeoutMillis: 5_000 }),
    });
  }

  /** After a rebuild: an engine that had stopped on an event follows the log again, without a restart (its lease given back and taken anew). */
  restartIfFailed(): void {
    const failed = this.engineRunner;
    if (failed?.status().state !== 'failed') return;
    this.engineRunner = undefined;
    void failed.stop().then(
      () => this.startEngine(),
      (error: unknown) => this.logger.error({ err: error }, 'could not restart the projection engine'),
    );
  }

  parked(name: ReadModelName): Promise<ParkedSubject[]> {
    return parkedSubjects(this.database.pool, name);
  }

  private registerMetrics(): void {
    const lagOf = async () => this.lag(this.clock.now());
    this.metrics.gauge('csc_projection_position', 'Log position each read model has applied', ['projection'], async () =>
      (await lagOf()).map((lag) => ({ labels: { projection: lag.name }, value: lag.position })),
    );
    this.metrics.gauge('csc_projection_events_behind', 'Events not yet applied by each read model (capped at 1,000,000)', ['projection'], async () =>
      (await lagOf()).filter((lag) => lag.eventsBehind !== null).map((lag) => ({ labels: { projection: lag.name }, value: lag.eventsBehind! })),
    );
    this.metrics.gauge(
      'csc_projection_seconds_behind',
      'Age of the last applied event while a read model is behind (0 when caught up)',
      ['projection'],
      async () => (await lagOf()).filter((lag) => lag.secondsBehind !== null).map((lag) => ({ labels: { projection: lag.name }, value: lag.secondsBehind! })),
    );
    this.metrics.gauge(
      'csc_projection_parked_subjects',
      'Children (or workers) each read model has parked on an event it cannot apply',
      ['projection'],
      async () => (await lagOf()).map((lag) => ({ labels: { projection: lag.name }, value: lag.parked })),
    );
    this.metrics.gauge(
      'csc_projection_up',
      '1 while a read model is running, 0 once it has stopped on an event it cannot apply',
      ['projection', 'state'],
      async () => (await lagOf()).map((lag) => ({ labels: { projection: lag.name, state: lag.state }, value: lag.state === 'failed' ? 0 : 1 })),
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.engineRunner?.stop();
  }

  /** The runner that feeds a read model in this process (one engine feeds them all); none while another process holds the lease. */
  runner(_name: ReadModelName): ProjectionRunner | undefined {
    return this.engineRunner?.status().state === 'standby' ? undefined : this.engineRunner;
  }

  /** Each read model's position and lag; from this process's runners, or from the checkpoints when another process runs them. */
  async lag(now: Date): Promise<ProjectionLag[]> {
    const head = await this.store.headPosition();
    const parked = await parkedCounts(this.database.pool);
    return Promise.all(
      READ_MODEL_NAMES.map(async (name) => {
        // A standby process knows the position only from the checkpoint the active one moves.
        const own = this.engineRunner?.status();
        const status = {
          ...(own && own.state !== 'standby' ? own : { ...(await this.statusFromCheckpoint()), ...(own?.lease ? { lease: own.lease } : {}) }),
          name,
        };
        const caughtUp = status.position >= head;
        const eventsBehind = caughtUp
          ? 0
          : this.store.countEventsAfter
            ? await this.store.countEventsAfter(status.position, this.projections[name].filter ?? {}, LAG_COUNT_CAP)
            : null;
        const secondsBehind =
          caughtUp || eventsBehind === 0 ? 0 : status.lastRecordedAt ? Math.max(0, Math.round((now.getTime() - status.lastRecordedAt.getTime()) / 1000)) : null;
        return { ...status, eventsBehind, secondsBehind, parked: parked.get(name) ?? 0 };
      }),
    );
  }

  private async statusFromCheckpoint(): Promise<ProjectionStatus> {
    const checkpoint = await readCheckpoint(this.database.pool, READ_MODELS_ENGINE);
    return {
      name: READ_MODELS_ENGINE,
      state: checkpoint.failure ? 'failed' : 'live',
      position: checkpoint.position,
      appliedEvents: 0,
      ...(checkpoint.failure ? { failure: checkpoint.failure } : {}),
    };
  }

  private async check() {
    const lag = await this.lag(this.clock.now());
    const failed = lag.filter((projection) => projection.state === 'failed');
    const lease = this.engineRunner?.status().lease;
    const parking = lag.some((projection) => projection.parked > 0);
    return {
      status: failed.length > 0 || parking ? ('down' as const) : ('up' as const),
      ...(failed.length > 0 ? { failed: failed.map((projection) => ({ projection: projection.name, ...projection.failure })) } : {}),
      // One engine feeds every read model: its lease says whether this process applies their events, or who does.
      ...(lease ? { lease } : {}),
      readModels: Object.fromEntries(
        lag.map(({ name, state, position, eventsBehind, secondsBehind, parked }) => [
          name,
          { state, position, eventsBehind, secondsBehind, parkedChildren: parked, ...(lease ? { lease: lease.state, leaseHolder: lease.holder } : {}) },
        ]),
      ),
    };
  }
}

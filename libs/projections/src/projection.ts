import type { EntityManager } from 'typeorm';
import type { LogFilter, RecordedEvent } from '@csc/event-store';

/** One version of a read model's tables; `sql` receives the schema to create them in. */
export interface ReadModelMigration {
  version: number;
  name: string;
  sql(schema: string): string;
}

export interface ProjectionContext {
  /** The transaction the batch is applied in; the checkpoint advances in it too. */
  manager: EntityManager;
  /** The schema to write: the live one, or a new one being rebuilt. */
  schema: string;
  /** The checkpoint's name (the projection's, or its rebuild's): subjects it parks are recorded under it. */
  checkpoint: string;
}

/**
 * A read model: its tables (by migration), which events it reads, and how a batch of them changes
 * its tables. `apply` must be deterministic and must not skip an event it does not understand:
 * throwing stops the projection, which then shows as unhealthy with that event. A projection of
 * subjects (children, workers) may instead park the one subject whose event it cannot apply and
 * carry on with the others (see recomputing-projection).
 */
export interface Projection {
  /** Stable name, e.g. `child-tracker`. */
  readonly name: string;
  /** The schema its tables live in when it is live, e.g. `rm_child_tracker`. */
  readonly schema: string;
  readonly migrations: readonly ReadModelMigration[];
  readonly filter?: LogFilter;
  apply(events: readonly RecordedEvent[], context: ProjectionContext): Promise<void>;
  /** After the transaction of the last `apply` committed: what it kept in memory may be trusted. */
  committed?(): void;
  /** After the transaction of the last `apply` rolled back: forget what it kept in memory for it. */
  discard?(): void;
  /** After another runner or a rebuild moved the checkpoint: forget everything kept in memory. */
  forget?(): void;
  /**
   * The tables it writes when it writes `schema` (its live schema, or one being rebuilt), schema-qualified: the
   * runner brings their statistics up to date after catching up (see runner/table-statistics.ts).
   */
  tables?(schema: string): readonly string[];
}

/** Raised by `apply` for an event that cannot be applied; the runner stops and reports it. */
export class ProjectionError extends Error {
  constructor(
    readonly projection: string,
    readonly eventId: string,
    readonly position: number,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`Projection ${projection} cannot apply event ${eventId} at position ${position}: ${reason}`, options);
    this.name = 'ProjectionError';
  }
}

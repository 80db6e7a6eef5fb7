import type { ReadModelMigration } from '../projection';
import type { FoldedSubject, Subject } from './subject-folds';

/** A table a read model derives: every row belongs to one subject (a child or a worker), found by `subjectColumn`. */
export interface DerivedTable {
  name: string;
  subject: Subject['kind'];
  subjectColumn: string;
  /** Column names in insertion order; each row is an object with these keys. */
  columns: readonly string[];
}

export type DerivedRows = Record<string, ReadonlyArray<Record<string, unknown>>>;

/**
 * A read model of children's cases (and workers' employment): its tables, and how one subject's rows follow
 * from the domain's fold of that subject's whole stream. The engine folds each subject once and hands the
 * same fold to every read model.
 */
export interface CaseReadModel {
  name: string;
  /** The schema its tables live in when it is live, e.g. `rm_child_tracker`. */
  schema: string;
  /** The read model's own tables (besides `subject_events`, which the engine owns). */
  migrations: readonly ReadModelMigration[];
  tables: readonly DerivedTable[];
  /** The event types its rows depend on (for lag counts, and for the date of its latest event); EventRetracted is always added. */
  eventTypes: readonly string[];
  /** Whose streams it reads. */
  categories: readonly Subject['kind'][];
  /** Every row of every table for one subject. Pure: the same fold always gives the same rows. */
  derive(subject: Subject, folded: FoldedSubject): DerivedRows;
}

export * from './projection';
export { openReadModelDataSource } from './read-model-data-source';
export { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionState, type ProjectionStatus, type RunnerLogger } from './runner/projection-runner';
export { CheckpointMoved, CHECKPOINT_MIGRATIONS, advanceCheckpointAfterDelivery, readCheckpoint, recordFailure } from './runner/checkpoints';
export { parkedCounts, parkedSubjects, type ParkedSubject } from './runner/parked-subjects';
export { prepareReadModel } from './runner/prepare-read-model';
export * from './read-models';
export type { CaseReadModel, DerivedRows, DerivedTable } from './engine/case-read-model';
export { readModelEngine, caseReadModelMigrations, type ReadModelEngine, type ReadModelEngineOptions } from './engine/read-model-engine';
export { subjectOf, type Subject, type FoldedSubject, type FoldedChild, type FoldedWorker } from './engine/subject-folds';
export {
  EVENT_STORE_TABLE,
  SUBJECT_EVENTS_COPY,
  eventStoreTable,
  type HistorySource,
  type OpenStoredEvents,
  type StoredEventRow,
} from './engine/subject-history';
export { rebuildReadModel, type RebuildOptions, type RebuildProgress } from './runner/rebuild-read-model';
export {
  advisoryLockLease,
  singleProcessLease,
  type AdvisoryLockLeaseOptions,
  type LeaseConnection,
  type LeaseStatus,
  type ProjectionLease,
} from './runner/projection-lease';

export * from './projection';
export { openReadModelDataSource } from './read-model-data-source';
export { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionState, type ProjectionStatus, type RunnerLogger } from './runner/projection-runner';
export { CheckpointMoved, CHECKPOINT_MIGRATIONS, advanceCheckpointAfterDelivery, readCheckpoint, recordFailure } from './runner/checkpoints';
export { parkedCounts, parkedSubjects, type ParkedSubject } from './runner/parked-subjects';
export { prepareReadModel } from './runner/prepare-read-model';
export * from './read-models';
export {
  defineRecomputingProjection,
  subjectOf,
  type DerivedRows,
  type DerivedTable,
  type RecomputingProjectionDefinition,
  type Subject,
} from './recomputing/recomputing-projection';
export { rebuildReadModel, type RebuildOptions, type RebuildProgress } from './runner/rebuild-read-model';

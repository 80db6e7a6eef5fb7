import type { LocalStandards } from '@csc/timescales';
import type { CaseReadModel } from '../engine/case-read-model';
import { readModelEngine, type ReadModelEngine } from '../engine/read-model-engine';
import { SUBJECT_EVENTS_COPY, eventStoreTable, type HistorySource, type OpenStoredEvents } from '../engine/subject-history';
import { caseloadsReadModel } from './caseloads/caseloads.projection';
import { childTrackerReadModel } from './child-tracker/child-tracker.projection';
import { continuityReadModel } from './continuity/continuity.projection';
import { timelinessReadModel } from './timeliness/timeliness.projection';
import { waitingTimesReadModel } from './waiting-times/waiting-times.projection';

// The access log is a read model of the 'access' streams, not of a case: the audit module runs it (see access-log/).
export * from './access-log';

export const READ_MODEL_NAMES = ['child-tracker', 'timeliness', 'continuity', 'waiting-times', 'caseloads'] as const;
export type ReadModelName = (typeof READ_MODEL_NAMES)[number];

/** The checkpoint of the engine that feeds every read model together. */
export const READ_MODELS_ENGINE = 'read-models';

export interface ReadModelOptions {
  /** Where histories are read from when a child is refolded; default the event store's table in this database. */
  history?: HistorySource;
}

/**
 * Where the engine reads histories: the store's own table, its events opened with `open` (children's personal
 * fields are stored encrypted), unless the store is EventStoreDB (then a copy of the events as the subscription
 * answered them, already opened).
 */
export function historyFor(eventStore: 'postgres' | 'pglite' | 'esdb', open?: OpenStoredEvents): HistorySource {
  return eventStore === 'esdb' ? SUBJECT_EVENTS_COPY : eventStoreTable(open);
}

/** Every read model of the service, with the authority's local standards. */
export function caseReadModels(standards: LocalStandards): Record<ReadModelName, CaseReadModel> {
  return {
    'child-tracker': childTrackerReadModel,
    timeliness: timelinessReadModel(standards),
    continuity: continuityReadModel,
    'waiting-times': waitingTimesReadModel,
    caseloads: caseloadsReadModel,
  };
}

/** Each read model on an engine of its own: to prepare its tables, and to rebuild it alone. */
export function readModelProjections(standards: LocalStandards, options: ReadModelOptions = {}): Record<ReadModelName, ReadModelEngine> {
  const models = caseReadModels(standards);
  return Object.fromEntries(READ_MODEL_NAMES.map((name) => [name, readModelEngine({ name, models: [models[name]], history: options.history })])) as Record<
    ReadModelName,
    ReadModelEngine
  >;
}

/** The live engine: every read model fed from one read of each batch and one fold of each child, with one checkpoint. */
export function allReadModelsEngine(standards: LocalStandards, options: ReadModelOptions = {}): ReadModelEngine {
  const models = caseReadModels(standards);
  return readModelEngine({ name: READ_MODELS_ENGINE, models: READ_MODEL_NAMES.map((name) => models[name]), history: options.history });
}

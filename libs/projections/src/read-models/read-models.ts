import type { LocalStandards } from '@csc/timescales';
import type { Projection } from '../projection';
import { caseloadsProjection } from './caseloads/caseloads.projection';
import { childTrackerProjection } from './child-tracker/child-tracker.projection';
import { continuityProjection } from './continuity/continuity.projection';
import { timelinessProjection } from './timeliness/timeliness.projection';
import { waitingTimesProjection } from './waiting-times/waiting-times.projection';

// The access log is a read model of the 'access' streams, not of a case: the audit module runs it (see access-log/).
export * from './access-log';

export const READ_MODEL_NAMES = ['child-tracker', 'timeliness', 'continuity', 'waiting-times', 'caseloads'] as const;
export type ReadModelName = (typeof READ_MODEL_NAMES)[number];

/** Every read model of the service, with the authority's local standards. */
export function readModelProjections(standards: LocalStandards): Record<ReadModelName, Projection> {
  return {
    'child-tracker': childTrackerProjection,
    timeliness: timelinessProjection(standards),
    continuity: continuityProjection,
    'waiting-times': waitingTimesProjection,
    caseloads: caseloadsProjection,
  };
}

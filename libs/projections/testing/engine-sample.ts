import fc from 'fast-check';
import type { CaseEvent } from '@csc/contracts';
import { arrivalOrderArbitrary, childHistoryArbitrary, type GeneratedHistory } from '../../domain/testing';

/**
 * A fixed sample of generated histories, delivered late and out of order (workers' events first): every event
 * type, late events and retractions. The same seed always gives the same events.
 */
export function engineSampleEvents(histories = 40): CaseEvent[] {
  const withOrder = childHistoryArbitrary.chain((history) => arrivalOrderArbitrary(history).map((order) => ({ history, order })));
  // Generated ids repeat across samples: keep the first history of each child.
  const byChild = new Map<string, { history: GeneratedHistory; order: CaseEvent[] }>();
  for (const drawn of fc.sample(withOrder, { seed: 20_261_202, numRuns: histories }))
    if (!byChild.has(drawn.history.childId)) byChild.set(drawn.history.childId, drawn);
  const sample = [...byChild.values()];
  return [...sample.flatMap(({ history }) => history.workerEvents), ...sample.flatMap(({ order }) => order)];
}

import fc from 'fast-check';
import { streamIdFor, type CaseEvent } from '@csc/contracts';
import { DEFAULT_LOCAL_STANDARDS } from '@csc/timescales';
import { arrivalOrderArbitrary, childHistoryArbitrary } from '../../../domain/testing';
import { caseReadModels, READ_MODEL_NAMES } from '../read-models/read-models';
import type { DerivedRows } from './case-read-model';
import { canExtend, extendFold, foldSubject, subjectOf, type FoldedSubject } from './subject-folds';

const models = caseReadModels(DEFAULT_LOCAL_STANDARDS);

/** Every read model's rows for one subject's fold. */
function rowsOf(streamId: string, folded: FoldedSubject): Record<string, DerivedRows> {
  const subject = subjectOf(streamId);
  return Object.fromEntries(
    READ_MODEL_NAMES.filter((name) => models[name].categories.includes(subject.kind)).map((name) => [name, models[name].derive(subject, folded)]),
  );
}

/**
 * Delivers a stream's events in batches as the engine meets them: a batch that follows the snapshot in order
 * extends it, any other refolds the stream from its history so far. Answers the rows after the last batch.
 */
function incrementally(streamId: string, events: readonly CaseEvent[], cuts: readonly number[]): { rows: Record<string, DerivedRows>; extended: number } {
  const subject = subjectOf(streamId);
  let snapshot: FoldedSubject | undefined;
  let extended = 0;
  let from = 0;
  for (const to of [...cuts.filter((cut) => cut > 0 && cut < events.length), events.length].sort((a, b) => a - b)) {
    if (to <= from) continue;
    const batch = events.slice(from, to).map((event, index) => ({ revision: from + index, event }));
    if (canExtend(snapshot, batch)) {
      snapshot = extendFold(
        snapshot,
        batch.map(({ event }) => event),
        to - 1,
      );
      extended += 1;
    } else snapshot = foldSubject(subject, events.slice(0, to), to - 1);
    from = to;
  }
  return { rows: rowsOf(streamId, snapshot!), extended };
}

describe('the engine folding incrementally', () => {
  it('gives every read model the rows of a full refold, whatever the arrival order and the batches', () => {
    let extendedBatches = 0;
    const case_ = childHistoryArbitrary.chain((history) =>
      fc.record({
        history: fc.constant(history),
        order: arrivalOrderArbitrary(history),
        cuts: fc.array(fc.nat({ max: history.events.length }), { maxLength: 12 }),
        workerCuts: fc.array(fc.nat({ max: Math.max(1, history.workerEvents.length) }), { maxLength: 4 }),
      }),
    );
    fc.assert(
      fc.property(case_, ({ history, order, cuts, workerCuts }) => {
        const childStream = streamIdFor(order[0]);
        const child = incrementally(childStream, order, cuts);
        extendedBatches += child.extended;
        expect(child.rows).toEqual(rowsOf(childStream, foldSubject(subjectOf(childStream), order, order.length - 1)));
        const byWorker = new Map<string, CaseEvent[]>();
        for (const event of history.workerEvents) byWorker.set(streamIdFor(event), [...(byWorker.get(streamIdFor(event)) ?? []), event]);
        for (const [workerStream, events] of byWorker) {
          const worker = incrementally(workerStream, events, workerCuts);
          expect(worker.rows).toEqual(rowsOf(workerStream, foldSubject(subjectOf(workerStream), events, events.length - 1)));
        }
      }),
      { numRuns: Number(process.env.ENGINE_PROPERTY_RUNS ?? 2_000) },
    );
    // The property must have exercised the snapshot path, not only refolds.
    expect(extendedBatches).toBeGreaterThan(100);
  });
});

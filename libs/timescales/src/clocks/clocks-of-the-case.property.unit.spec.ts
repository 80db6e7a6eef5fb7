import fc from 'fast-check';
import { arrivalOrderArbitrary, childHistoryArbitrary, deliverHistory } from '../../../domain/testing';
import { DEFAULT_LOCAL_STANDARDS } from '../local-standards/local-standards';
import { clocksOfCase, computeClocks } from './compute-clocks';

describe('clocks are read from the domain fold of the case', () => {
  it('start and stop only on events the domain keeps on the timeline, and do not depend on the arrival order', () => {
    const withOrder = childHistoryArbitrary.chain((history) => arrivalOrderArbitrary(history).map((order) => ({ history, order })));
    fc.assert(
      fc.property(withOrder, ({ history, order }) => {
        const delivered = deliverHistory(order, { today: history.today, workerEvents: history.workerEvents });
        const options = { asOf: history.today, standards: DEFAULT_LOCAL_STANDARDS };
        const clocks = clocksOfCase(delivered.child, options);
        const onTimeline = new Set(delivered.child.timeline.map((entry) => entry.event.eventId));
        for (const clock of clocks) {
          expect({ start: clock.startEventId, onTimeline: onTimeline.has(clock.startEventId) }).toEqual({ start: clock.startEventId, onTimeline: true });
          if (clock.stopEventId)
            expect({ stop: clock.stopEventId, onTimeline: onTimeline.has(clock.stopEventId) }).toEqual({ stop: clock.stopEventId, onTimeline: true });
        }
        expect(clocks).toEqual(computeClocks(history.events, options));
      }),
      { numRuns: 300 },
    );
  });
});

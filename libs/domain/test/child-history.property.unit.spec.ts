import fc from 'fast-check';
import { validateEnvelope } from '@csc/contracts';
import { describeChildCase } from '../src';
import { arrivalOrderArbitrary, childHistoryArbitrary, deliverHistory, type GeneratedHistory } from '../testing';

const refusalsOf = (history: GeneratedHistory, events = history.events) =>
  deliverHistory(events, { today: history.today, workerEvents: history.workerEvents }).refusals.map(
    (r) => `#${r.index} ${r.event.type} ${r.event.occurredAt}: ${r.error.code}: ${r.error.message}`,
  );

describe('generated child histories', () => {
  it('are contract-valid envelopes', () => {
    fc.assert(
      fc.property(childHistoryArbitrary, (history) => {
        for (const event of [...history.events, ...history.workerEvents]) {
          const result = validateEnvelope(JSON.parse(JSON.stringify(event)));
          if (!result.ok) throw new Error(`${event.type}: ${JSON.stringify(result.errors)}`);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('are accepted event by event in history order', () => {
    fc.assert(
      fc.property(childHistoryArbitrary, (history) => {
        expect(refusalsOf(history)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('are accepted when events arrive late (each after the events it depends on), ending in the same case', () => {
    const withOrder = childHistoryArbitrary.chain((history) => arrivalOrderArbitrary(history).map((order) => ({ history, order })));
    fc.assert(
      fc.property(withOrder, ({ history, order }) => {
        expect(refusalsOf(history, order)).toEqual([]);
        const inOrder = deliverHistory(history.events, { today: history.today, workerEvents: history.workerEvents });
        const late = deliverHistory(order, { today: history.today, workerEvents: history.workerEvents });
        expect(describeChildCase(late.child, history.today)).toEqual(describeChildCase(inOrder.child, history.today));
      }),
      { numRuns: 300 },
    );
  });
});

import fc from 'fast-check';
import { corruptedVariants, childHistoryArbitrary, deliverHistory } from '../testing';

describe('corrupted variants of valid histories', () => {
  it('are accepted up to the corrupted event, which is refused with the labelled code', () => {
    fc.assert(
      fc.property(childHistoryArbitrary, (history) => {
        for (const variant of corruptedVariants(history)) {
          const { refusals } = deliverHistory(variant.events, { today: variant.today, workerEvents: variant.workerEvents });
          const described = refusals.map((r) => `#${r.index} ${r.event.type}: ${r.error.code}: ${r.error.message}`);
          expect({ label: variant.label, refusals: described.slice(0, 1) }).toEqual({
            label: variant.label,
            refusals: [expect.stringMatching(new RegExp(`^#${variant.events.length - 1} \\w+: ${variant.expectedCode}: `))],
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('cover every kind of corruption over a fixed sample of histories', () => {
    const labels = new Set(fc.sample(childHistoryArbitrary, { numRuns: 200, seed: 7 }).flatMap((history) => corruptedVariants(history).map((v) => v.label)));
    expect([...labels].sort()).toHaveLength(33);
  });
});

// The random choices a child's history is built from. fast-check generates and shrinks these; the builder turns
// them into events deterministically, so a failing history shrinks to a short, readable one.
import fc from 'fast-check';

const days = (max: number) => fc.integer({ min: 0, max });
const gaps = (max: number, maxLength: number) => fc.array(fc.integer({ min: 1, max }), { maxLength });

export const REFERRAL_DECISION_CHOICES = ['no-further-action', 'early-help', 'assessment', 'strategy-discussion'] as const;
export const FACTOR_CHOICES = [['21'], ['3A'], ['3A', '4B', '16A'], []] as const;

export const episodeChoicesArbitrary = fc.record({
  gapBefore: days(200),
  contact: fc.boolean(),
  decision: fc.constantFrom(...REFERRAL_DECISION_CHOICES),
  decisionDelay: days(3),
  strategy: fc.record({
    delay: days(5),
    section47: fc.boolean(),
    completesAfter: fc.option(days(15)),
    conference: fc.option(fc.record({ after: days(15), planRequired: fc.boolean() })),
  }),
  assessment: fc.option(
    fc.record({
      delay: days(10),
      authorisedAfter: fc.option(days(60)),
      outcome: fc.constantFrom('child-in-need' as const, 'not-in-need' as const),
      factors: fc.constantFrom(...FACTOR_CHOICES),
    }),
  ),
  allocation: fc.option(
    fc.record({
      delay: days(5),
      firstWorker: days(4),
      steps: fc.array(
        fc.record({
          gap: days(40),
          kind: fc.constantFrom('change' as const, 'unallocate' as const),
          worker: days(4),
          reason: fc.constantFrom('MANAGE' as const, 'LEFTRL' as const),
        }),
        { maxLength: 4 },
      ),
    }),
  ),
  plans: fc.array(
    fc.record({
      planType: fc.constantFrom('CIN' as const, 'CP' as const, 'PATHWAY' as const),
      delay: days(30),
      reviews: gaps(90, 3),
      endedAfter: fc.option(days(60)),
    }),
    { maxLength: 3 },
  ),
  periods: fc.array(
    fc.record({
      delay: days(30),
      placements: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 90 }), longTerm: fc.boolean() }), { maxLength: 3 }),
      legalChanges: gaps(90, 2),
      healthAssessments: gaps(60, 2),
      carePlan: fc.option(fc.record({ delay: days(10), reviews: gaps(90, 3) })),
      ceasedAfter: fc.option(days(100)),
    }),
    { maxLength: 2 },
  ),
  visits: fc.array(fc.record({ day: days(200), seen: fc.boolean(), alone: fc.boolean() }), { maxLength: 6 }),
  missing: fc.array(fc.record({ gap: days(60), hour: fc.integer({ min: 6, max: 18 }), returnDays: days(3), rhi: fc.option(days(4)) }), { maxLength: 2 }),
  closes: fc.boolean(),
  closeGap: days(20),
  retractVisit: fc.boolean(),
});

export type EpisodeChoices = typeof episodeChoicesArbitrary extends fc.Arbitrary<infer T> ? T : never;

export const workerChoicesArbitrary = fc.record({
  joinedBefore: days(400),
  rejoins: fc.boolean(),
  leavesAfter: fc.option(fc.integer({ min: 1, max: 200 })),
  changesDetails: fc.boolean(),
});

export type WorkerChoices = typeof workerChoicesArbitrary extends fc.Arbitrary<infer T> ? T : never;

export const historyChoicesArbitrary = fc.record({
  child: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  startOffset: days(365),
  unborn: fc.boolean(),
  episodes: fc.array(episodeChoicesArbitrary, { minLength: 1, maxLength: 3 }),
  workers: fc.array(workerChoicesArbitrary, { minLength: 5, maxLength: 5 }),
  /** The index of a worker the HR feed has not sent yet (5: none). */
  unheardOfWorker: days(5),
  todayAfter: fc.integer({ min: 1, max: 30 }),
});

export type HistoryChoices = typeof historyChoicesArbitrary extends fc.Arbitrary<infer T> ? T : never;

import { childTracker, childTrackersAsAt, CHILD_TRACKER_SCHEMA, COHORTS, continuityFigures, continuityTrend, rowsOf, type Cohort } from '@csc/projections';
import { describeWithHarness, type ReadModelHarness } from '../../libs/projections/testing';
import { monthEnds } from '../../apps/case-tracker/src/ui/measures/chart-spec';
import { smallCountyEvents } from '../support/county';

/**
 * The set-based queries that answer for many children or many dates at once, against the queries they stand in
 * for (one child, one date at a time), on a generated county: every answer must be the same, child by child.
 */
describeWithHarness('set-based queries of a generated county, against the one-at-a-time queries', (open) => {
  let rm: ReadModelHarness;
  let children: string[];
  beforeAll(async () => {
    rm = await open();
    await rm.record(...smallCountyEvents());
    await rm.catchUp({ batchSize: 1_000 });
    children = (await rowsOf<{ child_id: string }>(rm.dataSource, `SELECT child_id FROM ${CHILD_TRACKER_SCHEMA}.children ORDER BY child_id`)).map(
      (row) => row.child_id,
    );
  }, 600_000);
  afterAll(async () => {
    await rm?.close();
  });

  it.each(['2025-04-15', '2025-09-30', '2026-03-31'])(
    "childTrackersAsAt gives every child's tracker as childTracker gives it, as at %s (Annex A's trackers)",
    async (asAt) => {
      expect(children.length).toBeGreaterThan(400);
      const unknown = 'NOT-A-CHILD';
      const batch = await childTrackersAsAt(rm.dataSource, [...children, unknown], asAt);
      const oneByOne = new Map<string, unknown>();
      for (const childId of [...children, unknown]) {
        const tracker = await childTracker(rm.dataSource, childId, asAt);
        if (tracker) oneByOne.set(childId, tracker);
      }
      expect(oneByOne.size).toBeGreaterThan(100);
      expect(Object.fromEntries(batch)).toEqual(Object.fromEntries(oneByOne));
    },
    120_000,
  );

  it.each(Object.keys(COHORTS) as Cohort[])(
    'continuityTrend gives the figures of twelve month ends as continuityFigures gives each (cohort %s, the last month end explained)',
    async (cohort) => {
      const ends = monthEnds('2026-03-31', 12);
      for (const months of [12, 6]) {
        const trend = await continuityTrend(rm.dataSource, { asOfs: ends, months, cohort, explainOn: ends[ends.length - 1] });
        const oneByOne = [];
        for (const asOf of ends) oneByOne.push(await continuityFigures(rm.dataSource, { asOf, months, cohort, explain: asOf === ends[ends.length - 1] }));
        expect(trend).toEqual(oneByOne);
      }
      if (cohort === 'all')
        expect(Math.min(...(await continuityTrend(rm.dataSource, { asOfs: ends, months: 12, cohort })).map((f) => f.children))).toBeGreaterThan(50);
    },
    120_000,
  );
});

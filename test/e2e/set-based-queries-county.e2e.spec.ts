import {
  caseloadFigures,
  caseloadTrend,
  childTracker,
  childTrackersAsAt,
  CHILD_TRACKER_SCHEMA,
  COHORTS,
  continuityFigures,
  continuityTrend,
  DEFAULT_CASELOAD_TARGETS,
  rowsOf,
  waitingFigures,
  waitingStagesTrend,
  WAITING_TIMES_SCHEMA,
  type Cohort,
} from '@csc/projections';
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

  it('caseloadTrend gives the figures of twelve month ends as caseloadFigures gives each, for the county and for each team', async () => {
    const ends = monthEnds('2026-03-31', 12);
    const teams = (
      await rowsOf<{ team_id: string }>(rm.dataSource, `SELECT DISTINCT team_id FROM ${WAITING_TIMES_SCHEMA}.referrals WHERE team_id IS NOT NULL ORDER BY 1`)
    ).map((row) => row.team_id);
    expect(teams.length).toBeGreaterThan(1);
    for (const teamId of [undefined, ...teams]) {
      const trend = await caseloadTrend(rm.dataSource, { asOfs: ends, teamId, targets: DEFAULT_CASELOAD_TARGETS, explainOn: ends[ends.length - 1] });
      const oneByOne = [];
      for (const asOf of ends)
        oneByOne.push(await caseloadFigures(rm.dataSource, { asOf, teamId, targets: DEFAULT_CASELOAD_TARGETS, explain: asOf === ends[ends.length - 1] }));
      expect({ teamId, trend }).toEqual({ teamId, trend: oneByOne });
    }
    expect((await caseloadTrend(rm.dataSource, { asOfs: ends, targets: DEFAULT_CASELOAD_TARGETS }))[11].overall.cases).toBeGreaterThan(100);
  }, 120_000);

  it("waitingStagesTrend gives each month's stage figures as waitingFigures gives them, for the county and for each team", async () => {
    const ends = monthEnds('2026-03-31', 12);
    const periods = ends.map((to) => ({ from: `${to.slice(0, 7)}-01`, to }));
    const teams = (
      await rowsOf<{ team_id: string }>(rm.dataSource, `SELECT DISTINCT team_id FROM ${WAITING_TIMES_SCHEMA}.referrals WHERE team_id IS NOT NULL ORDER BY 1`)
    ).map((row) => row.team_id);
    for (const teamId of [undefined, ...teams]) {
      const trend = await waitingStagesTrend(rm.dataSource, { periods, teamId });
      const oneByOne = [];
      for (const period of periods) oneByOne.push((await waitingFigures(rm.dataSource, { ...period, teamId })).stages);
      expect({ teamId, trend }).toEqual({ teamId, trend: oneByOne });
    }
    const county = await waitingStagesTrend(rm.dataSource, { periods });
    expect(county.every((stages) => stages.find((stage) => stage.stage === 'referral-to-allocation')!.count > 0)).toBe(true);
  }, 120_000);
});

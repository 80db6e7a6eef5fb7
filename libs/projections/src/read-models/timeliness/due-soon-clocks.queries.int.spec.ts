import { caseEventFactory } from '../../../../domain/testing';
import { describeWithHarness, type ReadModelHarness } from '../../../testing';
import { childTracker } from '../child-tracker/child-tracker.queries';
import { dueSoonClocks } from './due-soon-clocks.queries';

describeWithHarness('clocks due soon', (open) => {
  let rm: ReadModelHarness;
  beforeAll(async () => {
    rm = await open();
    const c1 = caseEventFactory('C1');
    const c2 = caseEventFactory('C2');
    await rm.record(
      // C1's assessment is authorised early: its T2 clocks stop and are never due soon after.
      c1.referral('2024-03-11', 'R7'),
      c1.decision('2024-03-11', 'R7', 'assessment'),
      c1.allocated('2024-03-12', 'W2', 'TEAM-A'),
      c1.assessmentStarted('2024-03-13', 'A7', 'R7'),
      c1.assessmentAuthorised('2024-04-24', 'A7', { outcome: 'child-in-need' }),
      // C2's T2 from the referral is due Wed 8 May 2024 and from the assessment start Wed 15 May; never allocated.
      c2.referral('2024-03-04', 'R1'),
      c2.decision('2024-03-04', 'R1', 'assessment'),
      c2.assessmentStarted('2024-03-11', 'A1', 'R1'),
    );
    await rm.catchUp();
  });
  afterAll(async () => {
    await rm.close();
  });

  it('lists an open clock from its due-soon date to its due date, soonest first, with the days left', async () => {
    const onTuesday = await dueSoonClocks(rm.dataSource, { asOf: '2024-05-07', limit: 100 });
    expect(onTuesday.map((clock) => [clock.childId, clock.rule, clock.anchor, clock.dueOn, clock.daysLeft])).toContainEqual([
      'C2',
      'T2',
      'referral',
      '2024-05-08',
      1,
    ]);
    const onTheDay = await dueSoonClocks(rm.dataSource, { asOf: '2024-05-08', limit: 100 });
    expect(onTheDay.find((clock) => clock.anchor === 'referral')).toMatchObject({ dueOn: '2024-05-08', daysLeft: 0 });
    const dayAfter = await dueSoonClocks(rm.dataSource, { asOf: '2024-05-09', limit: 100 });
    expect(dayAfter.map((clock) => clock.dueOn)).toEqual(['2024-05-15']);
  });

  it('lists exactly the clocks the tracker calls due soon on the same date, and none that stopped', async () => {
    for (const asOf of ['2024-04-01', '2024-05-03', '2024-05-08', '2024-05-14']) {
      const listed = (await dueSoonClocks(rm.dataSource, { asOf, limit: 100 })).map((clock) => `${clock.childId} ${clock.rule} ${clock.anchor} ${clock.dueOn}`);
      const tracked: string[] = [];
      for (const child of ['C1', 'C2']) {
        const tracker = await childTracker(rm.dataSource, child, asOf);
        for (const clock of tracker!.clocks.filter((candidate) => candidate.state === 'due-soon'))
          tracked.push(`${child} ${clock.rule} ${clock.anchor} ${clock.dueOn}`);
      }
      expect(listed.sort()).toEqual(tracked.sort());
      expect(listed.some((clock) => clock.startsWith('C1 T2'))).toBe(false);
    }
  });

  it("keeps to the teams asked for: an unallocated child's clocks are in no team's list", async () => {
    expect(await dueSoonClocks(rm.dataSource, { asOf: '2024-05-07', teamIds: ['TEAM-A'], limit: 100 })).toEqual([]);
  });
});

import { caseEventFactory, workerEventFactory } from '../../../domain/testing';
import { describeWithHarness, type ReadModelHarness } from '../../testing';
import { parkedSubjects } from '../runner/parked-subjects';
import { childTracker, overdueClocks } from './child-tracker/child-tracker.queries';
import { caseloadFigures, DEFAULT_CASELOAD_TARGETS } from './caseloads/caseloads.queries';
import { childWorkerPeriods, continuityFigures } from './continuity/continuity.queries';
import { timelinessByRule } from './timeliness/timeliness.queries';
import { waitingFigures } from './waiting-times/waiting-times.queries';

/** Each scenario in a database of its own, so aggregates count only its children. */
describeWithHarness('read models, hand-worked scenarios', (open) => {
  let rm: ReadModelHarness;
  beforeEach(async () => {
    rm = await open();
  });
  afterEach(async () => {
    await rm.close();
  });

  it('tracks a child through referral and assessment, and times T1 and T2 from both anchors', async () => {
    const c1 = caseEventFactory('C1');
    const c2 = caseEventFactory('C2');
    await rm.record(
      c1.referral('2024-03-04', 'R1'),
      c1.decision('2024-03-05', 'R1', 'assessment'),
      c1.allocated('2024-03-05', 'W1', 'TEAM-A'),
      c1.assessmentStarted('2024-03-06', 'A1', 'R1'),
      c1.visit('2024-03-12', 'V1', { seen: true, seenAlone: false }),
      c1.visit('2024-03-19', 'V2', { seen: true, seenAlone: true }),
      c1.assessmentAuthorised('2024-04-25', 'A1', { outcome: 'child-in-need' }),
      c2.referral('2024-03-04', 'R1'),
      c2.decision('2024-03-04', 'R1', 'assessment'),
      c2.assessmentStarted('2024-03-11', 'A1', 'R1'),
    );
    await rm.catchUp();

    const tracker = await childTracker(rm.dataSource, 'C1', '2024-03-20');
    expect(tracker).toMatchObject({
      status: 'assessment',
      allocation: { workerId: 'W1', teamId: 'TEAM-A', since: '2024-03-05' },
      lastSeen: '2024-03-19',
      lastSeenAlone: '2024-03-19',
      lastStatutoryVisit: '2024-03-19',
      referralsInLast12Months: 1,
    });
    // T1 (day0): due the next working day after Mon 4 March, Tue 5 March; decided that day.
    // T2 from the referral (day1): 4 March is day 1; Good Friday 29 March, Easter Monday 1 April and 6 May skipped: day 45 is Wed 8 May.
    // T2 from the assessment start (day1): 6 March is day 1, so day 45 is two working days later, Fri 10 May.
    expect(tracker!.clocks.map((clock) => [clock.rule, clock.anchor, clock.dueOn, clock.state])).toEqual([
      ['T1', null, '2024-03-05', 'met'],
      ['T2', 'referral', '2024-05-08', 'open'],
      ['T2', 'assessment-start', '2024-05-10', 'open'],
    ]);
    expect(await childTracker(rm.dataSource, 'C1', '2024-03-03')).toBeUndefined();

    // T2 is counted when the assessment is authorised (as the CIN census publishes it): C1's, on 25 April, in April.
    const april = await timelinessByRule(rm.dataSource, { from: '2024-04-01', to: '2024-04-30', rule: 'T2' });
    expect(april.map(({ anchor, total, met, overdue, percentMet }) => ({ anchor, total, met, overdue, percentMet }))).toEqual([
      { anchor: 'assessment-start', total: 1, met: 1, overdue: 0, percentMet: 100 },
      { anchor: 'referral', total: 1, met: 1, overdue: 0, percentMet: 100 },
    ]);
    // C2: from the assessment start Mon 11 March, day 45 is Wed 15 May; nothing authorised by 31 May: overdue,
    // shown apart and outside the DfE's denominator (those completed in May: none).
    const may = await timelinessByRule(rm.dataSource, { from: '2024-05-01', to: '2024-05-31', rule: 'T2' });
    expect(may.map(({ rule, anchor, total, met, overdue, percentMet }) => ({ rule, anchor, total, met, overdue, percentMet }))).toEqual([
      { rule: 'T2', anchor: 'assessment-start', total: 1, met: 0, overdue: 1, percentMet: null },
      { rule: 'T2', anchor: 'referral', total: 1, met: 0, overdue: 1, percentMet: null },
    ]);
    expect(may[0].monthly).toEqual([expect.objectContaining({ month: '2024-05', total: 1, met: 0, overdue: 1 })]);

    const overdue = await overdueClocks(rm.dataSource, { asOf: '2024-05-31', limit: 100 });
    expect(overdue.map((clock) => [clock.childId, clock.rule, clock.anchor, clock.dueOn, clock.daysOverdue])).toEqual([
      ['C2', 'T2', 'referral', '2024-05-08', 23],
      ['C2', 'T2', 'assessment-start', '2024-05-15', 16],
    ]);
  });

  it("lists a child's overdue clocks under the team that holds the child on the date asked, not the team the clock started in", async () => {
    const c = caseEventFactory('C-MOVED');
    await rm.record(
      c.referral('2024-03-04', 'R1'),
      c.decision('2024-03-04', 'R1', 'assessment'),
      c.allocated('2024-03-05', 'W1', 'TEAM-OLD'),
      c.assessmentStarted('2024-03-11', 'A1', 'R1'),
      c.workerChanged('2024-05-20', 'W1', 'W2', { teamId: 'TEAM-NEW', reason: 'TSPROC' }),
    );
    await rm.catchUp();
    const under = async (teamIds: string[], asOf: string) =>
      (await overdueClocks(rm.dataSource, { asOf, teamIds, limit: 100 })).map((clock) => `${clock.childId} ${clock.rule} ${clock.anchor}`);
    // T2 from the referral was due on 8 May, while TEAM-OLD held the child; it moved to TEAM-NEW on 20 May.
    expect(await under(['TEAM-OLD'], '2024-05-31')).toEqual([]);
    expect(await under(['TEAM-NEW'], '2024-05-31')).toEqual(['C-MOVED T2 referral', 'C-MOVED T2 assessment-start']);
    expect(await under(['TEAM-OLD'], '2024-05-10')).toEqual(['C-MOVED T2 referral']);
    expect(await under(['TEAM-NEW'], '2024-05-10')).toEqual([]);
  });

  it('counts workers the DfE way: A, then B, then A again is two workers', async () => {
    const c = caseEventFactory('C3');
    await rm.record(
      c.referral('2024-01-02', 'R1'),
      c.allocated('2024-01-03', 'A', 'TEAM-A'),
      c.workerChanged('2024-03-01', 'A', 'B', { teamId: 'TEAM-A', reason: 'MANAGE' }),
      c.workerChanged('2024-06-03', 'B', 'A', { teamId: 'TEAM-A', reason: 'CHCHAN' }),
    );
    await rm.catchUp();

    // Window 1 January to 31 December 2024; the case opened 2 January and had no worker that one day.
    expect(await continuityFigures(rm.dataSource, { asOf: '2024-12-31', months: 12, cohort: 'all' })).toMatchObject({
      windowStart: '2024-01-01',
      children: 1,
      oneWorker: 0,
      twoWorkers: 1,
      threeOrMore: 0,
      percentThreeOrMore: 0,
      changesByReason: { MANAGE: 1, CHCHAN: 1 },
      daysUnallocated: 1,
    });
    expect(await childWorkerPeriods(rm.dataSource, 'C3', '2024-01-01', '2024-12-31')).toEqual([
      { workerId: 'A', teamId: 'TEAM-A', from: '2024-01-03', to: '2024-03-01', reason: 'allocated', endedBy: 'changed' },
      { workerId: 'B', teamId: 'TEAM-A', from: '2024-03-01', to: '2024-06-03', reason: 'MANAGE', endedBy: 'changed' },
      { workerId: 'A', teamId: 'TEAM-A', from: '2024-06-03', to: null, reason: 'CHCHAN', endedBy: null },
    ]);
  });

  it("leaves a leaver's children unallocated and waiting until they are reallocated, and counts caseloads by FTE", async () => {
    const w = workerEventFactory('workers');
    const c4 = caseEventFactory('C4');
    const c5 = caseEventFactory('C5');
    await rm.record(
      w.joined('2023-06-01', 'W2', { teamId: 'TEAM-B', role: 'social-worker', fte: 1 }),
      w.joined('2023-06-01', 'W3', { teamId: 'TEAM-B', role: 'newly-qualified', fte: 0.8 }),
      c4.referral('2024-01-08', 'R1'),
      c4.allocated('2024-01-09', 'W2', 'TEAM-B'),
      c5.referral('2024-01-08', 'R1'),
      c5.allocated('2024-01-09', 'W2', 'TEAM-B'),
      w.left('2024-04-30', 'W2'),
      c4.unallocated('2024-04-30', 'W2', 'worker-left'),
      c5.unallocated('2024-04-30', 'W2', 'worker-left'),
      c4.allocated('2024-05-10', 'W3', 'TEAM-B'),
      c5.allocated('2024-05-13', 'W3', 'TEAM-B'),
    );
    await rm.catchUp();

    const april = await caseloadFigures(rm.dataSource, { asOf: '2024-04-01', targets: DEFAULT_CASELOAD_TARGETS });
    expect(april.workers).toEqual([
      { workerId: 'W2', teamId: 'TEAM-B', role: 'social-worker', fte: 1, agency: false, cases: 2, casesPerFte: 2, target: 18, overTarget: false },
      { workerId: 'W3', teamId: 'TEAM-B', role: 'newly-qualified', fte: 0.8, agency: false, cases: 0, casesPerFte: 0, target: 10, overTarget: false },
    ]);
    expect(april.overall).toEqual({ cases: 2, caseHoldingFte: 1, casesWithUnknownFte: 0, caseloadPerFte: 2 });

    const afterLeaving = await caseloadFigures(rm.dataSource, { asOf: '2024-05-05', targets: DEFAULT_CASELOAD_TARGETS });
    expect(afterLeaving.workers.map((worker) => [worker.workerId, worker.cases])).toEqual([['W3', 0]]);
    expect(afterLeaving.overall).toEqual({ cases: 0, caseHoldingFte: 0, casesWithUnknownFte: 0, caseloadPerFte: null });

    expect((await waitingFigures(rm.dataSource, { from: '2024-01-01', to: '2024-05-05' })).queue.awaitingAllocation).toEqual([
      { childId: 'C4', referralId: null, since: '2024-04-30', daysWaited: 5 },
      { childId: 'C5', referralId: null, since: '2024-04-30', daysWaited: 5 },
    ]);
    expect((await waitingFigures(rm.dataSource, { from: '2024-01-01', to: '2024-05-11' })).queue.awaitingAllocation).toEqual([
      { childId: 'C5', referralId: null, since: '2024-04-30', daysWaited: 11 },
    ]);

    // 10 May: one case on 0.8 FTE = 1.25, shown to one decimal place; from 13 May, two cases = 2.5.
    const series = await caseloadFigures(rm.dataSource, { asOf: '2024-05-20', targets: DEFAULT_CASELOAD_TARGETS, from: '2024-05-09', to: '2024-05-14' });
    expect(series.series!.map((day) => [day.date, day.cases, day.caseloadPerFte])).toEqual([
      ['2024-05-09', 0, null],
      ['2024-05-10', 1, 1.3],
      ['2024-05-11', 1, 1.3],
      ['2024-05-12', 1, 1.3],
      ['2024-05-13', 2, 2.5],
      ['2024-05-14', 2, 2.5],
    ]);
    expect(series.workers.find((worker) => worker.workerId === 'W3')).toMatchObject({ cases: 2, casesPerFte: 2.5, target: 10, overTarget: false });
  });

  it('changes a past figure when a late event arrives: an authorisation recorded after the due date but dated before it', async () => {
    const c = caseEventFactory('C6');
    await rm.record(c.referral('2024-02-05', 'R1'), c.decision('2024-02-05', 'R1', 'assessment'), c.assessmentStarted('2024-02-06', 'A1', 'R1'));
    await rm.catchUp();
    // From Mon 5 February (day 1), with Good Friday and Easter Monday skipped, day 45 is Tue 9 April.
    const before = await timelinessByRule(rm.dataSource, { from: '2024-04-01', to: '2024-04-30', rule: 'T2' });
    // Overdue and not yet authorised: shown apart, with no completion in April to take a share of.
    expect(before.find((line) => line.anchor === 'referral')).toMatchObject({ total: 1, met: 0, overdue: 1, percentMet: null });

    await rm.record(c.assessmentAuthorised('2024-04-05', 'A1', { outcome: 'not-in-need', factors: [] }));
    await rm.catchUp();
    const after = await timelinessByRule(rm.dataSource, { from: '2024-04-01', to: '2024-04-30', rule: 'T2' });
    expect(after.find((line) => line.anchor === 'referral')).toMatchObject({ total: 1, met: 1, overdue: 0, percentMet: 100 });
  });

  it('honours a retraction: a visit recorded in error no longer counts as the child seen', async () => {
    const c = caseEventFactory('C7');
    const mistaken = c.visit('2024-03-18', 'V2', { seen: true, seenAlone: false });
    await rm.record(c.referral('2024-03-04', 'R1'), c.allocated('2024-03-05', 'W5'), c.visit('2024-03-11', 'V1', { seen: true, seenAlone: true }), mistaken);
    await rm.catchUp();
    expect(await childTracker(rm.dataSource, 'C7', '2024-03-20')).toMatchObject({ lastSeen: '2024-03-18', lastSeenAlone: '2024-03-11' });

    await rm.record(c.retracted('2024-03-19', mistaken, 'Recorded against the wrong child'));
    await rm.catchUp();
    expect(await childTracker(rm.dataSource, 'C7', '2024-03-20')).toMatchObject({
      lastSeen: '2024-03-11',
      lastSeenAlone: '2024-03-11',
      lastStatutoryVisit: '2024-03-11',
    });
  });

  it('restarts the looked-after visit clock (T6) at a placement change', async () => {
    const c = caseEventFactory('C8');
    await rm.record(
      c.referral('2024-01-02', 'R1'),
      c.becameLookedAfter('2024-01-03', 'P1', { placementId: 'PL1' }),
      c.visit('2024-01-09', 'V1'),
      c.placementChanged('2024-02-01', 'P1', 'PL2'),
      c.visit('2024-02-07', 'V2'),
    );
    await rm.catchUp();
    const tracker = await childTracker(rm.dataSource, 'C8', '2024-02-10');
    const visitClocks = tracker!.clocks.filter((clock) => clock.rule === 'T6').map((clock) => [clock.subjectId, clock.startedOn, clock.dueOn, clock.state]);
    // Within a week of each placement start; then at most 6 weeks after each visit in the placement's first year.
    // The second clock of PL1 (due 20 February) stops being due when PL1 ends on 1 February.
    expect(visitClocks).toEqual([
      ['PL1', '2024-01-03', '2024-01-10', 'met'],
      ['PL1', '2024-01-09', '2024-02-20', 'cancelled'],
      ['PL2', '2024-02-01', '2024-02-08', 'met'],
      ['PL2', '2024-02-07', '2024-03-20', 'open'],
    ]);
    expect(tracker!.status).toBe('looked-after');
    expect(tracker!.placementsInLast12Months).toBe(2);
  });

  it('counts in placements in the last 12 months the placement the child was already in when the 12 months began', async () => {
    const c = caseEventFactory('C9');
    await rm.record(
      c.referral('2023-01-02', 'R1'),
      c.becameLookedAfter('2023-01-03', 'P1', { placementId: 'PL1' }),
      c.placementChanged('2023-06-01', 'P1', 'PL2'),
      c.placementChanged('2024-03-01', 'P1', 'PL3'),
    );
    await rm.catchUp();
    // The 12 months to 31 May 2024 begin on 1 June 2023, in PL1, which ended that day (as a 903 episode ending
    // on the first day of the year is in the year), then PL2 and PL3: three.
    expect((await childTracker(rm.dataSource, 'C9', '2024-05-31'))!.placementsInLast12Months).toBe(3);
    // The 12 months to 30 June 2024 begin on 1 July 2023, in PL2: PL2 (already in) and PL3.
    expect((await childTracker(rm.dataSource, 'C9', '2024-06-30'))!.placementsInLast12Months).toBe(2);
    // The 12 months to 1 March 2025 begin on 2 March 2024, in PL3: only PL3, though it started more than 12 months before.
    expect((await childTracker(rm.dataSource, 'C9', '2025-03-01'))!.placementsInLast12Months).toBe(1);
    // To 31 May 2023 (from 1 June 2022): PL1 only; the child was not looked after on 1 June 2022.
    expect((await childTracker(rm.dataSource, 'C9', '2023-05-31'))!.placementsInLast12Months).toBe(1);
  });

  it('counts ICPC timeliness (T3) in the month the conference is held, with those still awaited shown apart as overdue', async () => {
    const held = caseEventFactory('C11');
    const awaited = caseEventFactory('C12');
    await rm.record(
      held.referral('2024-01-08', 'R1'),
      held.strategyDiscussion('2024-01-08', 'SD1', { referralId: 'R1', section47Id: 'S1' }),
      held.section47Completed('2024-01-30', 'S1'),
      held.icpc('2024-02-05', 'ICPC1', { section47Id: 'S1' }),
      awaited.referral('2024-01-10', 'R1'),
      awaited.strategyDiscussion('2024-01-10', 'SD1', { referralId: 'R1', section47Id: 'S1' }),
    );
    await rm.catchUp();
    const line = async (from: string, to: string) => {
      const [t3] = (await timelinessByRule(rm.dataSource, { from, to, rule: 'T3' })).filter((rule) => rule.anchor === 'section47-start');
      return { total: t3.total, met: t3.met, late: t3.late, overdue: t3.overdue, percentMet: t3.percentMet };
    };
    // From Mon 8 January (day 1) day 15 is Fri 26 January; from Wed 10 January it is Tue 30 January.
    // January: neither conference held, both overdue at its end: no completions, so no percentage.
    expect(await line('2024-01-01', '2024-01-31')).toEqual({ total: 2, met: 0, late: 0, overdue: 2, percentMet: null });
    // February: C11's conference on 5 February, late, is the one completion (0 of 1 in time); C12 still awaited.
    expect(await line('2024-02-01', '2024-02-29')).toEqual({ total: 2, met: 0, late: 1, overdue: 1, percentMet: 0 });
  });

  it('leaves children looked after under a series of short breaks (V3, V4) out of the looked-after continuity cohort', async () => {
    const inCare = caseEventFactory('C13');
    const shortBreaks = caseEventFactory('C14');
    const changed = caseEventFactory('C15');
    await rm.record(
      inCare.referral('2024-01-02', 'R1'),
      inCare.allocated('2024-01-02', 'W1'),
      inCare.becameLookedAfter('2024-01-03', 'P1', { legalStatus: 'C2' }),
      shortBreaks.referral('2024-01-02', 'R1'),
      shortBreaks.allocated('2024-01-02', 'W1'),
      shortBreaks.becameLookedAfter('2024-01-03', 'P1', { legalStatus: 'V3' }),
      // Short breaks until 1 June, then a care order: in the cohort on 30 June, not on 31 May.
      changed.referral('2024-01-02', 'R1'),
      changed.allocated('2024-01-02', 'W1'),
      changed.becameLookedAfter('2024-01-03', 'P1', { legalStatus: 'V4' }),
      changed.legalStatusChanged('2024-06-01', 'P1', 'C2'),
    );
    await rm.catchUp();
    const cohort = async (asOf: string) =>
      (await continuityFigures(rm.dataSource, { asOf, months: 12, cohort: 'cla', explain: true })).explain!.map((child) => child.childId);
    expect(await cohort('2024-05-31')).toEqual(['C13']);
    expect(await cohort('2024-06-30')).toEqual(['C13', 'C15']);
    // Every open case still counts them.
    expect((await continuityFigures(rm.dataSource, { asOf: '2024-05-31', months: 12, cohort: 'all' })).children).toBe(3);
  });

  it('keeps a visit in which the child was not seen, but it is not the last statutory visit', async () => {
    const c = caseEventFactory('C10');
    await rm.record(c.referral('2024-03-04', 'R1'), c.visit('2024-03-11', 'V1', { seen: true, seenAlone: true }), c.visit('2024-03-18', 'V2', { seen: false }));
    await rm.catchUp();
    expect(await childTracker(rm.dataSource, 'C10', '2024-03-20')).toMatchObject({
      lastSeen: '2024-03-11',
      lastSeenAlone: '2024-03-11',
      lastStatutoryVisit: '2024-03-11',
    });
    const visits = await rm.dataSource.query(`SELECT visit_id, seen FROM rm_child_tracker.visits WHERE child_id = 'C10' ORDER BY visit_id`);
    expect(visits).toEqual([
      { visit_id: 'V1', seen: true },
      { visit_id: 'V2', seen: false },
    ]);
  });

  it('parks a child whose referral predates the working-day calendar in timeliness only; every other child and read model carries on', async () => {
    const early = caseEventFactory('C9');
    const c = caseEventFactory('C10');
    await rm.record(early.referral('2004-12-31', 'R1'), c.referral('2024-03-04', 'R1'), c.decision('2024-03-05', 'R1', 'assessment'));
    await rm.catchUp();

    expect((await parkedSubjects(rm.database.pool, 'timeliness')).map(({ streamId, reason }) => ({ streamId, reason }))).toEqual([
      { streamId: 'child-C9', reason: expect.stringContaining('deriving child-C9 failed') },
    ]);
    for (const name of ['child-tracker', 'continuity', 'waiting-times', 'caseloads']) expect(await parkedSubjects(rm.database.pool, name)).toEqual([]);
    expect(await childTracker(rm.dataSource, 'C9', '2005-01-10')).toMatchObject({ referralsInLast12Months: 1, clocks: [] });
    const tracker = await childTracker(rm.dataSource, 'C10', '2024-03-06');
    expect(tracker!.clocks.map((clock) => [clock.rule, clock.state])).toEqual([
      ['T1', 'met'],
      ['T2', 'open'],
    ]);
  });
});

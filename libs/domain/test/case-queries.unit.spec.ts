import { EVENT_EXAMPLES, type ChildEvent } from '@csc/contracts';
import {
  acceptedEvents,
  caseStatus,
  currentAllocation,
  currentPeriodOfCare,
  describeChildCase,
  evolveChildCase,
  initialChildCaseState,
  isCaseOpen,
  isLookedAfter,
  openPlans,
  workersAllocatedBetween,
} from '../src';
import { caseEventFactory } from '../testing/case-event-factory';
import { given } from '../testing/given-when-then';

const c = caseEventFactory('C-QUERIES');

describe('caseStatus: the most intensive status the child holds on that date', () => {
  const history = [
    c.referral('2025-01-06', 'R1'),
    c.assessmentStarted('2025-01-08', 'A1', 'R1'),
    c.assessmentAuthorised('2025-02-20', 'A1', { outcome: 'child-in-need' }),
    c.planStarted('2025-03-01', 'CP1', 'CP'),
    c.becameLookedAfter('2025-04-01', 'P1'),
    c.ceased('2025-05-01', 'P1'),
    c.planEnded('2025-05-10', 'CP1'),
    c.planStarted('2025-05-10', 'PW1', 'PATHWAY'),
    c.planEnded('2025-06-01', 'PW1'),
    c.closed('2025-07-01'),
  ];
  const { child } = given(...history).recorded();

  it.each([
    ['2025-01-05', 'not-known'],
    ['2025-01-06', 'referral'],
    ['2025-01-08', 'assessment'],
    ['2025-02-20', 'child-in-need'],
    ['2025-03-01', 'child-protection'],
    ['2025-04-01', 'looked-after'],
    ['2025-05-01', 'child-protection'],
    ['2025-05-10', 'care-leaver'],
    ['2025-06-01', 'child-in-need'],
    ['2025-07-01', 'closed'],
  ])('on %s it is %s', (date, status) => {
    expect(caseStatus(child, date)).toBe(status);
  });

  it('is looked-after for a child whose period of care is recorded with no referral (an SSDA903 return alone), and not-known before and after it', () => {
    const lookedAfterOnly = [c.becameLookedAfter('2025-04-01', 'P9'), c.ceased('2025-06-01', 'P9')].reduce(evolveChildCase, initialChildCaseState);
    expect(caseStatus(lookedAfterOnly, '2025-03-31')).toBe('not-known');
    expect(caseStatus(lookedAfterOnly, '2025-04-01')).toBe('looked-after');
    expect(caseStatus(lookedAfterOnly, '2025-05-31')).toBe('looked-after');
    expect(caseStatus(lookedAfterOnly, '2025-06-01')).toBe('not-known');
  });

  it('answers the open/looked-after questions at the end of each day', () => {
    expect(isCaseOpen(child, '2025-06-30')).toBe(true);
    expect(isCaseOpen(child)).toBe(false);
    expect(isLookedAfter(child, '2025-04-30')).toBe(true);
    expect(isLookedAfter(child, '2025-05-01')).toBe(false);
    expect(currentPeriodOfCare(child, '2025-04-15')?.periodId).toBe('P1');
    expect(openPlans(child, '2025-05-09').map((plan) => plan.planId)).toEqual(['CP1']);
  });
});

describe('allocations over time', () => {
  const { child } = given(
    c.referral('2025-01-06', 'R1'),
    c.allocated('2025-01-07', 'SW1', 'T1'),
    c.workerChanged('2025-02-01', 'SW1', 'SW2', { teamId: 'T2' }),
    c.workerChanged('2025-03-01', 'SW2', 'SW1', { teamId: 'T1' }),
    c.unallocated('2025-04-01', 'SW1'),
  ).recorded();

  it('gives the worker and team on a date, and none once unallocated', () => {
    expect(currentAllocation(child, '2025-01-31')).toMatchObject({ workerId: 'SW1', teamId: 'T1', on: '2025-01-07' });
    expect(currentAllocation(child, '2025-02-01')).toMatchObject({ workerId: 'SW2', teamId: 'T2' });
    expect(currentAllocation(child)).toBeUndefined();
  });

  it('counts each worker once for continuity (A, B, A again is 2 workers)', () => {
    expect(workersAllocatedBetween(child, '2025-01-01', '2025-12-31')).toEqual(['SW1', 'SW2']);
    expect(workersAllocatedBetween(child, '2025-02-05', '2025-02-20')).toEqual(['SW2']);
  });
});

describe('describeChildCase: the Annex A questions, as of a date', () => {
  it('summarises the example story of the contract on 2025-08-15', () => {
    const story = (Object.values(EVENT_EXAMPLES) as { childId?: string }[]).filter((event): event is ChildEvent => event.childId === 'C100234');
    const inOrder = [...story].sort((a, b) => (a.occurredAt.slice(0, 10) < b.occurredAt.slice(0, 10) ? -1 : 1));
    const state = inOrder.reduce(evolveChildCase, initialChildCaseState);
    expect(given(...inOrder).recorded().child.timeline).toEqual(state.timeline);
    expect(describeChildCase(state, '2025-08-15')).toMatchObject({
      childId: 'C100234',
      status: 'looked-after',
      open: true,
      openReferrals: [],
      referralsInLast12Months: 1,
      latestReferral: { referralId: 'REF-51007', receivedOn: '2025-01-06', reReferral: false },
      openAssessments: [],
      allocation: { workerId: 'SW0519', teamId: 'CP-NORTH-1', since: '2025-03-03' },
      openPlans: [],
      lookedAfter: {
        periodId: 'CLA-4410',
        since: '2025-06-02',
        legalStatus: 'C1',
        placement: { placementId: 'PL-9954', since: '2025-08-11' },
        placementsInPeriod: 2,
      },
      openMissingEpisodes: [],
      retractedEvents: 1,
    });
    expect(describeChildCase(state, '2025-08-15').lastVisit).toBeUndefined();
  });

  it('reports the last visit, the last visit seen and seen alone, open work, and re-referrals', () => {
    const { child } = given(
      c.referral('2024-03-01', 'R0'),
      c.closed('2024-03-02'),
      c.referral('2025-01-06', 'R1'),
      c.assessmentStarted('2025-01-08', 'A1', 'R1'),
      c.visit('2025-01-10', 'V1', { seen: true, seenAlone: true }),
      c.visit('2025-01-20', 'V2', { seen: true }),
      c.visit('2025-01-30', 'V3', { seen: false }),
      c.missingStarted('2025-01-25T10:00:00Z', 'M1'),
    ).recorded();
    const summary = describeChildCase(child, '2025-02-01');
    expect(summary).toMatchObject({
      status: 'assessment',
      openReferrals: [{ referralId: 'R1', receivedOn: '2025-01-06' }],
      openAssessments: [{ assessmentId: 'A1', referralId: 'R1', startedOn: '2025-01-08' }],
      referralsInLast12Months: 2,
      latestReferral: { referralId: 'R1', reReferral: true },
      lastVisit: { visitId: 'V3', seen: false },
      lastVisitSeen: { visitId: 'V2' },
      lastVisitSeenAlone: { visitId: 'V1', on: '2025-01-10' },
      openMissingEpisodes: [{ missingEpisodeId: 'M1', startedAt: '2025-01-25T10:00:00Z' }],
    });
    expect(describeChildCase(child, '2025-01-15').lastVisit?.visitId).toBe('V1');
    expect(acceptedEvents(child, '2025-01-06').map((event) => event.type)).toEqual(['ReferralReceived', 'CaseClosed', 'ReferralReceived']);
  });
});

import type { ChildEvent } from '@csc/contracts';
import { caseEventFactory } from '../../../domain/testing';
import { collectionYear } from '../return-period';
import { cinCensusChildOf } from './cin-census-export-mapping';

const YEAR_2025 = collectionYear(2025); // 1 April 2024 to 31 March 2025

function mapped(events: ChildEvent[], childId = events[0].childId) {
  return cinCensusChildOf(childId, events, YEAR_2025);
}

describe('CIN census mapping of one child (collection year 2025)', () => {
  it('writes a protection case in the year with its referral, assessment, s47 and ICPC target, CP plan and review, and the CIN plan after it', () => {
    const c = caseEventFactory('CIN-1');
    const events = [
      c.childDetails('2024-05-01', { dateOfBirth: '2015-03-27', disabilities: ['HAND', 'HEAR'] }),
      c.referral('2024-05-01', 'R1'),
      c.decision('2024-05-01', 'R1', 'strategy-discussion'),
      c.strategyDiscussion('2024-05-02', 'SD1', { referralId: 'R1', section47Id: 'S1' }),
      c.assessmentStarted('2024-05-03', 'A1', 'R1'),
      c.section47Completed('2024-05-16', 'S1'),
      c.icpc('2024-05-20', 'ICPC1', { section47Id: 'S1' }),
      c.planStarted('2024-05-20', 'CP1', 'CP'),
      c.assessmentAuthorised('2024-06-10', 'A1', { factors: ['3A', '4B'] }),
      c.planReviewed('2024-08-15', 'CP1'),
      c.planEnded('2025-02-20', 'CP1'),
      c.planStarted('2025-02-20', 'CIN1', 'CIN'),
      // After 31 March 2025: not in the 2025 return.
      c.planReviewed('2025-04-10', 'CIN1'),
      c.closed('2025-05-01', 'RC7'),
    ];
    expect(mapped(events)).toEqual({
      kind: 'child',
      child: {
        LAchildID: 'CIN-1',
        PersonBirthDate: '2015-03-27',
        Sex: 'F',
        Ethnicity: 'WBRI',
        Disabilities: ['HAND', 'HEAR'],
        CINdetails: [
          {
            CINreferralDate: '2024-05-01',
            ReferralSource: '2A',
            PrimaryNeedCode: 'N1',
            DateOfInitialCPC: '2024-05-20',
            Assessments: [{ AssessmentActualStartDate: '2024-05-03', AssessmentAuthorisationDate: '2024-06-10', FactorsIdentifiedAtAssessment: ['3A', '4B'] }],
            CINPlanDates: [{ CINPlanStartDate: '2025-02-20' }],
            // 15 working days with the start as day 1: 2, 3, (6 May bank holiday) 7-10, 13-17, 20-23 May 2024.
            Section47: [{ S47ActualStartDate: '2024-05-02', InitialCPCtarget: '2024-05-23', DateOfInitialCPC: '2024-05-20', ICPCnotRequired: 0 }],
            ReferralNFA: 0,
            ChildProtectionPlans: [
              {
                CPPstartDate: '2024-05-20',
                CPPendDate: '2025-02-20',
                InitialCategoryOfAbuse: 'NEG',
                LatestCategoryOfAbuse: 'NEG',
                NumberOfPreviousCPP: 0,
                CPPreviewDate: ['2024-08-15'],
              },
            ],
          },
        ],
      },
    });
  });

  it('keeps a case open on 1 April but leaves out its assessment authorised the year before, and writes the closure in the year', () => {
    const c = caseEventFactory('CIN-2');
    const events = [
      c.childDetails('2023-10-02', { dateOfBirth: '2012-01-15' }),
      c.referral('2023-10-02', 'R1'),
      c.decision('2023-10-02', 'R1', 'assessment'),
      c.assessmentStarted('2023-10-03', 'A1', 'R1'),
      c.assessmentAuthorised('2024-02-01', 'A1', { factors: ['1B'] }),
      c.planStarted('2024-02-01', 'CIN1', 'CIN'),
      c.planEnded('2024-09-30', 'CIN1'),
      c.closed('2024-09-30', 'RC7'),
    ];
    const result = mapped(events);
    expect(result.kind === 'child' && result.child.CINdetails).toEqual([
      {
        CINreferralDate: '2023-10-02',
        ReferralSource: '2A',
        PrimaryNeedCode: 'N1',
        CINclosureDate: '2024-09-30',
        ReasonForClosure: 'RC7',
        Assessments: [],
        CINPlanDates: [{ CINPlanStartDate: '2024-02-01', CINPlanEndDate: '2024-09-30' }],
        Section47: [],
        ReferralNFA: 0,
        ChildProtectionPlans: [],
      },
    ]);
  });

  it('writes a referral closed with no further action as ReferralNFA 1', () => {
    const c = caseEventFactory('CIN-3');
    const events = [
      c.childDetails('2024-11-04', { dateOfBirth: '2019-06-01' }),
      c.referral('2024-11-04', 'R1'),
      c.decision('2024-11-05', 'R1', 'no-further-action'),
      c.closed('2024-11-05', 'RC8'),
    ];
    const result = mapped(events);
    expect(
      result.kind === 'child' &&
        result.child.CINdetails.map(({ ReferralNFA, CINclosureDate, ReasonForClosure }) => ({ ReferralNFA, CINclosureDate, ReasonForClosure })),
    ).toEqual([{ ReferralNFA: 1, CINclosureDate: '2024-11-05', ReasonForClosure: 'RC8' }]);
  });

  it('counts earlier child protection plans in NumberOfPreviousCPP, and writes one CINdetails per episode open in the year', () => {
    const c = caseEventFactory('CIN-4');
    const events = [
      c.childDetails('2022-01-10', { dateOfBirth: '2014-02-02' }),
      c.referral('2022-01-10', 'R1'),
      c.decision('2022-01-10', 'R1', 'strategy-discussion'),
      c.icpc('2022-02-01', 'ICPC0'),
      c.planStarted('2022-02-01', 'CP0', 'CP'),
      c.planEnded('2023-01-05', 'CP0'),
      c.closed('2023-01-05', 'RC7'),
      c.referral('2024-04-15', 'R2'),
      c.decision('2024-04-15', 'R2', 'no-further-action'),
      c.closed('2024-04-16', 'RC8'),
      c.referral('2024-07-01', 'R3'),
      c.decision('2024-07-01', 'R3', 'strategy-discussion'),
      c.icpc('2024-07-15', 'ICPC1'),
      c.planStarted('2024-07-15', 'CP1', 'CP'),
    ];
    const result = mapped(events);
    if (result.kind !== 'child') throw new Error(`expected a child, got ${result.kind}`);
    expect(result.child.CINdetails.map((details) => details.CINreferralDate)).toEqual(['2024-04-15', '2024-07-01']);
    expect(result.child.CINdetails[1].ChildProtectionPlans.map((plan) => [plan.CPPstartDate, plan.NumberOfPreviousCPP])).toEqual([['2024-07-15', 1]]);
    expect(result.child.CINdetails[1].DateOfInitialCPC).toBe('2024-07-15');
  });

  it('leaves out a child whose only case closed before 1 April', () => {
    const c = caseEventFactory('CIN-5');
    const events = [
      c.childDetails('2023-05-01', { dateOfBirth: '2010-01-01' }),
      c.referral('2023-05-01', 'R1'),
      c.decision('2023-05-02', 'R1', 'no-further-action'),
      c.closed('2023-05-02', 'RC8'),
    ];
    expect(mapped(events)).toEqual({ kind: 'out-of-scope' });
  });

  it('lists a child in scope without recorded details as omitted, with the reason, rather than inventing a sex or ethnicity', () => {
    const c = caseEventFactory('CIN-6');
    const events = [c.referral('2024-06-03', 'R1')];
    expect(mapped(events)).toEqual({ kind: 'omitted', omitted: { childId: 'CIN-6', reason: expect.stringContaining('ChildDetailsRecorded') } });
  });

  it('writes an unborn child with ExpectedPersonBirthDate only', () => {
    const c = caseEventFactory('CIN-7');
    const events = [c.childDetails('2024-09-02', { expectedDateOfBirth: '2025-01-20' }), c.referral('2024-09-02', 'R1')];
    const result = mapped(events);
    expect(result.kind === 'child' && [result.child.PersonBirthDate, result.child.ExpectedPersonBirthDate]).toEqual([undefined, '2025-01-20']);
  });
});

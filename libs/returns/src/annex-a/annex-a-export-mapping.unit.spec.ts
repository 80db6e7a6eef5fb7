import type { ChildTracker } from '@csc/projections';
import { caseEventFactory } from '../../../domain/testing';
import { ANNEX_A_COLUMNS } from './annex-a-export-spec';
import { annexARowsOf, annexAWindow, orderedRow, type AnnexAList } from './annex-a-export-mapping';

const AS_AT = '2024-09-30';

function tracker(overrides: Partial<ChildTracker> = {}): ChildTracker {
  return {
    childId: 'AA-1',
    asOf: AS_AT,
    status: 'child-protection',
    allocation: { workerId: 'W1', teamId: 'TEAM-A', since: '2024-04-02' },
    lastSeen: '2024-09-20',
    lastSeenAlone: '2024-09-20',
    lastStatutoryVisit: '2024-09-20',
    latestReview: '2024-08-01',
    referralsInLast12Months: 1,
    placementsInLast12Months: 0,
    clocks: [],
    ...overrides,
  };
}

describe('Annex A rows of one child', () => {
  const c = caseEventFactory('AA-1');
  const events = [
    c.childDetails('2024-04-01', { dateOfBirth: '2016-10-15', disabilities: ['NONE'] }),
    c.contact('2024-04-01', 'K1'),
    c.referral('2024-04-02', 'R1'),
    c.decision('2024-04-02', 'R1', 'strategy-discussion'),
    c.allocated('2024-04-02', 'W1', 'TEAM-A'),
    c.strategyDiscussion('2024-04-03', 'SD1', { referralId: 'R1', section47Id: 'S1' }),
    c.assessmentStarted('2024-04-03', 'A1', 'R1'),
    c.visit('2024-04-10', 'V1', { seen: true, seenAlone: true }),
    c.section47Completed('2024-04-17', 'S1'),
    c.icpc('2024-04-22', 'ICPC1', { section47Id: 'S1' }),
    c.planStarted('2024-04-22', 'CP1', 'CP'),
    c.assessmentAuthorised('2024-05-20', 'A1'),
    c.planReviewed('2024-08-01', 'CP1'),
  ];

  it('takes the six months to the date, both ends included', () => {
    expect(annexAWindow('2024-09-30')).toEqual({ from: '2024-03-31', to: '2024-09-30' });
    expect(annexAWindow('2024-08-31')).toEqual({ from: '2024-03-01', to: '2024-08-31' });
  });

  it('writes the contact, referral, assessment, s47, child in need and CP plan rows with the Annex A categories and dd/mm/yyyy dates', () => {
    const rows = annexARowsOf('AA-1', events, tracker(), AS_AT);
    const person = { 'Child Unique ID': 'AA-1', Gender: 'b) Female', Ethnicity: 'a) White', 'Date of Birth': '15/10/2016', 'Age of Child (Years)': 7 };
    const allocation = { 'Allocated Team': 'TEAM-A', 'Allocated Worker': 'W1' };
    expect(rows.list_1).toEqual([{ ...person, 'Date of Contact': '01/04/2024', 'Contact Source': 'b) Schools' }]);
    expect(rows.list_3).toEqual([
      {
        ...person,
        'Date of referral': '02/04/2024',
        'Referral Source': 'b) Schools',
        'Referral NFA?': 'No',
        'Number of Referrals in Last 12 Months': 1,
        ...allocation,
      },
    ]);
    expect(rows.list_4).toEqual([
      {
        ...person,
        'Does the Child have a Disability': 'No',
        'Continuous Assessment Start Date': '03/04/2024',
        'Child Seen During Continuous Assessment': 'Yes',
        'Continuous Assessment Date of Authorisation': '20/05/2024',
        "Was the child assessed as requiring LA children's social care support?": 'Yes',
        ...allocation,
      },
    ]);
    expect(rows.list_5[0]).toMatchObject({
      'Strategy discussion initiating Section 47 Enquiry Start Date': '03/04/2024',
      'Was an Initial Child Protection Conference deemed unnecessary?': 'No',
      'Date of Initial Child Protection Conference': '22/04/2024',
      'Did the Initial Child Protection Conference Result in a Child Protection Plan': 'Yes',
      'Number of Section 47 Enquiries in the last 12 months': 1,
      'Number of ICPCs in the last 12 months': 1,
    });
    expect(rows.list_6[0]).toMatchObject({
      'CIN Start Date': '02/04/2024',
      'Primary Need Code': 'a) Abuse or neglect',
      'Case Status': 'b) Child Protection plan',
    });
    expect(rows.list_7[0]).toMatchObject({
      'Child Protection Plan Start Date': '22/04/2024',
      'Initial Category of Abuse': 'a) Neglect',
      'Date of the Last Statutory Visit': '20/09/2024',
      'Was the Child Seen Alone?': 'Yes',
      'Date of latest review conference': '01/08/2024',
      'Number of Previous Child Protection Plans': 0,
    });
    expect(rows.list_8).toEqual([]);
  });

  it('uses only the columns of Annex_A_schema.yml, each row in the list’s column order', () => {
    const rows = annexARowsOf('AA-1', events, tracker(), AS_AT);
    for (const list of Object.keys(rows) as AnnexAList[]) {
      for (const row of rows[list]) {
        expect({ list, unknown: Object.keys(row).filter((column) => !(ANNEX_A_COLUMNS[list] as readonly string[]).includes(column)) }).toEqual({
          list,
          unknown: [],
        });
        expect(orderedRow(list, row)).toHaveLength(ANNEX_A_COLUMNS[list].length);
      }
    }
  });

  it('leaves out what happened before the six months and after the date', () => {
    const rows = annexARowsOf('AA-1', events, tracker(), '2024-04-01');
    expect(rows.list_1).toHaveLength(1);
    expect(rows.list_3).toEqual([]);
    expect(annexARowsOf('AA-1', events, tracker(), '2025-06-30').list_1).toEqual([]);
  });

  it('writes a looked-after child with the legal status, placement and the tracker’s count of placements', () => {
    const l = caseEventFactory('AA-2');
    const looked = [
      l.childDetails('2024-01-05', { dateOfBirth: '2010-03-01', disabilities: ['AUT'] }),
      l.referral('2024-01-05', 'R1'),
      l.becameLookedAfter('2024-01-06', 'P1', { legalStatus: 'V2', placementType: 'U1' }),
      l.legalStatusChanged('2024-05-01', 'P1', 'C2'),
      l.missingStarted('2024-06-01T20:00:00Z', 'M1'),
      l.missingEnded('2024-06-02T08:00:00Z', 'M1'),
      l.returnInterview('2024-06-03T10:00:00Z', 'M1'),
    ];
    const [row] = annexARowsOf('AA-2', looked, tracker({ childId: 'AA-2', status: 'looked-after', placementsInLast12Months: 1 }), AS_AT).list_8;
    expect(row).toMatchObject({
      'Does the Child have a Disability': 'Yes',
      'Date Started to be Looked After': '06/01/2024',
      "Child's Category of Need": 'a) Abuse or neglect',
      'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': 'No',
      'Start date of current legal status': '01/05/2024',
      "Child's Legal Status": 'b) Full care orders',
      'Number of Placements in the Last 12 months': 1,
      'Placement Type': 'a) Foster placement',
      "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": 1,
      'Did the child accept a Return Interview after their last missing episode (Y/N)?': 'Yes',
    });
  });
});

import { Readable } from 'node:stream';
import type { ImportedChild, ImportedRow } from '../import-facts';
import { importEventId } from '../import-facts';
import { readCinCensusChildren } from './cin-census-import-reader';

const CENSUS_2026 = { year: '2025', identifiers: (gender: string) => `<Sex>${gender}</Sex>` };

function message(children: string, year = '2025', lea = '201'): string {
  return `<Message>
  <Header>
    <CollectionDetails><Collection>CIN</Collection><Year>${year}</Year><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails>
    <Source><LEA>${lea}</LEA></Source>
  </Header>
  <Children>${children}</Children>
</Message>`;
}

function child(body: { id?: string; identifiers?: string; characteristics?: string; details: string }): string {
  return `<Child>
    <ChildIdentifiers><LAchildID>${body.id ?? 'C1'}</LAchildID><PersonBirthDate>2015-03-27</PersonBirthDate>${body.identifiers ?? CENSUS_2026.identifiers('F')}</ChildIdentifiers>
    <ChildCharacteristics>${body.characteristics ?? '<Ethnicity>WBRI</Ethnicity>'}</ChildCharacteristics>
    ${body.details}
  </Child>`;
}

const referral = (inner = '', date = '2025-04-07', nfa = '0'): string =>
  `<CINdetails><CINreferralDate>${date}</CINreferralDate><ReferralSource>3A</ReferralSource><PrimaryNeedCode>N1</PrimaryNeedCode>${inner}<ReferralNFA>${nfa}</ReferralNFA></CINdetails>`;

async function mapped(xml: string): Promise<ImportedChild[]> {
  const children: ImportedChild[] = [];
  for await (const one of readCinCensusChildren(Readable.from([xml]), 'census.xml')) children.push(one);
  return children;
}

async function onlyChild(xml: string): Promise<ImportedChild> {
  const [first] = await mapped(message(xml));
  return first;
}

const rowOf = (c: ImportedChild, table: string): ImportedRow => c.rows.find((row) => row.table === table)!;
const envelopes = (row: ImportedRow) => row.facts.map((fact) => fact.envelope);

describe('CIN census mapping: child details', () => {
  it.each([
    ['<GenderCurrent>1</GenderCurrent>', 'M'],
    ['<GenderCurrent>2</GenderCurrent>', 'F'],
    ['<GenderCurrent>0</GenderCurrent>', 'U'],
    ['<GenderCurrent>9</GenderCurrent>', 'U'],
    ['<Sex>M</Sex>', 'M'],
    ['<Sex>F</Sex>', 'F'],
    ['<Sex>U</Sex>', 'U'],
  ])('reads %s as gender %s', async (identifiers, gender) => {
    const c = await onlyChild(child({ identifiers, details: referral() }));
    expect(envelopes(rowOf(c, 'Child'))).toEqual([
      {
        type: 'ChildDetailsRecorded',
        schemaVersion: 1,
        childId: 'C1',
        occurredAt: '2015-03-27',
        source: { system: 'cin-census-2025' },
        data: { dateOfBirth: '2015-03-27', gender, ethnicity: 'WBRI', disabilities: ['NONE'] },
      },
    ]);
  });

  it('refuses a GenderCurrent outside 0/1/2/9, naming the element and its line', async () => {
    const identifiers = '<PersonBirthDate>2015-03-27</PersonBirthDate>\n<GenderCurrent>3</GenderCurrent>';
    const [c] = await mapped(
      message(
        `\n<Child>\n<ChildIdentifiers><LAchildID>C1</LAchildID>\n${identifiers}</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>${referral()}</Child>`,
      ),
    );
    const row = rowOf(c, 'Child');
    expect(row.problem).toMatchObject({ code: 'UNKNOWN_CODE', field: 'GenderCurrent' });
    // Line 6 holds <Children>; the child starts on 7 and its GenderCurrent is on 10.
    expect(row).toMatchObject({ file: 'census.xml', line: 10, path: '/Message[1]/Children[1]/Child[1]' });
  });

  it('keeps each disability once and dates an unborn child at the first referral, as a date the source does not give', async () => {
    const c = await onlyChild(
      `<Child><ChildIdentifiers><LAchildID>U1</LAchildID><ExpectedPersonBirthDate>2026-01-10</ExpectedPersonBirthDate><Sex>U</Sex></ChildIdentifiers>
       <ChildCharacteristics><Ethnicity>NOBT</Ethnicity><Disabilities><Disability>HEAR</Disability><Disability>HEAR</Disability><Disability>VIS</Disability></Disabilities></ChildCharacteristics>
       ${referral('', '2025-11-03')}${referral('', '2025-09-01')}</Child>`,
    );
    const [details] = rowOf(c, 'Child').facts;
    expect(details.envelope).toMatchObject({ occurredAt: '2025-09-01', data: { expectedDateOfBirth: '2026-01-10', disabilities: ['HEAR', 'VIS'] } });
    expect(details.dateFromSource).toBe(false);
  });
});

describe('CIN census mapping: referrals, assessments, s47, conferences and plans', () => {
  it('maps a referral with its source (codes with and without letters), NFA decision and closure', async () => {
    const withLetters = await onlyChild(
      child({ details: referral('<CINclosureDate>2025-04-07</CINclosureDate><ReasonForClosure>RC8</ReasonForClosure>', '2025-04-07', '1') }),
    );
    expect(envelopes(rowOf(withLetters, 'CINdetails')).map(({ type, occurredAt, data }) => ({ type, occurredAt, data }))).toEqual([
      { type: 'ReferralReceived', occurredAt: '2025-04-07', data: { referralId: 'cin-ref-2025-04-07', source: '3A', primaryNeed: 'N1' } },
      { type: 'ReferralDecisionMade', occurredAt: '2025-04-07', data: { referralId: 'cin-ref-2025-04-07', decision: 'no-further-action' } },
      { type: 'CaseClosed', occurredAt: '2025-04-07', data: { reason: 'RC8' } },
    ]);
    const withoutLetters = await onlyChild(
      child({
        details: '<CINdetails><CINreferralDate>2025-04-07</CINreferralDate><ReferralSource>4</ReferralSource><ReferralNFA>false</ReferralNFA></CINdetails>',
      }),
    );
    // PrimaryNeedCode left out (optional from the 2025 XSD) is the census's own N0, "not stated".
    expect(envelopes(rowOf(withoutLetters, 'CINdetails'))).toEqual([
      expect.objectContaining({ data: { referralId: 'cin-ref-2025-04-07', source: '4', primaryNeed: 'N0' } }),
    ]);
    const lowerCase = await onlyChild(child({ details: referral().replace('3A', '1c') }));
    expect(envelopes(rowOf(lowerCase, 'CINdetails'))[0].data).toMatchObject({ source: '1C' });
  });

  it('refuses an unknown referral source and a date that does not exist, naming the element', async () => {
    const unknown = await onlyChild(child({ details: referral().replace('3A', '11') }));
    expect(rowOf(unknown, 'CINdetails').problem).toMatchObject({ code: 'UNKNOWN_CODE', field: 'ReferralSource' });
    expect(rowOf(unknown, 'CINdetails').line).toBe(9);
    const notADay = await onlyChild(child({ details: referral('', '2024-02-31') }));
    expect(rowOf(notADay, 'CINdetails').problem).toEqual({
      code: 'INVALID_DATE',
      field: 'CINreferralDate',
      message: '<CINreferralDate> is "2024-02-31", which is not a real date written YYYY-MM-DD (xs:date).',
    });
    const british = await onlyChild(child({ details: referral('<CINclosureDate>31/02/2024</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>') }));
    expect(rowOf(british, 'CINdetails').problem).toMatchObject({ code: 'INVALID_DATE', field: 'CINclosureDate' });
  });

  it('maps an assessment: found not in need when the episode closed RC8 or RC9, in need otherwise', async () => {
    const assessment =
      '<Assessments><AssessmentActualStartDate>2025-04-08</AssessmentActualStartDate><AssessmentAuthorisationDate>2025-05-20</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment><AssessmentFactors>2A</AssessmentFactors><AssessmentFactors>4a</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>';
    const closedRc9 = await onlyChild(
      child({ details: referral(`<CINclosureDate>2025-05-21</CINclosureDate><ReasonForClosure>RC9</ReasonForClosure>${assessment}`) }),
    );
    expect(envelopes(rowOf(closedRc9, 'Assessments')).map(({ type, occurredAt, data }) => ({ type, occurredAt, data }))).toEqual([
      { type: 'AssessmentStarted', occurredAt: '2025-04-08', data: { assessmentId: 'cin-asmt-2025-04-08', referralId: 'cin-ref-2025-04-07' } },
      { type: 'AssessmentAuthorised', occurredAt: '2025-05-20', data: { assessmentId: 'cin-asmt-2025-04-08', outcome: 'not-in-need', factors: ['2A', '4A'] } },
    ]);
    const open = await onlyChild(child({ details: referral(assessment) }));
    expect(envelopes(rowOf(open, 'Assessments'))[1].data).toMatchObject({ outcome: 'child-in-need' });
  });

  it('reads the ICPC from Section47 (2026 layout) with its enquiry, and the plan it made from the CP plan starting that day', async () => {
    const c = await onlyChild(
      child({
        details: referral(
          '<Section47><S47ActualStartDate>2025-06-02</S47ActualStartDate><DateOfInitialCPC>2025-06-19</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired></Section47>' +
            '<ChildProtectionPlans><CPPstartDate>2025-06-19</CPPstartDate><CPPendDate>2026-02-27</CPPendDate><InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>PHY</LatestCategoryOfAbuse><NumberOfPreviousCPP>0</NumberOfPreviousCPP><Reviews><CPPreviewDate>2025-09-18</CPPreviewDate></Reviews></ChildProtectionPlans>',
        ),
      }),
    );
    expect(envelopes(rowOf(c, 'Section47')).map(({ type, occurredAt, data }) => ({ type, occurredAt, data }))).toEqual([
      {
        type: 'StrategyDiscussionHeld',
        occurredAt: '2025-06-02',
        data: { strategyDiscussionId: 'cin-sd-2025-06-02', referralId: 'cin-ref-2025-04-07', section47Started: true, section47Id: 'cin-s47-2025-06-02' },
      },
      {
        type: 'InitialChildProtectionConferenceHeld',
        occurredAt: '2025-06-19',
        data: { conferenceId: 'cin-icpc-2025-06-19', section47Id: 'cin-s47-2025-06-02', planRequired: true, categoryOfAbuse: 'NEG' },
      },
    ]);
    expect(envelopes(rowOf(c, 'ChildProtectionPlans')).map(({ type, occurredAt, data }) => ({ type, occurredAt, data }))).toEqual([
      { type: 'PlanStarted', occurredAt: '2025-06-19', data: { planId: 'cin-cpp-2025-06-19', planType: 'CP', categoryOfAbuse: 'NEG' } },
      { type: 'PlanEnded', occurredAt: '2026-02-27', data: { planId: 'cin-cpp-2025-06-19' } },
    ]);
    expect(envelopes(rowOf(c, 'CPPreviewDate'))).toEqual([
      expect.objectContaining({ type: 'PlanReviewed', occurredAt: '2025-09-18', data: { planId: 'cin-cpp-2025-06-19' } }),
    ]);
  });

  it('reads the ICPC from CINdetails (2021-2024 layout) as the same fact as the Section47 one of that date, and without a plan when none started', async () => {
    const both = await onlyChild(
      child({
        details: referral(
          '<DateOfInitialCPC>2025-06-19</DateOfInitialCPC><Section47><S47ActualStartDate>2025-06-02</S47ActualStartDate><DateOfInitialCPC>2025-06-19</DateOfInitialCPC><ICPCnotRequired>0</ICPCnotRequired></Section47>',
        ),
      }),
    );
    const fromDetails = rowOf(both, 'CINdetails').facts.find((f) => f.envelope.type === 'InitialChildProtectionConferenceHeld')!;
    const fromSection47 = rowOf(both, 'Section47').facts.find((f) => f.envelope.type === 'InitialChildProtectionConferenceHeld')!;
    expect(fromDetails.key).toBe(fromSection47.key);
    expect(fromDetails.envelope.data).toEqual({ conferenceId: 'cin-icpc-2025-06-19', planRequired: false });
    // Section47 rows come first, so the fact the import keeps is the one that names its enquiry.
    expect(both.rows.findIndex((r) => r.table === 'Section47')).toBeLessThan(both.rows.findIndex((r) => r.table === 'CINdetails'));
  });

  it('maps a CIN plan start and end', async () => {
    const c = await onlyChild(
      child({ details: referral('<CINPlanDates><CINPlanStartDate>2025-05-21</CINPlanStartDate><CINPlanEndDate>2025-06-30</CINPlanEndDate></CINPlanDates>') }),
    );
    expect(envelopes(rowOf(c, 'CINPlanDates')).map(({ type, occurredAt, data }) => ({ type, occurredAt, data }))).toEqual([
      { type: 'PlanStarted', occurredAt: '2025-05-21', data: { planId: 'cin-plan-2025-05-21', planType: 'CIN' } },
      { type: 'PlanEnded', occurredAt: '2025-06-30', data: { planId: 'cin-plan-2025-05-21' } },
    ]);
  });
});

describe('CIN census mapping: keys and ids', () => {
  it("gives a fact the same id in two years' returns and another in another authority", async () => {
    const [y2024] = await mapped(message(child({ details: referral() }), '2024'));
    const [y2025] = await mapped(message(child({ details: referral() }), '2025'));
    const [elsewhere] = await mapped(message(child({ details: referral() }), '2025', '202'));
    const referralKey = (c: ImportedChild) => rowOf(c, 'CINdetails').facts[0].key;
    expect(referralKey(y2024)).toBe('cin-census|201|C1|referral|2025-04-07');
    expect(importEventId(referralKey(y2024))).toBe(importEventId(referralKey(y2025)));
    expect(importEventId(referralKey(elsewhere))).not.toBe(importEventId(referralKey(y2025)));
    expect(rowOf(y2024, 'CINdetails').facts[0].envelope.source).toEqual({ system: 'cin-census-2024' });
  });

  it('numbers each Child and CINdetails in its path and names the line it starts on', async () => {
    const children = await mapped(message(child({ id: 'A', details: referral() }) + child({ id: 'B', details: referral() + referral('', '2025-08-01') })));
    const second = children[1].rows.filter((row) => row.table === 'CINdetails');
    expect(second.map((row) => row.path)).toEqual(['/Message[1]/Children[1]/Child[2]/CINdetails[1]', '/Message[1]/Children[1]/Child[2]/CINdetails[2]']);
    expect(second.map((row) => row.naturalKey)).toEqual(['B referral 2025-04-07', 'B referral 2025-08-01']);
    expect(second[0].line).toBeGreaterThan(children[0].rows[0].line);
  });
});

describe('CIN census reader: files it cannot read', () => {
  it('stops at XML that is not well formed, naming the line', async () => {
    await expect(mapped('<Message>\n<Header>\n</Message>')).rejects.toMatchObject({ code: 'NOT_XML', file: 'census.xml', line: 3 });
  });

  it('refuses another return', async () => {
    await expect(mapped('<Return><Children><Child/></Children></Return>')).rejects.toMatchObject({ code: 'WRONG_SCHEMA', line: 1 });
    await expect(
      mapped(message(child({ details: referral() })).replace('<Collection>CIN</Collection>', '<Collection>SSDA903</Collection>')),
    ).rejects.toMatchObject({
      code: 'WRONG_SCHEMA',
    });
  });

  it('refuses a file with no authority unless one is given', async () => {
    await expect(mapped(message(child({ details: referral() }), '2025', ''))).rejects.toMatchObject({ code: 'MISSING_AUTHORITY' });
  });
});

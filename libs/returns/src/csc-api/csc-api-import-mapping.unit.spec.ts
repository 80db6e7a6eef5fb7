import { caseFactsOf, evolveChildCase, initialChildCaseState, type CaseFacts } from '@csc/domain';
import { caseEventFactory } from '../../../domain/testing';
import { importEventId, importFactKey, type ImportedRow } from '../import-facts';
import { mapCscApiRecord, type CscApiImportContext } from './csc-api-import-mapping';
import { CSC_API_UNKNOWN_TEAM } from './csc-api-import-workers';

const NOTHING_HELD = caseFactsOf(initialChildCaseState);
const context: CscApiImportContext = {
  file: 'csc.ndjson',
  authority: '201',
  today: '2026-12-02',
  teamOf: (workerId) => (workerId === 'SW1' ? 'TEAM-A' : undefined),
};

function rowsOf(value: unknown, held: CaseFacts = NOTHING_HELD, path = '$[0]'): readonly ImportedRow[] {
  const mapped = mapCscApiRecord({ line: 1, path, value }, context);
  if (mapped.kind !== 'child') throw new Error(`expected a child, got ${mapped.kind}`);
  return mapped.child.withHistory!(held);
}

/** Each row as table, natural key and the events it proves (type, date, data), or its problem. */
const summary = (rows: readonly ImportedRow[]) =>
  rows.map((row) => ({
    table: row.table,
    path: row.path,
    naturalKey: row.naturalKey,
    ...(row.problem ? { problem: row.problem } : {}),
    events: row.facts.map((fact) => [fact.envelope.type, fact.envelope.occurredAt, fact.envelope.data]),
  }));

const episode = (extra: Record<string, unknown> = {}) => ({
  social_care_episode_id: 'R1',
  referral_date: '2024-04-02',
  referral_source: '2A',
  referral_no_further_action_flag: false,
  ...extra,
});

const child = (extra: Record<string, unknown> = {}, episodes: unknown[] = [episode()]) => ({
  la_child_id: 'C1',
  child_details: { date_of_birth: '2016-10-15', sex: 'F', ethnicity: 'WBRI', disabilities: [] },
  social_care_episodes: episodes,
  ...extra,
});

describe('CSC API import mapping: one child, row by row', () => {
  it('maps the details and an episode with its assessment, s47, ICPC, CP plan and closure to our events', () => {
    const rows = rowsOf(
      child({}, [
        episode({
          closure_date: '2024-09-01',
          closure_reason: 'RC1',
          child_and_family_assessments: [
            { child_and_family_assessment_id: 'A1', start_date: '2024-04-03', authorisation_date: '2024-05-20', factors: ['3a', '3A'] },
          ],
          section_47_assessments: [
            { section_47_assessment_id: 'S1', start_date: '2024-04-03', icpc_required_flag: true, end_date: '2024-04-17', icpc_date: '2024-04-22' },
          ],
          child_protection_plans: [{ child_protection_plan_id: 'CP1', start_date: '2024-04-22', end_date: '2024-08-30' }],
          child_in_need_plans: [],
        }),
      ]),
    );
    expect(summary(rows)).toEqual([
      {
        table: 'child_details',
        path: '$[0].child_details',
        naturalKey: 'C1 details',
        events: [['ChildDetailsRecorded', '2016-10-15', { dateOfBirth: '2016-10-15', gender: 'F', ethnicity: 'WBRI', disabilities: ['NONE'] }]],
      },
      {
        table: 'social_care_episodes',
        path: '$[0].social_care_episodes[0]',
        naturalKey: 'C1 episode R1',
        events: [
          ['ReferralReceived', '2024-04-02', { referralId: 'R1', source: '2A', primaryNeed: 'N0' }],
          ['CaseClosed', '2024-09-01', { reason: 'RC1' }],
        ],
      },
      {
        table: 'child_and_family_assessments',
        path: '$[0].social_care_episodes[0].child_and_family_assessments[0]',
        naturalKey: 'C1 assessment A1',
        events: [
          ['AssessmentStarted', '2024-04-03', { assessmentId: 'A1', referralId: 'R1' }],
          ['AssessmentAuthorised', '2024-05-20', { assessmentId: 'A1', outcome: 'child-in-need', factors: ['3A'] }],
        ],
      },
      {
        table: 'child_protection_plans',
        path: '$[0].social_care_episodes[0].child_protection_plans[0]',
        naturalKey: 'C1 cp-plan CP1',
        events: [
          ['PlanStarted', '2024-04-22', { planId: 'CP1', planType: 'CP' }],
          ['PlanEnded', '2024-08-30', { planId: 'CP1' }],
        ],
      },
      {
        table: 'section_47_assessments',
        path: '$[0].social_care_episodes[0].section_47_assessments[0]',
        naturalKey: 'C1 s47 S1',
        events: [
          ['StrategyDiscussionHeld', '2024-04-03', { strategyDiscussionId: 'S1-sd', referralId: 'R1', section47Started: true, section47Id: 'S1' }],
          ['Section47EnquiryCompleted', '2024-04-17', { section47Id: 'S1', icpcRequired: true }],
          ['InitialChildProtectionConferenceHeld', '2024-04-22', { conferenceId: 'S1-icpc', section47Id: 'S1', planRequired: false }],
        ],
      },
    ]);
  });

  it('names each fact by format, authority, child and the API id, and says the format in source.system', () => {
    const [, referral] = rowsOf(child());
    expect(referral.facts[0].key).toBe(importFactKey('csc-api', '201', 'C1', 'referral', 'R1'));
    expect(referral.facts[0].key).toBe('csc-api|201|C1|referral|R1');
    expect(referral.facts[0].envelope.source).toEqual({ system: 'csc-api' });
  });

  it('records no further action when the flag says so, and an RC8 closure makes an authorised assessment not-in-need', () => {
    const rows = rowsOf(
      child({}, [
        episode({
          referral_no_further_action_flag: true,
          closure_date: '2024-06-01',
          closure_reason: 'RC8',
          child_and_family_assessments: [{ child_and_family_assessment_id: 'A1', start_date: '2024-04-03', authorisation_date: '2024-05-20' }],
        }),
      ]),
    );
    expect(summary(rows)[1].events[1]).toEqual(['ReferralDecisionMade', '2024-04-02', { referralId: 'R1', decision: 'no-further-action' }]);
    expect(summary(rows)[2].events[1]).toEqual(['AssessmentAuthorised', '2024-05-20', { assessmentId: 'A1', outcome: 'not-in-need', factors: [] }]);
  });

  it('dates an unborn child’s details at the first referral, as a fact whose date the source does not give', () => {
    const [details] = rowsOf(child({ child_details: { expected_date_of_birth: '2024-08-01', sex: 'U', ethnicity: 'NOBT' } }));
    expect(details.facts[0].envelope).toMatchObject({ occurredAt: '2024-04-02', data: { expectedDateOfBirth: '2024-08-01', gender: 'U' } });
    expect(details.facts[0].dateFromSource).toBe(false);
  });
});

describe('CSC API import mapping: care_worker_details become allocations', () => {
  const workers = (care_worker_details: unknown[], extra: Record<string, unknown> = {}) =>
    summary(rowsOf(child({}, [episode({ care_worker_details, ...extra })]))).filter((row) => row.table === 'care_worker_details');

  it('allocates the first worker with their team from the store, changes worker where the next starts the day one ends', () => {
    expect(
      workers([
        { worker_id: 'SW2', start_date: '2024-05-01' },
        { worker_id: 'SW1', start_date: '2024-04-02', end_date: '2024-05-01' },
      ]).map((row) => row.events),
    ).toEqual([
      [['SocialWorkerChanged', '2024-05-01', { fromWorkerId: 'SW1', toWorkerId: 'SW2', teamId: CSC_API_UNKNOWN_TEAM, reason: 'OTHERS' }]],
      [['CaseAllocated', '2024-04-02', { workerId: 'SW1', teamId: 'TEAM-A' }]],
    ]);
  });

  it('unallocates at an end no one follows, allocates afresh after the gap, and lets the closure end the last worker', () => {
    expect(
      workers(
        [
          { worker_id: 'SW1', start_date: '2024-04-02', end_date: '2024-04-20' },
          { worker_id: 'SW3', start_date: '2024-05-06', end_date: '2024-09-01' },
        ],
        { closure_date: '2024-09-01', closure_reason: 'RC1' },
      ).map((row) => row.events),
    ).toEqual([
      [
        ['CaseAllocated', '2024-04-02', { workerId: 'SW1', teamId: 'TEAM-A' }],
        ['CaseUnallocated', '2024-04-20', { workerId: 'SW1', reason: 'other' }],
      ],
      [['CaseAllocated', '2024-05-06', { workerId: 'SW3', teamId: CSC_API_UNKNOWN_TEAM }]],
    ]);
  });

  it('refuses an end before the start, naming the field', () => {
    expect(workers([{ worker_id: 'SW1', start_date: '2024-04-20', end_date: '2024-04-02' }])[0].problem).toEqual({
      code: 'DATE_OUT_OF_SEQUENCE',
      field: '$[0].social_care_episodes[0].care_worker_details[0].end_date',
      message: expect.stringContaining('before the start_date 2024-04-20'),
    });
  });
});

describe('CSC API import mapping: bad input is refused with its JSON path', () => {
  const problemOf = (value: unknown) => rowsOf(value).find((row) => row.problem)?.problem;

  it.each([
    ['a date that is no day', child({}, [episode({ referral_date: '2024-02-31' })]), 'INVALID_DATE', '$[0].social_care_episodes[0].referral_date'],
    ['an unknown referral source', child({}, [episode({ referral_source: 'ZZ' })]), 'UNKNOWN_CODE', '$[0].social_care_episodes[0].referral_source'],
    [
      'an unknown assessment factor',
      child({}, [episode({ child_and_family_assessments: [{ child_and_family_assessment_id: 'A1', start_date: '2024-04-03', factors: ['99Z'] }] })]),
      'UNKNOWN_CODE',
      '$[0].social_care_episodes[0].child_and_family_assessments[0].factors[0]',
    ],
    ['a field the schema does not have', child({ nickname: 'x' }), 'UNKNOWN_FIELD', '$[0].nickname'],
    ['a child id with a hyphen', child({ la_child_id: 'C-1' }), 'INVALID_ID', '$[0].la_child_id'],
    ['a string where an array goes', child({ social_care_episodes: 'R1' }), 'WRONG_TYPE', '$[0].social_care_episodes'],
    ['a closure with no reason', child({}, [episode({ closure_date: '2024-06-01' })]), 'MISSING_FIELD', '$[0].social_care_episodes[0].closure_reason'],
    [
      'an unknown ethnicity',
      child({ child_details: { date_of_birth: '2016-10-15', sex: 'F', ethnicity: 'XXXX' } }),
      'UNKNOWN_CODE',
      '$[0].child_details.ethnicity',
    ],
    ['an item that is not an object', 'C1', 'WRONG_TYPE', '$[0]'],
  ])('%s', (_, value, code, field) => {
    expect(problemOf(value)).toEqual({ code, field, message: expect.stringContaining(field) });
  });
});

describe('CSC API import mapping: purge flags', () => {
  const c = caseEventFactory('C1');
  const heldEvents = [
    c.childDetails('2016-10-15', { dateOfBirth: '2016-10-15' }),
    c.referral('2024-04-02', 'R1'),
    c.decision('2024-04-02', 'R1', 'assessment'),
    c.assessmentStarted('2024-04-03', 'A1', 'R1'),
    c.allocated('2024-04-03', 'SW1'),
    c.planStarted('2024-04-10', 'CIN1', 'CIN'),
    c.closed('2024-06-01', 'RC1'),
    c.referral('2024-07-01', 'R2'),
  ];
  const held = caseFactsOf(heldEvents.reduce(evolveChildCase, initialChildCaseState));
  const idOf = (type: string, on: string) => heldEvents.find((event) => event.type === type && event.occurredAt === on)!.eventId;

  it('asks for the child’s record to be destroyed when the child itself is flagged', () => {
    expect(mapCscApiRecord({ line: 3, path: '$[1]', value: { la_child_id: 'C1', purge: true } }, context)).toEqual({
      kind: 'purge',
      childId: 'C1',
      line: 3,
      path: '$[1]',
    });
  });

  it('retracts what a purged episode produced, the latest first, and leaves the next episode alone', () => {
    const rows = rowsOf(child({}, [{ social_care_episode_id: 'R1', purge: true }]), held);
    expect(rows).toHaveLength(2);
    const purge = rows[1];
    expect(purge).toMatchObject({ table: 'social_care_episodes', naturalKey: 'C1 episode R1 purge', purge: true });
    expect(purge.facts.map((fact) => fact.envelope.data)).toEqual(
      [
        idOf('CaseClosed', '2024-06-01'),
        idOf('PlanStarted', '2024-04-10'),
        idOf('CaseAllocated', '2024-04-03'),
        idOf('AssessmentStarted', '2024-04-03'),
        idOf('ReferralDecisionMade', '2024-04-02'),
        idOf('ReferralReceived', '2024-04-02'),
      ].map((retractedEventId) => ({ retractedEventId, reason: 'Purged: the CSC API file csc.ndjson sets purge on episode R1.' })),
    );
    expect(purge.facts.every((fact) => fact.envelope.type === 'EventRetracted' && fact.envelope.occurredAt === '2026-12-02')).toBe(true);
    expect(purge.facts[0].key).toBe(importFactKey('csc-api', '201', 'C1', 'purge', idOf('CaseClosed', '2024-06-01')));
  });

  it('retracts one assessment that is flagged, and nothing when the store holds nothing of it', () => {
    const flagged = (h: CaseFacts) =>
      rowsOf(child({}, [episode({ child_and_family_assessments: [{ child_and_family_assessment_id: 'A1', purge: true }] })]), h).find(
        (row) => row.table === 'child_and_family_assessments',
      )!;
    expect(flagged(held).facts.map((fact) => (fact.envelope.data as { retractedEventId: string }).retractedEventId)).toEqual([
      idOf('AssessmentStarted', '2024-04-03'),
    ]);
    expect(flagged(NOTHING_HELD)).toMatchObject({ purge: true, facts: [] });
  });

  it('counts the parts it cannot record: placements, adoption, care leavers, health and wellbeing', () => {
    const mapped = mapCscApiRecord(
      {
        line: 1,
        path: '$[0]',
        value: child({ health_and_wellbeing: { sdq_assessments: [] } }, [
          episode({
            child_looked_after_placements: [{ child_looked_after_placement_id: 'P1' }, { child_looked_after_placement_id: 'P2' }],
            adoption: {},
            care_leavers: {},
          }),
        ]),
      },
      context,
    );
    expect(mapped.kind === 'child' && mapped.notImported).toEqual({ health_and_wellbeing: 1, child_looked_after_placements: 2, adoption: 1, care_leavers: 1 });
  });

  it('derives the event id from the key alone, so the same file gives the same ids', () => {
    const [first, second] = [rowsOf(child())[1], rowsOf(child())[1]];
    expect(importEventId(first.facts[0].key)).toBe(importEventId(second.facts[0].key));
  });
});

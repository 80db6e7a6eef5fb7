import type { ImportedRow } from '../import-facts';
import { mapSsdChild, type SsdExtract } from './ssd-import-mapping';
import { columnProblem, SSD_TABLE_COLUMNS, ssdTableOf, type SsdTable } from './ssd-import-tables';
import type { SsdRow } from './ssd-import-values';

const EXTRACT: SsdExtract = { authority: '201' };
let line = 1;
/** A row of the table with every column empty but those given. */
function row(table: SsdTable, values: Record<string, string>): SsdRow {
  line += 1;
  const all = Object.fromEntries(SSD_TABLE_COLUMNS[table].map((column) => [column, '']));
  return { table, file: `${table}.csv`, line, values: { ...all, ...values } };
}
const events = (rows: readonly ImportedRow[]) =>
  rows.flatMap((r) => r.facts.map((f) => ({ type: f.envelope.type, on: f.envelope.occurredAt, data: f.envelope.data })));
const problems = (rows: readonly ImportedRow[]) =>
  rows.filter((r) => r.problem).map((r) => ({ table: r.table, line: r.line, naturalKey: r.naturalKey, ...r.problem }));

const referral = (values: Record<string, string> = {}) =>
  row('ssd_cin_episodes', { cine_referral_id: 'R1', cine_person_id: 'CH1', cine_referral_date: '2024-01-10', cine_referral_source_code: '3A', ...values });

describe('SSD mapping: the front door', () => {
  it('maps a referral with no further action that closed into ReferralReceived, the NFA decision on the referral day, and CaseClosed', () => {
    const rows = mapSsdChild(
      'CH1',
      [referral({ cine_cin_primary_need_code: 'N8', cine_referral_nfa: 'Y', cine_close_reason: 'RC7', cine_close_date: '2024-01-12' })],
      EXTRACT,
    );
    expect(events(rows)).toEqual([
      { type: 'ReferralReceived', on: '2024-01-10', data: { referralId: 'ssd-ref-R1', source: '3A', primaryNeed: 'N8' } },
      { type: 'ReferralDecisionMade', on: '2024-01-10', data: { referralId: 'ssd-ref-R1', decision: 'no-further-action' } },
      { type: 'CaseClosed', on: '2024-01-12', data: { reason: 'RC7' } },
    ]);
    expect(rows[0].facts.map((f) => f.key)).toEqual(['ssd|201|CH1|referral|R1', 'ssd|201|CH1|referral-decision|R1', 'ssd|201|CH1|closure|R1']);
    expect(rows[0].naturalKey).toBe('CH1 referral R1');
  });

  it("takes the referral's decision from cine_referral_outcome_json when the NFA flag is not set, and a blank primary need as N0", () => {
    const outcome = JSON.stringify({ SINGLE_ASSESSMENT_FLAG: 'Y', NFA_FLAG: 'N', STRATEGY_DISCUSSION_FLAG: 'N' });
    const rows = mapSsdChild('CH1', [referral({ cine_referral_outcome_json: outcome, cine_referral_nfa: 'N' })], EXTRACT);
    expect(events(rows).map((e) => e.data)).toEqual([
      { referralId: 'ssd-ref-R1', source: '3A', primaryNeed: 'N0' },
      { referralId: 'ssd-ref-R1', decision: 'assessment' },
    ]);
  });

  it('reads the datetimes SQL Server and spreadsheets write, and refuses 31/02/2024 naming the column', () => {
    const contact = (id: string, date: string) =>
      row('ssd_contacts', { cont_contact_id: id, cont_person_id: 'CH1', cont_contact_date: date, cont_contact_source_code: '1b' });
    const rows = mapSsdChild('CH1', [contact('C1', '2024-03-05 00:00:00.000'), contact('C2', '05/03/2024'), contact('C3', '31/02/2024')], EXTRACT);
    expect(events(rows).map((e) => [e.on, e.data])).toEqual([
      ['2024-03-05', { contactId: 'ssd-cont-C1', source: '1B' }],
      ['2024-03-05', { contactId: 'ssd-cont-C2', source: '1B' }],
    ]);
    expect(problems(rows)).toEqual([
      expect.objectContaining({ table: 'ssd_contacts', line: rows[2].line, naturalKey: 'CH1 contact C3', code: 'INVALID_DATE', field: 'cont_contact_date' }),
    ]);
  });

  it('refuses an unknown referral source, a closure without its reason and an outcome that is not JSON, each with the column', () => {
    const rows = mapSsdChild(
      'CH1',
      [
        referral({ cine_referral_id: 'R1', cine_referral_source_code: '99' }),
        referral({ cine_referral_id: 'R2', cine_close_date: '2024-02-01' }),
        referral({ cine_referral_id: 'R3', cine_referral_outcome_json: 'NFA=Y' }),
      ],
      EXTRACT,
    );
    expect(problems(rows).map((p) => [p.naturalKey, p.code, p.field])).toEqual([
      ['CH1 referral R1', 'UNKNOWN_CODE', 'cine_referral_source_code'],
      ['CH1 referral R2', 'MISSING_FIELD', 'cine_close_reason'],
      ['CH1 referral R3', 'INVALID_JSON', 'cine_referral_outcome_json'],
    ]);
  });
});

describe('SSD mapping: assessments and safeguarding', () => {
  const s47 = row('ssd_s47_enquiry', {
    s47e_s47_enquiry_id: 'S1',
    s47e_referral_id: 'R1',
    s47e_person_id: 'CH1',
    s47e_s47_start_date: '2024-02-02',
    s47e_s47_end_date: '2024-02-14',
  });
  const icpc = (values: Record<string, string>) =>
    row('ssd_initial_cp_conference', { icpc_icpc_id: 'I1', icpc_person_id: 'CH1', icpc_icpc_date: '2024-02-27', icpc_s47_enquiry_id: 'S1', ...values });
  const plan = row('ssd_cp_plans', {
    cppl_cp_plan_id: 'P1',
    cppl_icpc_id: 'I1',
    cppl_person_id: 'CH1',
    cppl_cp_plan_start_date: '2024-02-27',
    cppl_cp_plan_end_date: '2024-09-30',
    cppl_cp_plan_initial_category: 'Multiple: Neglect, Emotional abuse',
  });

  it('maps an assessment authorised with NFA to AssessmentAuthorised not-in-need, with no factors (they are in another table)', () => {
    const rows = mapSsdChild(
      'CH1',
      [
        row('ssd_cin_assessments', {
          cina_assessment_id: 'A1',
          cina_person_id: 'CH1',
          cina_referral_id: 'R1',
          cina_assessment_start_date: '2024-01-11',
          cina_assessment_auth_date: '2024-02-05',
          cina_assessment_outcome_nfa: 'Y',
        }),
      ],
      EXTRACT,
    );
    expect(events(rows)).toEqual([
      { type: 'AssessmentStarted', on: '2024-01-11', data: { assessmentId: 'ssd-asmt-A1', referralId: 'ssd-ref-R1' } },
      { type: 'AssessmentAuthorised', on: '2024-02-05', data: { assessmentId: 'ssd-asmt-A1', outcome: 'not-in-need', factors: [] } },
    ]);
  });

  it('maps an s47 to the strategy discussion that starts it and its completion, which needs an ICPC when a conference names it', () => {
    const rows = mapSsdChild('CH1', [s47, icpc({ icpc_icpc_outcome_cp_flag: 'Y' }), plan], EXTRACT);
    expect(events(rows)).toEqual([
      {
        type: 'StrategyDiscussionHeld',
        on: '2024-02-02',
        data: { strategyDiscussionId: 'ssd-sd-S1', referralId: 'ssd-ref-R1', section47Started: true, section47Id: 'ssd-s47-S1' },
      },
      { type: 'Section47EnquiryCompleted', on: '2024-02-14', data: { section47Id: 'ssd-s47-S1', icpcRequired: true } },
      {
        type: 'InitialChildProtectionConferenceHeld',
        on: '2024-02-27',
        data: { conferenceId: 'ssd-icpc-I1', section47Id: 'ssd-s47-S1', planRequired: true, categoryOfAbuse: 'MUL' },
      },
      { type: 'PlanStarted', on: '2024-02-27', data: { planId: 'ssd-cpp-P1', planType: 'CP', categoryOfAbuse: 'MUL' } },
      { type: 'PlanEnded', on: '2024-09-30', data: { planId: 'ssd-cpp-P1' } },
    ]);
  });

  it('leaves out an enquiry the extract does not hold (a partial history), and refuses a conference that made a plan the extract lacks', () => {
    const partial = mapSsdChild('CH1', [icpc({ icpc_s47_enquiry_id: 'OLD', icpc_icpc_outcome_cp_flag: 'N' })], EXTRACT);
    expect(events(partial)[0].data).toEqual({ conferenceId: 'ssd-icpc-I1', planRequired: false });
    const planless = mapSsdChild('CH1', [icpc({ icpc_icpc_outcome_cp_flag: 'Y' })], EXTRACT);
    expect(problems(planless).map((p) => [p.code, p.field])).toEqual([['MISSING_CP_PLAN', 'icpc_icpc_outcome_cp_flag']]);
  });

  it('records a CP review once it is held, not while it is only due, and reads the categories in words or codes', () => {
    const review = (id: string, date: string) =>
      row('ssd_cp_reviews', {
        cppr_cp_review_id: id,
        cppr_person_id: 'CH1',
        cppr_cp_plan_id: 'P1',
        cppr_cp_review_due: '2024-05-28',
        cppr_cp_review_date: date,
      });
    const rows = mapSsdChild('CH1', [review('V1', '2024-05-21'), review('V2', '')], EXTRACT);
    expect(rows.map((r) => r.facts.map((f) => [f.envelope.type, f.envelope.occurredAt]))).toEqual([[['PlanReviewed', '2024-05-21']], []]);
    const category = (text: string) =>
      mapSsdChild(
        'CH1',
        [row('ssd_cp_plans', { cppl_cp_plan_id: 'P', cppl_person_id: 'CH1', cppl_cp_plan_start_date: '2024-01-01', cppl_cp_plan_initial_category: text })],
        EXTRACT,
      )[0];
    expect(
      ['Neglect', 'physical abuse', 'Sexual abuse', 'EMOTIONAL ABUSE', 'PHY'].map(
        (t) => (category(t).facts[0].envelope.data as { categoryOfAbuse: string }).categoryOfAbuse,
      ),
    ).toEqual(['NEG', 'PHY', 'SAB', 'EMO', 'PHY']);
    expect(category('Domestic abuse').problem?.code).toBe('UNKNOWN_CODE');
  });

  it('counts a visit whose seen flag is empty as not seen, and refuses a flag that is not Y or N', () => {
    const visit = (id: string, seen: string) =>
      row('ssd_cp_visits', {
        cppv_cp_visit_id: id,
        cppv_person_id: 'CH1',
        cppv_cp_plan_id: 'P1',
        cppv_cp_visit_date: '2024-03-05',
        cppv_cp_visit_seen: seen,
        cppv_cp_visit_seen_alone: 'Y',
      });
    const rows = mapSsdChild('CH1', [visit('V1', ''), visit('V2', 'maybe')], EXTRACT);
    expect(rows[0].facts[0].envelope.data).toEqual({ visitId: 'ssd-cppv-V1', seen: false, seenAlone: true });
    expect(rows[1].problem).toMatchObject({ code: 'UNKNOWN_CODE', field: 'cppv_cp_visit_seen' });
  });
});

describe('SSD mapping: periods of care', () => {
  const episode = (id: string, start: string, rne: string, ceased = '', rec = '', placement = '') =>
    row('ssd_cla_episodes', {
      clae_cla_episode_id: id,
      clae_person_id: 'CH1',
      clae_cla_id: 'L1',
      clae_cla_episode_start_date: start,
      clae_cla_episode_start_reason: rne,
      clae_cla_episode_ceased_date: ceased,
      clae_cla_episode_ceased_reason: rec,
      clae_cla_placement_id: placement,
    });
  const placement = (id: string, start: string, type: string, changeReason = '') =>
    row('ssd_cla_placement', {
      clap_cla_placement_id: id,
      clap_person_id: 'CH1',
      clap_cla_id: 'L1',
      clap_cla_placement_start_date: start,
      clap_cla_placement_type: type,
      clap_cla_placement_change_reason: changeReason,
    });
  const status = (code: string, start: string, end = '') =>
    row('ssd_legal_status', {
      lega_legal_status_id: `${code}${start}`,
      lega_person_id: 'CH1',
      lega_legal_status: code,
      lega_legal_status_start_date: start,
      lega_legal_status_end_date: end,
    });

  it('starts the period at its first episode with the first placement and the legal status then, and records the moves, the new status and the end', () => {
    const rows = mapSsdChild(
      'CH1',
      [
        episode('E3', '2024-06-20', 'L', '2025-01-10', 'E4A'),
        episode('E1', '2023-10-02', 'S', '2024-03-11', 'X1', 'P1'),
        episode('E2', '2024-03-11', 'P', '2024-06-20', 'X1'),
        placement('P2', '2024-03-11', 'U4'),
        placement('P1', '2023-10-02', 'U6', 'CARPL'),
        status('C1', '2023-10-02', '2024-06-20'),
        status('C2', '2024-06-20'),
      ],
      EXTRACT,
    );
    expect(problems(rows)).toEqual([]);
    expect(rows.map((r) => [r.naturalKey, r.facts.map((f) => f.envelope.type)])).toEqual([
      ['CH1 cla-episode E3', ['LegalStatusChanged', 'CeasedToBeLookedAfter']],
      ['CH1 cla-episode E1', ['BecameLookedAfter']],
      ['CH1 cla-episode E2', []],
      ['CH1 cla-placement P2', ['PlacementChanged']],
      ['CH1 cla-placement P1', []],
    ]);
    expect(events(rows).map((e) => [e.on, e.data])).toEqual([
      ['2024-06-20', { periodId: 'ssd-cla-L1', legalStatus: 'C2' }],
      ['2025-01-10', { periodId: 'ssd-cla-L1', reason: 'E4A' }],
      ['2023-10-02', { periodId: 'ssd-cla-L1', placementId: 'ssd-clap-P1', placementType: 'U6', longTerm: false, legalStatus: 'C1', reasonNewEpisode: 'S' }],
      // The reason for the move is recorded against the placement that ended (clap_cla_placement_change_reason guidance).
      ['2024-03-11', { periodId: 'ssd-cla-L1', placementId: 'ssd-clap-P2', placementType: 'U4', longTerm: true, reason: 'CARPL' }],
    ]);
  });

  it('refuses a period with no legal status in force, and a placement of no period, saying which table to include', () => {
    const rows = mapSsdChild(
      'CH1',
      [
        episode('E1', '2023-10-02', 'S'),
        placement('P1', '2023-10-02', 'U6'),
        { ...placement('P9', '2023-11-01', 'U6'), values: { ...placement('P9', '2023-11-01', 'U6').values, clap_cla_id: 'L9' } },
      ],
      EXTRACT,
    );
    expect(problems(rows).map((p) => [p.naturalKey, p.code])).toEqual([
      ['CH1 cla-episode E1', 'MISSING_LEGAL_STATUS'],
      ['CH1 cla-placement P9', 'PERIOD_NOT_FOUND'],
    ]);
    expect(problems(rows)[0].message).toContain('ssd_legal_status');
  });

  it('refuses an unknown placement type with the SSDA903 list', () => {
    const rows = mapSsdChild('CH1', [episode('E1', '2023-10-02', 'S'), placement('P1', '2023-10-02', 'ZZ'), status('C2', '2023-01-01')], EXTRACT);
    expect(problems(rows).map((p) => [p.naturalKey, p.code, p.field])).toEqual([
      ['CH1 cla-episode E1', 'UNKNOWN_CODE', 'clap_cla_placement_type'],
      ['CH1 cla-placement P1', 'UNKNOWN_CODE', 'clap_cla_placement_type'],
    ]);
  });
});

describe('SSD mapping: worker allocations', () => {
  const involvement = (id: string, worker: string, start: string, end = '', reason = '', role = 'Allocated Social Worker', team = 'T1') =>
    row('ssd_involvements', {
      invo_involvements_id: id,
      invo_person_id: 'CH1',
      invo_professional_id: worker,
      invo_professional_role_id: role,
      invo_professional_team: team,
      invo_involvement_start_date: start,
      invo_involvement_end_date: end,
      invo_worker_change_reason: reason,
    });
  const withLookups: SsdExtract = { authority: '201', workers: new Set(['W1', 'W2', 'W3', 'IRO']), teams: new Set(['T1']) };

  it('chains the allocations: the first is CaseAllocated, a handover SocialWorkerChanged, a gap CaseUnallocated then CaseAllocated', () => {
    const rows = mapSsdChild(
      'CH1',
      [
        involvement('I1', 'W1', '2024-01-10', '2024-03-01'),
        involvement('I2', 'W2', '2024-03-01', '2024-05-31', 'LEFTRL'),
        involvement('I3', 'W3', '2024-06-10', '', 'ABSENC'),
        involvement('I4', 'IRO', '2024-01-12', '', '', 'Independent Reviewing Officer'),
      ],
      withLookups,
    );
    expect(rows.map((r) => r.facts.map((f) => [f.envelope.type, f.envelope.occurredAt, f.envelope.data]))).toEqual([
      [['CaseAllocated', '2024-01-10', { workerId: 'W1', teamId: 'T1' }]],
      [
        ['SocialWorkerChanged', '2024-03-01', { fromWorkerId: 'W1', toWorkerId: 'W2', teamId: 'T1', reason: 'LEFTRL' }],
        // The next allocation's reason says why the case waited: the worker was absent.
        ['CaseUnallocated', '2024-05-31', { workerId: 'W2', reason: 'worker-absent' }],
      ],
      [['CaseAllocated', '2024-06-10', { workerId: 'W3', teamId: 'T1' }]],
      [],
    ]);
  });

  it('records no unallocation on the day the case closes (closure ends the allocation)', () => {
    const rows = mapSsdChild(
      'CH1',
      [referral({ cine_close_reason: 'RC7', cine_close_date: '2024-03-01' }), involvement('I1', 'W1', '2024-01-10', '2024-03-01')],
      withLookups,
    );
    expect(rows[1].facts.map((f) => f.envelope.type)).toEqual(['CaseAllocated']);
  });

  it('refuses a worker or team the lookups do not list, and a change of worker without its reason', () => {
    const rows = mapSsdChild(
      'CH1',
      [
        involvement('I1', 'W9', '2024-01-10', '2024-02-01'),
        involvement('I2', 'W1', '2024-02-01', '', '', 'Allocated Social Worker', 'T9'),
        involvement('I3', 'W2', '2024-02-01'),
      ],
      withLookups,
    );
    expect(problems(rows).map((p) => [p.naturalKey, p.code, p.field])).toEqual([
      ['CH1 involvement I1', 'UNKNOWN_WORKER', 'invo_professional_id'],
      ['CH1 involvement I2', 'UNKNOWN_TEAM', 'invo_professional_team'],
      ['CH1 involvement I3', 'MISSING_FIELD', 'invo_worker_change_reason'],
    ]);
  });
});

describe('SSD tables', () => {
  it('recognises a table by its name in the file name, else by exactly its columns', () => {
    expect(ssdTableOf('extract/2024-ssd_cla_placement.csv', [])).toBe('ssd_cla_placement');
    expect(ssdTableOf('ssd_cp_plans_2024.csv', [])).toBe('ssd_cp_plans');
    expect(
      ssdTableOf(
        'upload',
        [...SSD_TABLE_COLUMNS.ssd_involvements].reverse().map((c) => c.toUpperCase()),
      ),
    ).toBe('ssd_involvements');
    expect(ssdTableOf('people.csv', ['id', 'name'])).toBeUndefined();
  });

  it('refuses a column the table does not define, and a file without its id or person column', () => {
    expect(columnProblem('ssd_contacts', ['CONT_CONTACT_ID', 'CONT_PERSON_ID', 'CONT_DATE'])).toMatch(/^cont_date is not a column of ssd_contacts/);
    expect(columnProblem('ssd_contacts', ['CONT_CONTACT_ID', 'CONT_CONTACT_DATE'])).toBe('ssd_contacts needs the column cont_person_id, which this file lacks');
    expect(columnProblem('ssd_contacts', ['cont_contact_id', 'cont_person_id'])).toBeUndefined();
  });
});

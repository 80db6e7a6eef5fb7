// The Standard Safeguarding Dataset's tables as its data model defines them: every field of each table, in order, from
// ../shared/data/ssd-data-model/data/objects/ssd_*.yml (data-to-insight/ssd-data-model 4987c73f), and ssd_legal_status
// from docs/admin/data_objects_specification.csv of the same version (LEGA001A-LEGA005A), which has no yml of its own.
// A file is recognised by its name (ssd_contacts.csv, 2024-ssd_contacts.csv) or, failing that, by its columns.

export const SSD_TABLE_COLUMNS = {
  ssd_person: [
    'pers_person_id',
    'pers_forename',
    'pers_surname',
    'pers_sex',
    'pers_gender',
    'pers_ethnicity',
    'pers_dob',
    'pers_common_child_id',
    'pers_legacy_id',
    'pers_upn_unknown',
    'pers_send_flag',
    'pers_expected_dob',
    'pers_death_date',
    'pers_is_mother',
    'pers_nationality',
  ],
  ssd_contacts: ['cont_contact_id', 'cont_person_id', 'cont_contact_date', 'cont_contact_source_code', 'cont_contact_source_desc', 'cont_contact_outcome_json'],
  ssd_cin_episodes: [
    'cine_referral_id',
    'cine_person_id',
    'cine_referral_date',
    'cine_cin_primary_need_code',
    'cine_referral_source_code',
    'cine_referral_source_desc',
    'cine_referral_outcome_json',
    'cine_referral_nfa',
    'cine_close_reason',
    'cine_close_date',
    'cine_referral_team',
    'cine_referral_worker_id',
  ],
  ssd_cin_assessments: [
    'cina_assessment_id',
    'cina_person_id',
    'cina_referral_id',
    'cina_assessment_start_date',
    'cina_assessment_child_seen',
    'cina_assessment_auth_date',
    'cina_assessment_outcome_json',
    'cina_assessment_outcome_nfa',
    'cina_assessment_team',
    'cina_assessment_worker_id',
  ],
  ssd_cin_plans: [
    'cinp_cin_plan_id',
    'cinp_referral_id',
    'cinp_person_id',
    'cinp_cin_plan_start_date',
    'cinp_cin_plan_end_date',
    'cinp_cin_plan_team',
    'cinp_cin_plan_worker_id',
  ],
  ssd_cin_visits: ['cinv_cin_visit_id', 'cinv_person_id', 'cinv_cin_visit_date', 'cinv_cin_visit_seen', 'cinv_cin_visit_seen_alone', 'cinv_cin_visit_bedroom'],
  ssd_s47_enquiry: [
    's47e_s47_enquiry_id',
    's47e_referral_id',
    's47e_person_id',
    's47e_s47_start_date',
    's47e_s47_end_date',
    's47e_s47_nfa',
    's47e_s47_outcome_json',
    's47e_s47_completed_by_worker_id',
    's47e_s47_completed_by_team',
  ],
  ssd_initial_cp_conference: [
    'icpc_icpc_id',
    'icpc_icpc_meeting_id',
    'icpc_s47_enquiry_id',
    'icpc_person_id',
    'icpc_cp_plan_id',
    'icpc_referral_id',
    'icpc_icpc_transfer_in',
    'icpc_icpc_target_date',
    'icpc_icpc_date',
    'icpc_icpc_outcome_cp_flag',
    'icpc_icpc_outcome_json',
    'icpc_icpc_team',
    'icpc_icpc_worker_id',
  ],
  ssd_cp_plans: [
    'cppl_cp_plan_id',
    'cppl_referral_id',
    'cppl_icpc_id',
    'cppl_person_id',
    'cppl_cp_plan_start_date',
    'cppl_cp_plan_end_date',
    'cppl_cp_plan_initial_category',
    'cppl_cp_plan_ola',
    'cppl_cp_plan_latest_category',
  ],
  ssd_cp_reviews: [
    'cppr_cp_review_id',
    'cppr_person_id',
    'cppr_cp_plan_id',
    'cppr_cp_review_due',
    'cppr_cp_review_date',
    'cppr_cp_review_meeting_id',
    'cppr_cp_review_outcome_continue_cp',
    'cppr_cp_review_quorate',
    'cppr_cp_review_participation',
  ],
  ssd_cp_visits: [
    'cppv_cp_visit_id',
    'cppv_person_id',
    'cppv_cp_plan_id',
    'cppv_cp_visit_date',
    'cppv_cp_visit_seen',
    'cppv_cp_visit_seen_alone',
    'cppv_cp_visit_bedroom',
  ],
  ssd_cla_episodes: [
    'clae_cla_episode_id',
    'clae_person_id',
    'clae_cla_episode_start_date',
    'clae_cla_episode_start_reason',
    'clae_cla_primary_need_code',
    'clae_cla_episode_ceased_date',
    'clae_cla_episode_ceased_reason',
    'clae_cla_id',
    'clae_referral_id',
    'clae_cla_placement_id',
    'clae_entered_care_date',
    'clae_cla_last_iro_contact_date',
  ],
  ssd_cla_placement: [
    'clap_cla_placement_id',
    'clap_cla_placement_start_date',
    'clap_cla_placement_type',
    'clap_cla_placement_urn',
    'clap_cla_placement_distance',
    'clap_cla_id',
    'clap_cla_placement_provider',
    'clap_cla_placement_postcode',
    'clap_cla_placement_end_date',
    'clap_cla_placement_change_reason',
    'clap_person_id',
  ],
  ssd_cla_reviews: [
    'clar_cla_review_id',
    'clar_cla_id',
    'clar_cla_review_due_date',
    'clar_cla_review_date',
    'clar_cla_review_cancelled',
    'clar_cla_review_participation',
  ],
  ssd_cla_visits: ['clav_cla_visit_id', 'clav_cla_id', 'clav_person_id', 'clav_cla_visit_date', 'clav_cla_visit_seen', 'clav_cla_visit_seen_alone'],
  ssd_legal_status: ['lega_legal_status_id', 'lega_person_id', 'lega_legal_status', 'lega_legal_status_start_date', 'lega_legal_status_end_date'],
  ssd_involvements: [
    'invo_involvements_id',
    'invo_professional_id',
    'invo_professional_role_id',
    'invo_professional_team',
    'invo_involvement_start_date',
    'invo_involvement_end_date',
    'invo_worker_change_reason',
    'invo_person_id',
    'invo_referral_id',
  ],
  ssd_professionals: [
    'prof_professional_id',
    'prof_staff_id',
    'prof_professional_name',
    'prof_social_worker_registration_no',
    'prof_professional_job_title',
    'prof_professional_caseload',
    'prof_professional_department',
    'prof_full_time_equivalency',
    'prof_agency_worker_flag',
  ],
  ssd_department: ['dept_team_id', 'dept_team_name', 'dept_team_parent_id', 'dept_team_parent_name'],
} as const;

export type SsdTable = keyof typeof SSD_TABLE_COLUMNS;

/** The tables whose rows become events of a child, in the order the report lists them. */
export const SSD_IMPORTED_TABLES = [
  'ssd_contacts',
  'ssd_cin_episodes',
  'ssd_cin_assessments',
  'ssd_cin_plans',
  'ssd_cin_visits',
  'ssd_s47_enquiry',
  'ssd_initial_cp_conference',
  'ssd_cp_plans',
  'ssd_cp_reviews',
  'ssd_cp_visits',
  'ssd_cla_episodes',
  'ssd_cla_placement',
  'ssd_cla_visits',
  'ssd_involvements',
] as const;

export type SsdImportedTable = (typeof SSD_IMPORTED_TABLES)[number];

/** Tables read only for what the imported rows refer to: the legal status a period of care starts with, workers, teams. */
export const SSD_LOOKUP_TABLES = ['ssd_legal_status', 'ssd_professionals', 'ssd_department'] as const;
export type SsdLookupTable = (typeof SSD_LOOKUP_TABLES)[number];

/** Why each table that is neither imported nor a lookup is read but not recorded. */
export const SSD_NOT_IMPORTED: Readonly<Record<Exclude<SsdTable, SsdImportedTable | SsdLookupTable>, string>> = {
  ssd_person:
    'ChildDetailsRecorded needs the child’s disabilities (CIN census list), which ssd_person does not hold; names and NHS numbers are not kept by design',
  ssd_cla_reviews: 'a looked-after review is a PlanReviewed of the CLA care plan, and these tables name no care plan (ssd_cla_care_plan is not among them)',
};

export const SSD_LOOKUP_USE: Readonly<Record<SsdLookupTable, string>> = {
  ssd_legal_status: 'read for the legal status each ssd_cla_episodes row starts or changes to (BecameLookedAfter, LegalStatusChanged)',
  ssd_professionals:
    'read as the workers ssd_involvements rows may name; the workers’ own records (SocialWorkerJoined) need a role and a joining date the table does not hold',
  ssd_department: 'read as the teams ssd_involvements rows may name (the teamId of CaseAllocated and SocialWorkerChanged)',
};

/** The column naming the child in each per-child table. */
export const SSD_PERSON_COLUMN: Readonly<Record<SsdImportedTable | 'ssd_legal_status', string>> = {
  ssd_contacts: 'cont_person_id',
  ssd_cin_episodes: 'cine_person_id',
  ssd_cin_assessments: 'cina_person_id',
  ssd_cin_plans: 'cinp_person_id',
  ssd_cin_visits: 'cinv_person_id',
  ssd_s47_enquiry: 's47e_person_id',
  ssd_initial_cp_conference: 'icpc_person_id',
  ssd_cp_plans: 'cppl_person_id',
  ssd_cp_reviews: 'cppr_person_id',
  ssd_cp_visits: 'cppv_person_id',
  ssd_cla_episodes: 'clae_person_id',
  ssd_cla_placement: 'clap_person_id',
  ssd_cla_visits: 'clav_person_id',
  ssd_involvements: 'invo_person_id',
  ssd_legal_status: 'lega_person_id',
};

const TABLES = Object.keys(SSD_TABLE_COLUMNS) as SsdTable[];

/** The table a file holds: by the table name in the file's name (the longest that fits), else by exactly its columns. */
export function ssdTableOf(fileName: string, columns: readonly string[]): SsdTable | undefined {
  const stem = fileName.toLowerCase().replace(/^.*[\\/]/, '');
  const named = TABLES.filter((table) => new RegExp(`(^|[^a-z0-9])${table}(?![a-z])`).test(stem)).sort((a, b) => b.length - a.length)[0];
  if (named !== undefined) return named;
  const given = [...new Set(columns.map((column) => column.trim().toLowerCase()))].sort().join(',');
  return TABLES.find((table) => [...SSD_TABLE_COLUMNS[table]].sort().join(',') === given);
}

/**
 * What is wrong with the file's columns for this table, if anything: a column the data model does not define for it
 * (the wrong file, or a misspelt header), or a missing id column. Other columns may be left out: not every case
 * management system fills every field (the data model's `cms` lists), and a row that needs one is refused on its own.
 */
export function columnProblem(table: SsdTable, columns: readonly string[]): string | undefined {
  const defined: readonly string[] = SSD_TABLE_COLUMNS[table];
  const given = columns.map((column) => column.trim().toLowerCase());
  const unknown = given.filter((column) => !defined.includes(column));
  if (unknown.length > 0) return `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a column' : 'are not columns'} of ${table} (${defined.join(', ')})`;
  const needed = [defined[0], ...(table in SSD_PERSON_COLUMN ? [SSD_PERSON_COLUMN[table as keyof typeof SSD_PERSON_COLUMN]] : [])];
  const missing = needed.filter((column) => !given.includes(column));
  if (missing.length > 0) return `${table} needs the column${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which this file lacks`;
  return undefined;
}

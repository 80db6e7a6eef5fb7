// The SSDA903 tables as the DfE validator recognises them, by their set of columns
// (../shared/data/csc-validator-be-903/config_column_names.json, "column_names"), and what the import does with each.

export const SSDA903_TABLE_COLUMNS = {
  Header: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  Episodes: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  Reviews: ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'],
  UASC: ['CHILD', 'SEX', 'DOB', 'DUC'],
  OC2: [
    'CHILD',
    'DOB',
    'SDQ_SCORE',
    'SDQ_REASON',
    'CONVICTED',
    'HEALTH_CHECK',
    'IMMUNISATIONS',
    'TEETH_CHECK',
    'HEALTH_ASSESSMENT',
    'SUBSTANCE_MISUSE',
    'INTERVENTION_RECEIVED',
    'INTERVENTION_OFFERED',
  ],
  OC3: ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'],
  AD1: ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'],
  PlacedAdoption: ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'],
  PrevPerm: ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'],
  Missing: ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'],
  SWEpisodes: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  DoLo: ['CHILD', 'DOB', 'DOLO_START', 'DOLO_END'],
} as const;

export type Ssda903Table = keyof typeof SSDA903_TABLE_COLUMNS;

/** The tables whose rows become events (SWEpisodes only when the caller names the team, SSDA903_SW_WITHOUT_TEAM). */
export const SSDA903_IMPORTED_TABLES = ['Episodes', 'Missing', 'SWEpisodes'] as const;

/** Why SWEpisodes is read but not recorded when no team is given. */
export const SSDA903_SW_WITHOUT_TEAM =
  'CaseAllocated and SocialWorkerChanged need the team, which the 903 does not hold: give the team with --team (HTTP: ?team=) to record these allocations';

/** Why each other table is read but not recorded: the contract has no event for what it says, or needs a field it lacks. */
export const SSDA903_NOT_IMPORTED: Readonly<Record<Exclude<Ssda903Table, (typeof SSDA903_IMPORTED_TABLES)[number]>, string>> = {
  Header: 'ChildDetailsRecorded needs disabilities and the CIN census ethnicity, gender and disability lists; the 903 holds no disabilities',
  Reviews: 'a looked-after review is a PlanReviewed of a CLA plan, and the 903 names no care plan',
  UASC: 'no event records unaccompanied asylum-seeking status',
  OC2: 'no event records the outcomes of children looked after for 12 months',
  OC3: 'no event records care leavers’ activity or accommodation',
  AD1: 'no event records adoption matching',
  PlacedAdoption: 'no event records a placement order',
  PrevPerm: 'no event records previous permanence',
  DoLo: 'no event records a deprivation of liberty',
};

/** The table whose columns are exactly these (in any order, any case). */
export function ssda903TableOf(columns: readonly string[]): Ssda903Table | undefined {
  const given = [...new Set(columns.map((column) => column.trim().toUpperCase()))].sort().join(',');
  for (const [table, expected] of Object.entries(SSDA903_TABLE_COLUMNS)) if ([...expected].sort().join(',') === given) return table as Ssda903Table;
  return undefined;
}

// Placement codes, copied from the SSDA903 schema 2024
// (../shared/data/liia-tools/liiatools/spec/s903/SSDA903_schema_2024.yml, table Episodes): codes in the file's
// order. That file carries no labels; these are the DfE SSDA903 guidance wording, as quoted in
// ../shared/data/ssd-data-model/data/objects/ssd_cla_placement.yml, shortened.
import { ssda903List } from './national-code-list';

/** SSDA903 `PLACE`: the type of placement. */
export const PLACEMENT_TYPES = [
  'A3',
  'A4',
  'A5',
  'A6',
  'H5',
  'K1',
  'K2',
  'P1',
  'P2',
  'P3',
  'R1',
  'R2',
  'R3',
  'R5',
  'S1',
  'T0',
  'T1',
  'T2',
  'T3',
  'T4',
  'U1',
  'U2',
  'U3',
  'U4',
  'U5',
  'U6',
  'Z1',
] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];
export const PLACEMENT_TYPE_LABELS: Record<PlacementType, string> = {
  A3: 'Placed for adoption with parental/guardian consent with current foster carer(s)',
  A4: 'Placed for adoption with parental/guardian consent not with current foster carer(s)',
  A5: 'Placed for adoption with placement order with current foster carer(s)',
  A6: 'Placed for adoption with placement order not with current foster carer(s)',
  H5: 'Semi-independent living accommodation not subject to children’s homes regulations',
  K1: 'Secure children’s homes',
  K2: 'Children’s Homes subject to Children’s Homes Regulations',
  P1: 'Placed with own parent(s) or other person(s) with parental responsibility',
  P2: 'Independent living e.g. in a flat/ lodgings, bedsit, B&B or with friends, with or without formal support',
  P3: 'Residential employment',
  R1: 'Residential care home',
  R2: 'National Health Service (NHS)/health trust or other establishment providing medical or nursing care',
  R3: 'Family centre or mother and baby unit',
  R5: 'Young offender institution (YOI)',
  S1: 'All residential schools, except where dual-registered as a school and children’s home',
  T0: 'All types of temporary move',
  T1: 'Temporary periods in hospital',
  T2: 'Temporary absences of the child on holiday',
  T3: 'Temporary accommodation whilst normal foster carer(s) is/are on holiday',
  T4: 'Temporary accommodation of seven days or less, for any reason, not covered by codes T1 to T3',
  U1: 'Foster placement with relative(s) or friend(s) – long term fostering',
  U2: 'Fostering placement with relative(s) or friend(s) who is/are also an approved adopter(s) – FFA/ concurrent planning',
  U3: 'Fostering placement with relative(s) or friend(s) who is/are not long-term or FFA/ concurrent planning',
  U4: 'Foster placement with other foster carer(s) – long term fostering',
  U5: 'Foster placement with other foster carer(s) who is/are also an approved adopter(s) – FFA/ concurrent planning',
  U6: 'Foster placement with other foster carer(s) – not long term or FFA/ concurrent planning',
  Z1: 'Other placements (must be listed on a schedule sent to DfE with annual submission)',
};

/** SSDA903 `REASON_PLACE_CHANGE`: why a placement changed. */
export const REASONS_PLACE_CHANGE = ['CARPL', 'CLOSE', 'ALLEG', 'STAND', 'APPRR', 'CREQB', 'CREQO', 'CHILD', 'LAREQ', 'PLACE', 'CUSTOD', 'OTHER'] as const;
export type ReasonPlaceChange = (typeof REASONS_PLACE_CHANGE)[number];
export const REASON_PLACE_CHANGE_LABELS: Record<ReasonPlaceChange, string> = {
  CARPL: 'Change to/Implementation of Care Plan',
  CLOSE: 'Resignation/ closure of provision',
  ALLEG: 'Allegation (s47)',
  STAND: 'Standards of care concern',
  APPRR: 'Approval removed',
  CREQB: 'Carer(s) requests placement end due to child’s behaviour',
  CREQO: 'Carer(s) requests placement end other than due to child’s behaviour',
  CHILD: 'Child requests placement end',
  LAREQ: 'Responsible/area authority requests placement end',
  PLACE: 'Change in the status of placement only',
  CUSTOD: 'Custody arrangement',
  OTHER: 'Other',
};

export const PLACEMENT_TYPE_LIST = ssda903List('PlacementType', 'SSDA903 placement type code', 'Episodes.PLACE', PLACEMENT_TYPES, PLACEMENT_TYPE_LABELS);
export const REASON_PLACE_CHANGE_LIST = ssda903List(
  'ReasonPlaceChange',
  'SSDA903 reason for placement change code',
  'Episodes.REASON_PLACE_CHANGE',
  REASONS_PLACE_CHANGE,
  REASON_PLACE_CHANGE_LABELS,
);

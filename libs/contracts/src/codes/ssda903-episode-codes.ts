// Looked-after episode codes, copied from the SSDA903 schema 2024
// (../shared/data/liia-tools/liiatools/spec/s903/SSDA903_schema_2024.yml, table Episodes): codes in the file's
// order. That file carries no labels; these are the DfE SSDA903 guidance wording, as quoted in
// ../shared/data/ssd-data-model/data/objects/ssd_cla_episodes.yml and the Annex A legal status list, shortened.
import { ssda903List } from './national-code-list';

/** SSDA903 `LS`: the legal status under which a child is looked after. */
export const LEGAL_STATUSES = ['C1', 'C2', 'D1', 'E1', 'V2', 'V3', 'V4', 'L1', 'L2', 'L3', 'J1', 'J2', 'J3'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];
export const LEGAL_STATUS_LABELS: Record<LegalStatus, string> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20 (Children Act 1989)',
  V3: 'Accommodated under an agreed series of short-term breaks, when individual episodes of care are recorded',
  V4: 'Accommodated under an agreed series of short-term breaks, when agreements are recorded',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order (EPO)',
  L3: 'Under child assessment order and in local authority accommodation',
  J1: 'Remanded to local authority accommodation or to youth detention accommodation',
  J2: 'Placed in local authority accommodation under the Police and Criminal Evidence Act 1984',
  J3: 'Sentenced to a youth rehabilitation order with a residence or intensive fostering requirement',
};

/** SSDA903 `RNE`: why a new episode started. */
export const REASONS_NEW_EPISODE = ['S', 'L', 'P', 'T', 'B', 'U'] as const;
export type ReasonNewEpisode = (typeof REASONS_NEW_EPISODE)[number];
export const REASON_NEW_EPISODE_LABELS: Record<ReasonNewEpisode, string> = {
  S: 'Started to be looked after',
  L: 'Change of legal status only',
  P: 'Change of placement and carer(s) only',
  T: 'Change of placement (but same carer(s)) only',
  B: 'Change of legal status and placement and carer(s) at the same time',
  U: 'Change of legal status and change of placement (but same carer(s)) at the same time',
};

/** SSDA903 `REC`: why an episode ceased (X1: a new episode starts the same day; the others end the period of care). */
export const REASONS_CEASED = [
  'X1',
  'E11',
  'E12',
  'E2',
  'E3',
  'E4A',
  'E4B',
  'E13',
  'E41',
  'E45',
  'E46',
  'E47',
  'E48',
  'E5',
  'E6',
  'E7',
  'E9',
  'E14',
  'E15',
  'E16',
  'E17',
  'E8',
] as const;
export type ReasonCeased = (typeof REASONS_CEASED)[number];
export const REASON_CEASED_LABELS: Record<ReasonCeased, string> = {
  X1: 'Episode ceases, and new episode begins on same day, for any reason',
  E11: 'Adopted - application for an adoption order unopposed',
  E12: 'Adopted – consent dispensed with by the court',
  E2: 'Died',
  E3: 'Care taken over by another local authority in the UK',
  E4A: 'Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility as part of the care planning process',
  E4B: 'Returned home to live with parent(s), relative(s), or other person(s) with parental responsibility which was not part of the current care planning process',
  E13: 'Left care to live with parent(s), relative(s), or other person(s) with no parental responsibility',
  E41: 'Residence order or child arrangement order granted',
  E45: 'Special guardianship order made to former foster carer(s), who was/are a relative(s) or friend(s)',
  E46: 'Special guardianship order made to former foster carer(s), other than relative(s) or friend(s)',
  E47: 'Special guardianship order made to carer(s), other than former foster carer(s), who was/are a relative(s) or friend(s)',
  E48: 'Special guardianship order made to carer(s), other than former foster carer(s), other than relative(s) or friend(s)',
  E5: 'Moved into independent living arrangement and no longer looked-after: supportive accommodation providing formalised advice/support arrangements',
  E6: 'Moved into independent living arrangement and no longer looked-after: accommodation providing no formalised advice/support arrangements',
  E7: 'Transferred to residential care funded by adult social care services',
  E9: 'Sentenced to custody',
  E14: 'Accommodation on remand ended',
  E15: 'Age assessment determined child is aged 18 or over and E5, E6 and E7 do not apply',
  E16: 'Child moved abroad',
  E17: 'Aged 18 (or over) and remained with current carers (inc under staying put arrangements)',
  E8: 'Period of being looked-after ceased for any other reason',
};

/** The `REC` codes that end a period of care: all but X1, which continues it with a new episode the same day. */
export const REASONS_CEASED_TO_BE_LOOKED_AFTER = REASONS_CEASED.filter((code): code is Exclude<ReasonCeased, 'X1'> => code !== 'X1');
export type ReasonCeasedToBeLookedAfter = Exclude<ReasonCeased, 'X1'>;
const { X1: _episodeContinues, ...REASON_CEASED_TO_BE_LOOKED_AFTER_LABELS } = REASON_CEASED_LABELS;

export const LEGAL_STATUS_LIST = ssda903List('LegalStatus', 'SSDA903 legal status code', 'Episodes.LS', LEGAL_STATUSES, LEGAL_STATUS_LABELS);
export const REASON_NEW_EPISODE_LIST = ssda903List(
  'ReasonNewEpisode',
  'SSDA903 reason for new episode code',
  'Episodes.RNE',
  REASONS_NEW_EPISODE,
  REASON_NEW_EPISODE_LABELS,
);
export const REASON_CEASED_LIST = ssda903List('ReasonCeased', 'SSDA903 reason episode ceased code', 'Episodes.REC', REASONS_CEASED, REASON_CEASED_LABELS);
/** The contract's subset of `REC` for `CeasedToBeLookedAfter` (see REASONS_CEASED_TO_BE_LOOKED_AFTER). */
export const REASON_CEASED_TO_BE_LOOKED_AFTER_LIST = ssda903List(
  'ReasonCeasedToBeLookedAfter',
  'SSDA903 reason episode ceased code that ends a period of care',
  'Episodes.REC',
  REASONS_CEASED_TO_BE_LOOKED_AFTER,
  REASON_CEASED_TO_BE_LOOKED_AFTER_LABELS,
);

// Codes that describe a child's case, copied from the CIN census XSD 2026
// (../shared/data/liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2026.xsd):
// codes in the XSD's order, labels from its xs:documentation.
import { cinCensusList } from './national-code-list';

/** CIN census `referralsourcetype`: who made the referral or contact. */
export const REFERRAL_SOURCES = [
  '1A',
  '1B',
  '1C',
  '1D',
  '2A',
  '2B',
  '3A',
  '3B',
  '3C',
  '3D',
  '3E',
  '3F',
  '4',
  '5A',
  '5B',
  '5C',
  '5D',
  '6',
  '7',
  '8',
  '9',
  '10',
] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  '1A': 'INDIVIDUAL – family member, relative or carer',
  '1B': 'INDIVIDUAL – acquaintance (including neighbours and child minders)',
  '1C': 'INDIVIDUAL – self',
  '1D': 'INDIVIDUAL – other (including strangers)',
  '2A': 'SCHOOLS',
  '2B': 'EDUCATION SERVICES',
  '3A': 'HEALTH SERVICES – general practitioner (GP)',
  '3B': 'HEALTH SERVICES – health visitor',
  '3C': 'HEALTH SERVICES – school nurse',
  '3D': 'HEALTH SERVICES – other primary health services',
  '3E': 'HEALTH SERVICES – A&E (accident and emergency department)',
  '3F': 'HEALTH SERVICES – other (for example hospice)',
  '4': 'HOUSING - local authority housing or housing association',
  '5A': 'LA SERVICES – social care for example adults social care services',
  '5B': 'LA SERVICES – other internal (department other than social care in local authorities, for example, youth offending (excluding housing))',
  '5C': 'LA SERVICES – external, for example, from another local authority’s adults social care services',
  // The XSD reads "(LA SERVICES – early help": its stray opening bracket is dropped here.
  '5D': 'LA SERVICES – early help',
  '6': 'POLICE',
  '7': 'OTHER LEGAL AGENCY – including courts, probation, immigration, CAFCASS (Children and Family Court Advisory and Support Service) or prison',
  '8': 'OTHER – including children’s centres, independent agency providers or voluntary organisations',
  '9': 'ANONYMOUS',
  '10': 'UNKNOWN',
};

/** CIN census `primaryneedcodetype` (the XSD lists N0 last). */
export const PRIMARY_NEEDS = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9', 'N0'] as const;
export type PrimaryNeed = (typeof PRIMARY_NEEDS)[number];
export const PRIMARY_NEED_LABELS: Record<PrimaryNeed, string> = {
  N1: 'Abuse, neglect and exploitation',
  N2: "Child's disability",
  N3: 'Parental disability or illness',
  N4: 'Family in acute stress',
  N5: 'Family dysfunction',
  N6: 'Socially unacceptable behaviour',
  N7: 'Low income',
  N8: 'Absent parenting',
  N9: 'Cases other than children in need',
  N0: 'Not stated',
};

/** CIN census `categoryofabusetype`: the category of a child protection plan. */
export const CATEGORIES_OF_ABUSE = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;
export type CategoryOfAbuse = (typeof CATEGORIES_OF_ABUSE)[number];
export const CATEGORY_OF_ABUSE_LABELS: Record<CategoryOfAbuse, string> = {
  NEG: 'Neglect',
  PHY: 'Physical abuse',
  SAB: 'Sexual abuse',
  EMO: 'Emotional abuse',
  MUL: 'Multiple/not recommended',
};

/** CIN census `reasonforclosuretype`: why a case closed. */
export const CLOSURE_REASONS = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
export const CLOSURE_REASON_LABELS: Record<ClosureReason, string> = {
  RC1: 'Adopted',
  RC2: 'Died',
  RC3: 'Child arrangements order',
  RC4: 'Special guardianship order',
  RC5: 'Transferred to services of another local authority',
  RC6: 'Transferred to adult social care services',
  RC7: 'Services ceased for any other reason, including child no longer in need',
  RC8: 'Case closed after assessment, no further action',
  RC9: 'Case closed after assessment, referred to early help',
};

export const REFERRAL_SOURCE_LIST = cinCensusList(
  'ReferralSource',
  'CIN census referral source code',
  'referralsourcetype',
  REFERRAL_SOURCES,
  REFERRAL_SOURCE_LABELS,
);
export const PRIMARY_NEED_LIST = cinCensusList('PrimaryNeed', 'CIN census primary need code', 'primaryneedcodetype', PRIMARY_NEEDS, PRIMARY_NEED_LABELS);
export const CATEGORY_OF_ABUSE_LIST = cinCensusList(
  'CategoryOfAbuse',
  'CIN census category of abuse code',
  'categoryofabusetype',
  CATEGORIES_OF_ABUSE,
  CATEGORY_OF_ABUSE_LABELS,
);
export const CLOSURE_REASON_LIST = cinCensusList(
  'ClosureReason',
  'CIN census reason for closure code',
  'reasonforclosuretype',
  CLOSURE_REASONS,
  CLOSURE_REASON_LABELS,
);

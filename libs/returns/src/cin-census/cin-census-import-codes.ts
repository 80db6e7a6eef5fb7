// How the CIN census's codes of each year become the contract's. Sources: the XSDs under ../shared/data:
// liia-tools/liiatools/spec/cin_census/CIN_schema_2024.xsd (`GenderCurrent`, type `gendertype`: 1 male, 2 female,
// 0 not known, 9 not specified) and liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2025.xsd and
// CIN_schema_2026.xsd (`Sex`, type `sextype`: M, F, U).
import {
  ASSESSMENT_FACTORS,
  CATEGORIES_OF_ABUSE,
  CLOSURE_REASONS,
  DISABILITIES,
  ETHNICITIES,
  PRIMARY_NEEDS,
  REFERRAL_SOURCES,
  type ClosureReason,
  type Gender,
} from '@csc/contracts';

/** `gendertype` (to the 2024 XSD) and `sextype` (from 2025) onto the contract's `sextype` codes. */
const GENDER_CODES: Readonly<Record<string, Gender>> = {
  M: 'M',
  F: 'F',
  U: 'U',
  '1': 'M',
  '2': 'F',
  '0': 'U', // not known
  '9': 'U', // not specified
};

export function genderOf(code: string): Gender | undefined {
  return GENDER_CODES[code.toUpperCase()];
}

/**
 * The national lists each element's value must come from, upper-cased first: `referralsourcetype` has codes with
 * letters (1A, 3F) and without (4, 6, 10).
 */
export const CIN_CENSUS_CODE_LISTS = {
  Ethnicity: ETHNICITIES,
  Disability: DISABILITIES,
  ReferralSource: REFERRAL_SOURCES,
  PrimaryNeedCode: PRIMARY_NEEDS,
  ReasonForClosure: CLOSURE_REASONS,
  AssessmentFactors: ASSESSMENT_FACTORS,
  InitialCategoryOfAbuse: CATEGORIES_OF_ABUSE,
} as const satisfies Record<string, readonly string[]>;

/**
 * The census records no outcome of an assessment. RC8 ("case closed after assessment, no further action") and RC9
 * ("case closed after assessment, referred to early help") say the child was found not in need; a child assessed in
 * any other episode is counted in need by the census itself (CIN census guide: a child is in need from the referral
 * until the case closes).
 */
export function assessmentFoundNotInNeed(reasonForClosure: ClosureReason | undefined): boolean {
  return reasonForClosure === 'RC8' || reasonForClosure === 'RC9';
}

/** `ReferralNFA` is xs:boolean (true/false/1/0). */
export function isTrue(value: string): boolean {
  return value === 'true' || value === '1';
}

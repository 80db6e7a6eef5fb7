// The child's own characteristics, copied from the CIN census XSD 2026
// (../shared/data/liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2026.xsd):
// codes in the XSD's order, labels from its xs:documentation.
import { cinCensusList } from './national-code-list';

/** CIN census `sextype`. */
export const GENDERS = ['M', 'F', 'U'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = {
  M: 'male',
  F: 'female',
  U: 'unknown',
};

/** CIN census `ethnicitytype` (the same codes as the SSDA903 ETHNIC column). */
export const ETHNICITIES = [
  'WBRI',
  'WIRI',
  'WIRT',
  'WOTH',
  'WROM',
  'MWBC',
  'MWBA',
  'MWAS',
  'MOTH',
  'AIND',
  'APKN',
  'ABAN',
  'AOTH',
  'BCRB',
  'BAFR',
  'BOTH',
  'CHNE',
  'OOTH',
  'REFU',
  'NOBT',
] as const;
export type Ethnicity = (typeof ETHNICITIES)[number];
export const ETHNICITY_LABELS: Record<Ethnicity, string> = {
  WBRI: 'White British',
  WIRI: 'White Irish',
  WIRT: 'Traveller of Irish heritage',
  WOTH: 'Any other White background',
  WROM: 'Gypsy/Roma',
  MWBC: 'White and Black Caribbean',
  MWBA: 'White and Black African',
  MWAS: 'White and Asian',
  MOTH: 'Any other mixed background',
  AIND: 'Indian',
  APKN: 'Pakistani',
  ABAN: 'Bangladeshi',
  AOTH: 'Any other Asian background',
  BCRB: 'Caribbean',
  BAFR: 'African',
  BOTH: 'Any other black background',
  CHNE: 'Chinese',
  OOTH: 'Any other ethnic group',
  REFU: 'Refused',
  NOBT: 'Information not yet obtained',
};

/** CIN census `disabilitytype`. */
export const DISABILITIES = ['NONE', 'MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA'] as const;
export type Disability = (typeof DISABILITIES)[number];
export const DISABILITY_LABELS: Record<Disability, string> = {
  NONE: 'No disability',
  MOB: 'Mobility',
  HAND: 'Hand function',
  PC: 'Personal care',
  INC: 'Incontinence',
  COMM: 'Communication',
  LD: 'Learning',
  HEAR: 'Hearing',
  VIS: 'Vision',
  BEH: 'Behaviour',
  CON: 'Consciousness',
  AUT: 'Autism',
  DDA: 'Other',
};

export const GENDER_LIST = cinCensusList('Gender', 'CIN census sex code', 'sextype', GENDERS, GENDER_LABELS);
export const ETHNICITY_LIST = cinCensusList('Ethnicity', 'CIN census ethnicity code', 'ethnicitytype', ETHNICITIES, ETHNICITY_LABELS);
export const DISABILITY_LIST = cinCensusList('Disability', 'CIN census disability code', 'disabilitytype', DISABILITIES, DISABILITY_LABELS);

// The CIN census child as the 2026 XSD orders it
// (../shared/data/liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2026.xsd, `childtype`).
// Optional elements are absent when undefined; the writer keeps the XSD's element order.

export interface CinCensusAssessment {
  AssessmentActualStartDate: string;
  AssessmentAuthorisationDate?: string;
  FactorsIdentifiedAtAssessment?: string[];
}

export interface CinCensusPlanDates {
  CINPlanStartDate: string;
  CINPlanEndDate?: string;
}

export interface CinCensusSection47 {
  S47ActualStartDate: string;
  InitialCPCtarget?: string;
  DateOfInitialCPC?: string;
  ICPCnotRequired: 0 | 1;
}

export interface CinCensusProtectionPlan {
  CPPstartDate: string;
  CPPendDate?: string;
  InitialCategoryOfAbuse: string;
  LatestCategoryOfAbuse: string;
  NumberOfPreviousCPP: number;
  CPPreviewDate: string[];
}

export interface CinCensusDetails {
  CINreferralDate: string;
  ReferralSource: string;
  PrimaryNeedCode?: string;
  CINclosureDate?: string;
  ReasonForClosure?: string;
  DateOfInitialCPC?: string;
  Assessments: CinCensusAssessment[];
  CINPlanDates: CinCensusPlanDates[];
  Section47: CinCensusSection47[];
  ReferralNFA: 0 | 1;
  ChildProtectionPlans: CinCensusProtectionPlan[];
}

export interface CinCensusChild {
  LAchildID: string;
  PersonBirthDate?: string;
  ExpectedPersonBirthDate?: string;
  Sex: string;
  Ethnicity: string;
  Disabilities: string[];
  CINdetails: CinCensusDetails[];
}

/** A child in scope of a return that cannot be written, and why: listed beside the return, never silently dropped. */
export interface OmittedChild {
  childId: string;
  reason: string;
}

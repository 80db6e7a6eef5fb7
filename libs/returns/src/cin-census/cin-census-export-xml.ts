import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import type { CollectionYear } from '../return-period';
import type { CinCensusChild, CinCensusDetails } from './cin-census-export-model';

export interface CinCensusHeader {
  year: CollectionYear;
  /** The authority's three-digit DfE code; without it the header has no Source (the XSD allows that). */
  la?: string;
  /** When the file was made (xs:dateTime, no zone, as the DfE's samples write it). */
  madeAt: string;
  softwareCode: string;
  release: string;
}

/** The CIN census message (`Message` in CIN_schema_2026.xsd): header, then every child, in the XSD's element order. */
export function cinCensusXml(header: CinCensusHeader, children: readonly CinCensusChild[]): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Message');
  const head = root.ele('Header');
  const collection = head.ele('CollectionDetails');
  collection.ele('Collection').txt('CIN');
  collection.ele('Year').txt(String(header.year.year));
  collection.ele('ReferenceDate').txt(header.year.to);
  if (header.la) {
    const source = head.ele('Source');
    source.ele('SourceLevel').txt('L');
    source.ele('LEA').txt(header.la);
    source.ele('SoftwareCode').txt(header.softwareCode);
    source.ele('Release').txt(header.release);
    source.ele('SerialNo').txt('001');
    source.ele('DateTime').txt(header.madeAt);
  }
  const list = root.ele('Children');
  for (const child of children) writeChild(list.ele('Child'), child);
  return root.end({ prettyPrint: true });
}

function writeChild(element: XMLBuilder, child: CinCensusChild): void {
  const identifiers = element.ele('ChildIdentifiers');
  identifiers.ele('LAchildID').txt(child.LAchildID);
  optional(identifiers, 'PersonBirthDate', child.PersonBirthDate);
  optional(identifiers, 'ExpectedPersonBirthDate', child.ExpectedPersonBirthDate);
  identifiers.ele('Sex').txt(child.Sex);
  const characteristics = element.ele('ChildCharacteristics');
  characteristics.ele('Ethnicity').txt(child.Ethnicity);
  if (child.Disabilities.length > 0) {
    const disabilities = characteristics.ele('Disabilities');
    for (const code of child.Disabilities) disabilities.ele('Disability').txt(code);
  }
  for (const details of child.CINdetails) writeDetails(element.ele('CINdetails'), details);
}

function writeDetails(element: XMLBuilder, details: CinCensusDetails): void {
  element.ele('CINreferralDate').txt(details.CINreferralDate);
  element.ele('ReferralSource').txt(details.ReferralSource);
  optional(element, 'PrimaryNeedCode', details.PrimaryNeedCode);
  optional(element, 'CINclosureDate', details.CINclosureDate);
  optional(element, 'ReasonForClosure', details.ReasonForClosure);
  optional(element, 'DateOfInitialCPC', details.DateOfInitialCPC);
  for (const assessment of details.Assessments) {
    const item = element.ele('Assessments');
    item.ele('AssessmentActualStartDate').txt(assessment.AssessmentActualStartDate);
    optional(item, 'AssessmentAuthorisationDate', assessment.AssessmentAuthorisationDate);
    if (assessment.FactorsIdentifiedAtAssessment) {
      const factors = item.ele('FactorsIdentifiedAtAssessment');
      for (const factor of assessment.FactorsIdentifiedAtAssessment) factors.ele('AssessmentFactors').txt(factor);
    }
  }
  for (const plan of details.CINPlanDates) {
    const item = element.ele('CINPlanDates');
    item.ele('CINPlanStartDate').txt(plan.CINPlanStartDate);
    optional(item, 'CINPlanEndDate', plan.CINPlanEndDate);
  }
  for (const enquiry of details.Section47) {
    const item = element.ele('Section47');
    item.ele('S47ActualStartDate').txt(enquiry.S47ActualStartDate);
    optional(item, 'InitialCPCtarget', enquiry.InitialCPCtarget);
    optional(item, 'DateOfInitialCPC', enquiry.DateOfInitialCPC);
    item.ele('ICPCnotRequired').txt(String(enquiry.ICPCnotRequired));
  }
  element.ele('ReferralNFA').txt(String(details.ReferralNFA));
  for (const plan of details.ChildProtectionPlans) {
    const item = element.ele('ChildProtectionPlans');
    item.ele('CPPstartDate').txt(plan.CPPstartDate);
    optional(item, 'CPPendDate', plan.CPPendDate);
    item.ele('InitialCategoryOfAbuse').txt(plan.InitialCategoryOfAbuse);
    item.ele('LatestCategoryOfAbuse').txt(plan.LatestCategoryOfAbuse);
    item.ele('NumberOfPreviousCPP').txt(String(plan.NumberOfPreviousCPP));
    if (plan.CPPreviewDate.length > 0) {
      const reviews = item.ele('Reviews');
      for (const on of plan.CPPreviewDate) reviews.ele('CPPreviewDate').txt(on);
    }
  }
}

function optional(parent: XMLBuilder, name: string, value: string | undefined): void {
  if (value !== undefined) parent.ele(name).txt(value);
}

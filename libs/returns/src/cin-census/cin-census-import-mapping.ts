// One CIN census <Child> element to the facts it proves, row by row (pure). Element names and cardinalities are the
// XSDs' (../shared/data/liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2026.xsd, childtype and
// cindetailstype; CIN_schema_2024.xsd for GenderCurrent). Dates are xs:date; a value that is not a real day is refused.
import {
  isCalendarDate,
  type AssessmentFactor,
  type CategoryOfAbuse,
  type ClosureReason,
  type Disability,
  type Ethnicity,
  type PrimaryNeed,
  type ReferralSource,
} from '@csc/contracts';
import { importFactKey, type ImportedChild, type ImportedFact, type ImportedRow, type MappedEnvelope } from '../import-facts';
import type { ImportProblem } from '../import-report';
import { childElement, childElements, type XmlElement } from '../import-xml';
import { assessmentFoundNotInNeed, CIN_CENSUS_CODE_LISTS, genderOf, isTrue } from './cin-census-import-codes';

export const CIN_CENSUS_FORMAT = 'cin-census';

/** The source tables of the report, as the census names its elements. */
export const CIN_CENSUS_TABLES = ['Child', 'CINdetails', 'Assessments', 'CINPlanDates', 'Section47', 'ChildProtectionPlans', 'CPPreviewDate'] as const;

/** What the header says, used by every child of the file. */
export interface CinCensusReturn {
  readonly file: string;
  /** Header/Source/LEA: the authority's number. */
  readonly authority: string;
  /** Header/CollectionDetails/Year: the collection year, named in `source.system` (cin-census-2023). */
  readonly year: string;
}

class RowRefused extends Error {
  constructor(
    readonly problem: ImportProblem,
    /** The line of the element at fault, when it is not the row's own. */
    readonly line?: number,
  ) {
    super(problem.message);
  }
}

/** Reads one element's value, refusing what the XSD would refuse, with the element named. */
class ElementReader {
  constructor(private readonly element: XmlElement) {}

  optional(name: string): string | undefined {
    const found = childElement(this.element, name);
    return found === undefined || found.text === '' ? undefined : found.text;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === undefined)
      throw refused('MISSING_FIELD', `<${name}> is missing in <${this.element.name}>; the CIN census requires it.`, name, this.element.line);
    return value;
  }

  private lineOf(name: string): number {
    return childElement(this.element, name)?.line ?? this.element.line;
  }

  date(name: string, required: true): string;
  date(name: string, required?: false): string | undefined;
  date(name: string, required = false): string | undefined {
    const value = required ? this.required(name) : this.optional(name);
    if (value === undefined || isCalendarDate(value)) return value;
    throw refused('INVALID_DATE', `<${name}> is ${JSON.stringify(value)}, which is not a real date written YYYY-MM-DD (xs:date).`, name, this.lineOf(name));
  }

  code<K extends keyof typeof CIN_CENSUS_CODE_LISTS>(
    name: K,
    value: string | undefined = this.optional(name),
  ): (typeof CIN_CENSUS_CODE_LISTS)[K][number] | undefined {
    if (value === undefined) return undefined;
    const code = value.trim().toUpperCase();
    const list: readonly string[] = CIN_CENSUS_CODE_LISTS[name];
    if (list.includes(code)) return code as (typeof CIN_CENSUS_CODE_LISTS)[K][number];
    throw refused(
      'UNKNOWN_CODE',
      `<${name}> is ${JSON.stringify(value)}, which is not a CIN census code (one of ${list.join(', ')}).`,
      name,
      this.lineOf(name),
    );
  }
}

function refused(code: string, message: string, field: string, line?: number): RowRefused {
  return new RowRefused({ code, message, field }, line);
}

/** Builds the child's rows; each row is read on its own, so one bad element names itself and no other. */
export function mapCinCensusChild(child: XmlElement, census: CinCensusReturn): ImportedChild {
  const identifiers = childElement(child, 'ChildIdentifiers');
  const childId = identifiers === undefined ? '' : (new ElementReader(identifiers).optional('LAchildID') ?? '');
  const rows: ImportedRow[] = [];
  const system = `${CIN_CENSUS_FORMAT}-${census.year}`;
  const key = (kind: string, ...parts: string[]): string => importFactKey(CIN_CENSUS_FORMAT, census.authority, childId, kind, ...parts);
  const fact = (
    kind: string,
    parts: string[],
    envelope: Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>,
    extra: Partial<ImportedFact> = {},
  ): ImportedFact => ({
    key: key(kind, ...parts),
    envelope: { ...envelope, schemaVersion: 1, childId, source: { system } } as MappedEnvelope,
    ...extra,
  });
  const row = (table: string, element: XmlElement, naturalKey: string, build: () => ImportedFact[]): void => {
    const location = { table, file: census.file, line: element.line, path: element.path, naturalKey: `${childId} ${naturalKey}`.trim() };
    try {
      rows.push({ ...location, facts: build() });
    } catch (error) {
      if (!(error instanceof RowRefused)) throw error;
      rows.push({ ...location, line: error.line ?? location.line, facts: [], problem: error.problem });
    }
  };

  const details = child.children.filter((element) => element.name === 'CINdetails');
  row('Child', child, 'details', () => {
    if (identifiers === undefined) throw refused('MISSING_FIELD', '<ChildIdentifiers> is missing in <Child>.', 'ChildIdentifiers');
    if (childId === '') throw refused('MISSING_FIELD', '<LAchildID> is missing in <ChildIdentifiers>; it names the child.', 'LAchildID');
    return [childDetails(identifiers, childElement(child, 'ChildCharacteristics'), details, fact)];
  });
  for (const cin of details) mapCinDetails(cin, row, fact);
  return { childId, rows };
}

type FactBuilder = (
  kind: string,
  parts: string[],
  envelope: Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>,
  extra?: Partial<ImportedFact>,
) => ImportedFact;
type RowBuilder = (table: string, element: XmlElement, naturalKey: string, build: () => ImportedFact[]) => void;

function childDetails(identifiers: XmlElement, characteristics: XmlElement | undefined, details: readonly XmlElement[], fact: FactBuilder): ImportedFact {
  const ids = new ElementReader(identifiers);
  const dateOfBirth = ids.date('PersonBirthDate');
  const expectedDateOfBirth = dateOfBirth === undefined ? ids.date('ExpectedPersonBirthDate') : undefined;
  const genderElement = ids.optional('Sex') !== undefined ? 'Sex' : 'GenderCurrent';
  const genderValue = ids.required(genderElement);
  const gender = genderOf(genderValue);
  if (gender === undefined) {
    const line = childElement(identifiers, genderElement)?.line;
    throw refused(
      'UNKNOWN_CODE',
      `<${genderElement}> is ${JSON.stringify(genderValue)}: use M, F or U (Sex), or 1, 2, 0 or 9 (GenderCurrent).`,
      genderElement,
      line,
    );
  }
  if (characteristics === undefined) throw refused('MISSING_FIELD', '<ChildCharacteristics> is missing in <Child>.', 'ChildCharacteristics');
  const traits = new ElementReader(characteristics);
  const ethnicity = traits.code('Ethnicity', traits.required('Ethnicity')) as Ethnicity;
  const listed = childElement(characteristics, 'Disabilities');
  const disabilities = listed === undefined ? [] : childElements(listed, 'Disability').map((d) => traits.code('Disability', d.text) as Disability);
  // The census leaves <Disabilities> out for a child with none; the contract says so with NONE.
  const unique = [...new Set(disabilities.length > 0 ? disabilities : (['NONE'] as Disability[]))];
  const firstReferral = details
    .map((cin) => new ElementReader(cin).optional('CINreferralDate'))
    .filter((d): d is string => d !== undefined && isCalendarDate(d))
    .sort()[0];
  const occurredAt = dateOfBirth ?? firstReferral;
  if (occurredAt === undefined)
    throw refused('MISSING_FIELD', '<PersonBirthDate> or a <CINreferralDate> is needed to date the child details.', 'PersonBirthDate');
  // Dated at birth (a born child's details hold from then), else at the first referral: the census gives no date of its own.
  return fact(
    'details',
    [],
    {
      type: 'ChildDetailsRecorded',
      occurredAt,
      data: { ...(dateOfBirth ? { dateOfBirth } : {}), ...(expectedDateOfBirth ? { expectedDateOfBirth } : {}), gender, ethnicity, disabilities: unique },
    },
    dateOfBirth === undefined ? { dateFromSource: false } : {},
  );
}

function mapCinDetails(cin: XmlElement, row: RowBuilder, fact: FactBuilder): void {
  const reader = new ElementReader(cin);
  let referralDate: string;
  try {
    referralDate = reader.date('CINreferralDate', true);
  } catch (error) {
    row('CINdetails', cin, 'referral', () => {
      throw error;
    });
    return;
  }
  const referralId = `cin-ref-${referralDate}`;
  const closureReason = reader.optional('ReasonForClosure') === undefined ? undefined : (reader.code('ReasonForClosure') as ClosureReason);

  for (const s47 of childElements(cin, 'Section47')) {
    const enquiry = new ElementReader(s47);
    const start = enquiry.optional('S47ActualStartDate') ?? '';
    row('Section47', s47, `s47 ${start}`, () => {
      const startDate = enquiry.date('S47ActualStartDate', true);
      const section47Id = `cin-s47-${startDate}`;
      // The DfE counts the s47 from the strategy discussion that started it: the two share a date (S47ActualStartDate).
      const facts = [
        fact('s47', [startDate], {
          type: 'StrategyDiscussionHeld',
          occurredAt: startDate,
          data: { strategyDiscussionId: `cin-sd-${startDate}`, referralId, section47Started: true, section47Id },
        }),
      ];
      const conference = enquiry.date('DateOfInitialCPC');
      if (conference !== undefined) facts.push(initialConference(cin, conference, section47Id, fact));
      return facts;
    });
  }

  row('CINdetails', cin, `referral ${referralDate}`, () => {
    const source = reader.code('ReferralSource', reader.required('ReferralSource')) as ReferralSource;
    // PrimaryNeedCode is optional from the 2025 XSD; N0 is the census's own "not stated".
    const primaryNeed = (reader.code('PrimaryNeedCode') ?? 'N0') as PrimaryNeed;
    const facts = [fact('referral', [referralDate], { type: 'ReferralReceived', occurredAt: referralDate, data: { referralId, source, primaryNeed } })];
    if (isTrue(reader.required('ReferralNFA'))) {
      facts.push(
        fact('referral-nfa', [referralDate], { type: 'ReferralDecisionMade', occurredAt: referralDate, data: { referralId, decision: 'no-further-action' } }),
      );
    }
    // Before the 2024 XSD the ICPC date sat in CINdetails; it still may, with or without a Section47.
    const conference = reader.date('DateOfInitialCPC');
    if (conference !== undefined) facts.push(initialConference(cin, conference, undefined, fact));
    const closure = reader.date('CINclosureDate');
    if (closure !== undefined) {
      if (closureReason === undefined)
        throw refused('MISSING_FIELD', '<ReasonForClosure> is missing for the <CINclosureDate> of this referral.', 'ReasonForClosure');
      facts.push(fact('closure', [referralDate], { type: 'CaseClosed', occurredAt: closure, data: { reason: closureReason } }));
    }
    return facts;
  });

  for (const assessment of childElements(cin, 'Assessments')) {
    const values = new ElementReader(assessment);
    row('Assessments', assessment, `assessment ${values.optional('AssessmentActualStartDate') ?? ''}`, () => {
      const start = values.date('AssessmentActualStartDate', true);
      const assessmentId = `cin-asmt-${start}`;
      const facts = [fact('assessment', [start], { type: 'AssessmentStarted', occurredAt: start, data: { assessmentId, referralId } })];
      const authorised = values.date('AssessmentAuthorisationDate');
      if (authorised !== undefined) {
        const listed = childElement(assessment, 'FactorsIdentifiedAtAssessment');
        const factors = [
          ...new Set(
            (listed === undefined ? [] : childElements(listed, 'AssessmentFactors')).map((f) => values.code('AssessmentFactors', f.text) as AssessmentFactor),
          ),
        ];
        const outcome = assessmentFoundNotInNeed(closureReason) ? 'not-in-need' : 'child-in-need';
        facts.push(fact('assessment-authorised', [start], { type: 'AssessmentAuthorised', occurredAt: authorised, data: { assessmentId, outcome, factors } }));
      }
      return facts;
    });
  }

  for (const plan of childElements(cin, 'CINPlanDates')) {
    const values = new ElementReader(plan);
    row('CINPlanDates', plan, `cin-plan ${values.optional('CINPlanStartDate') ?? ''}`, () => {
      const start = values.date('CINPlanStartDate', true);
      const planId = `cin-plan-${start}`;
      const facts = [fact('cin-plan', [start], { type: 'PlanStarted', occurredAt: start, data: { planId, planType: 'CIN' } })];
      const end = values.date('CINPlanEndDate');
      if (end !== undefined) facts.push(fact('cin-plan-end', [start], { type: 'PlanEnded', occurredAt: end, data: { planId } }));
      return facts;
    });
  }

  for (const plan of childElements(cin, 'ChildProtectionPlans')) {
    const values = new ElementReader(plan);
    const start = values.optional('CPPstartDate') ?? '';
    row('ChildProtectionPlans', plan, `cp-plan ${start}`, () => {
      const startDate = values.date('CPPstartDate', true);
      const categoryOfAbuse = values.code('InitialCategoryOfAbuse', values.required('InitialCategoryOfAbuse')) as CategoryOfAbuse;
      const planId = `cin-cpp-${startDate}`;
      const facts = [fact('cp-plan', [startDate], { type: 'PlanStarted', occurredAt: startDate, data: { planId, planType: 'CP', categoryOfAbuse } })];
      const end = values.date('CPPendDate');
      if (end !== undefined) facts.push(fact('cp-plan-end', [startDate], { type: 'PlanEnded', occurredAt: end, data: { planId } }));
      return facts;
    });
    const reviews = childElement(plan, 'Reviews');
    for (const review of reviews === undefined ? [] : childElements(reviews, 'CPPreviewDate')) {
      row('CPPreviewDate', review, `cp-review ${start} ${review.text}`, () => {
        const startDate = values.date('CPPstartDate', true);
        if (!isCalendarDate(review.text)) {
          throw refused(
            'INVALID_DATE',
            `<CPPreviewDate> is ${JSON.stringify(review.text)}, which is not a real date written YYYY-MM-DD (xs:date).`,
            'CPPreviewDate',
            review.line,
          );
        }
        return [fact('cp-review', [startDate, review.text], { type: 'PlanReviewed', occurredAt: review.text, data: { planId: `cin-cpp-${startDate}` } })];
      });
    }
  }
}

/** An ICPC made a plan when a CP plan of the same referral starts on its date; the plan's initial category is the conference's. */
function initialConference(cin: XmlElement, date: string, section47Id: string | undefined, fact: FactBuilder): ImportedFact {
  const plan = childElements(cin, 'ChildProtectionPlans').find((p) => new ElementReader(p).optional('CPPstartDate') === date);
  const category = plan === undefined ? undefined : new ElementReader(plan).code('InitialCategoryOfAbuse');
  return fact('icpc', [date], {
    type: 'InitialChildProtectionConferenceHeld',
    occurredAt: date,
    data: {
      conferenceId: `cin-icpc-${date}`,
      ...(section47Id ? { section47Id } : {}),
      planRequired: category !== undefined,
      ...(category ? { categoryOfAbuse: category } : {}),
    },
  });
}

import type { ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState, type CaseFacts } from '@csc/domain';
import type { ChildTracker } from '@csc/projections';
import { addCalendarDays, addMonths } from '@csc/timescales';
import { ssda903Date } from '../ssda903/ssda903-export-mapping';
import { ANNEX_A_CATEGORIES, ANNEX_A_COLUMNS } from './annex-a-export-spec';

export type AnnexAList = keyof typeof ANNEX_A_COLUMNS;
/** The lists we fill from our facts; the others are written with their headings and a note. */
export const ANNEX_A_FILLED: readonly AnnexAList[] = ['list_1', 'list_3', 'list_4', 'list_5', 'list_6', 'list_7', 'list_8'];
export type AnnexARow = Record<string, string | number>;
export type AnnexARows = Record<AnnexAList, AnnexARow[]>;

/** The six months to the as-at date, both ends included (Ofsted Annex A: "in the six months before the inspection"). */
export function annexAWindow(asAt: string): { from: string; to: string } {
  return { from: addCalendarDays(addMonths(asAt, -6), 1), to: asAt };
}

const date = ssda903Date; // Annex A dates are dd/mm/yyyy too (Annex_A_schema.yml: '%d/%m/%Y').
const yesNo = (value: boolean | undefined) => (value === undefined ? '' : value ? 'Yes' : 'No');
const coded = (column: string, code: string | undefined) => (code === undefined ? '' : (ANNEX_A_CATEGORIES[column]?.[code] ?? code));
const STATUS: Record<string, string> = {
  'looked-after': 'a) Looked after child',
  'child-protection': 'b) Child Protection plan',
  'child-in-need': 'c) Child in need plan',
  assessment: 'd) Open assessment',
  closed: 'e) Closed episode',
  'care-leaver': 'e) Closed episode',
};

function ageOn(dateOfBirth: string | undefined, on: string): number | '' {
  if (!dateOfBirth) return '';
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/**
 * One child's rows of Lists 1-8 as at a date: the child's events folded by the domain as at the end of that date,
 * and the child tracker's answers for it (last seen, last statutory visit, reviews, counts in the last 12 months,
 * allocation), so that a figure here is the figure the tracker shows.
 */
export function annexARowsOf(childId: string, events: readonly ChildEvent[], tracker: ChildTracker | undefined, asAt: string): AnnexARows {
  const facts = caseFactsOf(events.reduce(evolveChildCase, initialChildCaseState), asAt);
  const { from } = annexAWindow(asAt);
  const inWindow = (on: string | undefined) => on !== undefined && on >= from && on <= asAt;
  const openInWindow = (on: string, end: string | undefined) => on <= asAt && (end === undefined || end >= from);
  const details = facts.childDetails[facts.childDetails.length - 1];
  const dob = details?.dateOfBirth ?? details?.expectedDateOfBirth;
  const person = {
    'Child Unique ID': childId,
    Gender: coded('Gender', details?.gender),
    Ethnicity: coded('Ethnicity', details?.ethnicity),
    'Date of Birth': date(dob),
    'Age of Child (Years)': ageOn(details?.dateOfBirth, asAt),
  };
  const disabled = details === undefined ? '' : yesNo(!details.disabilities.includes('NONE'));
  const allocation = { 'Allocated Team': tracker?.allocation?.teamId ?? '', 'Allocated Worker': tracker?.allocation?.workerId ?? '' };
  const lastTwelveMonths = addCalendarDays(addMonths(asAt, -12), 1);
  const conferences = [...facts.conferences.values()].filter((conference) => conference.kind === 'initial');
  const rows = {} as AnnexARows;
  for (const list of Object.keys(ANNEX_A_COLUMNS) as AnnexAList[]) rows[list] = [];

  for (const contact of facts.contacts.values()) {
    if (inWindow(contact.on)) rows.list_1.push({ ...person, 'Date of Contact': date(contact.on), 'Contact Source': coded('Contact Source', contact.source) });
  }
  for (const referral of facts.referrals.values()) {
    if (!inWindow(referral.on)) continue;
    rows.list_3.push({
      ...person,
      'Date of referral': date(referral.on),
      'Referral Source': coded('Referral Source', referral.source),
      'Referral NFA?': yesNo(referral.decision?.decision === 'no-further-action'),
      'Number of Referrals in Last 12 Months': tracker?.referralsInLast12Months ?? 0,
      ...allocation,
    });
  }
  for (const assessment of facts.assessments.values()) {
    const authorisedOn = assessment.authorisation?.on;
    if (!openInWindow(assessment.on, authorisedOn)) continue;
    const seen = [...facts.visits.values()].some((visit) => visit.seen && visit.on >= assessment.on && visit.on <= (authorisedOn ?? asAt));
    rows.list_4.push({
      ...person,
      'Does the Child have a Disability': disabled,
      'Continuous Assessment Start Date': date(assessment.on),
      'Child Seen During Continuous Assessment': yesNo(seen),
      'Continuous Assessment Date of Authorisation': date(authorisedOn),
      "Was the child assessed as requiring LA children's social care support?": assessment.authorisation
        ? yesNo(assessment.authorisation.outcome === 'child-in-need')
        : '',
      ...allocation,
    });
  }
  const enquiries = [...facts.section47Enquiries.values()];
  for (const enquiry of enquiries) {
    const conference = conferences.find((candidate) => candidate.section47Id === enquiry.section47Id);
    const concludedOn = conference?.on ?? (enquiry.completion && !enquiry.completion.icpcRequired ? enquiry.completion.on : undefined);
    if (!openInWindow(enquiry.startedOn, concludedOn)) continue;
    rows.list_5.push({
      ...person,
      'Does the Child have a Disability': disabled,
      'Strategy discussion initiating Section 47 Enquiry Start Date': date(enquiry.startedOn),
      'Was an Initial Child Protection Conference deemed unnecessary?': enquiry.completion ? yesNo(!enquiry.completion.icpcRequired) : '',
      'Date of Initial Child Protection Conference': date(conference?.on),
      'Did the Initial Child Protection Conference Result in a Child Protection Plan': conference ? yesNo(conference.planRequired) : '',
      'Number of Section 47 Enquiries in the last 12 months': enquiries.filter((other) => other.startedOn >= lastTwelveMonths).length,
      'Number of ICPCs in the last 12 months': conferences.filter((other) => other.on >= lastTwelveMonths).length,
      ...allocation,
    });
  }
  for (const episode of facts.episodes) {
    if (!openInWindow(episode.openedOn, episode.closure?.on) || !inNeed(facts, episode.index, episode.openedOn, episode.closure?.on)) continue;
    const referral = facts.referrals.get(episode.openedByReferralId);
    rows.list_6.push({
      ...person,
      'Does the Child have a Disability': disabled,
      'CIN Start Date': date(episode.openedOn),
      'Primary Need Code': coded('Primary Need Code', referral?.primaryNeed),
      'Date Child Was Last Seen': date(tracker?.lastSeen ?? undefined),
      'CIN Closure Date': date(episode.closure?.on),
      'Reason for Closure': coded('Reason for Closure', episode.closure?.reason),
      'Case Status': STATUS[tracker?.status ?? ''] ?? '',
      ...allocation,
    });
  }
  const protectionPlans = [...facts.plans.values()].filter((plan) => plan.planType === 'CP').sort((a, b) => a.on.localeCompare(b.on));
  for (const [index, plan] of protectionPlans.entries()) {
    if (!openInWindow(plan.on, plan.end?.on)) continue;
    const category = plan.categoryOfAbuse ?? conferences.find((conference) => conference.planRequired && conference.on === plan.on)?.categoryOfAbuse;
    rows.list_7.push({
      ...person,
      'Does the Child have a Disability': disabled,
      'Child Protection Plan Start Date': date(plan.on),
      'Initial Category of Abuse': coded('Initial Category of Abuse', category),
      'Latest Category of Abuse': coded('Latest Category of Abuse', category),
      'Date of the Last Statutory Visit': date(tracker?.lastStatutoryVisit ?? undefined),
      'Was the Child Seen Alone?': tracker?.lastStatutoryVisit ? yesNo(tracker.lastSeenAlone === tracker.lastStatutoryVisit) : '',
      'Date of latest review conference': date(
        plan.reviews
          .map((review) => review.on)
          .sort()
          .pop(),
      ),
      'Child Protection Plan End Date': date(plan.end?.on),
      'Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)': '',
      'Number of Previous Child Protection Plans': index,
      ...allocation,
    });
  }
  const periods = [...facts.periodsOfCare.values()].sort((a, b) => a.on.localeCompare(b.on));
  for (const [index, period] of periods.entries()) {
    if (!openInWindow(period.on, period.end?.on)) continue;
    const status = period.legalStatuses.filter((candidate) => candidate.on <= asAt).pop();
    const placement = period.placements.filter((candidate) => candidate.on <= asAt).pop();
    const need = [...facts.referrals.values()].filter((referral) => referral.on <= period.on).pop()?.primaryNeed;
    const missing = [...facts.missingEpisodes.values()].filter((episode) => episode.on >= lastTwelveMonths).sort((a, b) => a.on.localeCompare(b.on));
    const lastMissing = missing[missing.length - 1];
    const earlier = periods.slice(0, index).some((other) => other.end !== undefined && other.end.on >= lastTwelveMonths);
    const health = [...facts.healthAssessments.values()]
      .map((assessment) => assessment.on)
      .sort()
      .pop();
    const review = [...facts.plans.values()]
      .filter((plan) => plan.planType === 'CLA')
      .flatMap((plan) => plan.reviews.map((r) => r.on))
      .sort()
      .pop();
    rows.list_8.push({
      ...person,
      'Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)': '',
      'Does the Child have a Disability': disabled,
      'Date Started to be Looked After': date(period.on),
      "Child's Category of Need": coded("Child's Category of Need", need),
      'Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)': yesNo(earlier),
      'Start date of current legal status': date(status?.on),
      "Child's Legal Status": coded("Child's Legal Status", status?.legalStatus),
      'Date of Latest Statutory Review': date(review),
      'Date of Last Social Work Visit': date(tracker?.lastStatutoryVisit ?? undefined),
      'Date of Last Health Assessment': date(health),
      'Number of Placements in the Last 12 months': tracker?.placementsInLast12Months ?? 0,
      'Date Ceased to be Looked After': date(period.end?.on),
      'Reason Ceased to be Looked After': coded('Reason Ceased to be Looked After', period.reasonCeased),
      'Start Date of Most Recent Placement': date(placement?.on),
      'Placement Type': coded('Placement Type', placement?.placementType),
      "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months": missing.length,
      'Did the child accept a Return Interview after their last missing episode (Y/N)?': lastMissing ? yesNo(lastMissing.returnInterview !== undefined) : '',
      ...allocation,
    });
  }
  return rows;
}

/** A case episode that went past the front door: an assessment found need, or a plan or period of care began in it. */
function inNeed(facts: CaseFacts, episode: number, openedOn: string, closedOn: string | undefined): boolean {
  const within = (on: string) => on >= openedOn && (closedOn === undefined || on <= closedOn);
  return (
    [...facts.assessments.values()].some((assessment) => assessment.episode === episode && assessment.authorisation?.outcome === 'child-in-need') ||
    [...facts.plans.values()].some((plan) => within(plan.on)) ||
    [...facts.periodsOfCare.values()].some((period) => within(period.on))
  );
}

/** A row in the list's column order; a column we cannot fill is blank. */
export function orderedRow(list: AnnexAList, row: AnnexARow): Array<string | number> {
  return ANNEX_A_COLUMNS[list].map((column) => row[column] ?? '');
}

// One child of the DfE CSC API (components.schemas.CSC items, ../shared/data/children-in-social-care-schemas/
// openapi.json) to the facts it proves, row by row (pure): the inverse of csc-api-export-mapping.ts. Ids are the
// API's own (social_care_episode_id is our referralId, as the export sends it); what the API does not carry and our
// contract needs is either a documented rule (primary need N0, "not stated") or the row is not imported.
import {
  ASSESSMENT_FACTORS,
  CLOSURE_REASONS,
  DISABILITIES,
  ETHNICITIES,
  REFERRAL_SOURCES,
  type AssessmentFactor,
  type ClosureReason,
  type Disability,
} from '@csc/contracts';
import type { CaseFacts } from '@csc/domain';
import { assessmentFoundNotInNeed, genderOf } from '../cin-census/cin-census-import-codes';
import { importFactKey, type ImportedChild, type ImportedFact, type ImportedRow, type MappedEnvelope } from '../import-facts';
import type { JsonRecord } from '../import-json';
import { CSC_API_FIELDS, CscApiFieldRefused, CscApiObject, isJsonObject, refuse } from './csc-api-import-fields';
import { eventsToPurge, type PurgeScope } from './csc-api-import-purge';
import { mapCareWorkers } from './csc-api-import-workers';

export const CSC_API_FORMAT = 'csc-api';

/** The report's tables, as the API names its arrays; `purge` is a child's own purge flag (its record destroyed). */
export const CSC_API_TABLES = [
  'child_details',
  'social_care_episodes',
  'care_worker_details',
  'child_and_family_assessments',
  'child_in_need_plans',
  'section_47_assessments',
  'child_protection_plans',
  'purge',
] as const;

/** Parts of a record the import reads but cannot record, with why (the report's "not imported"). */
export const CSC_API_NOT_IMPORTED: Readonly<Record<string, string>> = {
  child_looked_after_placements:
    'a period of care needs the legal status (SSDA903 LS) and whether the placement is long-term, which the CSC API does not carry: import the SSDA903 return for looked-after episodes',
  health_and_wellbeing: 'no event of the contract holds SDQ scores',
  adoption: 'no event of the contract holds adoption decisions',
  care_leavers: 'no event of the contract holds care leaver contact, activity or accommodation',
};

export interface CscApiImportContext {
  readonly file: string;
  readonly authority: string;
  /** Today (Europe/London): the date of a purge's retractions. */
  readonly today: string;
  /** The worker's team on a date, from their stream (undefined: the store knows no team for them then). */
  teamOf(workerId: string, on: string): string | undefined;
}

/** What one record of the file asks for. */
export type CscApiRecordMapping =
  | { readonly kind: 'child'; readonly child: ImportedChild; readonly notImported: Readonly<Record<string, number>> }
  | { readonly kind: 'purge'; readonly childId: string; readonly line: number; readonly path: string };

export type FactBuilder = (
  kind: string,
  parts: string[],
  envelope: Omit<MappedEnvelope, 'schemaVersion' | 'childId' | 'source'>,
  extra?: Partial<ImportedFact>,
) => ImportedFact;
export type RowBuilder = (table: string, path: string, naturalKey: string, build: () => ImportedFact[], purge?: boolean) => void;

export function mapCscApiRecord(record: JsonRecord, context: CscApiImportContext): CscApiRecordMapping {
  const value = isJsonObject(record.value) ? record.value : undefined;
  const childId = typeof value?.la_child_id === 'string' ? value.la_child_id : '';
  if (value?.purge === true && /^[A-Za-z0-9]{1,20}$/.test(childId)) return { kind: 'purge', childId, line: record.line, path: record.path };
  const notImported: Record<string, number> = {};
  const child: ImportedChild = { childId, rows: [], withHistory: (held) => rowsOf(record, childId, context, held) };
  // Counted once, from the record alone: withHistory may run again when another writer moved the child's stream.
  countNotImported(value, notImported);
  return { kind: 'child', child, notImported };
}

function countNotImported(value: Record<string, unknown> | undefined, into: Record<string, number>): void {
  if (value === undefined) return;
  if (isJsonObject(value.health_and_wellbeing)) into.health_and_wellbeing = (into.health_and_wellbeing ?? 0) + 1;
  const episodes = Array.isArray(value.social_care_episodes) ? value.social_care_episodes : [];
  for (const episode of episodes) {
    if (!isJsonObject(episode) || episode.purge === true) continue;
    const placements = Array.isArray(episode.child_looked_after_placements) ? episode.child_looked_after_placements.length : 0;
    if (placements > 0) into.child_looked_after_placements = (into.child_looked_after_placements ?? 0) + placements;
    for (const part of ['adoption', 'care_leavers'] as const) if (isJsonObject(episode[part])) into[part] = (into[part] ?? 0) + 1;
  }
}

function rowsOf(record: JsonRecord, childId: string, context: CscApiImportContext, held: CaseFacts): ImportedRow[] {
  const rows: ImportedRow[] = [];
  const key = (kind: string, ...parts: string[]): string => importFactKey(CSC_API_FORMAT, context.authority, childId, kind, ...parts);
  const fact: FactBuilder = (kind, parts, envelope, extra = {}) => ({
    key: key(kind, ...parts),
    envelope: { ...envelope, schemaVersion: 1, childId, source: { system: CSC_API_FORMAT } } as MappedEnvelope,
    ...extra,
  });
  const row: RowBuilder = (table, path, naturalKey, build, purge) => {
    const location = { table, file: context.file, line: record.line, path, naturalKey: `${childId} ${naturalKey}`.trim(), ...(purge ? { purge } : {}) };
    try {
      rows.push({ ...location, facts: build() });
    } catch (error) {
      if (!(error instanceof CscApiFieldRefused)) throw error;
      rows.push({ ...location, path: error.problem.field ?? path, facts: [], problem: error.problem });
    }
  };
  const purgeFacts = (scope: PurgeScope, what: string): ImportedFact[] =>
    eventsToPurge(held, scope).map((retractedEventId) =>
      fact('purge', [retractedEventId], {
        type: 'EventRetracted',
        occurredAt: context.today,
        data: { retractedEventId, reason: `Purged: the CSC API file ${context.file} sets purge on ${what}.` },
      }),
    );

  let child: CscApiObject;
  try {
    if (!isJsonObject(record.value)) throw refuse('WRONG_TYPE', record.path, `${record.path} must be an object (one child of components.schemas.CSC).`);
    child = new CscApiObject(record.value, record.path, CSC_API_FIELDS.child);
    const id = child.required('la_child_id', 'it names the child.');
    if (!/^[A-Za-z0-9]{1,20}$/.test(id))
      throw refuse(
        'INVALID_ID',
        child.at('la_child_id'),
        `${child.at('la_child_id')} is ${JSON.stringify(id)}: it must match ^[A-Za-z0-9]+$, at most 20 characters.`,
      );
    child.boolean('purge');
  } catch (error) {
    row('child_details', record.path, 'record', () => {
      throw error;
    });
    return rows;
  }

  let episodes: CscApiObject[];
  try {
    episodes = child.objects('social_care_episodes', CSC_API_FIELDS.social_care_episodes);
  } catch (error) {
    row('social_care_episodes', child.at('social_care_episodes'), 'episodes', () => {
      throw error;
    });
    return rows;
  }

  const details = child.value.child_details;
  if (details !== undefined && details !== null && !(isJsonObject(details) && Object.keys(details).length === 0)) {
    row(
      'child_details',
      child.at('child_details'),
      'details',
      () => {
        const object = child.object('child_details', CSC_API_FIELDS.child_details)!;
        if (object.boolean('purge') === true) return purgeFacts({ kind: 'child_details' }, 'child_details');
        return [childDetails(object, episodes, fact)];
      },
      isJsonObject(details) && details.purge === true,
    );
  }
  for (const episode of episodes) mapEpisode(episode, row, fact, purgeFacts, held, context);
  return rows;
}

function childDetails(details: CscApiObject, episodes: readonly CscApiObject[], fact: FactBuilder): ImportedFact {
  const dateOfBirth = details.date('date_of_birth');
  const expectedDateOfBirth = dateOfBirth === undefined ? details.date('expected_date_of_birth') : undefined;
  const sexValue = details.required('sex', 'the contract records every child’s sex (M, F or U).');
  const gender = genderOf(sexValue);
  if (gender === undefined) throw refuse('UNKNOWN_CODE', details.at('sex'), `${details.at('sex')} is ${JSON.stringify(sexValue)}: use M, F or U.`);
  const ethnicity = details.code(
    'ethnicity',
    ETHNICITIES,
    'CIN census ethnicity',
    details.required('ethnicity', 'the contract records every child’s ethnicity.'),
  )!;
  const disabilities = details
    .strings('disabilities')
    .map((code, at) => details.code('disabilities', DISABILITIES, 'CIN census disability', code, `${details.at('disabilities')}[${at}]`) as Disability);
  const unique = [...new Set(disabilities.length > 0 ? disabilities : (['NONE'] as Disability[]))];
  const firstReferral = episodes
    .map((episode) => episode.value.referral_date)
    .filter((date): date is string => typeof date === 'string')
    .sort()[0];
  const occurredAt = dateOfBirth ?? firstReferral;
  if (occurredAt === undefined && expectedDateOfBirth === undefined)
    throw refuse(
      'MISSING_FIELD',
      details.at('date_of_birth'),
      `${details.at('date_of_birth')} (or expected_date_of_birth) is missing: the contract needs one.`,
    );
  if (occurredAt === undefined)
    throw refuse('MISSING_FIELD', details.at('date_of_birth'), 'An unborn child’s details need a referral_date in one of its episodes to date them.');
  // Dated at birth, else at the first referral: the API gives the details no date of their own.
  return fact(
    'details',
    [],
    {
      type: 'ChildDetailsRecorded',
      occurredAt,
      data: { ...(dateOfBirth ? { dateOfBirth } : { expectedDateOfBirth }), gender, ethnicity, disabilities: unique },
    },
    dateOfBirth === undefined ? { dateFromSource: false } : {},
  );
}

type PurgeFacts = (scope: PurgeScope, what: string) => ImportedFact[];

function mapEpisode(episode: CscApiObject, row: RowBuilder, fact: FactBuilder, purgeFacts: PurgeFacts, held: CaseFacts, context: CscApiImportContext): void {
  let referralId: string;
  try {
    referralId = episode.id('social_care_episode_id', 36, 'it names the episode (our referral id).');
  } catch (error) {
    row('social_care_episodes', episode.path, 'episode', () => {
      throw error;
    });
    return;
  }
  if (episode.value.purge === true) {
    row(
      'social_care_episodes',
      episode.path,
      `episode ${referralId} purge`,
      () => purgeFacts({ kind: 'episode', episodeId: referralId }, `episode ${referralId}`),
      true,
    );
    return;
  }
  let closureReason: ClosureReason | undefined;
  row('social_care_episodes', episode.path, `episode ${referralId}`, () => {
    episode.boolean('purge');
    const on = episode.requiredDate('referral_date', 'ReferralReceived needs the date the referral was received.');
    const source = episode.code(
      'referral_source',
      REFERRAL_SOURCES,
      'CIN census referral source',
      episode.required('referral_source', 'ReferralReceived needs it.'),
    )!;
    // The API carries no primary need: N0 is the CIN census's own "not stated" (primaryneedcodetype).
    const facts = [fact('referral', [referralId], { type: 'ReferralReceived', occurredAt: on, data: { referralId, source, primaryNeed: 'N0' } })];
    if (episode.boolean('referral_no_further_action_flag') === true)
      facts.push(fact('referral-nfa', [referralId], { type: 'ReferralDecisionMade', occurredAt: on, data: { referralId, decision: 'no-further-action' } }));
    const closed = episode.date('closure_date');
    closureReason = episode.code('closure_reason', CLOSURE_REASONS, 'CIN census reason for closure');
    if (closed !== undefined) {
      if (closureReason === undefined)
        throw refuse('MISSING_FIELD', episode.at('closure_reason'), `${episode.at('closure_reason')} is missing for the closure_date ${closed}.`);
      facts.push(fact('closure', [referralId], { type: 'CaseClosed', occurredAt: closed, data: { reason: closureReason } }));
    }
    return facts;
  });
  const items = (name: keyof typeof CSC_API_FIELDS): CscApiObject[] => {
    try {
      return episode.objects(name, CSC_API_FIELDS[name]);
    } catch (error) {
      row(name, episode.at(name), `episode ${referralId} ${name}`, () => {
        throw error;
      });
      return [];
    }
  };

  mapCareWorkers(items('care_worker_details'), { referralId, closedOn: safeDate(episode, 'closure_date'), held, teamOf: context.teamOf, row, fact });

  for (const assessment of items('child_and_family_assessments')) {
    const id = String(assessment.value.child_and_family_assessment_id ?? '');
    const purge = assessment.value.purge === true;
    row(
      'child_and_family_assessments',
      assessment.path,
      `assessment ${id}${purge ? ' purge' : ''}`,
      () => {
        const assessmentId = assessment.id('child_and_family_assessment_id', 36, 'it names the assessment.');
        if (assessment.boolean('purge') === true) return purgeFacts({ kind: 'assessment', assessmentId }, `assessment ${assessmentId}`);
        const start = assessment.requiredDate('start_date', 'AssessmentStarted needs the date the assessment started.');
        const facts = [fact('assessment', [assessmentId], { type: 'AssessmentStarted', occurredAt: start, data: { assessmentId, referralId } })];
        const authorised = assessment.date('authorisation_date');
        const factors = [
          ...new Set(
            assessment
              .strings('factors')
              .map(
                (code, at) =>
                  assessment.code(
                    'factors',
                    ASSESSMENT_FACTORS,
                    'CIN census assessment factor',
                    code,
                    `${assessment.at('factors')}[${at}]`,
                  ) as AssessmentFactor,
              ),
          ),
        ];
        if (authorised !== undefined) {
          // The API records no outcome: as the CIN census import, RC8/RC9 closures found the child not in need.
          const outcome = assessmentFoundNotInNeed(closureReason) ? 'not-in-need' : 'child-in-need';
          facts.push(
            fact('assessment-authorised', [assessmentId], { type: 'AssessmentAuthorised', occurredAt: authorised, data: { assessmentId, outcome, factors } }),
          );
        }
        return facts;
      },
      purge,
    );
  }

  for (const [name, planType, idField] of [
    ['child_in_need_plans', 'CIN', 'child_in_need_plan_id'],
    ['child_protection_plans', 'CP', 'child_protection_plan_id'],
  ] as const) {
    for (const plan of items(name)) {
      const id = String(plan.value[idField] ?? '');
      const purge = plan.value.purge === true;
      row(
        name,
        plan.path,
        `${planType.toLowerCase()}-plan ${id}${purge ? ' purge' : ''}`,
        () => {
          const planId = plan.id(idField, 36, 'it names the plan.');
          if (plan.boolean('purge') === true) return purgeFacts({ kind: 'plan', planId }, `plan ${planId}`);
          const start = plan.requiredDate('start_date', 'PlanStarted needs the date the plan started.');
          // No category of abuse in the API: a CP plan is recorded without one (the contract allows it).
          const facts = [fact('plan', [planId], { type: 'PlanStarted', occurredAt: start, data: { planId, planType } })];
          const end = plan.date('end_date');
          if (end !== undefined) facts.push(fact('plan-end', [planId], { type: 'PlanEnded', occurredAt: end, data: { planId } }));
          return facts;
        },
        purge,
      );
    }
  }

  for (const enquiry of items('section_47_assessments')) {
    const id = String(enquiry.value.section_47_assessment_id ?? '');
    const purge = enquiry.value.purge === true;
    row(
      'section_47_assessments',
      enquiry.path,
      `s47 ${id}${purge ? ' purge' : ''}`,
      () => {
        const section47Id = enquiry.id('section_47_assessment_id', 36, 'it names the enquiry.');
        if (enquiry.boolean('purge') === true) return purgeFacts({ kind: 'section47', section47Id }, `section 47 enquiry ${section47Id}`);
        const start = enquiry.requiredDate('start_date', 'the enquiry’s start is the strategy discussion that started it (the s47 start date).');
        const facts = [
          fact('s47', [section47Id], {
            type: 'StrategyDiscussionHeld',
            occurredAt: start,
            data: { strategyDiscussionId: `${section47Id}-sd`, referralId, section47Started: true, section47Id },
          }),
        ];
        const conference = enquiry.date('icpc_date');
        const required = enquiry.boolean('icpc_required_flag') ?? (conference !== undefined ? true : undefined);
        const end = enquiry.date('end_date');
        if (end !== undefined) {
          if (required === undefined)
            throw refuse(
              'MISSING_FIELD',
              enquiry.at('icpc_required_flag'),
              `${enquiry.at('icpc_required_flag')} is missing for the end_date ${end}: say whether a conference was required.`,
            );
          facts.push(
            fact('s47-completed', [section47Id], { type: 'Section47EnquiryCompleted', occurredAt: end, data: { section47Id, icpcRequired: required } }),
          );
        }
        if (conference !== undefined) {
          // planRequired needs the category of abuse, which the API does not carry: recorded as false (see README).
          facts.push(
            fact('icpc', [section47Id], {
              type: 'InitialChildProtectionConferenceHeld',
              occurredAt: conference,
              data: { conferenceId: `${section47Id}-icpc`, section47Id, planRequired: false },
            }),
          );
        }
        return facts;
      },
      purge,
    );
  }
}

/** A date of the object if it reads as one; a bad one is refused by the row that owns the field. */
function safeDate(object: CscApiObject, name: string): string | undefined {
  try {
    return object.date(name);
  } catch {
    return undefined;
  }
}

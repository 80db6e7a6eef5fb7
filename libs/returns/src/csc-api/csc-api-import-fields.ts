// Reads one object of a CSC API record as components.schemas.CSC of the DfE's openapi.json
// (../shared/data/children-in-social-care-schemas/openapi.json) types it: strings, `format: date`, booleans, the
// id patterns, `additionalProperties: false`. Codes are checked against the national lists the API's descriptions
// name ("selected from a list of possible codes"): the CIN census lists our contract holds.
import { isCalendarDate } from '@csc/contracts';
import type { ImportProblem } from '../import-report';

/** A value of the record the import cannot take: the row (and so the child) is refused with this problem. */
export class CscApiFieldRefused extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function refuse(code: string, field: string, message: string): CscApiFieldRefused {
  return new CscApiFieldRefused({ code, message, field });
}

/** One object of the record and its JSONPath, e.g. `$[3].social_care_episodes[0]`. */
export class CscApiObject {
  constructor(
    readonly value: JsonObject,
    readonly path: string,
    /** The properties the schema allows here (additionalProperties: false). */
    allowed: readonly string[],
  ) {
    const unknown = Object.keys(value).find((name) => !allowed.includes(name));
    if (unknown !== undefined)
      throw refuse('UNKNOWN_FIELD', this.at(unknown), `${this.at(unknown)} is not a field of the CSC API here (one of ${allowed.join(', ')}).`);
  }

  at(name: string): string {
    return `${this.path}.${name}`;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  string(name: string): string | undefined {
    const value = this.value[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw refuse('WRONG_TYPE', this.at(name), `${this.at(name)} is ${JSON.stringify(value)}: the CSC API sends a string.`);
    return value.trim() === '' ? undefined : value.trim();
  }

  required(name: string, why: string): string {
    const value = this.string(name);
    if (value === undefined) throw refuse('MISSING_FIELD', this.at(name), `${this.at(name)} is missing: ${why}`);
    return value;
  }

  /** An identifier with the API's pattern ^[A-Za-z0-9_-]*$ and its maxLength. */
  id(name: string, maxLength: number, why: string): string {
    const value = this.required(name, why);
    if (!/^[A-Za-z0-9_-]+$/.test(value) || value.length > maxLength)
      throw refuse(
        'INVALID_ID',
        this.at(name),
        `${this.at(name)} is ${JSON.stringify(value)}: it must match ^[A-Za-z0-9_-]*$, at most ${maxLength} characters.`,
      );
    return value;
  }

  date(name: string): string | undefined {
    const value = this.string(name);
    if (value === undefined || isCalendarDate(value)) return value;
    throw refuse('INVALID_DATE', this.at(name), `${this.at(name)} is ${JSON.stringify(value)}, which is not a real date written YYYY-MM-DD (format: date).`);
  }

  requiredDate(name: string, why: string): string {
    const value = this.date(name);
    if (value === undefined) throw refuse('MISSING_FIELD', this.at(name), `${this.at(name)} is missing: ${why}`);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.value[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw refuse('WRONG_TYPE', this.at(name), `${this.at(name)} is ${JSON.stringify(value)}: the CSC API sends true or false.`);
    return value;
  }

  code<T extends string>(name: string, list: readonly T[], listName: string, value: unknown = this.string(name), field = this.at(name)): T | undefined {
    if (value === undefined) return undefined;
    const code = String(value).trim().toUpperCase();
    if ((list as readonly string[]).includes(code)) return code as T;
    throw refuse('UNKNOWN_CODE', field, `${field} is ${JSON.stringify(value)}, which is not a ${listName} code (one of ${list.join(', ')}).`);
  }

  /** The objects of an array property, each with its path; a missing array is empty. */
  objects(name: string, allowed: readonly string[]): CscApiObject[] {
    const value = this.value[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw refuse('WRONG_TYPE', this.at(name), `${this.at(name)} must be an array.`);
    return value.map((item, index) => {
      const path = `${this.at(name)}[${index}]`;
      if (!isJsonObject(item)) throw refuse('WRONG_TYPE', path, `${path} must be an object.`);
      return new CscApiObject(item, path, allowed);
    });
  }

  /** An object property, or undefined. */
  object(name: string, allowed: readonly string[]): CscApiObject | undefined {
    const value = this.value[name];
    if (value === undefined || value === null) return undefined;
    if (!isJsonObject(value)) throw refuse('WRONG_TYPE', this.at(name), `${this.at(name)} must be an object.`);
    return new CscApiObject(value, this.at(name), allowed);
  }

  strings(name: string): unknown[] {
    const value = this.value[name];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw refuse('WRONG_TYPE', this.at(name), `${this.at(name)} must be an array.`);
    return value;
  }
}

/** The properties of each object, as components.schemas.CSC lists them. */
export const CSC_API_FIELDS = {
  child: ['la_child_id', 'mis_child_id', 'purge', 'child_details', 'health_and_wellbeing', 'social_care_episodes'],
  child_details: [
    'unique_pupil_number',
    'former_unique_pupil_number',
    'unique_pupil_number_unknown_reason',
    'first_name',
    'surname',
    'date_of_birth',
    'expected_date_of_birth',
    'sex',
    'ethnicity',
    'disabilities',
    'postcode',
    'uasc_flag',
    'uasc_end_date',
    'purge',
  ],
  social_care_episodes: [
    'social_care_episode_id',
    'referral_date',
    'referral_source',
    'referral_no_further_action_flag',
    'closure_date',
    'closure_reason',
    'care_worker_details',
    'child_and_family_assessments',
    'child_in_need_plans',
    'section_47_assessments',
    'child_protection_plans',
    'child_looked_after_placements',
    'adoption',
    'care_leavers',
    'purge',
  ],
  care_worker_details: ['worker_id', 'start_date', 'end_date'],
  child_and_family_assessments: ['child_and_family_assessment_id', 'start_date', 'authorisation_date', 'factors', 'purge'],
  child_in_need_plans: ['child_in_need_plan_id', 'start_date', 'end_date', 'purge'],
  section_47_assessments: ['section_47_assessment_id', 'start_date', 'icpc_required_flag', 'icpc_date', 'end_date', 'purge'],
  child_protection_plans: ['child_protection_plan_id', 'start_date', 'end_date', 'purge'],
  child_looked_after_placements: [
    'child_looked_after_placement_id',
    'start_date',
    'start_reason',
    'placement_type',
    'postcode',
    'end_date',
    'end_reason',
    'change_reason',
    'purge',
  ],
} as const;

// Test support: the generated JSON Schemas compiled with Ajv (draft 2020-12 + formats), and Ajv's errors read
// back as contract violations, so a test can ask both validators the same question and compare the answers.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { EVENT_TYPES, NATIONAL_CODE_LISTS, envelopeJsonSchema, eventJsonSchema, type EventType, type ViolationCode } from '@csc/contracts';

export interface ViolationAt {
  code: ViolationCode;
  field: string;
}

export function newAjv(): Ajv2020 {
  // verbose: an error carries its schema, so an `anyOf` of `required` branches reads as one missing field.
  const ajv = new Ajv2020({ allErrors: true, verbose: true });
  addFormats(ajv);
  return ajv;
}

let compiled: { perType: Map<EventType, ValidateFunction>; envelope: ValidateFunction } | undefined;

/** The schema of each event type and the envelope schema, compiled once per test file. */
export function schemaValidators(): { perType: Map<EventType, ValidateFunction>; envelope: ValidateFunction } {
  if (!compiled) {
    const ajv = newAjv();
    const perType = new Map<EventType, ValidateFunction>(EVENT_TYPES.map((type) => [type, ajv.compile(eventJsonSchema(type))]));
    compiled = { perType, envelope: ajv.compile(envelopeJsonSchema()) };
  }
  return compiled;
}

/** JSON pointer `/data/factors/2` as the contract writes it: `data.factors[2]`. */
function pointerToField(pointer: string): string {
  let field = '';
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    field = /^\d+$/.test(segment) ? `${field}[${segment}]` : field === '' ? segment : `${field}.${segment}`;
  }
  return field;
}

const join = (parent: string, name: string): string => (parent === '' ? name : `${parent}.${name}`);

function definitionName(schemaPath: string): string | undefined {
  return /^#\/\$defs\/([^/]+)\//.exec(schemaPath)?.[1];
}

/** Ajv's errors as (code, field) pairs, sorted and without repeats. */
export function violationsFromAjv(errors: readonly ErrorObject[] | null | undefined): ViolationAt[] {
  const found = new Map<string, ViolationAt>();
  const add = (code: ViolationCode, field: string) => found.set(`${code} ${field}`, { code, field });
  for (const error of errors ?? []) {
    const field = pointerToField(error.instancePath);
    const params = error.params as Record<string, unknown>;
    if (/\/anyOf\/\d+\//.test(error.schemaPath)) continue; // a branch of an anyOf: the anyOf error speaks for it
    switch (error.keyword) {
      case 'if':
        break; // the failing then/else branch's own errors say what is wrong
      case 'anyOf': {
        const branches = error.schema as Array<Record<string, unknown>>;
        add(branches.every((branch) => Array.isArray(branch.required)) ? 'MISSING_FIELD' : 'INVALID_FIELD', field);
        break;
      }
      case 'required':
        add('MISSING_FIELD', join(field, String(params.missingProperty)));
        break;
      case 'additionalProperties':
        add('UNKNOWN_FIELD', join(field, String(params.additionalProperty)));
        break;
      case 'false schema':
        add('CONFLICTING_FIELDS', field);
        break;
      case 'uniqueItems':
        add('INVALID_FIELD', `${field}[${Math.max(Number(params.i), Number(params.j))}]`);
        break;
      case 'type':
        add(field === '' ? 'NOT_AN_OBJECT' : 'INVALID_FIELD', field);
        break;
      case 'const':
      case 'enum':
        if (field === 'type') add('UNKNOWN_EVENT_TYPE', field);
        else if (field === 'schemaVersion') add('UNSUPPORTED_SCHEMA_VERSION', field);
        else add((definitionName(error.schemaPath) ?? '') in NATIONAL_CODE_LISTS ? 'INVALID_CODE' : 'INVALID_FIELD', field);
        break;
      case 'pattern':
        {
          const definition = definitionName(error.schemaPath) ?? '';
          add(/Range$/.test(definition) ? 'DATE_OUT_OF_RANGE' : definition === 'StorableText' ? 'UNSTORABLE_TEXT' : 'INVALID_FIELD', field);
          break;
        }
        break;
      default:
        add('INVALID_FIELD', field);
    }
  }
  return sortViolations([...found.values()]);
}

export function sortViolations(violations: readonly ViolationAt[]): ViolationAt[] {
  return [...violations].map(({ code, field }) => ({ code, field })).sort((a, b) => `${a.field} ${a.code}`.localeCompare(`${b.field} ${b.code}`));
}

/** What the per-type schema (or, for an unknown type, the envelope schema) and the envelope schema say. */
export function schemaVerdicts(envelope: unknown): { perType: ViolationAt[] | undefined; envelope: ViolationAt[] } {
  const { perType, envelope: envelopeValidator } = schemaValidators();
  const type = (envelope as { type?: unknown } | null)?.type;
  const typeValidator = typeof type === 'string' ? perType.get(type as EventType) : undefined;
  let perTypeVerdict: ViolationAt[] | undefined;
  if (typeValidator) perTypeVerdict = typeValidator(envelope) ? [] : violationsFromAjv(typeValidator.errors);
  const envelopeVerdict = envelopeValidator(envelope) ? [] : violationsFromAjv(envelopeValidator.errors);
  return { perType: perTypeVerdict, envelope: envelopeVerdict };
}

// The vocabulary in which the contract's fields are written. Each payload class says, per property, which of
// these it holds; the runtime checks (field-violations.ts) and the JSON Schema (field-json-schema.ts) are both
// read from the same declaration, so they cannot drift apart.
import type { DateRange } from '../calendar-dates';
import type { NationalCodeListName } from '../codes/national-code-lists';

export type FieldType =
  | { readonly kind: 'id' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'calendarDate'; readonly range: DateRange }
  | { readonly kind: 'occurredAt'; readonly range: DateRange }
  | { readonly kind: 'text'; readonly minLength: number; readonly maxLength: number }
  | { readonly kind: 'systemName' }
  | { readonly kind: 'code'; readonly list: NationalCodeListName }
  | { readonly kind: 'codes'; readonly list: NationalCodeListName; readonly minItems: number }
  | { readonly kind: 'choice'; readonly values: readonly string[] }
  | { readonly kind: 'flag' }
  | { readonly kind: 'fte' }
  | { readonly kind: 'eventType' }
  | { readonly kind: 'schemaVersion' }
  | { readonly kind: 'object'; readonly holds: 'source' | 'data' };

/**
 * Whether a field must be present. `conditional`: when the sibling `field` equals `equals` the field is
 * `then` (required or optional); when the sibling holds any other valid value the field must be absent;
 * when the sibling is itself missing or invalid, only the sibling is reported.
 */
export type Presence =
  | { readonly rule: 'required' }
  | { readonly rule: 'optional' }
  | { readonly rule: 'conditional'; readonly field: string; readonly equals: string | boolean; readonly then: 'required' | 'optional' };

export interface FieldSpec {
  readonly type: FieldType;
  readonly presence: Presence;
  /** One line for the JSON Schema and the API docs. */
  readonly description: string;
}

/** Rules about a payload as a whole rather than one field. */
export type PayloadRule =
  { readonly rule: 'exactlyOneOf'; readonly fields: readonly [string, string] } | { readonly rule: 'atLeastOneOf'; readonly fields: readonly string[] };

export const ID_PATTERN = '^[A-Za-z0-9._:-]+$';
export const ID_MAX_LENGTH = 64;
export const UUID_PATTERN = '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$';
export const SYSTEM_NAME_PATTERN = '^[a-z0-9-]{1,32}$';
/**
 * Text PostgreSQL can store: no NUL and no lone surrogate (a UTF-16 half that encodes nothing in UTF-8). A
 * Unicode-mode regular expression (JSON Schema's, and Ajv's) sees a surrogate pair as one code point, so only
 * lone halves match the class; emoji and every other character pass.
 */
export const STORABLE_TEXT_PATTERN = '^[^\\u0000\\uD800-\\uDFFF]*$';
export const SUPPORTED_SCHEMA_VERSION = 1;
/** Every FTE the contract accepts: 0.01 to 1 in hundredths (k / 100 is exactly the double JSON parses for "0.kk"). */
export const FTE_VALUES: readonly number[] = Array.from({ length: 100 }, (_, k) => (k + 1) / 100);

const REQUIRED: Presence = { rule: 'required' };

type TypedSpec = Pick<FieldSpec, 'type' | 'description'>;

export const identifier = (description: string): TypedSpec => ({ type: { kind: 'id' }, description });
export const uuid = (description: string): TypedSpec => ({ type: { kind: 'uuid' }, description });
export const calendarDate = (range: DateRange, description: string): TypedSpec => ({ type: { kind: 'calendarDate', range }, description });
export const occurredAtValue = (range: DateRange, description: string): TypedSpec => ({ type: { kind: 'occurredAt', range }, description });
export const text = (minLength: number, maxLength: number, description: string): TypedSpec => ({
  type: { kind: 'text', minLength, maxLength },
  description,
});
export const systemName = (description: string): TypedSpec => ({ type: { kind: 'systemName' }, description });
export const nationalCode = (list: NationalCodeListName, description: string): TypedSpec => ({ type: { kind: 'code', list }, description });
export const nationalCodes = (list: NationalCodeListName, minItems: number, description: string): TypedSpec => ({
  type: { kind: 'codes', list, minItems },
  description,
});
export const oneOf = (values: readonly string[], description: string): TypedSpec => ({ type: { kind: 'choice', values }, description });
export const flag = (description: string): TypedSpec => ({ type: { kind: 'flag' }, description });
export const fullTimeEquivalent = (description: string): TypedSpec => ({ type: { kind: 'fte' }, description });
export const eventTypeName = (description: string): TypedSpec => ({ type: { kind: 'eventType' }, description });
export const schemaVersionNumber = (description: string): TypedSpec => ({ type: { kind: 'schemaVersion' }, description });
export const nestedObject = (holds: 'source' | 'data', description: string): TypedSpec => ({ type: { kind: 'object', holds }, description });

export const required = (): Presence => REQUIRED;
export const optional = (): Presence => ({ rule: 'optional' });
/** Present exactly when `field` equals `equals`. */
export const requiredWhen = (field: string, equals: string | boolean): Presence => ({ rule: 'conditional', field, equals, then: 'required' });
/** May be present only when `field` equals `equals`. */
export const allowedWhen = (field: string, equals: string | boolean): Presence => ({ rule: 'conditional', field, equals, then: 'optional' });

/** A payload or envelope class: something the contract decorators describe and validation instantiates. */
export type ContractClass = new (...args: never[]) => object;

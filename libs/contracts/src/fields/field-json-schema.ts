// JSON Schema (draft 2020-12) for the field vocabulary: the exact counterpart of field-violations.ts.
import { BIRTH_DATE_RANGE, CALENDAR_DATE_PATTERN, OCCURRED_ON_RANGE, TIMESTAMP_PATTERN, WORKER_OCCURRED_ON_RANGE, type DateRange } from '../calendar-dates';
import { NATIONAL_CODE_LISTS, type NationalCodeListName } from '../codes/national-code-lists';
import type { ContractClassDescription } from './contract-class-metadata';
import {
  FTE_VALUES,
  ID_MAX_LENGTH,
  ID_PATTERN,
  STORABLE_TEXT_PATTERN,
  SUPPORTED_SCHEMA_VERSION,
  SYSTEM_NAME_PATTERN,
  UUID_PATTERN,
  type FieldType,
  type Presence,
} from './field-types';

export type JsonSchema = { [keyword: string]: unknown };

/** A date of the given shape whose range is checked only once its shape is right, so each mistake has one code. */
function rangedDate(range: DateRange, shape: string, description: string): JsonSchema {
  return { description, $ref: `#/$defs/${shape}`, if: { $ref: `#/$defs/${shape}` }, then: { $ref: `#/$defs/${range.schemaName}Range` } };
}

function rangeDefinition(range: DateRange): Record<string, JsonSchema> {
  return {
    [`${range.schemaName}Range`]: { type: 'string', description: `Years ${range.from.slice(0, 4)} to ${range.to.slice(0, 4)}.`, pattern: range.yearPattern },
  };
}

function occurredAtDescription(range: DateRange): string {
  return (
    `When the fact happened, between ${range.from} and ${range.to}. This schema checks the year written; the service also refuses ` +
    `a timestamp whose Europe/London date falls outside the range (${range.to}T23:30:00-01:00 is the next day in London).`
  );
}

/** Shared definitions a field may point at with `$ref: '#/$defs/<name>'`. */
export const SHARED_DEFINITIONS: Record<string, JsonSchema> = {
  Id: {
    description: `An id as the producing system knows it: 1-${ID_MAX_LENGTH} characters from A-Z a-z 0-9 . _ : - (no spaces, no personal data).`,
    type: 'string',
    minLength: 1,
    maxLength: ID_MAX_LENGTH,
    pattern: ID_PATTERN,
  },
  StorableText: {
    description: 'Text with no NUL (U+0000) and no lone surrogate (U+D800-U+DFFF), which cannot be stored. Patterns are Unicode-mode, as in ECMA-262.',
    type: 'string',
    pattern: STORABLE_TEXT_PATTERN,
  },
  Uuid: { description: 'A UUID (8-4-4-4-12 hexadecimal digits).', type: 'string', pattern: UUID_PATTERN },
  CalendarDate: { description: 'A real calendar date, YYYY-MM-DD.', type: 'string', pattern: CALENDAR_DATE_PATTERN, format: 'date' },
  OccurredAtShape: {
    description:
      "When the fact happened: a calendar date YYYY-MM-DD, or an RFC 3339 timestamp with seconds and Z or an offset. A timestamp's calendar date is its Europe/London date.",
    type: 'string',
    anyOf: [{ $ref: '#/$defs/CalendarDate' }, { pattern: TIMESTAMP_PATTERN, format: 'date-time' }],
  },
  OccurredAt: rangedDate(OCCURRED_ON_RANGE, 'OccurredAtShape', occurredAtDescription(OCCURRED_ON_RANGE)),
  ...rangeDefinition(OCCURRED_ON_RANGE),
  WorkerOccurredAt: rangedDate(WORKER_OCCURRED_ON_RANGE, 'OccurredAtShape', occurredAtDescription(WORKER_OCCURRED_ON_RANGE)),
  ...rangeDefinition(WORKER_OCCURRED_ON_RANGE),
  BirthDate: rangedDate(BIRTH_DATE_RANGE, 'CalendarDate', `A real calendar date YYYY-MM-DD between ${BIRTH_DATE_RANGE.from} and ${BIRTH_DATE_RANGE.to}.`),
  ...rangeDefinition(BIRTH_DATE_RANGE),
  Fte: {
    description:
      'Full-time equivalent: above 0 and at most 1, in hundredths. Listed as values because multipleOf 0.01 fails on binary floating point in most validators.',
    type: 'number',
    exclusiveMinimum: 0,
    maximum: 1,
    enum: FTE_VALUES,
  },
};

export function codeListDefinition(name: NationalCodeListName): JsonSchema {
  const list = NATIONAL_CODE_LISTS[name];
  const labels = list.codes.map((code) => `${code}: ${(list.labels as Record<string, string>)[code]}`).join('; ');
  return {
    description: `${list.title}, from the ${list.provenance.statutoryReturn} (${list.provenance.list}). ${labels}.`,
    enum: list.codes,
  };
}

/** The schema of one field; `$ref`s name SHARED_DEFINITIONS, code lists, `Source` and `<payloadName>`. */
export function fieldSchema(type: FieldType, description: string, context: { eventType: string; payloadName: string }): JsonSchema {
  const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}`, description });
  switch (type.kind) {
    case 'id':
      return ref('Id');
    case 'uuid':
      return ref('Uuid');
    case 'calendarDate':
      return ref(type.range.schemaName);
    case 'occurredAt':
      return ref(type.range.schemaName);
    case 'fte':
      return ref('Fte');
    case 'code':
      return ref(type.list);
    case 'text':
      return { description, type: 'string', minLength: type.minLength, maxLength: type.maxLength, $ref: '#/$defs/StorableText' };
    case 'systemName':
      return { description, type: 'string', pattern: SYSTEM_NAME_PATTERN };
    case 'codes':
      return {
        description,
        type: 'array',
        items: { $ref: `#/$defs/${type.list}` },
        uniqueItems: true,
        ...(type.minItems > 0 ? { minItems: type.minItems } : {}),
      };
    case 'choice':
      return { description, enum: type.values };
    case 'flag':
      return { description, type: 'boolean' };
    case 'eventType':
      return { description, const: context.eventType };
    case 'schemaVersion':
      return { description, const: SUPPORTED_SCHEMA_VERSION };
    case 'object':
      return ref(type.holds === 'source' ? 'Source' : context.payloadName);
  }
}

/** The `$defs` names a field type refers to. */
export function definitionsUsedBy(type: FieldType): string[] {
  switch (type.kind) {
    case 'id':
      return ['Id'];
    case 'uuid':
      return ['Uuid'];
    case 'calendarDate':
      return [type.range.schemaName, `${type.range.schemaName}Range`, 'CalendarDate'];
    case 'occurredAt':
      return [type.range.schemaName, `${type.range.schemaName}Range`, 'OccurredAtShape', 'CalendarDate'];
    case 'fte':
      return ['Fte'];
    case 'code':
    case 'codes':
      return [type.list];
    case 'text':
      return ['StorableText'];
    default:
      return [];
  }
}

/**
 * The object schema of a contract class: properties, required list, presence conditions and payload rules.
 * (`properties: { x: true }` beside a `required: ['x']` keeps the schema valid under Ajv's strictRequired.)
 */
export function objectSchema(description: ContractClassDescription, title: string, context: { eventType: string; payloadName: string }): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const requiredFields: string[] = [];
  const conditions: JsonSchema[] = [];
  for (const { name, spec } of description.fields) {
    const presence = spec.presence;
    properties[name] = fieldSchema(spec.type, `${spec.description}${presenceNote(presence)}`, context);
    if (presence.rule === 'required') requiredFields.push(name);
    if (presence.rule !== 'conditional') continue;
    const control = description.fieldByName.get(presence.field);
    if (!control) throw new Error(`${title}.${name} depends on ${presence.field}, which ${title} does not have`);
    const otherValues = controlValues(control.type).filter((value) => value !== presence.equals);
    if (presence.then === 'required') {
      conditions.push({
        if: { properties: { [presence.field]: { const: presence.equals } }, required: [presence.field] },
        then: { properties: { [name]: true }, required: [name] },
      });
    }
    conditions.push({ if: { properties: { [presence.field]: { enum: otherValues } }, required: [presence.field] }, then: { properties: { [name]: false } } });
  }
  for (const rule of description.rules) {
    if (rule.rule === 'atLeastOneOf') {
      // Not minProperties: an unknown key would satisfy it, and the contract reports that key and the missing ones.
      conditions.push({ anyOf: rule.fields.map((field) => ({ properties: { [field]: true }, required: [field] })) });
    } else {
      const [first, second] = rule.fields;
      conditions.push({
        if: { properties: { [second]: true }, required: [second] },
        then: { properties: { [first]: false } },
        else: { properties: { [first]: true }, required: [first] },
      });
    }
  }
  const ruleNotes = description.rules.map((rule) =>
    rule.rule === 'exactlyOneOf' ? `Exactly one of ${rule.fields.join(' or ')}.` : `At least one of ${rule.fields.join(', ')}.`,
  );
  return {
    title,
    ...(ruleNotes.length > 0 ? { description: ruleNotes.join(' ') } : {}),
    type: 'object',
    additionalProperties: false,
    ...(requiredFields.length > 0 ? { required: requiredFields } : {}),
    properties,
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
}

function presenceNote(presence: Presence): string {
  if (presence.rule !== 'conditional') return '';
  const when = `${presence.field} is ${JSON.stringify(presence.equals)}`;
  return presence.then === 'required' ? ` Required when ${when}; absent otherwise.` : ` Allowed only when ${when}.`;
}

function controlValues(type: FieldType): ReadonlyArray<string | boolean> {
  if (type.kind === 'flag') return [true, false];
  if (type.kind === 'choice') return type.values;
  throw new Error(`A presence condition can only depend on a flag or a choice field, not on a ${type.kind} field`);
}

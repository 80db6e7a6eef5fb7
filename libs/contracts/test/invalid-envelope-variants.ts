// Test support: for one event type, envelopes that each break the contract in one way, with the violations
// both validators must report. Built from the type's example and its field declarations.
import {
  ChildEventEnvelopeDto,
  EVENT_EXAMPLES,
  EnvelopeSourceDto,
  WorkerEventEnvelopeDto,
  describeContractClass,
  isWorkerEventType,
  payloadClassOf,
  type EventType,
  type FieldSpec,
  type FieldType,
} from '@csc/contracts';
import type { ViolationAt } from './json-schema-validators';

export interface InvalidVariant {
  name: string;
  envelope: unknown;
  expected: ViolationAt[];
}

type Json = Record<string, unknown>;

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const shiftDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dayBefore = (date: string): string => shiftDays(date, -1);
const dayAfter = (date: string): string => shiftDays(date, 1);
const at = (code: ViolationAt['code'], field: string): ViolationAt => ({ code, field });

/** A value of the wrong JSON type for a field, and the code that names that mistake. */
function wrongTypeFor(type: FieldType): { value: unknown; code: ViolationAt['code'] } | undefined {
  switch (type.kind) {
    case 'code':
      return { value: 42, code: 'INVALID_CODE' };
    case 'codes':
    case 'object':
      return { value: 'not-a-list-or-object', code: 'INVALID_FIELD' };
    case 'flag':
      return { value: 'true', code: 'INVALID_FIELD' };
    case 'fte':
      return { value: '0.5', code: 'INVALID_FIELD' };
    case 'schemaVersion':
      return { value: '1', code: 'UNSUPPORTED_SCHEMA_VERSION' };
    case 'eventType':
      return undefined; // a wrong type is a different question: see the unknown-type variants
    default:
      return { value: 42, code: 'INVALID_FIELD' };
  }
}

/** Values that have the right JSON type but break the field's format, range or list. */
function badValuesFor(type: FieldType, valid: unknown): Array<{ name: string; value: unknown; code: ViolationAt['code']; suffix?: string }> {
  switch (type.kind) {
    case 'id':
      return [
        { name: 'with a space', value: 'C 123', code: 'INVALID_FIELD' },
        { name: 'empty', value: '', code: 'INVALID_FIELD' },
        { name: '65 characters', value: 'A'.repeat(65), code: 'INVALID_FIELD' },
      ];
    case 'uuid':
      return [{ name: 'not a UUID', value: '4283b838-9515-4d2c-ab8f', code: 'INVALID_FIELD' }];
    case 'calendarDate':
      return [
        { name: 'not a real day', value: '2024-02-30', code: 'INVALID_FIELD' },
        { name: 'a timestamp', value: '2024-02-01T10:00:00Z', code: 'INVALID_FIELD' },
        { name: 'day-first', value: '01/02/2024', code: 'INVALID_FIELD' },
        { name: 'in year 0000', value: '0000-01-01', code: 'DATE_OUT_OF_RANGE' },
        { name: 'the day before the range', value: dayBefore(type.range.from), code: 'DATE_OUT_OF_RANGE' },
        { name: 'the day after the range', value: dayAfter(type.range.to), code: 'DATE_OUT_OF_RANGE' },
      ];
    case 'occurredAt':
      return [
        { name: 'not a real day', value: '2023-02-29', code: 'INVALID_FIELD' },
        { name: 'a timestamp on no real day', value: '2024-04-31T10:00:00Z', code: 'INVALID_FIELD' },
        { name: 'a timestamp without zone', value: '2024-03-04T10:15:00', code: 'INVALID_FIELD' },
        { name: 'a timestamp without seconds', value: '2024-03-04T10:15Z', code: 'INVALID_FIELD' },
        { name: 'hour 24', value: '2024-03-04T24:00:00Z', code: 'INVALID_FIELD' },
        { name: 'in year 0000', value: '0000-01-01', code: 'DATE_OUT_OF_RANGE' },
        { name: 'the day before the range', value: dayBefore(type.range.from), code: 'DATE_OUT_OF_RANGE' },
        { name: 'the day after the range', value: dayAfter(type.range.to), code: 'DATE_OUT_OF_RANGE' },
        { name: 'in year 9999, a timestamp', value: '9999-12-31T23:59:59-01:00', code: 'DATE_OUT_OF_RANGE' },
      ];
    case 'text':
      return [
        { name: 'too long', value: 'x'.repeat(type.maxLength + 1), code: 'INVALID_FIELD' },
        ...(type.minLength > 0 ? [{ name: 'empty', value: '', code: 'INVALID_FIELD' as const }] : []),
        { name: 'holding NUL', value: 'a\u0000b', code: 'UNSTORABLE_TEXT' },
        { name: 'holding a lone high surrogate', value: 'a\ud800', code: 'UNSTORABLE_TEXT' },
        { name: 'holding a lone low surrogate', value: '\udfffb', code: 'UNSTORABLE_TEXT' },
      ];
    case 'systemName':
      return [
        { name: 'upper case', value: 'LCS', code: 'INVALID_FIELD' },
        { name: '33 characters', value: 'a'.repeat(33), code: 'INVALID_FIELD' },
      ];
    case 'code':
      return [
        { name: 'outside the list', value: 'ZZ9', code: 'INVALID_CODE' },
        { name: 'lower case', value: String(valid).toLowerCase() + 'x', code: 'INVALID_CODE' },
      ];
    case 'codes': {
      const first = (valid as unknown[])[0] ?? (type.list === 'Disability' ? 'NONE' : '1A');
      const variants: Array<{ name: string; value: unknown; code: ViolationAt['code']; suffix?: string }> = [
        { name: 'with a code outside the list', value: [first, 'ZZ9'], code: 'INVALID_CODE', suffix: '[1]' },
        { name: 'with a repeated code', value: [first, first], code: 'INVALID_FIELD', suffix: '[1]' },
      ];
      if (type.minItems > 0) variants.push({ name: 'empty', value: [], code: 'INVALID_FIELD' });
      return variants;
    }
    case 'choice':
      return [{ name: 'not one of the values', value: 'something-else', code: 'INVALID_FIELD' }];
    case 'fte':
      return [
        { name: 'zero', value: 0, code: 'INVALID_FIELD' },
        { name: 'above 1', value: 1.5, code: 'INVALID_FIELD' },
        { name: 'three decimals', value: 0.333, code: 'INVALID_FIELD' },
      ];
    case 'schemaVersion':
      return [{ name: 'version 2', value: 2, code: 'UNSUPPORTED_SCHEMA_VERSION' }];
    case 'object':
      return [
        { name: 'an array', value: [], code: 'INVALID_FIELD' },
        { name: 'null', value: null, code: 'INVALID_FIELD' },
      ];
    default:
      return [];
  }
}

interface Level {
  path: string;
  get: (envelope: Json) => Json;
  fields: ReadonlyArray<{ name: string; spec: FieldSpec }>;
}

function levelsOf(type: EventType): Level[] {
  const envelopeClass = isWorkerEventType(type) ? WorkerEventEnvelopeDto : ChildEventEnvelopeDto;
  return [
    { path: '', get: (e) => e, fields: describeContractClass(envelopeClass).fields },
    { path: 'source', get: (e) => e.source as Json, fields: describeContractClass(EnvelopeSourceDto).fields },
    { path: 'data', get: (e) => e.data as Json, fields: describeContractClass(payloadClassOf(type)).fields },
  ];
}

const join = (parent: string, name: string): string => (parent === '' ? name : `${parent}.${name}`);

/** The generic variants: each required field missing, each present field of the wrong type or format, an unknown field per level. */
export function fieldVariants(type: EventType): InvalidVariant[] {
  const example = EVENT_EXAMPLES[type] as unknown as Json;
  const variants: InvalidVariant[] = [];
  const mutate = (name: string, change: (envelope: Json) => void, expected: ViolationAt[]) => {
    const envelope = clone(example);
    change(envelope);
    variants.push({ name, envelope, expected });
  };
  for (const level of levelsOf(type)) {
    mutate(`${join(level.path, 'unexpected')} added`, (e) => (level.get(e).unexpected = 1), [at('UNKNOWN_FIELD', join(level.path, 'unexpected'))]);
    for (const { name, spec } of level.fields) {
      const field = join(level.path, name);
      if (spec.presence.rule === 'required') {
        mutate(`${field} missing`, (e) => delete level.get(e)[name], [at('MISSING_FIELD', field)]);
      }
      if (!(name in level.get(example))) continue;
      const wrong = wrongTypeFor(spec.type);
      if (wrong) mutate(`${field} of the wrong type`, (e) => (level.get(e)[name] = wrong.value), [at(wrong.code, field)]);
      for (const bad of badValuesFor(spec.type, level.get(example)[name])) {
        mutate(`${field} ${bad.name}`, (e) => (level.get(e)[name] = bad.value), [at(bad.code, `${field}${bad.suffix ?? ''}`)]);
      }
    }
  }
  return variants;
}

/** Variants every type shares: an unknown type, and the id of the other kind of stream. */
export function envelopeVariants(type: EventType): InvalidVariant[] {
  const example = EVENT_EXAMPLES[type] as unknown as Json;
  const worker = isWorkerEventType(type);
  const own = worker ? 'workerId' : 'childId';
  const other = worker ? 'childId' : 'workerId';
  const withOther = clone(example);
  withOther[other] = 'X1';
  const swapped = clone(example);
  swapped[other] = swapped[own];
  delete swapped[own];
  return [
    { name: `${other} added`, envelope: withOther, expected: [at('UNKNOWN_FIELD', other)] },
    { name: `${other} instead of ${own}`, envelope: swapped, expected: [at('MISSING_FIELD', own), at('UNKNOWN_FIELD', other)] },
    { name: 'type misspelt', envelope: { ...clone(example), type: `${type}x` }, expected: [at('UNKNOWN_EVENT_TYPE', 'type')] },
  ];
}

// The runtime meaning of each field type and presence rule: what is wrong, in words a producer can act on.
// Every check here has an exact JSON Schema counterpart in field-json-schema.ts.
import { isCalendarDate, isOccurredAt, isOccurredAtInRange, isWithinDateRange, occurredOnDate, type DateRange } from '../calendar-dates';
import { NATIONAL_CODE_LISTS } from '../codes/national-code-lists';
import { MAX_REPORTED_VIOLATIONS, type ContractViolation, type ViolationCode } from '../contract-violations';
import { describeContractClass } from './contract-class-metadata';
import {
  type ContractClass,
  FTE_VALUES,
  ID_MAX_LENGTH,
  ID_PATTERN,
  STORABLE_TEXT_PATTERN,
  SUPPORTED_SCHEMA_VERSION,
  SYSTEM_NAME_PATTERN,
  UUID_PATTERN,
  type FieldSpec,
  type FieldType,
  type PayloadRule,
} from './field-types';

const ID = new RegExp(ID_PATTERN);
const UUID = new RegExp(UUID_PATTERN);
const SYSTEM_NAME = new RegExp(SYSTEM_NAME_PATTERN);
const FTE = new Set(FTE_VALUES);
const STORABLE_TEXT = new RegExp(STORABLE_TEXT_PATTERN, 'u');
const ECHO_LIMIT = 40;

/** A short, safe description of a received value: never the whole of a huge string or a nested structure. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    return value.length > ECHO_LIMIT ? `${JSON.stringify(value.slice(0, ECHO_LIMIT))}... (${value.length} characters)` : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value === 'object' ? 'JSON object' : typeof value}`;
}

export function joinPath(parent: string, name: string): string {
  return parent === '' ? name : `${parent}.${name}`;
}

function violation(code: ViolationCode, field: string, message: string): ContractViolation {
  return { code, field, message };
}

// Captured once: this runs for every field of every event, and global lookups are slow inside vm contexts (Jest).
const { getPrototypeOf } = Object;
const OBJECT_PROTOTYPE = Object.prototype;
const { isArray } = Array;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || isArray(value)) return false;
  const prototype = getPrototypeOf(value);
  return prototype === OBJECT_PROTOTYPE || prototype === null;
}

/** "a CIN census ... code (1A, 1B, ...)" / "an SSDA903 ... code (...)": the list named, every code shown. */
function codeListText(listName: keyof typeof NATIONAL_CODE_LISTS): string {
  const list = NATIONAL_CODE_LISTS[listName];
  const article = /^(SSDA|[AEIOU])/.test(list.title) ? 'an' : 'a';
  return `${article} ${list.title} (${list.codes.join(', ')})`;
}

function sentenceCase(description: string): string {
  const text = description.replace(/\.$/, '');
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

const CODE_SETS = new Map<string, ReadonlySet<string>>(Object.entries(NATIONAL_CODE_LISTS).map(([name, list]) => [name, new Set<string>(list.codes)]));

function isCode(listName: keyof typeof NATIONAL_CODE_LISTS, value: unknown): boolean {
  return typeof value === 'string' && (CODE_SETS.get(listName)?.has(value) ?? false);
}

function outOfRange(path: string, value: string, range: DateRange): ContractViolation {
  const london = value.length > 10 ? ` (its Europe/London date is ${occurredOnDate(value)})` : '';
  return violation('DATE_OUT_OF_RANGE', path, `${path} must fall between ${range.from} and ${range.to}; got ${describeValue(value)}${london}`);
}

/** Violations of a present value against its type; [] when it is fine. */
export function typeViolations(type: FieldType, value: unknown, path: string): ContractViolation[] {
  switch (type.kind) {
    case 'id':
      return typeof value === 'string' && value.length >= 1 && value.length <= ID_MAX_LENGTH && ID.test(value)
        ? []
        : [
            violation(
              'INVALID_FIELD',
              path,
              `${path} must be an id of 1-${ID_MAX_LENGTH} characters from A-Z a-z 0-9 . _ : - (no spaces); got ${describeValue(value)}`,
            ),
          ];
    case 'uuid':
      return typeof value === 'string' && value.length === 36 && UUID.test(value)
        ? []
        : [violation('INVALID_FIELD', path, `${path} must be a UUID (8-4-4-4-12 hexadecimal digits); got ${describeValue(value)}`)];
    case 'calendarDate':
      if (!isCalendarDate(value))
        return [violation('INVALID_FIELD', path, `${path} must be a real calendar date written YYYY-MM-DD; got ${describeValue(value)}`)];
      return isWithinDateRange(value, type.range) ? [] : [outOfRange(path, value, type.range)];
    case 'occurredAt':
      if (isOccurredAt(value)) return isOccurredAtInRange(value, type.range) ? [] : [outOfRange(path, value, type.range)];
      return [
        violation(
          'INVALID_FIELD',
          path,
          `${path} must be a real calendar date YYYY-MM-DD or an ISO-8601 timestamp with seconds and Z or an offset (2024-03-04T10:15:00Z, 2024-03-04T10:15:00+01:00); got ${describeValue(value)}`,
        ),
      ];
    case 'text':
      return textViolations(type.minLength, type.maxLength, value, path);
    case 'systemName':
      return typeof value === 'string' && value.length <= 32 && SYSTEM_NAME.test(value)
        ? []
        : [violation('INVALID_FIELD', path, `${path} must be 1-32 characters from a-z 0-9 - (e.g. lcs, mosaic, eclipse); got ${describeValue(value)}`)];
    case 'code':
      return isCode(type.list, value) ? [] : [violation('INVALID_CODE', path, `${path} must be ${codeListText(type.list)}; got ${describeValue(value)}`)];
    case 'codes':
      return codesViolations(type.list, type.minItems, value, path);
    case 'choice':
      return typeof value === 'string' && type.values.includes(value)
        ? []
        : [violation('INVALID_FIELD', path, `${path} must be one of ${type.values.join(', ')}; got ${describeValue(value)}`)];
    case 'flag':
      return typeof value === 'boolean' ? [] : [violation('INVALID_FIELD', path, `${path} must be true or false; got ${describeValue(value)}`)];
    case 'fte':
      return typeof value === 'number' && FTE.has(value)
        ? []
        : [
            violation(
              'INVALID_FIELD',
              path,
              `${path} must be a number above 0 and at most 1 with at most two decimals (0.5, 0.81, 1); got ${describeValue(value)}`,
            ),
          ];
    case 'eventType':
      return typeof value === 'string'
        ? []
        : [violation('UNKNOWN_EVENT_TYPE', path, `${path} must name an event type of the catalogue; got ${describeValue(value)}`)];
    case 'schemaVersion':
      return value === SUPPORTED_SCHEMA_VERSION
        ? []
        : [
            violation(
              'UNSUPPORTED_SCHEMA_VERSION',
              path,
              `${path} must be ${SUPPORTED_SCHEMA_VERSION}, the only version of this contract; got ${describeValue(value)}`,
            ),
          ];
    case 'object':
      return isPlainObject(value) || isContractInstance(value)
        ? []
        : [violation('INVALID_FIELD', path, `${path} must be a JSON object; got ${describeValue(value)}`)];
  }
}

function textViolations(minLength: number, maxLength: number, value: unknown, path: string): ContractViolation[] {
  if (typeof value !== 'string')
    return [violation('INVALID_FIELD', path, `${path} must be text of ${minLength}-${maxLength} characters; got ${describeValue(value)}`)];
  const found: ContractViolation[] = [];
  if (value.length < minLength || value.length > maxLength) {
    found.push(violation('INVALID_FIELD', path, `${path} must be text of ${minLength}-${maxLength} characters; got ${describeValue(value)}`));
  }
  if (!STORABLE_TEXT.test(value)) {
    found.push(violation('UNSTORABLE_TEXT', path, `${path} must not hold NUL (U+0000) or a lone surrogate (U+D800-U+DFFF): they cannot be stored`));
  }
  return found;
}

/** A nested payload already built into its class (see validate-envelope.ts) counts as an object. */
function isContractInstance(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || isArray(value)) return false;
  const constructor: unknown = getPrototypeOf(value)?.constructor;
  return typeof constructor === 'function' && describeContractClass(constructor as ContractClass).fields.length > 0;
}

function codesViolations(listName: keyof typeof NATIONAL_CODE_LISTS, minItems: number, value: unknown, path: string): ContractViolation[] {
  const list = NATIONAL_CODE_LISTS[listName];
  if (!Array.isArray(value)) {
    return [violation('INVALID_FIELD', path, `${path} must be a list, each item ${codeListText(listName)}; got ${describeValue(value)}`)];
  }
  const found: ContractViolation[] = [];
  if (value.length < minItems) {
    found.push(violation('INVALID_FIELD', path, `${path} must hold at least ${minItems} ${list.title}${minItems === 1 ? '' : 's'}; got an empty list`));
  }
  for (let index = 0; index < value.length && found.length <= MAX_REPORTED_VIOLATIONS; index += 1) {
    if (!isCode(listName, value[index])) {
      found.push(violation('INVALID_CODE', `${path}[${index}]`, `${path}[${index}] must be ${codeListText(listName)}; got ${describeValue(value[index])}`));
    }
  }
  const repeat = lastRepeatedIndex(value);
  if (repeat)
    found.push(violation('INVALID_FIELD', `${path}[${repeat.later}]`, `${path}[${repeat.later}] repeats ${path}[${repeat.earlier}]; list each code once`));
  return found;
}

/** Like JSON Schema `uniqueItems` (which reports one pair), the last item that repeats an earlier one. */
function lastRepeatedIndex(items: readonly unknown[]): { earlier: number; later: number } | undefined {
  const firstPrimitive = new Map<unknown, number>();
  const firstStructure = new Map<string, number>();
  let repeat: { earlier: number; later: number } | undefined;
  items.forEach((item, index) => {
    const structured = typeof item === 'object' && item !== null;
    const seen: Map<unknown, number> = structured ? firstStructure : firstPrimitive;
    const key = structured ? (canonicalJson(item, 0) ?? `unique:${index}`) : item;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, index);
    else repeat = { earlier, later: index };
  });
  return repeat;
}

const CANONICAL_DEPTH_LIMIT = 16;

/**
 * JSON with object keys sorted, so two items JSON Schema deems equal get the same text; undefined for junk
 * nested deeper than a code list could ever need (treated as distinct rather than recursed into).
 */
function canonicalJson(value: unknown, depth: number): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'null';
  if (depth >= CANONICAL_DEPTH_LIMIT) return undefined;
  const parts: string[] = [];
  if (isArray(value)) {
    for (const item of value) {
      const text = canonicalJson(item, depth + 1);
      if (text === undefined) return undefined;
      parts.push(text);
    }
    return `[${parts.join(',')}]`;
  }
  for (const key of Object.keys(value).sort()) {
    const text = canonicalJson((value as Record<string, unknown>)[key], depth + 1);
    if (text === undefined) return undefined;
    parts.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

type ConditionState = 'met' | 'unmet' | 'unknown';

function conditionState(spec: FieldSpec, owner: object): ConditionState {
  const presence = spec.presence;
  if (presence.rule !== 'conditional') return 'met';
  const control = (owner as Record<string, unknown>)[presence.field];
  if (control === presence.equals) return 'met';
  const controlSpec = describeContractClass(owner.constructor as ContractClass).fieldByName.get(presence.field);
  if (control === undefined || !controlSpec || typeViolations(controlSpec.type, control, '').length > 0) return 'unknown';
  return 'unmet';
}

/** Violations of one field of `owner`, at `path` (e.g. `data.section47Id`); [] when it is fine. */
export function fieldViolations(spec: FieldSpec, value: unknown, path: string, owner: object): ContractViolation[] {
  const presence = spec.presence;
  const state = conditionState(spec, owner);
  if (value === undefined) {
    const mustBePresent = presence.rule === 'required' || (presence.rule === 'conditional' && presence.then === 'required' && state === 'met');
    if (!mustBePresent) return [];
    const when = presence.rule === 'conditional' ? ` when ${siblingPath(path, presence.field)} is ${JSON.stringify(presence.equals)}` : '';
    return [violation('MISSING_FIELD', path, `${path} is required${when}: ${sentenceCase(spec.description)}`)];
  }
  if (presence.rule === 'conditional' && state === 'unmet') {
    const control = siblingPath(path, presence.field);
    // A field that should be absent is still checked, so a producer learns everything at once (as JSON Schema does).
    return [
      ...typeViolations(spec.type, value, path),
      violation(
        'CONFLICTING_FIELDS',
        path,
        `${path} may only be sent when ${control} is ${JSON.stringify(presence.equals)}; here ${control} is ${describeValue((owner as Record<string, unknown>)[presence.field])}`,
      ),
    ];
  }
  return typeViolations(spec.type, value, path);
}

function siblingPath(path: string, sibling: string): string {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? sibling : `${path.slice(0, dot + 1)}${sibling}`;
}

/** Violations of a payload-wide rule of `owner` (whose path is `ownerPath`); [] when it holds. */
export function ruleViolations(rule: PayloadRule, owner: object, ownerPath: string): ContractViolation[] {
  const values = owner as Record<string, unknown>;
  const present = rule.fields.filter((name) => values[name] !== undefined);
  const ownerName = ownerPath === '' ? 'the payload' : ownerPath;
  if (rule.rule === 'exactlyOneOf') {
    const [first, second] = rule.fields;
    if (present.length === 2) {
      return [
        violation(
          'CONFLICTING_FIELDS',
          joinPath(ownerPath, first),
          `${joinPath(ownerPath, first)} must not be sent with ${joinPath(ownerPath, second)}: send exactly one of them`,
        ),
      ];
    }
    if (present.length === 0) {
      const firstPath = joinPath(ownerPath, first);
      return [
        violation('MISSING_FIELD', firstPath, `${firstPath} is required unless ${joinPath(ownerPath, second)} is sent: ${ownerName} needs exactly one of them`),
      ];
    }
    return [];
  }
  return present.length > 0 ? [] : [violation('MISSING_FIELD', ownerPath, `${ownerName} must carry at least one of ${rule.fields.join(', ')}`)];
}

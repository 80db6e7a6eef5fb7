// The one entry point that checks an incoming envelope against the contract, for the HTTP API and the Kafka
// consumer alike. It never throws, and what it returns on success is a plain JSON object holding only the
// contract's fields, ready to store as it is.
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { MAX_REPORTED_VIOLATIONS, type ContractViolation, type EnvelopeValidationResult, type ViolationCode } from './contract-violations';
import { ChildEventEnvelopeDto, EnvelopeSourceDto, WorkerEventEnvelopeDto } from './envelope/event-envelope';
import { EVENT_TYPES, isEventType, isWorkerEventType, payloadClassOf, type CaseEvent } from './event-catalogue';
import { CONTRACT_FIELD, CONTRACT_RULE_PREFIX, describeContractClass } from './fields/contract-class-metadata';
import { describeValue, fieldViolations, isPlainObject, joinPath, ruleViolations } from './fields/field-violations';
import { SUPPORTED_SCHEMA_VERSION, type FieldSpec, type PayloadRule } from './fields/field-types';
import type { ContractClass } from './fields/field-types';

const VALIDATOR_OPTIONS: ValidatorOptions = { forbidUnknownValues: true, validationError: { target: true, value: true } };
const { hasOwnProperty } = Object.prototype;
const hasOwn = (object: object, key: string): boolean => hasOwnProperty.call(object, key);

/** Checks `raw` (parsed JSON) against the contract. Never throws. */
export function validateEnvelope(raw: unknown): EnvelopeValidationResult<CaseEvent> {
  try {
    return validateReadableEnvelope(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
    return rejected([{ code: 'UNREADABLE_INPUT', field: '', message: `The input could not be read as plain JSON data (${reason}); send a JSON object` }]);
  }
}

function validateReadableEnvelope(raw: unknown): EnvelopeValidationResult<CaseEvent> {
  if (!isPlainObject(raw)) {
    return rejectedWith('NOT_AN_OBJECT', '', `The envelope must be a JSON object; got ${describeValue(raw)}`);
  }
  const version = hasOwn(raw, 'schemaVersion') ? raw.schemaVersion : undefined;
  if (version !== undefined && version !== SUPPORTED_SCHEMA_VERSION) {
    return rejectedWith(
      'UNSUPPORTED_SCHEMA_VERSION',
      'schemaVersion',
      `schemaVersion must be ${SUPPORTED_SCHEMA_VERSION}, the only version of this contract; got ${describeValue(version)} (nothing else was checked)`,
    );
  }
  const type = hasOwn(raw, 'type') ? raw.type : undefined;
  if (type === undefined) {
    return rejectedWith('MISSING_FIELD', 'type', `type is required: the event type, one of ${EVENT_TYPES.join(', ')}`);
  }
  if (!isEventType(type)) {
    return rejectedWith('UNKNOWN_EVENT_TYPE', 'type', `type must be an event type of the catalogue (${EVENT_TYPES.join(', ')}); got ${describeValue(type)}`);
  }

  const violations: ContractViolation[] = [];
  const envelopeClass = isWorkerEventType(type) ? WorkerEventEnvelopeDto : ChildEventEnvelopeDto;
  const envelope = instanceOf(envelopeClass, raw, '', type, violations);
  envelope.source = nestedInstance(EnvelopeSourceDto, envelope.source, 'source', type, violations);
  envelope.data = nestedInstance(payloadClassOf(type), envelope.data, 'data', type, violations);
  collectViolations(validateSync(envelope, VALIDATOR_OPTIONS), '', violations);
  if (violations.length > 0) return rejected(violations);
  return { ok: true, event: plainCopy(envelope) as CaseEvent };
}

/** A new instance of `cls` holding only the contract's fields of `raw`; every other key is reported. */
function instanceOf(cls: ContractClass, raw: Record<string, unknown>, path: string, type: string, violations: ContractViolation[]): Record<string, unknown> {
  const { fields, fieldByName } = describeContractClass(cls);
  for (const key of Object.keys(raw)) {
    if (fieldByName.has(key)) continue;
    if (violations.length > MAX_REPORTED_VIOLATIONS) break;
    violations.push({
      code: 'UNKNOWN_FIELD',
      field: joinPath(path, key),
      message: unknownFieldMessage(
        joinPath(path, key),
        type,
        fields.map((f) => f.name),
      ),
    });
  }
  // Object.create + own-key copies: a `__proto__` key in the input is never assigned, so no prototype can change.
  const instance = Object.create(cls.prototype) as Record<string, unknown>;
  for (const { name } of fields) {
    if (hasOwn(raw, name) && raw[name] !== undefined) instance[name] = raw[name];
  }
  return instance;
}

function nestedInstance(cls: ContractClass, value: unknown, path: string, type: string, violations: ContractViolation[]): unknown {
  if (isPlainObject(value)) return instanceOf(cls, value, path, type, violations);
  // An array is reported as "not an object" all the same; emptying it keeps class-validator from walking junk.
  return Array.isArray(value) ? [] : value;
}

function unknownFieldMessage(field: string, type: string, allowed: readonly string[]): string {
  if (field === 'childId') return `childId is not allowed on ${type}: worker events carry workerId, child events carry childId`;
  if (field === 'workerId') return `workerId is not allowed on ${type}: child events carry childId, worker events carry workerId`;
  const shown = field.length > 80 ? `${field.slice(0, 80)}...` : field;
  return `${shown} is not a field of ${type}; the fields here are ${allowed.join(', ')}`;
}

/** Turns class-validator's errors into violations, recomputing each with its field's path and message. */
function collectViolations(errors: readonly ValidationError[], parentPath: string, violations: ContractViolation[]): void {
  for (const error of errors) {
    const path = joinPath(parentPath, error.property);
    for (const [constraint, context] of Object.entries(error.contexts ?? {})) {
      if (constraint === CONTRACT_FIELD) violations.push(...fieldViolations(context as FieldSpec, error.value, path, error.target as object));
      else if (constraint.startsWith(CONTRACT_RULE_PREFIX)) violations.push(...ruleViolations(context as PayloadRule, error.target as object, parentPath));
    }
    if (error.children && error.children.length > 0) collectViolations(error.children, path, violations);
  }
}

/** A plain JSON copy of a validated instance, fields in contract order, arrays copied, UUIDs in lower case. */
function plainCopy(instance: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const { name, spec } of describeContractClass(instance.constructor as ContractClass).fields) {
    const value = instance[name];
    if (value === undefined) continue;
    if (spec.type.kind === 'object') copy[name] = plainCopy(value as Record<string, unknown>);
    // One spelling of a UUID (as PostgreSQL's uuid type gives it back), so a retry in upper case is the same event.
    else if (spec.type.kind === 'uuid') copy[name] = (value as string).toLowerCase();
    else copy[name] = Array.isArray(value) ? [...value] : value;
  }
  return copy;
}

function rejectedWith(code: ViolationCode, field: string, message: string): EnvelopeValidationResult<CaseEvent> {
  return rejected([{ code, field, message }]);
}

function rejected(violations: ContractViolation[]): EnvelopeValidationResult<CaseEvent> {
  if (violations.length <= MAX_REPORTED_VIOLATIONS) return { ok: false, errors: violations };
  const errors = violations.slice(0, MAX_REPORTED_VIOLATIONS);
  errors.push({
    code: 'TOO_MANY_VIOLATIONS',
    field: '',
    message: `Only the first ${MAX_REPORTED_VIOLATIONS} violations are reported; fix them and send again`,
  });
  return { ok: false, errors };
}

// @csc/contracts: the public event contract. Other libraries import these names and never re-declare them.
export * from './codes/national-code-list';
export * from './codes/national-code-lists';
export * from './codes/cin-census-child-codes';
export * from './codes/cin-census-case-codes';
export * from './codes/cin-census-assessment-factors';
export * from './codes/ssda903-episode-codes';
export * from './codes/ssda903-placement-codes';
export * from './codes/ssda903-social-worker-codes';

export * from './contract-violations';
export {
  isCalendarDate,
  isTimestamp,
  isOccurredAt,
  occurredOnDate,
  compareCalendarDates,
  isWithinDateRange,
  isOccurredAtInRange,
  OCCURRED_ON_RANGE,
  WORKER_OCCURRED_ON_RANGE,
  BIRTH_DATE_RANGE,
  CALENDAR_DATE_PATTERN,
  TIMESTAMP_PATTERN,
  type DateRange,
} from './calendar-dates';

export * from './envelope/event-envelope';
export * from './events/child-details-events';
export * from './events/front-door-events';
export * from './events/safeguarding-events';
export * from './events/assessment-events';
export * from './events/allocation-events';
export * from './events/plan-events';
export * from './events/looked-after-events';
export * from './events/visit-and-health-events';
export * from './events/missing-episode-events';
export * from './events/closure-events';
export * from './events/worker-events';

export * from './event-catalogue';
export { EVENT_DESCRIPTIONS } from './event-descriptions';
export { EVENT_EXAMPLES } from './examples';
export * from './stream-ids';
export { validateEnvelope } from './validate-envelope';
export {
  eventJsonSchema,
  envelopeJsonSchema,
  renderJsonSchemaFiles,
  JSON_SCHEMA_DIALECT,
  JSON_SCHEMA_ID_BASE,
  ENVELOPE_SCHEMA_NAME,
} from './json-schema/event-json-schemas';
export type { JsonSchema } from './fields/field-json-schema';
export type { FieldSpec, FieldType, Presence, PayloadRule } from './fields/field-types';
export { FTE_VALUES, ID_PATTERN, ID_MAX_LENGTH, STORABLE_TEXT_PATTERN, UUID_PATTERN, SUPPORTED_SCHEMA_VERSION } from './fields/field-types';
export { describeContractClass, type ContractClassDescription, type ContractFieldDescription } from './fields/contract-class-metadata';
export { fromStoredEvent, toStoredEvent, type IngestChannel, type StoredEnvelopeMetadata, type StoredEvent } from './stored-envelope';
export {
  CHILD_PAYLOAD_FIELDS,
  CHILD_ENVELOPE_FIELDS,
  DESTROYED_VALUE,
  PERSONAL_DATA_DESTROYED,
  encryptedPayloadFields,
  isPersonalDataDestroyed,
  type PersonalDataClass,
} from './personal-data';
export * from './record-retention';

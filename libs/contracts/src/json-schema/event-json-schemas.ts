// JSON Schema (draft 2020-12) for every event type and for the envelope, generated from the contract classes'
// metadata, so consumers in other languages validate exactly what validateEnvelope accepts.
import { NATIONAL_CODE_LISTS, type NationalCodeListName } from '../codes/national-code-lists';
import { ChildEventEnvelopeDto, EnvelopeSourceDto, WorkerEventEnvelopeDto } from '../envelope/event-envelope';
import { EVENT_TYPES, isWorkerEventType, payloadClassOf, type EventType } from '../event-catalogue';
import { EVENT_DESCRIPTIONS } from '../event-descriptions';
import { EVENT_EXAMPLES } from '../examples';
import { describeContractClass } from '../fields/contract-class-metadata';
import { SHARED_DEFINITIONS, codeListDefinition, definitionsUsedBy, objectSchema, type JsonSchema } from '../fields/field-json-schema';
import type { ContractClass } from '../fields/field-types';

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
/** Base of every schema's `$id` (a URN: the schemas are files in this repository, not served from a URL). */
export const JSON_SCHEMA_ID_BASE = 'urn:csc-case-tracker:contracts:v1:';
export const ENVELOPE_SCHEMA_NAME = 'envelope';

const SHARED_ORDER = Object.keys(SHARED_DEFINITIONS);
const CODE_LIST_ORDER = Object.keys(NATIONAL_CODE_LISTS) as NationalCodeListName[];

const payloadName = (type: EventType): string => `${type}Data`;

function classesOf(type: EventType): ContractClass[] {
  return [isWorkerEventType(type) ? WorkerEventEnvelopeDto : ChildEventEnvelopeDto, EnvelopeSourceDto, payloadClassOf(type)];
}

/** The envelope of one type and the `$defs` it needs (its payload, Source, shared formats, code lists). */
function typeDefinitions(type: EventType): { envelope: JsonSchema; definitions: Record<string, JsonSchema> } {
  const context = { eventType: type, payloadName: payloadName(type) };
  const [envelopeClass, sourceClass, dataClass] = classesOf(type);
  const used = new Set<string>();
  for (const cls of classesOf(type)) {
    for (const { spec } of describeContractClass(cls).fields) definitionsUsedBy(spec.type).forEach((name) => used.add(name));
  }
  const definitions: Record<string, JsonSchema> = {};
  for (const name of SHARED_ORDER) if (used.has(name)) definitions[name] = SHARED_DEFINITIONS[name];
  for (const name of CODE_LIST_ORDER) if (used.has(name)) definitions[name] = codeListDefinition(name);
  definitions.Source = objectSchema(describeContractClass(sourceClass), 'Source', context);
  definitions[payloadName(type)] = objectSchema(describeContractClass(dataClass), payloadName(type), context);
  return { envelope: objectSchema(describeContractClass(envelopeClass), type, context), definitions };
}

/** The self-contained schema of one event type's envelope (no external `$ref`s). */
export function eventJsonSchema(type: EventType): JsonSchema {
  const { envelope, definitions } = typeDefinitions(type);
  const { title: _title, ...body } = envelope;
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${JSON_SCHEMA_ID_BASE}${type}`,
    title: `${type} (schemaVersion 1)`,
    description: EVENT_DESCRIPTIONS[type],
    ...body,
    examples: [EVENT_EXAMPLES[type]],
    $defs: definitions,
  };
}

/** One schema for any envelope: the `type` picks the event type's schema (an unknown type fails on `type` alone). */
export function envelopeJsonSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const perType: Record<string, JsonSchema> = {};
  for (const type of EVENT_TYPES) {
    const { envelope, definitions: needed } = typeDefinitions(type);
    Object.assign(definitions, needed);
    perType[type] = envelope;
  }
  const ordered: Record<string, JsonSchema> = {};
  for (const name of [...SHARED_ORDER, ...CODE_LIST_ORDER, 'Source']) if (definitions[name]) ordered[name] = definitions[name];
  for (const type of EVENT_TYPES) {
    ordered[type] = perType[type];
    ordered[payloadName(type)] = definitions[payloadName(type)];
  }
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: `${JSON_SCHEMA_ID_BASE}${ENVELOPE_SCHEMA_NAME}`,
    title: 'Case event envelope (schemaVersion 1)',
    description: 'Any event of the catalogue. The type selects the schema of that event type; each is also published alone as <type>.schema.json.',
    type: 'object',
    required: ['type'],
    properties: { type: { description: 'The event type, one of the catalogue.', enum: EVENT_TYPES } },
    allOf: EVENT_TYPES.map((type) => ({ if: { properties: { type: { const: type } }, required: ['type'] }, then: { $ref: `#/$defs/${type}` } })),
    $defs: ordered,
  };
}

/** Every schema file's name and exact text, as they are checked in under libs/contracts/schemas/v1. */
export function renderJsonSchemaFiles(): Record<string, string> {
  const files: Record<string, string> = { [`${ENVELOPE_SCHEMA_NAME}.schema.json`]: render(envelopeJsonSchema()) };
  for (const type of EVENT_TYPES) files[`${type}.schema.json`] = render(eventJsonSchema(type));
  return files;
}

function render(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}

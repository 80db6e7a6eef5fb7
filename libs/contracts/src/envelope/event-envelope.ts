import { OCCURRED_ON_RANGE, WORKER_OCCURRED_ON_RANGE } from '../calendar-dates';
import { ContractField } from '../fields/contract-field.decorator';
import { eventTypeName, identifier, nestedObject, occurredAtValue, optional, schemaVersionNumber, systemName, text, uuid } from '../fields/field-types';

/** The envelope every producer sends (the catalogue's shape); `ChildEvent` / `WorkerEvent` narrow it per type. */
export interface EventEnvelope<T extends string = string, D = unknown> {
  eventId: string;
  type: T;
  schemaVersion: number;
  childId?: string;
  workerId?: string;
  occurredAt: string;
  source: EnvelopeSource;
  correlationId?: string;
  data: D;
}

/** A child event's envelope: it carries `childId` and never `workerId`. */
export type ChildEventEnvelope<T extends string, D> = Omit<EventEnvelope<T, D>, 'childId' | 'workerId'> & { childId: string; workerId?: never };
/** A worker event's envelope: it carries `workerId` and never `childId`. */
export type WorkerEventEnvelope<T extends string, D> = Omit<EventEnvelope<T, D>, 'childId' | 'workerId'> & { workerId: string; childId?: never };

/** Who produced an event. */
export interface EnvelopeSource {
  system: string;
  user?: string;
}

export class EnvelopeSourceDto implements EnvelopeSource {
  @ContractField(systemName('The producing system: 1-32 characters a-z 0-9 - (lcs, mosaic, eclipse, synthetic).'))
  system!: string;

  @ContractField(text(1, 128, 'Who recorded the fact in the producing system, as that system names them (optional).'), optional())
  user?: string;
}

const EVENT_ID = uuid("The producer's id for this event: the idempotency key (sending it again records nothing new).");
const TYPE = eventTypeName('The event type, one of the catalogue.');
const SCHEMA_VERSION = schemaVersionNumber('The version of this contract the envelope follows: 1.');
const OCCURRED_AT = occurredAtValue(OCCURRED_ON_RANGE, 'When the fact happened (not when it was recorded).');
const WORKER_OCCURRED_AT = occurredAtValue(WORKER_OCCURRED_ON_RANGE, 'When the fact happened (not when it was recorded).');
const SOURCE = nestedObject('source', 'The system, and optionally the user, that produced the event.');
const CORRELATION_ID = text(1, 128, 'Ties events caused by one action together (optional).');
const DATA = nestedObject('data', 'The payload of this event type.');

// The two envelopes repeat the common fields rather than inherit them, so each lists its fields in wire order.
export class ChildEventEnvelopeDto {
  @ContractField(EVENT_ID) eventId!: string;
  @ContractField(TYPE) type!: string;
  @ContractField(SCHEMA_VERSION) schemaVersion!: number;
  @ContractField(identifier("The local authority's id of the child: the stream is child-{childId}.")) childId!: string;
  @ContractField(OCCURRED_AT) occurredAt!: string;
  @ContractField(SOURCE) source!: EnvelopeSourceDto;
  @ContractField(CORRELATION_ID, optional()) correlationId?: string;
  @ContractField(DATA) data!: object;
}

export class WorkerEventEnvelopeDto {
  @ContractField(EVENT_ID) eventId!: string;
  @ContractField(TYPE) type!: string;
  @ContractField(SCHEMA_VERSION) schemaVersion!: number;
  @ContractField(identifier("The local authority's id of the worker: the stream is worker-{workerId}.")) workerId!: string;
  @ContractField(WORKER_OCCURRED_AT) occurredAt!: string;
  @ContractField(SOURCE) source!: EnvelopeSourceDto;
  @ContractField(CORRELATION_ID, optional()) correlationId?: string;
  @ContractField(DATA) data!: object;
}

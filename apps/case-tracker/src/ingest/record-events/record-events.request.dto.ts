import { EVENT_DESCRIPTIONS, EVENT_EXAMPLES, EVENT_TYPES } from '@csc/contracts';
import type { ExampleObject, SchemaObject } from '@nestjs/swagger';

export const MAX_EVENTS_PER_REQUEST = 1_000;

/** `POST /v1/events`: the envelopes are described by the contract's JSON Schema, added to the OpenAPI components. */
export const RECORD_EVENTS_REQUEST_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['events'],
  additionalProperties: false,
  properties: {
    events: {
      type: 'array',
      minItems: 1,
      maxItems: MAX_EVENTS_PER_REQUEST,
      description: 'Event envelopes, in the order they happened for each child or worker.',
      items: { $ref: '#/components/schemas/CaseEventEnvelope' },
    },
  },
};

const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['code', 'message'],
  properties: {
    code: { type: 'string', example: 'REFERRAL_NOT_FOUND' },
    message: { type: 'string' },
    field: { type: 'string', example: 'data.referralId' },
  },
};

export const RECORD_EVENTS_RESPONSE_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['results', 'summary', 'position'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['status'],
        properties: {
          eventId: { type: 'string', format: 'uuid' },
          status: { type: 'string', enum: ['recorded', 'duplicate', 'rejected'] },
          streamId: { type: 'string', example: 'child-C100234' },
          revision: { type: 'integer', description: "The event's place in its stream (recorded or duplicate)." },
          error: ERROR_SCHEMA,
          errors: { type: 'array', items: ERROR_SCHEMA, description: 'Every problem of an invalid envelope; error is the first.' },
        },
      },
    },
    summary: {
      type: 'object',
      properties: { recorded: { type: 'integer' }, duplicate: { type: 'integer' }, rejected: { type: 'integer' } },
    },
    position: {
      type: 'integer',
      description: 'The highest global log position written or found; pass it as minPosition to a read endpoint to read your own writes.',
    },
  },
};

/** One example request per event type, for the API documentation. */
export function recordEventsRequestExamples(): Record<string, ExampleObject> {
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, { summary: `${type}: ${EVENT_DESCRIPTIONS[type]}`, value: { events: [EVENT_EXAMPLES[type]] } }]));
}

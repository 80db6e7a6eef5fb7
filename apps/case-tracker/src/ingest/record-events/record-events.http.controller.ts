import { BadRequestException, Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse, ApiOperation, ApiPayloadTooLargeResponse, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../auth/role-decorators';
import { RecordCaseEvents, type RecordEventsOutcome } from './record-events.command';
import { MAX_EVENTS_PER_REQUEST, recordEventsRequestExamples, RECORD_EVENTS_REQUEST_SCHEMA, RECORD_EVENTS_RESPONSE_SCHEMA } from './record-events.request.dto';

@ApiTags('ingest')
@Controller('v1/events')
export class RecordEventsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('recorder')
  @ApiOperation({
    summary: 'Record case events',
    description:
      `Up to ${MAX_EVENTS_PER_REQUEST} event envelopes. Each is recorded, recognised as a duplicate of one already recorded, or rejected with a code, ` +
      'a message and the field at fault. The events of one child (or worker) are appended together, in order; a rejected event stops the later ' +
      "events of that child only. A 200 means each 'recorded' or 'duplicate' event is durably stored.",
  })
  @ApiBody({ schema: RECORD_EVENTS_REQUEST_SCHEMA, examples: recordEventsRequestExamples() })
  @ApiOkResponse({ description: 'One result per event, in order.', schema: RECORD_EVENTS_RESPONSE_SCHEMA })
  @ApiBadRequestResponse({ description: 'Not JSON, no events array, an empty one, or more than 1,000 events; nothing was stored.' })
  @ApiPayloadTooLargeResponse({ description: 'The body is over the size limit (HTTP_BODY_LIMIT); nothing was stored.' })
  async record(@Body() body: unknown, @CurrentCaller() caller: Caller): Promise<RecordEventsOutcome> {
    const events = eventsOf(body);
    return this.commandBus.execute(new RecordCaseEvents(events, 'http', caller.subject));
  }
}

/** The request's events array, or a 400 saying what is wrong with the request as a whole. */
function eventsOf(body: unknown): readonly unknown[] {
  const fail = (code: string, message: string, field?: string): never => {
    throw new BadRequestException({ error: { code, message, ...(field ? { field } : {}) } });
  };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return fail('INVALID_REQUEST', 'The body must be a JSON object { "events": [ ... ] } sent with Content-Type: application/json');
  }
  const { events } = body as { events?: unknown };
  if (events === undefined) return fail('MISSING_EVENTS', 'The body has no "events" array; send { "events": [ ...envelopes ] }', 'events');
  if (!Array.isArray(events)) return fail('INVALID_EVENTS', '"events" must be an array of event envelopes', 'events');
  if (events.length === 0) return fail('NO_EVENTS', '"events" is empty; send at least one event', 'events');
  if (events.length > MAX_EVENTS_PER_REQUEST) {
    return fail('TOO_MANY_EVENTS', `"events" has ${events.length} events; send at most ${MAX_EVENTS_PER_REQUEST} per request`, 'events');
  }
  return events;
}

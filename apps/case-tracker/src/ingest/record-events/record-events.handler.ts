import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { childStreamId, occurredOnDate, validateEnvelope, workerStreamId, type ContractViolation } from '@csc/contracts';
import { EventStoreUnavailable } from '@csc/event-store';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../infrastructure/tokens';
import { ServiceMetrics } from '../../metrics/service-metrics';
import { INGEST_ERROR_CODES, type RecordEventResult } from './record-event-result';
import { RecordCaseEvents, type RecordEventsOutcome } from './record-events.command';
import { StreamRecorder, type IncomingEvent, type StreamToRecord } from './stream-recorder';

/**
 * Streams recorded together in one multi-stream append: a request of 1,000 events touches a few
 * hundred streams, so it is one commit instead of hundreds; bigger groups gain little and hold
 * more streams' locks.
 */
export const STREAMS_PER_APPEND = 250;

/**
 * Validates every envelope, groups the valid ones by stream keeping their order, and records the
 * streams together, workers first, so that allocations are judged against what is known of the
 * workers. Each stream is decided on its own: one stream's refusal never touches another's events.
 */
@CommandHandler(RecordCaseEvents)
export class RecordCaseEventsHandler implements ICommandHandler<RecordCaseEvents> {
  constructor(
    private readonly recorder: StreamRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly metrics: ServiceMetrics,
  ) {}

  async execute(command: RecordCaseEvents): Promise<RecordEventsOutcome> {
    const results: RecordEventResult[] = new Array(command.envelopes.length);
    const streams = new Map<string, { kind: 'child' | 'worker'; events: IncomingEvent[] }>();
    command.envelopes.forEach((raw, index) => {
      const validated = validateEnvelope(raw);
      if (!validated.ok) {
        results[index] = invalidEnvelope(raw, validated.errors);
        return;
      }
      const event = validated.event;
      const [kind, streamId] =
        event.childId !== undefined ? (['child', childStreamId(event.childId)] as const) : (['worker', workerStreamId(event.workerId!)] as const);
      const stream = streams.get(streamId) ?? { kind, events: [] };
      stream.events.push({ index, event });
      streams.set(streamId, stream);
    });
    rejectAfterInvalidEnvelopes(command.envelopes, results, streams);

    const context = { channel: command.channel, recordedBy: command.recordedBy, today: occurredOnDate(this.clock.now().toISOString()) };
    let position = 0;
    let unavailable: EventStoreUnavailable | undefined;
    const recordTogether = async (group: readonly StreamToRecord[]): Promise<void> => {
      try {
        const outcomes = await this.recorder.recordAll(group, context);
        for (const outcome of outcomes.values()) {
          for (const [index, result] of outcome.results) results[index] = result;
          position = Math.max(position, outcome.position);
        }
      } catch (error) {
        if (!(error instanceof EventStoreUnavailable)) throw error;
        unavailable = error;
        for (const { streamId, incoming } of group) {
          for (const { index, event } of incoming) {
            results[index] = {
              eventId: event.eventId,
              status: 'rejected',
              streamId,
              error: {
                code: INGEST_ERROR_CODES.EVENT_STORE_UNAVAILABLE,
                message: 'The event store could not be reached; this event was not recorded. Send it again later.',
              },
            };
          }
        }
      }
    };
    const toRecord = [...streams].map(([streamId, { kind, events }]): StreamToRecord => ({ streamId, kind, incoming: events }));
    for (const kind of ['worker', 'child'] as const) {
      const ofKind = toRecord.filter((stream) => stream.kind === kind);
      for (let from = 0; from < ofKind.length; from += STREAMS_PER_APPEND) await recordTogether(ofKind.slice(from, from + STREAMS_PER_APPEND));
    }
    if (unavailable && results.every((result) => result.status === 'rejected')) throw unavailable;

    const summary = { recorded: 0, duplicate: 0, rejected: 0 };
    for (const result of results) summary[result.status] += 1;
    for (const [status, count] of Object.entries(summary)) if (count > 0) this.metrics.ingestedEvents.inc({ status, channel: command.channel }, count);
    return { results, summary, position };
  }
}

function invalidEnvelope(raw: unknown, errors: readonly ContractViolation[]): RecordEventResult {
  const eventId = typeof (raw as { eventId?: unknown })?.eventId === 'string' ? (raw as { eventId: string }).eventId : undefined;
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''}, listed in errors)` : '';
  return {
    ...(eventId ? { eventId } : {}),
    status: 'rejected',
    ...streamOf(raw),
    error: { ...first, message: `${first.message}${more}` },
    errors: [...errors],
  };
}

/** The stream an invalid envelope would have gone to, when its subject id is readable. */
function streamOf(raw: unknown): { streamId?: string } {
  const envelope = raw as { childId?: unknown; workerId?: unknown } | null;
  if (typeof envelope?.childId === 'string' && typeof envelope.workerId !== 'string') return { streamId: childStreamId(envelope.childId) };
  if (typeof envelope?.workerId === 'string' && typeof envelope.childId !== 'string') return { streamId: workerStreamId(envelope.workerId) };
  return {};
}

/**
 * An invalid envelope whose child (or worker) can be read still counts in that stream's order:
 * its later events are not recorded, since they may depend on it.
 */
function rejectAfterInvalidEnvelopes(envelopes: readonly unknown[], results: RecordEventResult[], streams: Map<string, { events: IncomingEvent[] }>): void {
  for (const [index, result] of results.entries()) {
    if (!result) continue;
    const streamId = streamOf(envelopes[index]).streamId;
    const stream = streamId ? streams.get(streamId) : undefined;
    if (!stream) continue;
    const later = stream.events.filter((item) => item.index > index);
    stream.events = stream.events.filter((item) => item.index < index);
    for (const { index: laterIndex, event } of later) {
      results[laterIndex] = {
        eventId: event.eventId,
        status: 'rejected',
        streamId,
        error: {
          code: INGEST_ERROR_CODES.PRECEDING_EVENT_REJECTED,
          message: `Not recorded because an earlier event of ${streamId} in this request (${result.eventId ?? `number ${index + 1}`}) was rejected with ${(result as { error: { code: string } }).error.code}; the events of one stream are recorded in order. Correct that event and send both again.`,
        },
      };
    }
    if (stream.events.length === 0) streams.delete(streamId!);
  }
}

import { Inject, Injectable } from '@nestjs/common';
import {
  canonicalJson,
  EVENT_STORE,
  EventIdReused,
  StreamRevisionConflict,
  type EventStore,
  type EventToAppend,
  type JsonValue,
  type RecordedEvent,
} from '@csc/event-store';
import { fromStoredEvent, isPersonalDataDestroyed, toStoredEvent, type CaseEvent, type IngestChannel } from '@csc/contracts';
import { ChildRecordDestroyedError } from '@csc/retention';
import { CaseRules } from './case-rules';
import { KeyedLock } from './keyed-lock';
import { INGEST_ERROR_CODES, type RecordEventResult, type StreamOutcome } from './record-event-result';

/** One valid event of a request, with its place in the request. */
export interface IncomingEvent {
  index: number;
  event: CaseEvent;
}

/** One stream's events of a request, for `recordAll`. */
export interface StreamToRecord {
  streamId: string;
  kind: 'child' | 'worker';
  incoming: readonly IncomingEvent[];
}

export interface RecordingContext {
  channel: IngestChannel;
  recordedBy?: string;
  /** Today's date in Europe/London, from the service clock. */
  today: string;
}

const MAX_ATTEMPTS = 8;

/** A writer in another process got there first: wait a little, longer each time, and at random so racers spread out. */
function backOff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * 2 ** Math.min(attempt, 6)));
}

/**
 * Records the events of streams (children, or workers), each in order: reads the stream,
 * recognises resent events, asks the domain about each new one, and appends those it accepts with
 * the revision it read. A writer that got there first makes that stream start again from the new
 * state; after a few tries its events are reported as not recorded, with a code to retry on.
 */
@Injectable()
export class StreamRecorder {
  private readonly streams = new KeyedLock();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rules: CaseRules,
  ) {}

  /**
   * Records many streams together: reads them all, decides each, and appends every stream's
   * accepted events in one multi-stream append (one commit on PostgreSQL and PGlite). Each stream
   * still stands alone: a stream another writer changed meanwhile is recorded again on its own,
   * from the new state (`recordInTurn`).
   */
  async recordAll(streams: readonly StreamToRecord[], context: RecordingContext): Promise<Map<string, StreamOutcome>> {
    return this.streams.runAll(
      streams.map(({ streamId }) => streamId),
      () => this.recordAllInTurn(streams, context),
    );
  }

  private async recordAllInTurn(streams: readonly StreamToRecord[], context: RecordingContext): Promise<Map<string, StreamOutcome>> {
    const outcomes = new Map<string, StreamOutcome>();
    const recorded = await Promise.all(streams.map(({ streamId }) => this.store.readStream(streamId)));
    const plans = await Promise.all(streams.map(({ streamId, kind, incoming }, at) => this.plan(streamId, kind, recorded[at], incoming, new Map(), context)));
    const appending: { stream: StreamToRecord; plan: Plan; head: number }[] = [];
    streams.forEach((stream, at) => {
      const plan = plans[at];
      if (plan.toAppend.length === 0) outcomes.set(stream.streamId, { results: plan.results, position: plan.duplicatePosition });
      else appending.push({ stream, plan, head: headRevision(recorded[at]) });
    });
    const appended = await this.store.appendToStreams(
      appending.map(({ stream, plan, head }) => ({
        streamId: stream.streamId,
        events: toAppendable(plan, context),
        expectedRevision: head < 0 ? ('no-stream' as const) : head,
      })),
    );
    const again: StreamToRecord[] = [];
    appending.forEach(({ stream, plan, head }, at) => {
      const outcome = appended[at];
      if (outcome.ok) outcomes.set(stream.streamId, recordedOutcome(stream.streamId, plan, head, outcome.result.position));
      else if (outcome.error instanceof EventIdReused || outcome.error instanceof StreamRevisionConflict) again.push(stream);
      else if (outcome.error instanceof ChildRecordDestroyedError) outcomes.set(stream.streamId, destroyedOutcome(stream.streamId, stream.incoming));
      else throw outcome.error;
    });
    for (const { streamId, kind, incoming } of again) outcomes.set(streamId, await this.recordInTurn(streamId, kind, incoming, context));
    return outcomes;
  }

  private async recordInTurn(
    streamId: string,
    kind: 'child' | 'worker',
    incoming: readonly IncomingEvent[],
    context: RecordingContext,
  ): Promise<StreamOutcome> {
    const reusedElsewhere = new Map<string, EventIdReused>();
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (attempt > 1) await backOff(attempt);
      const recorded = await this.store.readStream(streamId);
      const plan = await this.plan(streamId, kind, recorded, incoming, reusedElsewhere, context);
      if (plan.toAppend.length === 0) return { results: plan.results, position: plan.duplicatePosition };
      const head = headRevision(recorded);
      try {
        const appended = await this.store.appendToStream(streamId, toAppendable(plan, context), { expectedRevision: head < 0 ? 'no-stream' : head });
        return recordedOutcome(streamId, plan, head, appended.position);
      } catch (error) {
        if (error instanceof EventIdReused) {
          reusedElsewhere.set(error.eventId.toLowerCase(), error);
          continue;
        }
        if (error instanceof StreamRevisionConflict) continue;
        if (error instanceof ChildRecordDestroyedError) return destroyedOutcome(streamId, incoming);
        throw error;
      }
    }
    const message = `Other writers kept changing ${streamId} while these events were being recorded; nothing was recorded for it. Send the same events again.`;
    return {
      results: new Map(incoming.map(({ index, event }) => [index, rejected(event, streamId, INGEST_ERROR_CODES.CONCURRENT_MODIFICATION, message)])),
      position: 0,
    };
  }

  /** Decides every incoming event against the stream as read; nothing is written here. */
  private async plan(
    streamId: string,
    kind: 'child' | 'worker',
    recorded: readonly RecordedEvent[],
    incoming: readonly IncomingEvent[],
    reusedElsewhere: ReadonlyMap<string, EventIdReused>,
    context: RecordingContext,
  ): Promise<Plan> {
    if (recorded.some((event) => isPersonalDataDestroyed(event.metadata)))
      return { ...destroyedOutcome(streamId, incoming), toAppend: [], duplicatesInRequest: new Map(), duplicatePosition: 0 };
    const stored = new Map(recorded.map((event) => [event.eventId.toLowerCase(), event]));
    const session = await this.rules.open(
      kind,
      recorded.map(fromStoredEvent),
      incoming.map(({ event }) => event),
      context.today,
    );
    const results = new Map<number, RecordEventResult>();
    const toAppend: IncomingEvent[] = [];
    const accepted = new Map<string, IncomingEvent>();
    const duplicatesInRequest = new Map<number, number>();
    let duplicatePosition = 0;
    let refusal: { eventId: string; code: string } | undefined;
    const refuse = (index: number, event: CaseEvent, code: string, message: string, field?: string): void => {
      results.set(index, rejected(event, streamId, code, message, field));
      refusal ??= { eventId: event.eventId, code };
    };

    for (const { index, event } of incoming) {
      const id = event.eventId.toLowerCase();
      const earlier = stored.get(id);
      const earlierInRequest = accepted.get(id);
      if (earlier || earlierInRequest) {
        // A resent event is a duplicate even after a rejection: it was recorded, whatever follows it.
        if (sameEnvelope(earlier ? fromStoredEvent(earlier) : earlierInRequest!.event, event)) {
          if (earlier) {
            results.set(index, { eventId: event.eventId, status: 'duplicate', streamId, revision: earlier.revision });
            duplicatePosition = Math.max(duplicatePosition, earlier.position);
          } else {
            duplicatesInRequest.set(index, earlierInRequest!.index);
          }
          continue;
        }
        const where = earlier ? `revision ${earlier.revision} of ${streamId}` : `an earlier event of this request`;
        refuse(
          index,
          event,
          INGEST_ERROR_CODES.EVENT_ID_REUSED,
          `Event id ${event.eventId} already identifies another event (${where}); an event id identifies one event for ever. Give this event a new id.`,
          'eventId',
        );
        continue;
      }
      if (refusal) {
        const message = `Not recorded because an earlier event of ${streamId} in this request (${refusal.eventId}) was rejected with ${refusal.code}; the events of one ${kind} are recorded in order. Correct that event and send both again.`;
        results.set(index, rejected(event, streamId, INGEST_ERROR_CODES.PRECEDING_EVENT_REJECTED, message));
        continue;
      }
      const reused = reusedElsewhere.get(id);
      if (reused) {
        refuse(
          index,
          event,
          INGEST_ERROR_CODES.EVENT_ID_REUSED,
          `Event id ${event.eventId} already identifies an event of ${reused.storedIn.streamId}; an event id identifies one event for ever. Give this event a new id.`,
          'eventId',
        );
        continue;
      }
      const decision = session.decide(event);
      if (!decision.ok) {
        results.set(index, { eventId: event.eventId, status: 'rejected', streamId, error: decision.error });
        refusal = { eventId: event.eventId, code: decision.error.code };
        continue;
      }
      session.accept(event);
      toAppend.push({ index, event });
      accepted.set(id, { index, event });
    }
    return { results, toAppend, duplicatesInRequest, duplicatePosition };
  }
}

/** What deciding a stream's incoming events produced, before anything is written. */
interface Plan {
  results: Map<number, RecordEventResult>;
  toAppend: IncomingEvent[];
  /** Request index of a resent copy → request index of the accepted original. */
  duplicatesInRequest: Map<number, number>;
  duplicatePosition: number;
}

function headRevision(recorded: readonly RecordedEvent[]): number {
  return recorded.length === 0 ? -1 : recorded[recorded.length - 1].revision;
}

function toAppendable(plan: Plan, context: RecordingContext): EventToAppend[] {
  // A validated envelope is JSON by construction.
  return plan.toAppend.map(({ event }) => toStoredEvent(event, context) as EventToAppend);
}

/** Each event's result once the plan's events were appended after `head`. */
function recordedOutcome(streamId: string, plan: Plan, head: number, appendedPosition: number): StreamOutcome {
  plan.toAppend.forEach(({ index, event }, offset) => {
    plan.results.set(index, { eventId: event.eventId, status: 'recorded', streamId, revision: head + 1 + offset });
  });
  for (const [index, original] of plan.duplicatesInRequest) {
    const first = plan.results.get(original) as { revision: number };
    plan.results.set(index, {
      eventId: plan.toAppend.find((item) => item.index === original)!.event.eventId,
      status: 'duplicate',
      streamId,
      revision: first.revision,
    });
  }
  return { results: plan.results, position: Math.max(appendedPosition, plan.duplicatePosition) };
}

/** Every incoming event of a child whose record was destroyed: refused, since nothing more may be recorded about them. */
function destroyedOutcome(streamId: string, incoming: readonly IncomingEvent[]): StreamOutcome {
  const message = `The record of ${streamId} was destroyed at the end of its retention (or at the producing system's request); nothing more can be recorded about this child.`;
  return {
    results: new Map(incoming.map(({ index, event }) => [index, rejected(event, streamId, INGEST_ERROR_CODES.CHILD_RECORD_DESTROYED, message, 'childId')])),
    position: 0,
  };
}

function rejected(event: CaseEvent, streamId: string, code: string, message: string, field?: string): RecordEventResult {
  return { eventId: event.eventId, status: 'rejected', streamId, error: { code, message, ...(field ? { field } : {}) } };
}

/** Two envelopes are the same event when their canonical JSON is equal (key order never matters). */
function sameEnvelope(a: CaseEvent, b: CaseEvent): boolean {
  return canonicalJson(a as unknown as JsonValue) === canonicalJson(b as unknown as JsonValue);
}

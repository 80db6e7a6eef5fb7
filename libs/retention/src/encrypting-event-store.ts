import { CHILD_STREAM_CATEGORY } from '@csc/contracts';
import {
  EventStoreError,
  type AppendOptions,
  type AppendResult,
  type EventStore,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamAppendOutcome,
  type SubscribeOptions,
  type Subscription,
  type SubscriptionMessage,
  type Queryable,
} from '@csc/event-store';
import type { OpenStoredEvents } from '@csc/projections';
import type { ChildKey, ChildKeyStore } from './child-keys';
import { openPersonalData, sealPersonalData, sealedPersonalData, type EventContent } from './personal-data-cipher';

/** An append to a child whose record has been destroyed: nothing more may be recorded about them. */
export class ChildRecordDestroyedError extends EventStoreError {
  readonly code = 'CHILD_RECORD_DESTROYED';
  constructor(
    readonly childId: string,
    readonly destroyedAt: Date,
  ) {
    super(`The record of child ${childId} was destroyed on ${destroyedAt.toISOString()}; nothing more can be recorded about them`);
    this.name = 'ChildRecordDestroyedError';
  }
}

const CHILD_PREFIX = `${CHILD_STREAM_CATEGORY}-`;

/** The child a stream belongs to, or undefined for any other stream (workers, access logs). */
function childOf(streamId: string): string | undefined {
  return streamId.startsWith(CHILD_PREFIX) ? streamId.slice(CHILD_PREFIX.length) : undefined;
}

/**
 * The EventStore port with each child's personal fields encrypted on the way in (with that child's key)
 * and decrypted on the way out. What is stored, chained and hashed is the encrypted form; verification and
 * the Kafka publisher read `stored`, the store underneath. Events of a child whose key is destroyed read
 * with `[destroyed]` in place of each encrypted field and `metadata.personalData: 'destroyed'`.
 */
export class EncryptingEventStore implements EventStore {
  readonly kind: EventStore['kind'];
  readonly countEventsAfter?: EventStore['countEventsAfter'];

  constructor(
    readonly stored: EventStore,
    readonly keys: ChildKeyStore,
  ) {
    this.kind = stored.kind;
    if (stored.countEventsAfter) this.countEventsAfter = stored.countEventsAfter.bind(stored);
  }

  async appendToStream(streamId: string, events: readonly EventToAppend[], options: AppendOptions): Promise<AppendResult> {
    const childId = childOf(streamId);
    if (childId === undefined) return this.stored.appendToStream(streamId, events, options);
    const key = (await this.keys.keysForAppend([childId])).get(childId)!;
    return this.stored.appendToStream(streamId, seal(streamId, events, key), options);
  }

  async appendToStreams(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const keys = await this.keys.keysForAppend(appends.map(({ streamId }) => childOf(streamId)).filter((id): id is string => id !== undefined));
    const outcomes: (StreamAppendOutcome | undefined)[] = new Array(appends.length);
    const passed: { index: number; append: StreamAppend }[] = [];
    appends.forEach((append, index) => {
      const childId = childOf(append.streamId);
      if (childId === undefined) return passed.push({ index, append });
      try {
        passed.push({ index, append: { ...append, events: seal(append.streamId, append.events, keys.get(childId)!) } });
      } catch (error) {
        outcomes[index] = { ok: false, error: error as Error };
      }
    });
    const results = passed.length > 0 ? await this.stored.appendToStreams(passed.map(({ append }) => append)) : [];
    passed.forEach(({ index }, at) => (outcomes[index] = results[at]));
    return outcomes as StreamAppendOutcome[];
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.open(await this.stored.readStream(streamId, options));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.open(await this.stored.readAll(options));
  }

  subscribe(options?: SubscribeOptions): Subscription {
    const subscription = this.stored.subscribe(options);
    const open = (events: RecordedEvent[]): Promise<RecordedEvent[]> => this.open(events);
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        for await (const message of subscription) {
          yield message.kind === 'event' ? { kind: 'event', event: (await open([message.event]))[0] } : message;
        }
      },
    };
  }

  headPosition(): Promise<number> {
    return this.stored.headPosition();
  }

  health(): ReturnType<EventStore['health']> {
    return this.stored.health();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  private open(events: RecordedEvent[]): Promise<RecordedEvent[]> {
    return openStoredEvents(this.keys, events);
  }
}

/**
 * Decrypts the events of children as stored, with one look-up of the keys for the whole list: what the
 * EncryptingEventStore answers, for events read from the store's table directly (a read model refolding a
 * child in its batch's transaction passes that transaction as `client`, for the keys not cached).
 */
export async function openStoredEvents<E extends EventContent>(keys: ChildKeyStore, events: readonly E[], client?: Queryable): Promise<E[]> {
  const children = events.map((event) => childOf(event.streamId));
  const wanted = children.filter((id): id is string => id !== undefined);
  if (wanted.length === 0) return [...events];
  const found = await keys.keysForRead(wanted, client);
  return events.map((event, at) => {
    const childId = children[at];
    const key = childId === undefined ? undefined : found.get(childId);
    if (!key || (key.state === 'live' && !sealedPersonalData(event.metadata))) return event;
    return { ...event, ...openPersonalData(event, key.state === 'live' ? key.key : undefined) };
  });
}

/**
 * How the read models open the events they read from the store's table to refold a child: as this store opens
 * them, the keys not cached looked up in the batch's transaction.
 */
export function openStoredEventsWith(keys: ChildKeyStore): OpenStoredEvents {
  return (client, events) => openStoredEvents(keys, events, client);
}

function seal(streamId: string, events: readonly EventToAppend[], key: ChildKey): EventToAppend[] {
  if (key.state === 'destroyed') throw new ChildRecordDestroyedError(childOf(streamId)!, key.destroyedAt);
  return events.map((event) => {
    const sealed = sealPersonalData({ ...event, streamId, metadata: event.metadata ?? {} }, key.key);
    return sealed.data === event.data && sealed.metadata === event.metadata ? event : { ...event, ...sealed };
  });
}

/** Injection token for the events as stored (encrypted): what the hash chains cover and what Kafka is sent. */
export const STORED_EVENT_STORE = Symbol('STORED_EVENT_STORE');
/** Injection token for the children's keys (ChildKeyStore). */
export const CHILD_KEY_STORE = Symbol('CHILD_KEY_STORE');

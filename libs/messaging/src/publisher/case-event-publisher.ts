import type { Kafka, Producer } from 'kafkajs';
import { CHILD_RECORD_DESTROYED, RETENTION_STREAM_CATEGORY } from '@csc/contracts';
import { abortableDelay, consumeInBatches, type EventStore, type Queryable, type RecordedEvent } from '@csc/event-store';
import { CheckpointMoved, advanceCheckpointAfterDelivery, readCheckpoint } from '@csc/projections';
import { toCaseEventMessage } from '../case-event-message';
import { PRODUCER_SETTINGS, type MessagingLogger } from '../kafka-client';

export type PublisherState = 'connecting' | 'catching-up' | 'live' | 'retrying' | 'stopped';

export interface PublisherStatus {
  state: PublisherState;
  /** Everything up to this log position has been acknowledged by Kafka. */
  position: number;
  published: number;
  lastError?: string;
}

export interface CaseEventPublisherOptions {
  store: EventStore;
  /** Where the checkpoint lives (the read-model database). */
  db: Queryable;
  kafka: Kafka;
  topic: string;
  logger: MessagingLogger;
  checkpointName?: string;
  batchSize?: number;
  maxBatchDelayMs?: number;
  /** Wait between attempts while Kafka or the database is unreachable. */
  retryDelayMs?: number;
}

/**
 * Publishes every recorded event to Kafka in log order, keyed by child. Its checkpoint moves only
 * after Kafka acknowledged the batch (idempotent producer, acks from all in-sync replicas), so a
 * crash or an outage delivers a batch again rather than losing it: at least once, in order per child.
 * It holds no database transaction while waiting for Kafka, so ingest never waits on Kafka.
 */
export class CaseEventPublisher {
  private readonly abort = new AbortController();
  private readonly current: PublisherStatus = { state: 'connecting', position: 0, published: 0 };
  private readonly waiters = new Set<{ position: number; resolve: (reached: boolean) => void }>();
  private producer: Producer | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: CaseEventPublisherOptions) {}

  get checkpointName(): string {
    return this.options.checkpointName ?? `kafka:${this.options.topic}`;
  }

  status(): PublisherStatus {
    return { ...this.current };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await this.producer?.disconnect().catch(() => undefined);
    this.current.state = 'stopped';
    for (const waiter of this.waiters) waiter.resolve(this.current.position >= waiter.position);
  }

  /** Resolves true once everything up to `position` is acknowledged by Kafka, false on timeout. */
  waitForPosition(position: number, timeoutMs: number): Promise<boolean> {
    if (this.current.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        position,
        resolve: (reached: boolean) => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(reached);
        },
      };
      const timer = setTimeout(() => waiter.resolve(false), timeoutMs);
      this.waiters.add(waiter);
    });
  }

  private async loop(): Promise<void> {
    const { signal } = this.abort;
    while (!signal.aborted) {
      try {
        await this.publish();
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof CheckpointMoved)) this.setRetrying(error);
        await abortableDelay(this.options.retryDelayMs ?? 1_000, signal);
      }
    }
  }

  private async publish(): Promise<void> {
    const { store, db, kafka } = this.options;
    this.producer ??= kafka.producer(PRODUCER_SETTINGS);
    await this.producer.connect();
    const checkpoint = await readCheckpoint(db, this.checkpointName);
    this.moveTo(checkpoint.position);
    this.current.state = 'catching-up';
    this.current.lastError = undefined;
    const subscription = store.subscribe({ fromPosition: checkpoint.position, categories: ['child', 'worker', RETENTION_STREAM_CATEGORY] });
    const onAbort = (): void => void subscription.close();
    this.abort.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await consumeInBatches(
        subscription,
        { batchSize: this.options.batchSize ?? 500, maxBatchDelayMs: this.options.maxBatchDelayMs ?? 20 },
        { onBatch: (events, position) => this.deliver(events, position), onCaughtUp: () => void (this.current.state = 'live') },
      );
    } finally {
      this.abort.signal.removeEventListener('abort', onAbort);
      await subscription.close();
    }
  }

  /** Sends the batch until Kafka acknowledges it, then moves the checkpoint to `to`. */
  private async deliver(read: readonly RecordedEvent[], to: number): Promise<void> {
    const batch = read.filter(isPublished);
    const from = this.current.position;
    if (to <= from) return;
    if (batch.length > 0) {
      for (;;) {
        try {
          await this.producer!.send({ topic: this.options.topic, acks: -1, messages: batch.map(toCaseEventMessage) });
          break;
        } catch (error) {
          if (this.abort.signal.aborted) throw error;
          this.setRetrying(error);
          await abortableDelay(this.options.retryDelayMs ?? 1_000, this.abort.signal);
        }
      }
      if (this.current.state === 'retrying') this.current.state = 'catching-up';
      this.current.lastError = undefined;
    }
    await advanceCheckpointAfterDelivery(this.options.db, this.checkpointName, from, to);
    this.current.published += batch.length;
    this.moveTo(to);
  }

  private moveTo(position: number): void {
    this.current.position = position;
    for (const waiter of this.waiters) if (position >= waiter.position) waiter.resolve(true);
  }

  private setRetrying(error: unknown): void {
    const message = (error as Error)?.message ?? String(error);
    if (this.current.state !== 'retrying' || this.current.lastError !== message) {
      this.options.logger.warn({ err: error, topic: this.options.topic, position: this.current.position }, 'publishing to Kafka paused; retrying');
    }
    this.current.state = 'retrying';
    this.current.lastError = message;
  }
}

/** Every case and worker event; of the retention streams only ChildRecordDestroyed (holds stay in the service). */
function isPublished(event: RecordedEvent): boolean {
  return !event.streamId.startsWith(`${RETENTION_STREAM_CATEGORY}-`) || event.type === CHILD_RECORD_DESTROYED;
}

import type { Consumer, EachBatchPayload, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { abortableDelay } from '@csc/event-store';
import { PRODUCER_SETTINGS, type MessagingLogger } from '../kafka-client';
import { PRECEDING_EVENT_REJECTED, TRANSIENT_CODES, type CaseEventSink, type SinkResult } from './case-event-sink';
import { toDeadLetterMessage, type DeadLetter } from './dead-letters';

export interface CmsEventConsumerOptions {
  kafka: Kafka;
  sink: CaseEventSink;
  logger: MessagingLogger;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  /** Most envelopes recorded by one command. */
  maxEnvelopesPerCommand?: number;
  retryDelayMs?: number;
}

export interface ConsumerStatus {
  state: 'connecting' | 'running' | 'retrying' | 'stopped';
  recorded: number;
  duplicates: number;
  deadLettered: number;
  lastError?: string;
}

/**
 * Records case management systems' events from Kafka through the same command as POST /v1/events.
 * A message that is not valid, or that the rules refuse, goes to the dead-letter topic unchanged with
 * the reason in headers; an offset is committed only once its message was recorded (or found already
 * recorded) or dead-lettered. While the store is unreachable the batch is retried, not dead-lettered.
 */
export class CmsEventConsumer {
  private readonly abort = new AbortController();
  private readonly current: ConsumerStatus = { state: 'connecting', recorded: 0, duplicates: 0, deadLettered: 0 };
  private consumer: Consumer | undefined;
  private producer: Producer | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: CmsEventConsumerOptions) {}

  status(): ConsumerStatus {
    return { ...this.current };
  }

  start(): void {
    this.running ??= this.connect();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
    this.current.state = 'stopped';
  }

  /** Connects and starts consuming, retrying until Kafka answers or the consumer is stopped. */
  private async connect(): Promise<void> {
    const { kafka, topic, groupId } = this.options;
    while (!this.abort.signal.aborted) {
      try {
        this.producer ??= kafka.producer(PRODUCER_SETTINGS);
        await this.producer.connect();
        this.consumer ??= kafka.consumer({ groupId, allowAutoTopicCreation: false, retry: { retries: 10 } });
        await this.consumer.connect();
        await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
        await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.handleBatch(payload) });
        this.current.state = 'running';
        return;
      } catch (error) {
        this.retrying(error);
        await abortableDelay(this.options.retryDelayMs ?? 1_000, this.abort.signal);
      }
    }
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const chunkSize = this.options.maxEnvelopesPerCommand ?? 1_000;
    for (let start = 0; start < batch.messages.length; start += chunkSize) {
      if (!isRunning() || isStale()) return;
      const chunk = batch.messages.slice(start, start + chunkSize);
      const deadLetters = await this.recordUntilDone(chunk, heartbeat);
      if (deadLetters.length > 0) {
        await this.producer!.send({
          topic: this.options.deadLetterTopic,
          acks: -1,
          messages: deadLetters.map((letter) => toDeadLetterMessage(batch.topic, batch.partition, letter)),
        });
        this.current.deadLettered += deadLetters.length;
        for (const letter of deadLetters) {
          this.options.logger.warn({ offset: letter.message.offset, partition: batch.partition, code: letter.error.code }, 'inbound event dead-lettered');
        }
      }
      const last = chunk[chunk.length - 1];
      resolveOffset(last.offset);
      await this.consumer!.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last.offset) + 1n).toString() }]);
      await heartbeat();
    }
  }

  /**
   * Records a chunk and returns what must be dead-lettered. Events refused only because an earlier
   * event of their child was refused are judged again on their own, so the outcome never depends
   * on how messages happened to be batched. Transient failures are retried until they pass.
   */
  private async recordUntilDone(chunk: readonly KafkaMessage[], heartbeat: () => Promise<void>): Promise<DeadLetter[]> {
    const deadLetters: DeadLetter[] = [];
    let pending = chunk.map((message) => ({ message, parsed: parseEnvelope(message) }));
    for (const { message, parsed } of pending) if (!parsed.ok) deadLetters.push({ message, error: parsed.error });
    pending = pending.filter(({ parsed }) => parsed.ok);
    while (pending.length > 0 && !this.abort.signal.aborted) {
      let results: SinkResult[];
      try {
        results = await this.options.sink.record(pending.map(({ parsed }) => (parsed as { envelope: unknown }).envelope));
      } catch (error) {
        this.retrying(error);
        await heartbeat();
        await abortableDelay(this.options.retryDelayMs ?? 1_000, this.abort.signal);
        continue;
      }
      this.current.state = 'running';
      const again: typeof pending = [];
      results.forEach((result, index) => {
        const item = pending[index];
        if (result.status === 'recorded') this.current.recorded += 1;
        else if (result.status === 'duplicate') this.current.duplicates += 1;
        else if (result.error && (TRANSIENT_CODES.has(result.error.code) || result.error.code === PRECEDING_EVENT_REJECTED)) again.push(item);
        else deadLetters.push({ message: item.message, error: result.error ?? { code: 'REJECTED', message: 'Rejected without a reason' } });
      });
      if (again.length === pending.length) {
        this.retrying(new Error(results.find((result) => result.error)?.error?.message ?? 'could not record'));
        await heartbeat();
        await abortableDelay(this.options.retryDelayMs ?? 1_000, this.abort.signal);
      }
      pending = again;
    }
    return deadLetters;
  }

  private retrying(error: unknown): void {
    this.current.state = 'retrying';
    this.current.lastError = (error as Error)?.message ?? String(error);
    this.options.logger.warn({ err: error, topic: this.options.topic }, 'consuming inbound events paused; retrying');
  }
}

function parseEnvelope(message: KafkaMessage): { ok: true; envelope: unknown } | { ok: false; error: DeadLetter['error'] } {
  if (!message.value || message.value.length === 0)
    return { ok: false, error: { code: 'EMPTY_MESSAGE', message: 'The message has no value; send one event envelope as JSON' } };
  try {
    return { ok: true, envelope: JSON.parse(message.value.toString('utf8')) };
  } catch (error) {
    return {
      ok: false,
      error: { code: 'INVALID_JSON', message: `The message value is not JSON (${(error as Error).message}); send one event envelope as JSON` },
    };
  }
}

import { Kafka, logLevel, type LogEntry, type ProducerConfig } from 'kafkajs';

export interface MessagingLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface KafkaSettings {
  brokers: readonly string[];
  clientId: string;
  /** Partitions of topics the service creates (existing topics are never changed). */
  partitions: number;
  replicationFactor: number;
}

/** A kafkajs client whose own logs go through the service's structured logger. */
export function createKafka(settings: KafkaSettings, logger: MessagingLogger): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, timestamp: _timestamp, logger: _logger, ...fields } = log;
        const entry = { component: 'kafkajs', ...fields };
        if (level === logLevel.ERROR) logger.warn(entry, `kafka: ${message}`);
        else if (level === logLevel.WARN) logger.warn(entry, `kafka: ${message}`);
        else logger.debug(entry, `kafka: ${message}`);
      },
  });
}

/**
 * Idempotent, acknowledged by all in-sync replicas, one request in flight (so a retry cannot
 * reorder a child's events). Retries are bounded, unlike kafkajs's default for idempotent
 * producers, so an outage surfaces as a failed send: the caller retries the batch itself, which
 * may duplicate a message (consumers deduplicate by event id) but never loses one.
 */
export const PRODUCER_SETTINGS: ProducerConfig = {
  idempotent: true,
  maxInFlightRequests: 1,
  allowAutoTopicCreation: false,
  retry: { retries: 5, initialRetryTime: 300, maxRetryTime: 3_000 },
};

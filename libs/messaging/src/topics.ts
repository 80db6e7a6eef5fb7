import type { Admin } from 'kafkajs';

/** Every Kafka topic the service reads or writes. Versioned names: a breaking change gets a new topic. */
export const TOPICS = {
  /** Every recorded event, keyed by child (or worker) id: in order per child. */
  caseEvents: 'csc.case-events.v1',
  /** Timescale clocks becoming due soon, overdue, met or met late. */
  timescaleAlerts: 'csc.timescale-alerts.v1',
  /** Events from case management systems, the same envelopes as POST /v1/events. */
  cmsEvents: 'csc.cms-events.v1',
  /** cms-events messages that were invalid or refused, unchanged, with the reason in headers. */
  cmsEventsDeadLetters: 'csc.cms-events.dlq.v1',
} as const;

/** The topics under a prefix (KAFKA_TOPIC_PREFIX), for environments or authorities that share a cluster. */
export function topicNames(prefix: string): { [K in keyof typeof TOPICS]: string } {
  return Object.fromEntries(Object.entries(TOPICS).map(([key, topic]) => [key, `${prefix}${topic}`])) as { [K in keyof typeof TOPICS]: string };
}

export interface TopicSettings {
  partitions: number;
  replicationFactor: number;
}

/** Creates the topics that are missing, with the configured partitions; existing topics are left alone. */
export async function ensureTopics(admin: Admin, topics: readonly string[], settings: TopicSettings): Promise<string[]> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((topic) => !existing.has(topic));
  if (missing.length === 0) return [];
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((topic) => ({ topic, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor })),
  });
  return missing;
}

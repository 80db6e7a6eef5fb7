import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';

const run = promisify(execFile);
const KAFKA_SCRIPT = resolve(__dirname, '../../infra/kafka/kafka.sh');

export function testKafka(brokers: string): Kafka {
  return new Kafka({ clientId: `csc-test-${randomUUID().slice(0, 8)}`, brokers: brokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8 } });
}

export async function createTopic(kafka: Kafka, topic: string, partitions = 3): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
}

export interface ConsumedMessage {
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/**
 * Reads a topic from the beginning with a fresh consumer group until `enough` says so. Fails,
 * rather than hanging, if that has not happened within `timeoutMs`.
 */
export async function readTopicUntil(
  kafka: Kafka,
  topic: string,
  enough: (messages: ConsumedMessage[]) => boolean,
  timeoutMs = 60_000,
): Promise<ConsumedMessage[]> {
  await waitForTopic(kafka, topic, timeoutMs);
  const consumer = kafka.consumer({ groupId: `csc-test-reader-${randomUUID()}` });
  const messages: ConsumedMessage[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let done!: () => void;
  const finished = new Promise<void>((resolveFinished) => (done = resolveFinished));
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      messages.push(toConsumed(partition, message));
      if (enough(messages)) done();
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      finished,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`read ${messages.length} messages from ${topic} in ${timeoutMs} ms without reaching the expected state`)),
          timeoutMs,
        );
      }),
    ]);
    return messages;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect();
  }
}

/** Waits until a topic exists (a service creates its topics in the background after it starts). */
async function waitForTopic(kafka: Kafka, topic: string, timeoutMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = performance.now() + timeoutMs;
    while (!(await admin.listTopics()).includes(topic)) {
      if (performance.now() > deadline) throw new Error(`topic ${topic} was not created within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } finally {
    await admin.disconnect();
  }
}

function toConsumed(partition: number, message: KafkaMessage): ConsumedMessage {
  return {
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
  };
}

/**
 * A broker of the test's own (infra/kafka/kafka.sh on free ports, in a temporary directory), for
 * tests that stop and start Kafka without disturbing the shared one. Its ports are chosen when it
 * first starts and kept across restarts, so clients find it again.
 */
export class DedicatedBroker {
  private readonly runtimeDir = mkdtempSync(join(tmpdir(), 'csc-kafka-'));
  private ports?: { client: number; controller: number };

  get brokers(): string {
    if (!this.ports) throw new Error('DedicatedBroker: start() it first');
    return `127.0.0.1:${this.ports.client}`;
  }

  async start(): Promise<void> {
    if (!this.ports) {
      const [client, controller] = await freePorts(2);
      this.ports = { client, controller };
    }
    await run('bash', [KAFKA_SCRIPT, 'start'], { env: this.env(), timeout: 120_000 });
  }

  async stop(): Promise<void> {
    await run('bash', [KAFKA_SCRIPT, 'stop'], { env: this.env(), timeout: 60_000 });
  }

  async remove(): Promise<void> {
    if (this.ports) await this.stop().catch(() => undefined);
    rmSync(this.runtimeDir, { recursive: true, force: true });
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      KAFKA_PORT: String(this.ports?.client),
      KAFKA_CONTROLLER_PORT: String(this.ports?.controller),
      KAFKA_RUNTIME_DIR: this.runtimeDir,
      KAFKA_HEAP: '256m',
    };
  }
}

/** Ports nobody listens on now: each is bound to port 0 at once (so they differ), read, and released. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolveServer, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolveServer(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise<void>((done) => server.close(() => done()))));
  return ports;
}

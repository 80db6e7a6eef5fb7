import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { abortableDelay, type EventStore, type SqlDatabase } from '@csc/event-store';
import { STORED_EVENT_STORE } from '@csc/retention';
import { CaseEventPublisher, CmsEventConsumer, TimescaleAlertsPublisher, createKafka, ensureTopics, topicNames } from '@csc/messaging';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { HealthRegistry } from '../health/health-registry';
import type { Logger } from '@csc/runtime';
import { CLOCK, LOGGER, SQL_DATABASE } from '../infrastructure/tokens';
import type { Clock } from '@csc/runtime';
import { londonToday } from '../read-models/queries/dates';
import { CommandBusSink } from './command-bus.sink';

const KAFKA_CHECK_TIMEOUT_MS = 2_000;

/**
 * Starts what this process does with Kafka (publishing recorded events, consuming inbound ones),
 * never blocking start-up on Kafka: if it is down, ingest over HTTP goes on, /health says Kafka is
 * degraded, and publishing resumes from its checkpoint when Kafka returns.
 */
@Injectable()
export class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private kafka: Kafka | undefined;
  private admin: Admin | undefined;
  private publisher: CaseEventPublisher | undefined;
  private consumer: CmsEventConsumer | undefined;
  private alerts: TimescaleAlertsPublisher | undefined;
  private readonly stopping = new AbortController();
  private topicsReady = false;

  constructor(
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(LOGGER) private readonly logger: Logger,
    /** The events as stored: no child's encrypted personal fields reach Kafka, so destroying a key leaves nothing readable there. */
    @Inject(STORED_EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly health: HealthRegistry,
    private readonly sink: CommandBusSink,
  ) {}

  /** The publisher, for read-your-writes waits and tests. */
  get casePublisher(): CaseEventPublisher | undefined {
    return this.publisher;
  }

  /** The timescale alerts publisher, to publish now rather than at the next interval (tests, operators). */
  get timescaleAlerts(): TimescaleAlertsPublisher | undefined {
    return this.alerts;
  }

  onApplicationBootstrap(): void {
    const settings = this.config.kafka;
    if (!settings) {
      this.health.register({ name: 'kafka', critical: false, check: async () => ({ status: 'disabled', reason: 'KAFKA_BROKERS is not set' }) });
      return;
    }
    const logger = this.logger.child({ component: 'messaging' });
    this.kafka = createKafka(settings, logger);
    this.admin = this.kafka.admin();
    const topics = topicNames(settings.topicPrefix);
    if (this.config.roles.has('publisher')) {
      this.publisher = new CaseEventPublisher({ store: this.store, db: this.database.pool, kafka: this.kafka, topic: topics.caseEvents, logger });
      this.alerts = new TimescaleAlertsPublisher({
        kafka: this.kafka,
        pool: this.database.pool,
        topic: topics.timescaleAlerts,
        logger,
        today: () => londonToday(this.clock),
        intervalMs: settings.alertsIntervalMs,
        lookbackDays: settings.alertsLookbackDays,
      });
    }
    if (this.config.roles.has('consumer')) {
      this.consumer = new CmsEventConsumer({
        kafka: this.kafka,
        sink: this.sink.as(settings.consumerGroup),
        logger,
        topic: topics.cmsEvents,
        deadLetterTopic: topics.cmsEventsDeadLetters,
        groupId: settings.consumerGroup,
      });
    }
    this.health.register({ name: 'kafka', critical: false, check: () => this.check() });
    void this.prepareThenStart();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping.abort();
    await Promise.all([this.publisher?.stop(), this.consumer?.stop(), this.alerts?.stop()]);
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** Creates missing topics (retrying while Kafka is unreachable), then starts publishing and consuming. */
  private async prepareThenStart(): Promise<void> {
    const settings = this.config.kafka!;
    while (!this.stopping.signal.aborted) {
      try {
        await this.admin!.connect();
        const created = await ensureTopics(this.admin!, Object.values(topicNames(settings.topicPrefix)), settings);
        if (created.length > 0) this.logger.info({ topics: created, partitions: settings.partitions }, 'Kafka topics created');
        this.topicsReady = true;
        break;
      } catch (error) {
        this.logger.warn({ err: error, brokers: settings.brokers }, 'Kafka is not reachable yet; retrying. HTTP ingest goes on meanwhile');
        await abortableDelay(2_000, this.stopping.signal);
      }
    }
    if (this.stopping.signal.aborted) return;
    if (this.alerts) await TimescaleAlertsPublisher.prepare(this.database.pool);
    this.publisher?.start();
    this.consumer?.start();
    this.alerts?.start();
  }

  private async check() {
    const publisher = this.publisher?.status();
    const consumer = this.consumer?.status();
    try {
      const cluster = await Promise.race([
        this.admin!.describeCluster(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${KAFKA_CHECK_TIMEOUT_MS} ms`)), KAFKA_CHECK_TIMEOUT_MS).unref()),
      ]);
      const behind = publisher ? Math.max(0, (await this.store.headPosition()) - publisher.position) : undefined;
      return {
        status: this.topicsReady ? ('up' as const) : ('down' as const),
        brokers: cluster.brokers.length,
        ...(publisher ? { publisher: { ...publisher, upToDate: behind === 0 } } : {}),
        ...(consumer ? { consumer } : {}),
        ...(this.alerts ? { alerts: this.alerts.status() } : {}),
      };
    } catch (error) {
      return { status: 'down' as const, error: (error as Error).message, ...(publisher ? { publisher } : {}), ...(consumer ? { consumer } : {}) };
    }
  }
}

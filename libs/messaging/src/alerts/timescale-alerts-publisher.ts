import type { Kafka, Producer } from 'kafkajs';
import { abortableDelay, migrateSchema, type Migration, type Queryable, type PoolLike } from '@csc/event-store';
import { TIMELINESS_SCHEMA, clockStateSql } from '@csc/projections';
import { PRODUCER_SETTINGS, type MessagingLogger } from '../kafka-client';
import { ALERT_TYPES, alertId, toAlertMessage, type AlertedState, type TimescaleAlert } from './timescale-alert';

const ALERT_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'alerts sent',
    sql: `CREATE TABLE messaging.alerts_sent (
            child_id text NOT NULL, clock_key text NOT NULL, state text NOT NULL, alert_id uuid NOT NULL, sent_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (child_id, clock_key, state));
          COMMENT ON TABLE messaging.alerts_sent IS 'Each (clock, state) alert acknowledged by Kafka, so none is sent twice on purpose.';`,
  },
];

const BATCH = 1_000;

export interface TimescaleAlertsOptions {
  kafka: Kafka;
  pool: PoolLike;
  topic: string;
  logger: MessagingLogger;
  /** Today's date in Europe/London: alerts are judged on it. */
  today: () => string;
  intervalMs: number;
  /** Transitions older than this many days are not alerted (a new deployment does not replay years of alerts). */
  lookbackDays: number;
}

/**
 * Timescale alerts from the timeliness read model: a clock becoming due soon, overdue, met or met
 * late is published once per clock and state. States change with the passage of time as well as
 * with events, so it looks periodically. An alert is remembered as sent only after Kafka
 * acknowledged it: at least once (consumers deduplicate by alertId), never lost.
 */
export class TimescaleAlertsPublisher {
  private readonly abort = new AbortController();
  private producer: Producer | undefined;
  private running: Promise<void> | undefined;
  private lastRun: { at: string; sent: number; error?: string } | undefined;

  constructor(private readonly options: TimescaleAlertsOptions) {}

  static async prepare(pool: PoolLike): Promise<void> {
    await migrateSchema(pool, 'messaging', ALERT_MIGRATIONS);
  }

  status(): { lastRun?: { at: string; sent: number; error?: string } } {
    return { lastRun: this.lastRun };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** Publishes every alert due as of `asOf`; answers how many were sent. */
  async runOnce(asOf: string): Promise<number> {
    this.producer ??= this.options.kafka.producer(PRODUCER_SETTINGS);
    await this.producer.connect();
    let sent = 0;
    for (;;) {
      const alerts = await pendingAlerts(this.options.pool, asOf, this.options.lookbackDays);
      if (alerts.length === 0) return sent;
      await this.producer.send({ topic: this.options.topic, acks: -1, messages: alerts.map(({ alert }) => toAlertMessage(alert)) });
      await this.options.pool.query(
        `INSERT INTO messaging.alerts_sent (child_id, clock_key, state, alert_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) ON CONFLICT DO NOTHING`,
        [
          alerts.map(({ alert }) => alert.childId),
          alerts.map(({ clockKey }) => clockKey),
          alerts.map(({ alert }) => alert.state),
          alerts.map(({ alert }) => alert.alertId),
        ],
      );
      sent += alerts.length;
      if (alerts.length < BATCH) return sent;
    }
  }

  private async loop(): Promise<void> {
    while (!this.abort.signal.aborted) {
      const at = this.options.today();
      try {
        const sent = await this.runOnce(at);
        this.lastRun = { at, sent };
        if (sent > 0) this.options.logger.info({ sent, asOf: at }, 'timescale alerts published');
      } catch (error) {
        this.lastRun = { at, sent: 0, error: (error as Error).message };
        this.options.logger.warn({ err: error }, 'timescale alerts not published; retrying at the next interval');
      }
      await abortableDelay(this.options.intervalMs, this.abort.signal);
    }
  }
}

/** Clocks whose state on `asOf` calls for an alert not yet sent, with the transition inside the lookback. */
async function pendingAlerts(db: Queryable, asOf: string, lookbackDays: number): Promise<Array<{ clockKey: string; alert: TimescaleAlert }>> {
  const { rows } = await db.query<Record<string, unknown>>(
    `WITH judged AS (
       SELECT c.*, ${clockStateSql('$1')} AS state
       FROM ${TIMELINESS_SCHEMA}.clocks c WHERE c.started_on <= $1::date)
     SELECT j.* , to_char(j.started_on, 'YYYY-MM-DD') AS started, to_char(j.due_on, 'YYYY-MM-DD') AS due, to_char(j.stopped_on, 'YYYY-MM-DD') AS stopped
     FROM judged j
     WHERE j.state IN ('due-soon', 'overdue', 'met', 'late')
       AND CASE j.state WHEN 'due-soon' THEN j.due_soon_from WHEN 'overdue' THEN j.due_on + 1 ELSE j.stopped_on END >= $1::date - $2::int
       AND NOT EXISTS (SELECT 1 FROM messaging.alerts_sent s WHERE s.child_id = j.child_id AND s.clock_key = j.clock_key AND s.state = j.state)
     ORDER BY j.child_id, j.clock_key LIMIT ${BATCH}`,
    [asOf, lookbackDays],
  );
  return rows.map((row) => {
    const state = row.state as AlertedState;
    const childId = row.child_id as string;
    const clockKey = row.clock_key as string;
    return {
      clockKey,
      alert: {
        alertId: alertId(childId, clockKey, state),
        type: ALERT_TYPES[state],
        childId,
        rule: row.rule as string,
        anchor: (row.anchor as string) ?? null,
        subjectId: row.subject_id as string,
        startedOn: row.started as string,
        dueOn: row.due as string,
        stoppedOn: (row.stopped as string) ?? null,
        state,
        teamId: (row.team_id as string) ?? null,
        workerId: (row.worker_id as string) ?? null,
        asOf,
        ruleVersion: row.rule_version as string,
        calendarVersion: row.calendar_version as string,
        standardsVersion: row.standards_version as string,
      },
    };
  });
}

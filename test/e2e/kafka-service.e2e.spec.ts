import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CaseEvent } from '@csc/contracts';
import { describeWith } from '@csc/test-support';
import { addDays, caseEventFactory } from '../../libs/domain/testing';
import { readTopicUntil, testKafka, type ConsumedMessage } from '../support/kafka';
import { messageSchemaViolations } from '../support/message-schemas';
import { startService, type ServiceProcess } from '../support/service-process';
import { bearer, TEST_JWT_SECRET } from '../support/tokens';

/** A service with topics and a consumer group of its own on the shared broker, and a data directory of its own. */
function kafkaServiceEnv(brokers: string, dataDir: string, prefix: string): NodeJS.ProcessEnv {
  return {
    CSC_DATA_DIR: dataDir,
    AUTH_JWT_SECRET: TEST_JWT_SECRET,
    KAFKA_BROKERS: brokers,
    KAFKA_TOPIC_PREFIX: prefix,
    KAFKA_CONSUMER_GROUP: `${prefix}group`,
    KAFKA_TOPIC_PARTITIONS: '3',
    ALERTS_INTERVAL_MS: '1000',
    LOG_LEVEL: 'warn',
  };
}

async function post(service: ServiceProcess, events: readonly CaseEvent[]): Promise<{ position: number; summary: Record<string, number> }> {
  const response = await fetch(`${service.url}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: bearer('recorder') },
    body: JSON.stringify({ events }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { position: number; summary: Record<string, number> };
}

const eventIdsOf = (messages: readonly ConsumedMessage[]) => messages.map((message) => (JSON.parse(message.value!) as { eventId: string }).eventId);

/** Visits for several children: independent events, each child's in order. */
function visits(prefix: string, children: number, perChild: number): CaseEvent[] {
  const events: CaseEvent[] = [];
  for (let child = 0; child < children; child++) {
    const c = caseEventFactory(`${prefix}C${child}`);
    events.push(c.referral('2024-03-04', 'R1'));
    for (let visit = 0; visit < perChild; visit++) events.push(c.visit(addDays('2024-03-05', visit), `V${visit}`));
  }
  return events;
}

describeWith('kafka', 'the service with a real Kafka broker', ({ value: brokers }) => {
  const dataDirs: string[] = [];
  const newDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'csc-kafka-'));
    dataDirs.push(dir);
    return dir;
  };
  afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('publishes every event recorded over HTTP once, keyed by child, in order per child', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}.`;
    const service = await startService({ env: kafkaServiceEnv(brokers, newDataDir(), prefix) });
    try {
      const events = visits(prefix, 5, 4);
      await post(service, events);
      const messages = await readTopicUntil(testKafka(brokers), `${prefix}csc.case-events.v1`, (read) => read.length >= events.length);
      expect(eventIdsOf(messages).sort()).toEqual(events.map((event) => event.eventId).sort());
      for (let child = 0; child < 5; child++) {
        const ofChild = messages.filter((message) => message.key === `${prefix}C${child}`).map((message) => JSON.parse(message.value!) as { revision: number });
        expect(ofChild.map((message) => message.revision)).toEqual([0, 1, 2, 3, 4]);
      }
    } finally {
      await service.stop();
    }
  }, 120_000);

  it('delivers every event after the service is killed mid-publish and restarted (duplicates allowed, each with its event id)', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}.`;
    const dataDir = newDataDir();
    const first = await startService({ env: kafkaServiceEnv(brokers, dataDir, prefix) });
    const events = visits(prefix, 40, 24);
    for (let start = 0; start < events.length; start += 500) await post(first, events.slice(start, start + 500));
    await first.stop('SIGKILL');

    const second = await startService({ env: kafkaServiceEnv(brokers, dataDir, prefix) });
    try {
      const expected = new Set(events.map((event) => event.eventId));
      const messages = await readTopicUntil(
        testKafka(brokers),
        `${prefix}csc.case-events.v1`,
        (read) => new Set(eventIdsOf(read)).size >= expected.size,
        120_000,
      );
      expect(new Set(eventIdsOf(messages))).toEqual(expected);
      for (const message of messages) expect(message.headers['csc-event-id']).toBe(JSON.parse(message.value!).eventId);
    } finally {
      await second.stop();
    }
  }, 180_000);

  it('records valid inbound messages once even when redelivered, and dead-letters the others unchanged with the reason', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}.`;
    const dataDir = newDataDir();
    const service = await startService({ env: kafkaServiceEnv(brokers, dataDir, prefix) });
    const c = caseEventFactory(`${prefix}IN1`);
    const referral = c.referral('2024-03-04', 'R1');
    const badCode = { ...c.referral('2024-03-05', 'R2'), data: { referralId: 'R2', source: 'ZZ', primaryNeed: 'N1' } };
    const refused = c.decision('2024-03-05', 'R-UNKNOWN', 'assessment');
    const producer = testKafka(brokers).producer();
    try {
      await producer.connect();
      await producer.send({
        topic: `${prefix}csc.cms-events.v1`,
        messages: [
          { key: referral.childId, value: JSON.stringify(referral) },
          { key: referral.childId, value: JSON.stringify(referral) },
          { key: referral.childId, value: '{"eventId": not json' },
          { key: referral.childId, value: JSON.stringify(badCode) },
          { key: referral.childId, value: JSON.stringify(refused) },
        ],
      });
      const dead = await readTopicUntil(testKafka(brokers), `${prefix}csc.cms-events.dlq.v1`, (read) => read.length >= 3, 60_000);
      expect(dead.map((message) => message.headers['csc-error-code']).sort()).toEqual(['INVALID_CODE', 'INVALID_JSON', 'REFERRAL_NOT_FOUND']);
      expect(dead.find((message) => message.headers['csc-error-code'] === 'INVALID_JSON')!.value).toBe('{"eventId": not json');
      expect(dead.find((message) => message.headers['csc-error-code'] === 'INVALID_CODE')).toMatchObject({
        value: JSON.stringify(badCode),
        headers: expect.objectContaining({ 'csc-error-field': 'data.source' }),
      });

      const recorded = (await (
        await fetch(`${service.url}/v1/children/${referral.childId}/events`, { headers: { authorization: bearer('auditor') } })
      ).json()) as { events: Array<{ event: CaseEvent }> };
      expect(recorded.events.map((entry) => entry.event.eventId)).toEqual([referral.eventId]);
    } finally {
      await producer.disconnect();
      await service.stop();
    }

    // Restarted: offsets were committed, so nothing is recorded or dead-lettered again.
    const again = await startService({ env: kafkaServiceEnv(brokers, dataDir, prefix) });
    try {
      const health = (await (await fetch(`${again.url}/health/details`, { headers: { authorization: bearer('admin') } })).json()) as {
        checks: { kafka: { consumer?: { recorded: number; deadLettered: number } } };
      };
      expect(health.checks.kafka.consumer).toMatchObject({ recorded: 0, deadLettered: 0 });
    } finally {
      await again.stop();
    }
  }, 120_000);

  it('publishes timescale alerts once per clock and state, matching the published schema', async () => {
    const prefix = `t${randomUUID().slice(0, 8)}.`;
    const service = await startService({ env: kafkaServiceEnv(brokers, newDataDir(), prefix) });
    try {
      const today = new Date().toISOString().slice(0, 10);
      const c = caseEventFactory(`${prefix}AL1`);
      // An assessment started about 68 days ago and never authorised: 45 working days (about 63 calendar days)
      // have passed, so both T2 clocks went overdue within the alerts' 14-day lookback.
      await post(service, [
        c.referral(addDays(today, -68), 'R1'),
        c.decision(addDays(today, -68), 'R1', 'assessment'),
        c.assessmentStarted(addDays(today, -67), 'A1', 'R1'),
      ]);
      const alerts = await readTopicUntil(testKafka(brokers), `${prefix}csc.timescale-alerts.v1`, (read) => read.length >= 2, 60_000);
      const types = alerts.map((message) => JSON.parse(message.value!) as { type: string; rule: string; anchor: string | null });
      expect(types).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ type: 'ClockOverdue', rule: 'T2', anchor: 'referral' }),
          expect.objectContaining({ type: 'ClockOverdue', rule: 'T2', anchor: 'assessment-start' }),
        ]),
      );
      for (const message of alerts) expect(messageSchemaViolations('timescale-alert.v1', JSON.parse(message.value!))).toEqual([]);
      const ids = alerts.map((message) => message.headers['csc-alert-id']);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await service.stop();
    }
  }, 90_000);
});

describe('the service when Kafka is down', () => {
  it('keeps recording over HTTP and reports Kafka as degraded, not the service as down', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'csc-nokafka-'));
    const service = await startService({ env: { CSC_DATA_DIR: dataDir, AUTH_JWT_SECRET: TEST_JWT_SECRET, KAFKA_BROKERS: '127.0.0.1:1', LOG_LEVEL: 'error' } });
    try {
      const c = caseEventFactory('C-NO-KAFKA');
      const result = await post(service, [c.referral('2024-03-04', 'R1')]);
      expect(result.summary.recorded).toBe(1);
      const health = await fetch(`${service.url}/health/details`, { headers: { authorization: bearer('admin') } });
      expect(health.status).toBe(200);
      const body = (await health.json()) as { status: string; checks: { kafka: { status: string; critical: boolean } } };
      expect(body.status).toBe('degraded');
      expect(body.checks.kafka).toMatchObject({ status: 'down', critical: false });
    } finally {
      await service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { SERVICE_SETTINGS, recordServiceStatus, settingValue, type ExternalService, type ExternalServiceName } from './external-services';

const PROBE_TIMEOUT_MS = 5_000;

async function probePostgres(url: string): Promise<string> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    const parsed = new URL(url);
    return `PostgreSQL ${rows[0].server_version} at ${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } finally {
    await client.end();
  }
}

async function probeKafka(brokers: string): Promise<string> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({
    clientId: 'csc-test-probe',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
    connectionTimeout: PROBE_TIMEOUT_MS,
    retry: { retries: 1 },
  }).admin();
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    return `Kafka cluster ${cluster.clusterId} with ${cluster.brokers.length} broker(s) at ${brokers}`;
  } finally {
    await admin.disconnect();
  }
}

async function probeEventStoreDb(connectionString: string): Promise<string> {
  const { EventStoreDBClient } = await import('@eventstore/db-client');
  const client = EventStoreDBClient.connectionString(connectionString);
  try {
    for await (const _ of client.readAll({ maxCount: 1, deadline: PROBE_TIMEOUT_MS })) break;
    return `EventStoreDB at ${connectionString.replace(/\/\/[^@]*@/, '//')}`;
  } finally {
    await client.dispose();
  }
}

async function probeChromium(path: string): Promise<string> {
  const version = execFileSync(path, ['--version'], { encoding: 'utf8', timeout: PROBE_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return `${version} at ${path}`;
}

const PROBES: Record<ExternalServiceName, (value: string) => Promise<string>> = {
  postgres: probePostgres,
  kafka: probeKafka,
  eventstoredb: probeEventStoreDb,
  chromium: probeChromium,
};

export default async function globalSetup(): Promise<void> {
  // Process-level tests start the built service: build it from the current sources first (swc, under a second).
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: resolve(__dirname, '../..'), stdio: 'inherit' });
  const inCi = process.env.CI === 'true';
  const lines: string[] = [];
  const missing: string[] = [];
  for (const name of Object.keys(PROBES) as ExternalServiceName[]) {
    const { setting, label, requiredInCi } = SERVICE_SETTINGS[name];
    const value = settingValue(name);
    let service: ExternalService;
    if (!value) {
      service = { name, setting, available: false, detail: `${setting} is not set` };
    } else {
      try {
        service = { name, setting, available: true, detail: await withTimeout(PROBES[name](value), PROBE_TIMEOUT_MS * 2) };
      } catch (error) {
        const detail = process.env[setting]
          ? `${setting} is set but ${label} did not answer (${(error as Error).message})`
          : `${label} did not answer at ${value} (${(error as Error).message}); install it or set ${setting}`;
        service = { name, setting, available: false, detail };
      }
    }
    recordServiceStatus(service);
    lines.push(`  ${label.padEnd(13)} ${service.available ? 'runs:    ' : 'SKIPPED: '} ${service.detail}`);
    if (inCi && requiredInCi && !service.available) missing.push(`${label}: ${service.detail}`);
  }
  process.stdout.write(`\nExternal services for this test run:\n${lines.join('\n')}\n\n`);
  if (missing.length > 0) {
    throw new Error(
      `CI=true, so these suites must run, but their services are unavailable:\n  ${missing.join('\n  ')}\nStart them (see .ci/run) or fix the setting.`,
    );
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}

import { resolve } from 'node:path';
import { ConfigurationError, loadConfiguration } from './configuration';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfiguration(env, '/srv/csc');
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
};

describe('configuration', () => {
  it('defaults to embedded PGlite in ./data and HTTP on 127.0.0.1:3000 when nothing is set', () => {
    const config = loadConfiguration({}, '/srv/csc');
    expect(config.eventStore.kind).toBe('pglite');
    expect(config.database).toEqual({ kind: 'pglite', dataDir: resolve('/srv/csc/data') });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, bodyLimit: '5mb' });
  });

  it('uses PostgreSQL for events and read models when DATABASE_URL is set', () => {
    const config = loadConfiguration({ DATABASE_URL: 'postgres://u@db:5432/csc', DATABASE_POOL_SIZE: '20' }, '/srv/csc');
    expect(config.eventStore.kind).toBe('postgres');
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@db:5432/csc', poolSize: 20 });
  });

  it('keeps read models in PGlite when events go to EventStoreDB without DATABASE_URL', () => {
    const config = loadConfiguration({ EVENT_STORE: 'esdb', EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' }, '/srv/csc');
    expect(config.eventStore).toMatchObject({ kind: 'esdb', esdbConnectionString: 'esdb://localhost:2113?tls=false' });
    expect(config.database.kind).toBe('pglite');
  });

  it('keeps the master key in the data directory, made on first start, unless CSC_MASTER_KEY_FILE names one', () => {
    expect(loadConfiguration({}, '/srv/csc').retention).toEqual({ masterKeyFile: resolve('/srv/csc/data/master.key'), generateMasterKey: true });
    expect(loadConfiguration({ CSC_MASTER_KEY_FILE: 'secrets/master.key', CSC_RETENTION_SCHEDULE: 'retention.json' }, '/srv/csc').retention).toEqual({
      masterKeyFile: resolve('/srv/csc/secrets/master.key'),
      generateMasterKey: false,
      scheduleFile: resolve('/srv/csc/retention.json'),
    });
    expect(problemsOf({ CSC_RETENTION_SCHEDULE: 'retention.yaml' })).toEqual([
      'CSC_RETENTION_SCHEDULE must name a .json file (see "Retention and subject access" in README.md)',
    ]);
    expect(problemsOf({ CSC_MASTER_KEY_FILE: '  ' })).toEqual(['CSC_MASTER_KEY_FILE must name a file (32 random bytes in base64: openssl rand -base64 32)']);
  });

  it('resolves CSC_DATA_DIR against the working directory', () => {
    expect(loadConfiguration({ CSC_DATA_DIR: 'var/csc' }, '/srv/csc').dataDir).toBe(resolve('/srv/csc/var/csc'));
  });

  it('names each bad setting once, with what is allowed', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual(['PORT must be a whole number; got "abc"']);
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must not be greater than 65535']);
    expect(problemsOf({ EVENT_STORE: 'mongo' })).toEqual(["EVENT_STORE must be 'postgres', 'pglite' or 'esdb'"]);
    expect(problemsOf({ LOG_LEVEL: 'loud' })[0]).toMatch(/^LOG_LEVEL must be one of fatal, error/);
    expect(problemsOf({ DATABASE_URL: 'mysql://x' })).toEqual(['DATABASE_URL must be a postgres:// or postgresql:// connection string']);
  });

  it('refuses combinations that would split or lose data', () => {
    expect(problemsOf({ EVENT_STORE: 'postgres' })).toEqual(['EVENT_STORE=postgres needs DATABASE_URL (a postgres:// connection string)']);
    expect(problemsOf({ EVENT_STORE: 'esdb' })[0]).toMatch(/EVENT_STORE=esdb needs EVENTSTORE_CONNECTION_STRING/);
    expect(problemsOf({ EVENT_STORE: 'pglite', DATABASE_URL: 'postgres://db/csc' })[0]).toMatch(/cannot be used with DATABASE_URL/);
  });

  it('runs every role in one process by default, and only the roles CSC_ROLES names', () => {
    expect([...loadConfiguration({}, '/srv/csc').roles]).toEqual(['api', 'projections', 'publisher', 'consumer']);
    expect([...loadConfiguration({ CSC_ROLES: 'projections', KAFKA_BROKERS: '127.0.0.1:9092' }, '/srv/csc').roles]).toEqual(['projections']);
    expect(problemsOf({ CSC_ROLES: 'api,cooking' })[0]).toMatch(/^CSC_ROLES must be a comma-separated list of api, projections, publisher, consumer/);
    expect(problemsOf({ CSC_ROLES: 'publisher' })).toEqual(['CSC_ROLES names publisher or consumer, which need KAFKA_BROKERS (for example 127.0.0.1:9092)']);
  });

  it('reads Kafka settings with defaults when KAFKA_BROKERS is set', () => {
    expect(loadConfiguration({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2:9093' }, '/srv/csc').kafka).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2:9093'],
      clientId: 'csc-case-tracker',
      partitions: 6,
      replicationFactor: 1,
      consumerGroup: 'csc-case-tracker',
      topicPrefix: '',
      alertsIntervalMs: 60_000,
      alertsLookbackDays: 14,
    });
    expect(loadConfiguration({}, '/srv/csc').kafka).toBeUndefined();
    expect(problemsOf({ KAFKA_BROKERS: 'localhost' })).toEqual(['KAFKA_BROKERS must be a comma-separated list of host:port, for example 127.0.0.1:9092']);
  });

  it('reads the read-model, caseload and security settings, numbers as numbers', () => {
    const config = loadConfiguration(
      {
        READ_MODEL_WAIT_MS: '2500',
        RATE_LIMIT_PER_MINUTE: '120',
        CASELOAD_TARGETS: 'newly-qualified=8, team-manager=5',
        AUTH_JWT_SECRET: 'x'.repeat(40),
        AUTH_JWT_ISSUER: 'csc',
      },
      '/srv/csc',
    );
    expect(config.readModels).toEqual({
      waitForPositionMs: 2500,
      caseloadTargets: expect.objectContaining({ 'newly-qualified': 8, 'social-worker': 18, 'team-manager': 5 }),
    });
    expect(config.auth).toMatchObject({ secret: 'x'.repeat(40), issuer: 'csc', rateLimitPerMinute: 120 });
    expect(loadConfiguration({}, '/srv/csc').auth.rateLimitPerMinute).toBe(600);
  });

  it('refuses a short token secret, two token keys at once, and malformed targets', () => {
    expect(problemsOf({ AUTH_JWT_SECRET: 'short' })).toEqual(['AUTH_JWT_SECRET must be at least 32 characters (use: openssl rand -base64 48)']);
    expect(problemsOf({ AUTH_JWT_SECRET: 'x'.repeat(40), AUTH_JWT_PUBLIC_KEY_FILE: '/keys/public.pem' })).toEqual([
      'Set only one of AUTH_JWT_SECRET, AUTH_JWT_PUBLIC_KEY_FILE: the service checks tokens with one key',
    ]);
    expect(problemsOf({ CASELOAD_TARGETS: 'everyone=lots' })[0]).toMatch(/^CASELOAD_TARGETS must look like/);
    expect(problemsOf({ RATE_LIMIT_PER_MINUTE: 'fast' })).toEqual(['RATE_LIMIT_PER_MINUTE must be a whole number; got "fast"']);
  });

  it('reports every problem at once', () => {
    expect(problemsOf({ PORT: 'x', HTTP_BODY_LIMIT: 'huge', EVENT_STORE: 'esdb' })).toHaveLength(3);
  });
});

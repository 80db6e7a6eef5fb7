import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync, type ValidationError } from 'class-validator';
import { DEFAULT_CASELOAD_TARGETS } from '@csc/projections';

/**
 * Every setting of the service, read from the environment once at start-up. A missing or bad
 * setting stops the service with a message naming it; nothing falls back silently.
 */
export interface Configuration {
  http: { host: string; port: number; bodyLimit: string };
  /** Where the events live. */
  eventStore: { kind: 'postgres' | 'pglite' | 'esdb'; esdbConnectionString?: string; pollIntervalMs: number };
  /** Where the read models (and, unless EventStoreDB is chosen, the events) live. */
  database: { kind: 'postgres'; url: string; poolSize: number } | { kind: 'pglite'; dataDir: string };
  dataDir: string;
  /** The key stream heads are signed with (CHAIN_KEY_FILE); unset: CSC_DATA_DIR/chain-key, generated on first start. */
  chainKeyFile?: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  shutdownTimeoutMs: number;
  /** What this process does; one process does everything by default. */
  roles: ReadonlySet<ServiceRole>;
  /** Kafka, when KAFKA_BROKERS is set: publishing recorded events and consuming inbound ones. */
  kafka?: {
    brokers: string[];
    clientId: string;
    partitions: number;
    replicationFactor: number;
    consumerGroup: string;
    topicPrefix: string;
    alertsIntervalMs: number;
    alertsLookbackDays: number;
  };
  /** The path of the local standards file (CSC_LOCAL_STANDARDS), or undefined for the documented defaults. */
  localStandardsFile?: string;
  auth: {
    /** HS256 shared secret, from AUTH_JWT_SECRET or AUTH_JWT_SECRET_FILE. */
    secret?: string;
    secretFile?: string;
    /** RS256 public key (PEM), from AUTH_JWT_PUBLIC_KEY or AUTH_JWT_PUBLIC_KEY_FILE. */
    publicKey?: string;
    publicKeyFile?: string;
    issuer?: string;
    audience?: string;
    /** Requests per minute one token subject may make (RATE_LIMIT_PER_MINUTE). */
    rateLimitPerMinute: number;
    /** The longest lifetime of a token minted over HTTP (TOKEN_MAX_LIFETIME_SECONDS, default 8 hours). */
    tokenMaxLifetimeSeconds: number;
  };
  retention: {
    /** The master key every child's key is wrapped with (CSC_MASTER_KEY_FILE, or master.key in the data directory). */
    masterKeyFile: string;
    /** True when CSC_MASTER_KEY_FILE is not set: the service makes the key in the data directory on first start. */
    generateMasterKey: boolean;
    /** The retention schedule (CSC_RETENTION_SCHEDULE, JSON), or undefined for the documented defaults. */
    scheduleFile?: string;
  };
  readModels: {
    /** Cases per FTE each role should hold at most (CASELOAD_TARGETS). */
    caseloadTargets: Readonly<Record<string, number>>;
    /** How long a read asking for minPosition waits for the read models to catch up (READ_MODEL_WAIT_MS). */
    waitForPositionMs: number;
  };
}

/**
 * The parts of the service one process can run. `api`: the HTTP API; `projections`: the read
 * models; `publisher`: recorded events to Kafka; `consumer`: inbound events from Kafka.
 */
export const SERVICE_ROLES = ['api', 'projections', 'publisher', 'consumer'] as const;
export type ServiceRole = (typeof SERVICE_ROLES)[number];

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `The service cannot start: ${problems.length === 1 ? 'a setting is' : 'settings are'} wrong.\n  - ${problems.join('\n  - ')}\nSee "Settings" in README.md.`,
    );
    this.name = 'ConfigurationError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** The environment as the service reads it; names are the environment variables. */
class Environment {
  @IsOptional()
  @IsString()
  @Matches(/^[0-9a-zA-Z.:\-[\]]+$/, { message: 'HOST must be an interface address such as 127.0.0.1 or 0.0.0.0' })
  HOST?: string;

  @IsOptional()
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/i, { message: 'HTTP_BODY_LIMIT must look like 5mb or 512kb' })
  HTTP_BODY_LIMIT?: string;

  @IsOptional()
  @IsString()
  CSC_DATA_DIR?: string;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// or postgresql:// connection string' })
  DATABASE_URL?: string;

  @IsOptional()
  @IsInt({ message: 'DATABASE_POOL_SIZE must be a whole number' })
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsIn(['postgres', 'pglite', 'esdb'], { message: "EVENT_STORE must be 'postgres', 'pglite' or 'esdb'" })
  EVENT_STORE?: 'postgres' | 'pglite' | 'esdb';

  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\//, {
    message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (for example esdb://localhost:2113?tls=false)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  @IsOptional()
  @IsInt()
  @Min(10)
  @Max(60_000)
  SUBSCRIPTION_POLL_INTERVAL_MS?: number;

  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL?: Configuration['logLevel'];

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional()
  @Matches(/^\s*(api|projections|publisher|consumer)(\s*,\s*(api|projections|publisher|consumer))*\s*$/, {
    message: `CSC_ROLES must be a comma-separated list of ${SERVICE_ROLES.join(', ')}`,
  })
  CSC_ROLES?: string;

  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9.-]+:\d{1,5}(\s*,\s*[A-Za-z0-9.-]+:\d{1,5})*\s*$/, {
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port, for example 127.0.0.1:9092',
  })
  KAFKA_BROKERS?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'KAFKA_CLIENT_ID must be 1-100 letters, digits, dots, dashes or underscores' })
  KAFKA_CLIENT_ID?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  KAFKA_TOPIC_PARTITIONS?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10)
  KAFKA_REPLICATION_FACTOR?: number;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,100}$/, { message: 'KAFKA_CONSUMER_GROUP must be 1-100 letters, digits, dots, dashes or underscores' })
  KAFKA_CONSUMER_GROUP?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{0,100}$/, { message: 'KAFKA_TOPIC_PREFIX may hold only letters, digits, dots, dashes or underscores' })
  KAFKA_TOPIC_PREFIX?: string;

  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(86_400_000)
  ALERTS_INTERVAL_MS?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_650)
  ALERTS_LOOKBACK_DAYS?: number;

  @IsOptional()
  @IsString()
  CSC_LOCAL_STANDARDS?: string;

  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'CSC_MASTER_KEY_FILE must name a file (32 random bytes in base64: openssl rand -base64 32)' })
  CSC_MASTER_KEY_FILE?: string;

  @IsOptional()
  @IsString()
  @Matches(/\.json$/i, { message: 'CSC_RETENTION_SCHEDULE must name a .json file (see "Retention and subject access" in README.md)' })
  CSC_RETENTION_SCHEDULE?: string;

  @IsOptional()
  @Matches(/^\s*[a-z-]+=\d{1,3}(\s*,\s*[a-z-]+=\d{1,3})*\s*$/, {
    message: 'CASELOAD_TARGETS must look like newly-qualified=10,social-worker=18 (role=cases per FTE)',
  })
  CASELOAD_TARGETS?: string;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60_000)
  READ_MODEL_WAIT_MS?: number;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUTH_JWT_SECRET must be at least 32 characters (use: openssl rand -base64 48)' })
  AUTH_JWT_SECRET?: string;

  @IsOptional() @IsString() AUTH_JWT_SECRET_FILE?: string;
  @IsOptional() @IsString() CHAIN_KEY_FILE?: string;
  @IsOptional() @IsString() AUTH_JWT_PUBLIC_KEY?: string;
  @IsOptional() @IsString() AUTH_JWT_PUBLIC_KEY_FILE?: string;
  @IsOptional() @IsString() AUTH_JWT_ISSUER?: string;
  @IsOptional() @IsString() AUTH_JWT_AUDIENCE?: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  TOKEN_MAX_LIFETIME_SECONDS?: number;
}

const NUMERIC = [
  'PORT',
  'DATABASE_POOL_SIZE',
  'SUBSCRIPTION_POLL_INTERVAL_MS',
  'SHUTDOWN_TIMEOUT_MS',
  'KAFKA_TOPIC_PARTITIONS',
  'KAFKA_REPLICATION_FACTOR',
  'READ_MODEL_WAIT_MS',
  'RATE_LIMIT_PER_MINUTE',
  'TOKEN_MAX_LIFETIME_SECONDS',
  'ALERTS_INTERVAL_MS',
  'ALERTS_LOOKBACK_DAYS',
] as const;

export function loadConfiguration(env: NodeJS.ProcessEnv, workingDirectory = process.cwd()): Configuration {
  const raw: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (!(NUMERIC as readonly string[]).includes(key)) {
      raw[key] = value;
    } else if (/^\d+$/.test(value.trim())) {
      raw[key] = Number(value.trim());
    } else {
      problems.push(`${key} must be a whole number; got ${JSON.stringify(value)}`);
    }
  }
  const settings = plainToInstance(Environment, raw);
  problems.push(...validateSync(settings).flatMap(describeProblem));
  const kind = settings.EVENT_STORE ?? (settings.DATABASE_URL ? 'postgres' : 'pglite');
  if (kind === 'postgres' && !settings.DATABASE_URL) problems.push('EVENT_STORE=postgres needs DATABASE_URL (a postgres:// connection string)');
  if (kind === 'pglite' && settings.DATABASE_URL) {
    problems.push('EVENT_STORE=pglite cannot be used with DATABASE_URL set: the events and read models would live in different databases. Unset one of them');
  }
  if (kind === 'esdb' && !settings.EVENTSTORE_CONNECTION_STRING)
    problems.push('EVENT_STORE=esdb needs EVENTSTORE_CONNECTION_STRING (for example esdb://localhost:2113?tls=false)');
  const roles = new Set((settings.CSC_ROLES ?? SERVICE_ROLES.join(',')).split(',').map((role) => role.trim() as ServiceRole));
  if (!settings.KAFKA_BROKERS && (settings.CSC_ROLES ?? '').match(/publisher|consumer/)) {
    problems.push('CSC_ROLES names publisher or consumer, which need KAFKA_BROKERS (for example 127.0.0.1:9092)');
  }
  const keySettings = ['AUTH_JWT_SECRET', 'AUTH_JWT_SECRET_FILE', 'AUTH_JWT_PUBLIC_KEY', 'AUTH_JWT_PUBLIC_KEY_FILE'].filter(
    (name) => settings[name as keyof Environment],
  );
  if (keySettings.length > 1) problems.push(`Set only one of ${keySettings.join(', ')}: the service checks tokens with one key`);
  if (problems.length > 0) throw new ConfigurationError([...new Set(problems)]);

  const dataDir = resolve(workingDirectory, settings.CSC_DATA_DIR ?? 'data');
  return {
    http: { host: settings.HOST ?? '127.0.0.1', port: settings.PORT ?? 3000, bodyLimit: settings.HTTP_BODY_LIMIT ?? '5mb' },
    eventStore: { kind, esdbConnectionString: settings.EVENTSTORE_CONNECTION_STRING, pollIntervalMs: settings.SUBSCRIPTION_POLL_INTERVAL_MS ?? 100 },
    database: settings.DATABASE_URL
      ? { kind: 'postgres', url: settings.DATABASE_URL, poolSize: settings.DATABASE_POOL_SIZE ?? 10 }
      : { kind: 'pglite', dataDir },
    dataDir,
    logLevel: settings.LOG_LEVEL ?? 'info',
    shutdownTimeoutMs: settings.SHUTDOWN_TIMEOUT_MS ?? 10_000,
    roles,
    kafka: settings.KAFKA_BROKERS
      ? {
          brokers: settings.KAFKA_BROKERS.split(',').map((broker) => broker.trim()),
          clientId: settings.KAFKA_CLIENT_ID ?? 'csc-case-tracker',
          partitions: settings.KAFKA_TOPIC_PARTITIONS ?? 6,
          replicationFactor: settings.KAFKA_REPLICATION_FACTOR ?? 1,
          consumerGroup: settings.KAFKA_CONSUMER_GROUP ?? 'csc-case-tracker',
          topicPrefix: settings.KAFKA_TOPIC_PREFIX ?? '',
          alertsIntervalMs: settings.ALERTS_INTERVAL_MS ?? 60_000,
          alertsLookbackDays: settings.ALERTS_LOOKBACK_DAYS ?? 14,
        }
      : undefined,
    localStandardsFile: settings.CSC_LOCAL_STANDARDS,
    chainKeyFile: settings.CHAIN_KEY_FILE,
    auth: {
      secret: settings.AUTH_JWT_SECRET,
      secretFile: settings.AUTH_JWT_SECRET_FILE,
      publicKey: settings.AUTH_JWT_PUBLIC_KEY,
      publicKeyFile: settings.AUTH_JWT_PUBLIC_KEY_FILE,
      issuer: settings.AUTH_JWT_ISSUER,
      audience: settings.AUTH_JWT_AUDIENCE,
      rateLimitPerMinute: settings.RATE_LIMIT_PER_MINUTE ?? 600,
      tokenMaxLifetimeSeconds: settings.TOKEN_MAX_LIFETIME_SECONDS ?? 8 * 3600,
    },
    retention: {
      masterKeyFile: settings.CSC_MASTER_KEY_FILE ? resolve(workingDirectory, settings.CSC_MASTER_KEY_FILE) : resolve(dataDir, 'master.key'),
      generateMasterKey: !settings.CSC_MASTER_KEY_FILE,
      ...(settings.CSC_RETENTION_SCHEDULE ? { scheduleFile: resolve(workingDirectory, settings.CSC_RETENTION_SCHEDULE) } : {}),
    },
    readModels: { caseloadTargets: caseloadTargets(settings.CASELOAD_TARGETS), waitForPositionMs: settings.READ_MODEL_WAIT_MS ?? 5_000 },
  };
}

/** The default targets (18 cases per FTE, 10 for newly qualified workers), with any role CASELOAD_TARGETS names replaced. */
function caseloadTargets(setting: string | undefined): Record<string, number> {
  const targets: Record<string, number> = { ...DEFAULT_CASELOAD_TARGETS };
  for (const pair of (setting ?? '').split(',').filter((entry) => entry.trim() !== '')) {
    const [role, value] = pair.split('=').map((part) => part.trim());
    targets[role] = Number(value);
  }
  return targets;
}

function describeProblem(error: ValidationError): string[] {
  return Object.values(error.constraints ?? {}).map((message) => (message.startsWith(error.property) ? message : `${error.property}: ${message}`));
}

/** Injection token for the Configuration. */
export const CONFIGURATION = Symbol('CONFIGURATION');

/**
 * Which external services the test run can reach. The Jest global setup probes each once and
 * records the outcome in the environment, which every test worker inherits; suites then run or
 * say plainly why they are skipped. In CI (CI=true) a required service that cannot be reached
 * fails the run instead: CI must prove the real thing.
 */
export type ExternalServiceName = 'postgres' | 'kafka' | 'eventstoredb' | 'chromium';

export interface ExternalService {
  name: ExternalServiceName;
  /** The setting that points the tests at the service. */
  setting: string;
  available: boolean;
  /** The address (no credentials) or why it cannot be used. */
  detail: string;
  /** The value of the setting, when available. */
  value?: string;
}

export const SERVICE_SETTINGS: Record<ExternalServiceName, { setting: string; label: string; requiredInCi: boolean; defaultValue?: string }> = {
  postgres: { setting: 'DATABASE_URL', label: 'PostgreSQL', requiredInCi: true },
  kafka: { setting: 'KAFKA_BROKERS', label: 'Kafka', requiredInCi: true },
  eventstoredb: { setting: 'EVENTSTORE_CONNECTION_STRING', label: 'EventStoreDB', requiredInCi: false },
  // Debian's Chromium (apt-get install chromium), driven by playwright-core; never a downloaded browser.
  chromium: { setting: 'CHROMIUM_PATH', label: 'Chromium', requiredInCi: true, defaultValue: '/usr/bin/chromium' },
};

/** The setting's value, or the service's usual place when it has one (Chromium's path). */
export function settingValue(name: ExternalServiceName): string | undefined {
  const { setting, defaultValue } = SERVICE_SETTINGS[name];
  return process.env[setting] || defaultValue;
}

const statusVariable = (name: ExternalServiceName): string => `CSC_TEST_SERVICE_${name.toUpperCase()}`;

export function recordServiceStatus(service: ExternalService): void {
  process.env[statusVariable(service.name)] = JSON.stringify({ available: service.available, detail: service.detail });
}

export function externalService(name: ExternalServiceName): ExternalService {
  const { setting } = SERVICE_SETTINGS[name];
  const value = settingValue(name);
  const recorded = process.env[statusVariable(name)];
  if (recorded) {
    const { available, detail } = JSON.parse(recorded) as { available: boolean; detail: string };
    return { name, setting, available, detail, value: available ? value : undefined };
  }
  // Run without the global setup (a single file from an editor): trust the setting.
  return value ? { name, setting, available: true, detail: 'not probed', value } : { name, setting, available: false, detail: `${setting} is not set` };
}

/**
 * `describe` when the service is reachable, otherwise a skipped `describe` whose title says why,
 * so a skipped suite is visible in the Jest output and never mistaken for a pass.
 */
export function describeWith(
  name: ExternalServiceName,
  title: string,
  body: (service: Required<Pick<ExternalService, 'value'>> & ExternalService) => void,
): void {
  const service = externalService(name);
  if (service.available && service.value) {
    describe(title, () => body(service as Required<Pick<ExternalService, 'value'>> & ExternalService));
    return;
  }
  const label = SERVICE_SETTINGS[name].label;
  describe.skip(`${title} [skipped: ${label} unavailable: ${service.detail}]`, () => {
    it(`needs ${label}: set ${service.setting}`, () => undefined);
  });
}

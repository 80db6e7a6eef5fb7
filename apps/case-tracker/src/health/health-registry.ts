import { Injectable } from '@nestjs/common';

/** `disabled`: the part is not configured in this process, which is not a fault. */
export type CheckStatus = 'up' | 'down' | 'disabled';

export interface CheckResult {
  status: CheckStatus;
  [detail: string]: unknown;
}

export interface HealthCheck {
  name: string;
  /** A critical part that is down makes the service down (503); any other makes it degraded (200). */
  critical: boolean;
  check(): Promise<CheckResult>;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  checks: Record<string, CheckResult & { critical: boolean }>;
}

const CHECK_TIMEOUT_MS = 3_000;

/** Every part of the service registers how to check it; /health asks them all at once. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, HealthCheck>();

  register(check: HealthCheck): void {
    this.checks.set(check.name, check);
  }

  async report(): Promise<HealthReport> {
    const entries = await Promise.all(
      [...this.checks.values()].map(async (check) => {
        const result = await withTimeout(check.check(), CHECK_TIMEOUT_MS).catch((error: Error): CheckResult => ({ status: 'down', error: error.message }));
        return [check.name, { ...result, critical: check.critical }] as const;
      }),
    );
    const checks = Object.fromEntries(entries);
    const down = Object.values(checks).filter((result) => result.status === 'down');
    const status = down.some((result) => result.critical) ? 'down' : down.length > 0 ? 'degraded' : 'ok';
    return { status, checks };
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

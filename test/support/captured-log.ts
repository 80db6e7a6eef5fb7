import type { DestinationStream } from 'pino';

const KEY = '__cscCapturedLog';

/**
 * A log destination that keeps lines in memory; test/support/log-on-failure-environment.js prints them
 * only when a test fails, and forgets them after each test.
 */
export function capturedLog(): DestinationStream {
  const holder = globalThis as unknown as Record<string, string[] | undefined>;
  const lines = (holder[KEY] ??= []);
  return { write: (line: string) => void lines.push(line) };
}

import type { RecordedEvent, Subscription } from '@csc/event-store';

export interface Collected {
  events: RecordedEvent[];
  caughtUp: boolean;
  checkpoints: number[];
}

/**
 * Reads a subscription until `enough` says so. Fails, rather than hanging, if that has not
 * happened within `timeoutMs` (a deadline for a broken store, not a wait for a healthy one).
 */
export async function collectUntil(
  subscription: Subscription,
  enough: (events: RecordedEvent[], collected: Collected) => boolean,
  timeoutMs = 30_000,
): Promise<Collected> {
  const collected: Collected = { events: [], caughtUp: false, checkpoints: [] };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      void subscription.close();
      reject(new Error(`Subscription delivered ${collected.events.length} events in ${timeoutMs} ms without reaching the expected state`));
    }, timeoutMs);
  });
  const reading = (async () => {
    for await (const message of subscription) {
      if (message.kind === 'event') collected.events.push(message.event);
      if (message.kind === 'caught-up') collected.caughtUp = true;
      if (message.kind === 'checkpoint') collected.checkpoints.push(message.position);
      if (enough(collected.events, collected)) break;
    }
    return collected;
  })();
  try {
    return await Promise.race([reading, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

import type { Clock, TimescaleEvent } from '../src';

/** Builds a child's events for tests: ids are readable and deterministic ("ReferralReceived#1"). */
export function childEvents() {
  const events: TimescaleEvent[] = [];
  let count = 0;
  const add = (type: string, occurredAt: string, data: Record<string, unknown> = {}): TimescaleEvent => {
    count += 1;
    const event = { eventId: `${type}#${count}`, type, occurredAt, data };
    events.push(event);
    return event;
  };
  return { events, add };
}

/** The fields a test usually checks, without the version stamps. */
export function brief(clock: Clock) {
  const { rule, anchor, subjectId, sequence, limitStep, startedOn, dueOn, dueAt, stoppedOn, stopReason, state } = clock;
  return Object.fromEntries(
    Object.entries({ rule, anchor, subjectId, sequence, limitStep, startedOn, dueOn, dueAt, stoppedOn, stopReason, state }).filter(([, v]) => v !== undefined),
  );
}

export function ofRule(clocks: readonly Clock[], rule: string, anchor?: string) {
  return clocks.filter((clock) => clock.rule === rule && (anchor === undefined || clock.anchor === anchor)).map(brief);
}

/** The only source of "now" in the service: everything else receives time from here, so tests can fix it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

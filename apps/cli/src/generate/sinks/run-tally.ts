// Counts a run as it streams (events by type, duplicates, retractions) for the progress line and the closing summary.
import type { Emission } from '../simulation/arrival-order';

export class RunTally {
  readonly byType = new Map<string, number>();
  events = 0;
  duplicates = 0;
  /** Events dated before the run's start: the history of the cases open on its first day. */
  beforeStart = 0;

  constructor(private readonly start: string) {}

  /** Passes the emissions through, counting them. */
  *count(emissions: Iterable<Emission>): Generator<Emission> {
    for (const emission of emissions) {
      this.events += 1;
      if (emission.resent) this.duplicates += 1;
      else {
        this.byType.set(emission.event.type, (this.byType.get(emission.event.type) ?? 0) + 1);
        if (emission.event.occurredAt < this.start) this.beforeStart += 1;
      }
      yield emission;
    }
  }
}

// The order events reach the stream, as from a real case management system: mostly as they happen, some recorded days
// late, a few sent twice, and visits recorded twice in error then retracted.
import type { CaseEvent, ChildEvent } from '@csc/contracts';
import type { RecordingConfig } from '../config/generator-config';
import { DayQueue } from './day-queue';
import type { SeededRandom } from './seeded-random';

/** One event as it leaves the generator; `resent` marks the deliberate duplicates (an envelope sent before). */
export interface Emission {
  readonly event: CaseEvent;
  readonly resent: boolean;
}

/**
 * structural: on time, always (later events depend on it); leaf: nothing later depends on it, so it may be recorded
 * late; mistaken: recorded in error, retracted a few days later.
 */
export type Recording = 'structural' | 'leaf' | 'mistaken';

export class ArrivalOrder {
  private ready: Emission[] = [];
  private readonly late = new DayQueue<CaseEvent>();
  private readonly retractions = new DayQueue<ChildEvent>();
  private readonly resends = new DayQueue<CaseEvent>();
  private emitted = 0;
  /** Off while the opening caseload's history is written: a migrated history arrives in order, once. */
  live = false;

  constructor(
    private readonly config: RecordingConfig,
    private readonly random: SeededRandom,
    private readonly retract: (event: ChildEvent, day: number) => ChildEvent,
  ) {}

  record(event: CaseEvent, day: number, recording: Recording): void {
    if (this.live && recording === 'leaf' && this.random.chance(this.config.lateShare)) {
      this.late.push(day + this.random.intBetween(1, this.config.lateMaxDays), event);
      return;
    }
    if (recording === 'mistaken') this.retractions.push(day + this.random.intBetween(1, 10), event as ChildEvent);
    this.output(event);
  }

  /** Releases, at the start of a day, the late events due and the retractions of mistakes found by then. */
  startDay(day: number): void {
    while ((this.late.peekDay() ?? Infinity) <= day) this.output(this.late.pop().item);
    while ((this.retractions.peekDay() ?? Infinity) <= day) this.output(this.retract(this.retractions.pop().item, day));
  }

  /** At the end of the run: every late event still held, and the duplicates not yet sent; retractions due later are dropped. */
  finish(lastDay: number): void {
    this.startDay(lastDay);
    while (this.late.size > 0) this.output(this.late.pop().item);
    while (this.resends.size > 0) this.ready.push({ event: this.resends.pop().item, resent: true });
  }

  /** How many emissions are waiting to be taken. */
  get waiting(): number {
    return this.ready.length;
  }

  /** The emissions since the last call, in order. */
  take(): Emission[] {
    const taken = this.ready;
    this.ready = [];
    return taken;
  }

  private output(event: CaseEvent): void {
    this.ready.push({ event, resent: false });
    this.emitted += 1;
    if (this.live && this.random.chance(this.config.duplicateShare)) {
      this.resends.push(this.emitted + this.random.intBetween(1, this.config.duplicateMaxGap), event);
    }
    while ((this.resends.peekDay() ?? Infinity) <= this.emitted) this.ready.push({ event: this.resends.pop().item, resent: true });
  }
}

// Writes contract envelopes (fields in wire order, deterministic ids) and hands them to the arrival order.
import type { CaseEventType, ChildEvent, EventData, EventOfType, WorkerEventType } from '@csc/contracts';
import type { ArrivalOrder, Recording } from './arrival-order';
import type { ChildRecord } from './child-record';
import type { EventIds } from './event-ids';
import type { SimulationCalendar } from './simulation-calendar';
import type { WorkerRecord } from './worker-record';

/** A time of day as seconds after midnight UTC; the simulation keeps times between 07:00 and 22:00 UTC (the same London date). */
export type SecondsOfDay = number;

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

export class CaseEventWriter {
  private readonly source: { readonly system: string };

  constructor(
    private readonly ids: EventIds,
    private readonly calendar: SimulationCalendar,
    private readonly arrival: ArrivalOrder,
    system: string,
  ) {
    this.source = Object.freeze({ system });
  }

  /** A child event dated `day` (an ISO date). */
  child<T extends CaseEventType>(child: ChildRecord, type: T, day: number, data: EventData<T>, recording: Recording = 'structural'): EventOfType<T> {
    return this.write(child.id, type, this.calendar.iso(day), day, data, recording);
  }

  /** A child event at a moment (missing episodes and return home interviews carry timestamps). */
  childAt<T extends CaseEventType>(
    child: ChildRecord,
    type: T,
    day: number,
    seconds: SecondsOfDay,
    data: EventData<T>,
    recording: Recording = 'structural',
  ): EventOfType<T> {
    const time = `${twoDigits(Math.floor(seconds / 3600))}:${twoDigits(Math.floor(seconds / 60) % 60)}:00Z`;
    return this.write(child.id, type, `${this.calendar.iso(day)}T${time}`, day, data, recording);
  }

  worker<T extends WorkerEventType>(worker: WorkerRecord, type: T, day: number, data: EventData<T>): EventOfType<T> {
    const event = { eventId: this.ids.next(), type, schemaVersion: 1, workerId: worker.id, occurredAt: this.calendar.iso(day), source: this.source, data };
    this.arrival.record(event as unknown as EventOfType<T>, day, 'structural');
    return event as unknown as EventOfType<T>;
  }

  /** The retraction of an event recorded in error, sent on `day`. */
  retraction(event: ChildEvent, day: number): ChildEvent {
    const data = { retractedEventId: event.eventId, reason: 'Recorded twice in error: the same visit was entered again.' };
    return {
      eventId: this.ids.next(),
      type: 'EventRetracted',
      schemaVersion: 1,
      childId: event.childId,
      occurredAt: this.calendar.iso(day),
      source: this.source,
      data,
    };
  }

  private write<T extends CaseEventType>(childId: string, type: T, occurredAt: string, day: number, data: EventData<T>, recording: Recording): EventOfType<T> {
    const event = { eventId: this.ids.next(), type, schemaVersion: 1, childId, occurredAt, source: this.source, data } as unknown as EventOfType<T>;
    this.arrival.record(event, day, recording);
    return event;
  }
}

import { Command } from '@nestjs/cqrs';
import type { IngestChannel } from '@csc/contracts';
import type { RecordEventResult } from './record-event-result';

export interface RecordEventsOutcome {
  results: RecordEventResult[];
  summary: { recorded: number; duplicate: number; rejected: number };
  /** The highest global position this request wrote or found; read endpoints accept it as minPosition. */
  position: number;
}

/** Record case events sent by a case management system (over HTTP or Kafka), each judged on its own. */
export class RecordCaseEvents extends Command<RecordEventsOutcome> {
  constructor(
    /** The envelopes as received: not yet validated. */
    readonly envelopes: readonly unknown[],
    readonly channel: IngestChannel,
    readonly recordedBy?: string,
  ) {
    super();
  }
}

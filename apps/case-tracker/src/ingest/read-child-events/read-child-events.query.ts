import { Query } from '@nestjs/cqrs';
import type { CaseEvent } from '@csc/contracts';

export interface RecordedChildEvent {
  revision: number;
  position: number;
  recordedAt: string;
  event: CaseEvent;
}

export interface ChildEventsView {
  childId: string;
  streamId: string;
  events: RecordedChildEvent[];
}

/** A child's events as recorded, in stream order, so a producer can check what we hold. */
export class ReadChildEvents extends Query<ChildEventsView | undefined> {
  constructor(readonly childId: string) {
    super();
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { childStreamId, fromStoredEvent } from '@csc/contracts';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import { ReadChildEvents, type ChildEventsView } from './read-child-events.query';

@QueryHandler(ReadChildEvents)
export class ReadChildEventsHandler implements IQueryHandler<ReadChildEvents> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(query: ReadChildEvents): Promise<ChildEventsView | undefined> {
    const streamId = childStreamId(query.childId);
    const stored = await this.store.readStream(streamId);
    if (stored.length === 0) return undefined;
    return {
      childId: query.childId,
      streamId,
      events: stored.map((event) => ({
        revision: event.revision,
        position: event.position,
        recordedAt: event.recordedAt.toISOString(),
        event: fromStoredEvent(event),
      })),
    };
  }
}

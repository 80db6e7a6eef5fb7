import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { childStreamId } from '@csc/contracts';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import { childHistory, pageOf } from '@csc/history';
import { pointInTime } from '@csc/history';
import { DEFAULT_HISTORY_PAGE, GetChildHistory, type ChildHistoryView } from './get-child-history.query';

@QueryHandler(GetChildHistory)
export class GetChildHistoryHandler implements IQueryHandler<GetChildHistory> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ childId, request }: GetChildHistory): Promise<ChildHistoryView | undefined> {
    const streamId = childStreamId(childId);
    // The whole stream, every page: a retraction later in the stream marks an event on this page.
    const records = await this.store.readStream(streamId);
    if (records.length === 0) return undefined;
    const point = pointInTime(request);
    const entries = childHistory(records, point);
    const fromRevision = request.fromRevision ?? 0;
    const limit = request.limit ?? DEFAULT_HISTORY_PAGE;
    const page = pageOf(entries, fromRevision, limit);
    return {
      childId,
      streamId,
      ...(point.asKnownAt !== undefined ? { asKnownAt: point.asKnownAt } : {}),
      ...(point.occurredBy !== undefined ? { occurredBy: point.occurredBy } : {}),
      events: page.entries,
      page: { fromRevision, limit, nextRevision: page.nextRevision, total: entries.length, streamRevision: records[records.length - 1].revision },
    };
  }
}

import { BadRequestException, HttpException, HttpStatus, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@csc/event-store';
import { accessStreamId, CHILD_RECORD_READ, childRecordReadOf, type ChildRecordReadData } from '@csc/projections';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { instantOf } from '@csc/history';
import { AccessLogReadModel } from '../../access-log-read-model';
import { DEFAULT_ACCESS_PAGE, ListAccess, type AccessEntry, type AccessListView } from './list-access.query';

interface Window {
  subject?: string;
  fromMs?: number;
  toMs?: number;
}

/**
 * With a child id, reads that child's access stream itself: exact and up to the moment. Without one, asks the
 * access log read model, which indexes every child's stream by person and time.
 */
@QueryHandler(ListAccess)
export class ListAccessHandler implements IQueryHandler<ListAccess> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    private readonly readModel: AccessLogReadModel,
  ) {}

  async execute({ request }: ListAccess): Promise<AccessListView> {
    const window: Window = {
      subject: request.subject,
      fromMs: request.from === undefined ? undefined : instantOf(request.from, 'start'),
      toMs: request.to === undefined ? undefined : instantOf(request.to, 'end'),
    };
    if (window.fromMs !== undefined && window.toMs !== undefined && window.fromMs > window.toMs) {
      throw new BadRequestException({ error: { code: 'INVALID_PARAMETER', message: `from (${request.from}) is after to (${request.to})`, field: 'from' } });
    }
    const limit = request.limit ?? DEFAULT_ACCESS_PAGE;
    return request.childId !== undefined
      ? this.fromStream(request.childId, window, cursorOf(request.cursor, 'r'), limit)
      : this.fromReadModel(window, cursorOf(request.cursor, 'p'), limit, request.minPosition);
  }

  private async fromStream(childId: string, window: Window, fromRevision: number, limit: number): Promise<AccessListView> {
    const streamId = accessStreamId(childId);
    const entries: AccessEntry[] = [];
    let next = fromRevision;
    let lastMatched = -1;
    for (;;) {
      const page = await this.store.readStream(streamId, { fromRevision: next, maxCount: Math.max(limit, 500) });
      for (const event of page) {
        const read = readOf(event);
        if (!read || !inWindow(read, window)) continue;
        entries.push({ eventId: event.eventId, ...read });
        lastMatched = event.revision;
        if (entries.length === limit) break;
      }
      if (entries.length === limit || page.length === 0 || page.length < Math.max(limit, 500)) break;
      next = page[page.length - 1].revision + 1;
    }
    const full = entries.length === limit;
    return { entries, page: { limit, nextCursor: full ? `r${lastMatched + 1}` : null, source: 'access-stream' } };
  }

  private async fromReadModel(window: Window, afterPosition: number, limit: number, minPosition: number | undefined): Promise<AccessListView> {
    if (minPosition !== undefined && !(await this.readModel.reaches(minPosition, this.config.readModels.waitForPositionMs))) {
      throw new HttpException(
        {
          error: {
            code: 'READ_MODEL_BEHIND',
            message: `The access log read model had not reached position ${minPosition} within ${this.config.readModels.waitForPositionMs} ms; retry shortly.`,
            field: 'minPosition',
          },
        },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
    const rows = await this.readModel.rows({ ...window, afterPosition, limit });
    const page = rows.slice(0, limit);
    return {
      entries: page.map((row) => ({ eventId: row.eventId, ...row.read })),
      page: { limit, nextCursor: rows.length > limit ? `p${page[page.length - 1].position}` : null, source: 'read-model' },
    };
  }
}

function cursorOf(cursor: string | undefined, kind: 'r' | 'p'): number {
  if (cursor === undefined) return 0;
  if (!cursor.startsWith(kind)) {
    const from = kind === 'r' ? 'without' : 'with';
    throw new BadRequestException({
      error: {
        code: 'INVALID_PARAMETER',
        message: `This cursor came from a listing ${from} childId: use it with the same filters, or leave it out to start again`,
        field: 'cursor',
      },
    });
  }
  return Number(cursor.slice(1));
}

function readOf(event: RecordedEvent): ChildRecordReadData | undefined {
  if (event.type !== CHILD_RECORD_READ) return undefined;
  const read = childRecordReadOf(event.data);
  return typeof read === 'string' ? undefined : read;
}

function inWindow(read: ChildRecordReadData, window: Window): boolean {
  const at = Date.parse(read.at);
  return (
    (window.subject === undefined || read.subject === window.subject) &&
    (window.fromMs === undefined || at >= window.fromMs) &&
    (window.toMs === undefined || at <= window.toMs)
  );
}

import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { HistoryEntry } from '@csc/history';
import { PointInTimeRequest } from '../../point-in-time.request.dto';

export const DEFAULT_HISTORY_PAGE = 500;
export const MAX_HISTORY_PAGE = 5_000;

export class GetChildHistoryRequest extends PointInTimeRequest {
  @ApiPropertyOptional({ description: 'The first stream revision to list (the previous page said which); default 0.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'fromRevision must be a whole number' })
  @Min(0)
  fromRevision?: number;

  @ApiPropertyOptional({ description: `Most events in one page; default ${DEFAULT_HISTORY_PAGE}, at most ${MAX_HISTORY_PAGE}.` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_HISTORY_PAGE, { message: `limit may be at most ${MAX_HISTORY_PAGE}` })
  limit?: number;
}

export interface ChildHistoryView {
  childId: string;
  streamId: string;
  /** The point in time asked for; absent when not asked (everything recorded, as it stands). */
  asKnownAt?: string;
  occurredBy?: string;
  events: HistoryEntry[];
  page: {
    fromRevision: number;
    limit: number;
    /** Ask for this fromRevision next; null when there is nothing more. */
    nextRevision: number | null;
    /** Events of the stream at that point in time (all pages). */
    total: number;
    /** The stream's last revision now, whatever the point in time asked for. */
    streamRevision: number;
  };
}

/** Every event of a child's stream at a point in time, in stream order, one page at a time. Undefined: nothing recorded. */
export class GetChildHistory extends Query<ChildHistoryView | undefined> {
  constructor(
    readonly childId: string,
    readonly request: GetChildHistoryRequest,
  ) {
    super();
  }
}

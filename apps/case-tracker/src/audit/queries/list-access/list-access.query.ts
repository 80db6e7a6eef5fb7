import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Length, Matches, Max, Min } from 'class-validator';
import { ID_PATTERN, ID_MAX_LENGTH, STORABLE_TEXT_PATTERN } from '@csc/contracts';
import type { AccessKind, AccessParameters } from '@csc/projections';
import { IsDateOrTimestamp } from '../../../history/point-in-time.request.dto';

export const DEFAULT_ACCESS_PAGE = 100;
export const MAX_ACCESS_PAGE = 1_000;

export class ListAccessRequest {
  @ApiPropertyOptional({ description: "Only looks at this child's record (answered from the child's access stream itself)." })
  @IsOptional()
  @Length(1, ID_MAX_LENGTH)
  @Matches(new RegExp(ID_PATTERN), { message: 'childId must be a child id' })
  childId?: string;

  @ApiPropertyOptional({ description: 'Only looks by this person (the subject of their token).' })
  @IsOptional()
  @Length(1, 200, { message: 'subject must be 1 to 200 characters' })
  @Matches(new RegExp(STORABLE_TEXT_PATTERN, 'u'), { message: 'subject must not hold NUL or a lone surrogate' })
  subject?: string;

  @ApiPropertyOptional({ description: 'From this moment: a timestamp, or a date meaning the start of that day (Europe/London).' })
  @IsOptional()
  @IsDateOrTimestamp()
  from?: string;

  @ApiPropertyOptional({ description: 'Up to this moment: a timestamp, or a date meaning the end of that day (Europe/London).' })
  @IsOptional()
  @IsDateOrTimestamp()
  to?: string;

  @ApiPropertyOptional({ description: 'Where the next page starts, as the previous page said (page.nextCursor).' })
  @IsOptional()
  @Matches(/^[rp]\d{1,18}$/, { message: 'cursor must be a page.nextCursor this endpoint returned' })
  cursor?: string;

  @ApiPropertyOptional({ description: `Most entries in one page; default ${DEFAULT_ACCESS_PAGE}, at most ${MAX_ACCESS_PAGE}.` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(MAX_ACCESS_PAGE, { message: `limit may be at most ${MAX_ACCESS_PAGE}` })
  limit?: number;

  @ApiPropertyOptional({
    description: 'Without childId: wait until the access log read model has applied this log position, up to READ_MODEL_WAIT_MS; 503 if not.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'minPosition must be a whole number' })
  @Min(0)
  minPosition?: number;
}

export interface AccessEntry {
  eventId: string;
  subject: string;
  roles: string[];
  childId: string;
  what: AccessKind;
  parameters: AccessParameters;
  at: string;
  via: 'http' | 'cli';
}

export interface AccessListView {
  entries: AccessEntry[];
  page: {
    limit: number;
    /** Pass as cursor for the next page; null when there is nothing more. */
    nextCursor: string | null;
    /** Where the answer came from: the child's access stream (childId given) or the access log read model. */
    source: 'access-stream' | 'read-model';
  };
}

/** Who looked at which child's record, when, and what they asked; oldest first. */
export class ListAccess extends Query<AccessListView> {
  constructor(readonly request: ListAccessRequest) {
    super();
  }
}

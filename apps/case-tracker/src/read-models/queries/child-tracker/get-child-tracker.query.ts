import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { ChildTracker } from '@csc/projections';
import { IsCalendarDate } from '../../../http/calendar-date.validator';
import { ReadModelQueryDto } from '../read-model-query.dto';

export class GetChildTrackerRequest extends ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'The date to answer for (YYYY-MM-DD); default today.' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class GetChildTracker extends Query<ChildTracker | undefined> {
  constructor(
    readonly childId: string,
    readonly request: GetChildTrackerRequest,
  ) {
    super();
  }
}

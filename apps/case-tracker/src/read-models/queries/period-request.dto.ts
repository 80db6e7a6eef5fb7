import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { IsCalendarDate } from '../../http/calendar-date.validator';
import { ExplainableQueryDto } from './read-model-query.dto';

/** A period of dates (default: the twelve months ending today) and an optional team. */
export class PeriodRequest extends ExplainableQueryDto {
  @ApiPropertyOptional({ description: 'First day of the period (YYYY-MM-DD); default twelve months before `to`.' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'Last day of the period (YYYY-MM-DD); default today.' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ description: 'Only this team.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'teamId must be a team id' })
  teamId?: string;
}

import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { RULE_IDS } from '@csc/timescales';
import type { OverdueClock } from '@csc/projections';
import { IsCalendarDate } from '../../../http/calendar-date.validator';
import { ReadModelQueryDto } from '../read-model-query.dto';

export class ListOverdueClocksRequest extends ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'The date to answer for; default today.' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Only clocks of cases this team held when they fell due.' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { message: 'teamId must be a team id' })
  teamId?: string;

  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS, { message: `rule must be one of ${RULE_IDS.join(', ')}` })
  rule?: string;

  @ApiPropertyOptional({ description: 'Most clocks to list (default 500, at most 10,000).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10_000)
  limit?: number;
}

export class ListOverdueClocks extends Query<{ asOf: string; clocks: OverdueClock[] }> {
  constructor(
    readonly request: ListOverdueClocksRequest,
    /** The teams the caller may see; undefined for every team. */
    readonly teamIds: string[] | undefined,
  ) {
    super();
  }
}

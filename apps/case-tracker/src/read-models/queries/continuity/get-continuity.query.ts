import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { COHORTS, type Cohort, type ContinuityFigures } from '@csc/projections';
import { IsCalendarDate } from '../../../http/calendar-date.validator';
import { ExplainableQueryDto } from '../read-model-query.dto';

export class GetContinuityRequest extends ExplainableQueryDto {
  @ApiPropertyOptional({ description: 'The last day of the window; default today.' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Length of the window in months (default 12).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(60)
  months?: number;

  @ApiPropertyOptional({ enum: Object.keys(COHORTS), description: 'The children in that group on asOf (all: every open case).' })
  @IsOptional()
  @IsIn(Object.keys(COHORTS), { message: `cohort must be one of ${Object.keys(COHORTS).join(', ')}` })
  cohort?: Cohort;
}

export class GetContinuity extends Query<ContinuityFigures> {
  constructor(readonly request: GetContinuityRequest) {
    super();
  }
}

/** The figures of several dates (a trend of month ends) in one read: the same figures GetContinuity gives each date. */
export class GetContinuityTrend extends Query<ContinuityFigures[]> {
  constructor(readonly request: Omit<GetContinuityRequest, 'asOf' | 'explain'> & { asOfs: readonly string[]; explainOn?: string }) {
    super();
  }
}

/**
 * The figures at each of the twelve month ends up to asOf (the last being asOf itself), as the continuity page shows
 * them: GetContinuity's figures for each date, with the children behind asOf's figures when explain is asked.
 */
export class GetContinuityMonthEnds extends Query<ContinuityFigures[]> {
  constructor(readonly request: GetContinuityRequest) {
    super();
  }
}

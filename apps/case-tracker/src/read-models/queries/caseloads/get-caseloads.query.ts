import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { CaseloadFigures } from '@csc/projections';
import { IsCalendarDate } from '../../../http/calendar-date.validator';
import { PeriodRequest } from '../period-request.dto';

export class GetCaseloadsRequest extends PeriodRequest {
  @ApiPropertyOptional({ description: 'The date of the per-worker figures; default today. from and to, if given, add a daily series.' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export class GetCaseloads extends Query<CaseloadFigures> {
  constructor(readonly request: GetCaseloadsRequest) {
    super();
  }
}

/** The figures of several dates (a trend of month ends) in one read: the same figures GetCaseloads gives each date. */
export class GetCaseloadTrend extends Query<CaseloadFigures[]> {
  constructor(readonly request: { asOfs: readonly string[]; teamId?: string; explainOn?: string; minPosition?: number }) {
    super();
  }
}

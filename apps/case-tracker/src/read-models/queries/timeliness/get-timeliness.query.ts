import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RULE_IDS } from '@csc/timescales';
import type { RuleTimeliness } from '@csc/projections';
import { PeriodRequest } from '../period-request.dto';

export class GetTimelinessRequest extends PeriodRequest {
  @ApiPropertyOptional({ enum: RULE_IDS })
  @IsOptional()
  @IsIn(RULE_IDS, { message: `rule must be one of ${RULE_IDS.join(', ')}` })
  rule?: string;
}

export interface TimelinessView {
  from: string;
  to: string;
  teamId: string | null;
  rules: RuleTimeliness[];
}

export class GetTimeliness extends Query<TimelinessView> {
  constructor(readonly request: GetTimelinessRequest) {
    super();
  }
}

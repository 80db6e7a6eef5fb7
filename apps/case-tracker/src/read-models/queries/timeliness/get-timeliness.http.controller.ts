import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { TeamScope } from '../../team-scope';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetTimeliness, GetTimelinessRequest, type TimelinessView } from './get-timeliness.query';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetTimelinessHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
  ) {}

  @Get('timeliness')
  @Roles('analyst', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Timeliness by rule for clocks due in a period',
    description:
      'total, met, late, overdue (open past due at the end of the period), lapsed, cancelled, percentMet = met / (met + late + overdue + lapsed), and a monthly series.',
  })
  async timeliness(@Query() request: GetTimelinessRequest, @CurrentCaller() caller: Caller): Promise<TimelinessView> {
    this.teams.assertMayExplain(caller, request.explain);
    return this.queryBus.execute(new GetTimeliness(request));
  }
}

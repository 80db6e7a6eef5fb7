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
      'total, met, late, overdue (open past due at the end of the period), lapsed, cancelled, percentMet = met / (met + late + overdue + lapsed), and a monthly series. ' +
      'Clocks are counted in the period they fall due, except T2 and T3, counted as the CIN census publishes them: in the period the assessment is authorised ' +
      'or the conference held, percentMet = met / (met + late) of those, with clocks still open past due shown apart as overdue.',
  })
  async timeliness(@Query() request: GetTimelinessRequest, @CurrentCaller() caller: Caller): Promise<TimelinessView> {
    this.teams.assertMayExplain(caller, request.explain);
    return this.queryBus.execute(new GetTimeliness(request));
  }
}

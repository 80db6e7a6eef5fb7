import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OverdueClock } from '@csc/projections';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { TeamScope } from '../../team-scope';
import { ListOverdueClocks, ListOverdueClocksRequest } from './list-overdue-clocks.query';

@ApiTags('trackers')
@Controller('v1/trackers')
export class ListOverdueClocksHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
  ) {}

  @Get('overdue')
  @Roles('practitioner', 'admin')
  @ApiOperation({ summary: 'Open clocks past their due date, across children, most overdue first' })
  async overdue(@Query() request: ListOverdueClocksRequest, @CurrentCaller() caller: Caller): Promise<{ asOf: string; clocks: OverdueClock[] }> {
    return this.queryBus.execute(new ListOverdueClocks(request, this.teams.teamsFor(caller, request.teamId)));
  }
}

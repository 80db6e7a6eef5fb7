import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { ChildIdPipe } from '../../../http/child-id.pipe';
import { TeamScope } from '../../team-scope';
import { londonToday } from '../dates';
import { CLOCK } from '../../../infrastructure/tokens';
import type { Clock } from '@csc/runtime';
import { GetChildWorkers, GetChildWorkersRequest, type ChildWorkersView } from './get-child-workers.query';

@ApiTags('trackers')
@Controller('v1/children')
export class GetChildWorkersHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':childId/workers')
  @Roles('practitioner', 'auditor', 'admin')
  @ApiOperation({ summary: "A child's allocation periods in a range: each worker, team, from, to and why it started" })
  async workers(
    @Param('childId', ChildIdPipe) childId: string,
    @Query() request: GetChildWorkersRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ChildWorkersView> {
    await this.teams.assertMaySeeChild(caller, childId, request.to ?? londonToday(this.clock));
    return this.queryBus.execute(new GetChildWorkers(childId, request));
  }
}

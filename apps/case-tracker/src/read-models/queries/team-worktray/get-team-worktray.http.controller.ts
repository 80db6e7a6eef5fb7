import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller } from '@csc/auth';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { Roles } from '../../../auth/role-decorators';
import { TeamIdPipe } from './team-id.pipe';
import { TeamScope } from '../../team-scope';
import { GetTeamWorktray, GetTeamWorktrayRequest, type TeamWorktray } from './get-team-worktray.query';

@ApiTags('trackers')
@Controller('v1/teams')
export class GetTeamWorktrayHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
  ) {}

  @Get(':teamId/worktray')
  @Roles('practitioner', 'admin')
  @ApiOperation({
    summary: "A team's worktray on a date",
    description:
      "Overdue and due-soon clocks of the team's cases by the worker holding each; each worker's cases, cases per FTE and target; the team's caseload.",
  })
  async worktray(
    @Param('teamId', TeamIdPipe) teamId: string,
    @Query() request: GetTeamWorktrayRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<TeamWorktray> {
    this.teams.teamsFor(caller, teamId);
    return this.queryBus.execute(new GetTeamWorktray(teamId, request));
  }
}

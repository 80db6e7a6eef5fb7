import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { buildRuleTable, type LocalStandards } from '@csc/timescales';
import type { Caller } from '@csc/auth';
import { Inject } from '@nestjs/common';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/role-decorators';
import { LOCAL_STANDARDS } from '../../infrastructure/tokens';
import { GetTeamWorktray, GetTeamWorktrayRequest } from '../../read-models/queries/team-worktray/get-team-worktray.query';
import { TeamIdPipe } from '../../read-models/queries/team-worktray/team-id.pipe';
import { TeamScope } from '../../read-models/team-scope';
import { frameFor } from '../page-frame';
import { PageRenderer } from '../page-renderer';
import { PAGE_ROLES } from '../page-roles';
import { UiErrorFilter } from '../ui-error.filter';

/** A team's worktray: GET /v1/teams/{teamId}/worktray, held to the caller's teams as the API holds it. */
@ApiExcludeController()
@UseFilters(UiErrorFilter)
@Controller('ui/teams')
export class TeamWorktrayPageController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
    private readonly pages: PageRenderer,
    @Inject(LOCAL_STANDARDS) private readonly standards: LocalStandards,
  ) {}

  @Get(':teamId')
  @Roles(...PAGE_ROLES.team)
  async worktray(
    @Param('teamId', TeamIdPipe) teamId: string,
    @Query() request: GetTeamWorktrayRequest,
    @CurrentCaller() caller: Caller,
    @Req() httpRequest: Request,
    @Res() response: Response,
  ): Promise<void> {
    this.teams.teamsFor(caller, teamId);
    const worktray = await this.queryBus.execute(new GetTeamWorktray(teamId, request));
    const ruleNames = Object.fromEntries(buildRuleTable(this.standards).map((rule) => [rule.id, rule.name]));
    response.type('html').send(this.pages.render('team-worktray', frameFor(httpRequest, response, caller), { title: `Team ${teamId}`, worktray, ruleNames }));
  }
}

import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { TeamScope } from '../../team-scope';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ContinuityFigures } from '@csc/projections';
import { GetContinuity, GetContinuityMonthEnds, GetContinuityRequest } from './get-continuity.query';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetContinuityHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
  ) {}

  @Get('continuity')
  @Roles('analyst', 'auditor', 'admin')
  @ApiOperation({
    summary: 'How many social workers each child had in the window',
    description: 'Counted the DfE way (A, B, then A again is two workers), with changes by SW_REASON and days spent unallocated while the case was open.',
  })
  async continuity(@Query() request: GetContinuityRequest, @CurrentCaller() caller: Caller): Promise<ContinuityFigures> {
    this.teams.assertMayExplain(caller, request.explain);
    return this.queryBus.execute(new GetContinuity(request));
  }

  @Get('continuity/trend')
  @Roles('analyst', 'auditor', 'admin')
  @ApiOperation({
    summary: 'The continuity figures at each of the twelve month ends up to asOf',
    description:
      "The continuity page's data in one request: GET /v1/metrics/continuity's figures for the last day of each of the eleven months before asOf's and for asOf itself (the last), oldest first; with explain, the children behind asOf's figures.",
  })
  async continuityTrend(@Query() request: GetContinuityRequest, @CurrentCaller() caller: Caller): Promise<ContinuityFigures[]> {
    this.teams.assertMayExplain(caller, request.explain);
    return this.queryBus.execute(new GetContinuityMonthEnds(request));
  }
}

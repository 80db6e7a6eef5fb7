import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { TeamScope } from '../../team-scope';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CaseloadFigures } from '@csc/projections';
import { GetCaseloads, GetCaseloadsRequest } from './get-caseloads.query';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetCaseloadsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
  ) {}

  @Get('caseloads')
  @Roles('analyst', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Caseloads per worker, team and overall on a date, against targets',
    description:
      'Per worker: cases, FTE, cases per FTE, target by role, over target. Overall: the DfE caseload (cases held / FTE of workers holding at least one case), and a daily series when from/to are given.',
  })
  async caseloads(@Query() request: GetCaseloadsRequest, @CurrentCaller() caller: Caller): Promise<CaseloadFigures> {
    this.teams.assertMayExplain(caller, request.explain);
    return this.queryBus.execute(new GetCaseloads(request));
  }
}

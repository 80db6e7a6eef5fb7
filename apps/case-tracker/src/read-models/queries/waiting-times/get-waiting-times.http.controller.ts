import { Controller, Get, Query } from '@nestjs/common';
import { CurrentCaller, maySeeChildren } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { TeamScope } from '../../team-scope';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { WaitingFigures } from '@csc/projections';
import { GetWaitingTimes, GetWaitingTimesRequest } from './get-waiting-times.query';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetWaitingTimesHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
  ) {}

  @Get('waiting')
  @Roles('analyst', 'auditor', 'admin')
  @ApiOperation({
    summary: 'Waiting times from the front door, and who is waiting',
    description:
      'Per stage completed in the period: count, median, 90th percentile and longest wait in calendar days; and the children awaiting allocation or assessment at the end of the period.',
  })
  async waiting(@Query() request: GetWaitingTimesRequest, @CurrentCaller() caller: Caller): Promise<WaitingFigures> {
    this.teams.assertMayExplain(caller, request.explain);
    const figures = await this.queryBus.execute(new GetWaitingTimes(request));
    return maySeeChildren(caller) ? figures : withoutChildIds(figures);
  }
}

/** Analysts see how long each child has waited, never which child it is. */
export function withoutChildIds(figures: WaitingFigures): WaitingFigures {
  const anonymous = (waiting: WaitingFigures['queue']['awaitingAllocation']) =>
    waiting.map(({ since, daysWaited }) => ({ since, daysWaited }) as (typeof waiting)[number]);
  return {
    ...figures,
    queue: {
      ...figures.queue,
      awaitingAllocation: anonymous(figures.queue.awaitingAllocation),
      awaitingAssessment: anonymous(figures.queue.awaitingAssessment),
    },
  };
}

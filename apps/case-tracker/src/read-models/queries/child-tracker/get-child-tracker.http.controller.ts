import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ChildTracker } from '@csc/projections';
import { AccessLog } from '../../../audit/access-log';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { ChildIdPipe } from '../../../http/child-id.pipe';
import { TeamScope } from '../../team-scope';
import { londonToday } from '../dates';
import { CLOCK } from '../../../infrastructure/tokens';
import type { Clock } from '@csc/runtime';
import { GetChildTracker, GetChildTrackerRequest } from './get-child-tracker.query';

@ApiTags('trackers')
@Controller('v1/children')
export class GetChildTrackerHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':childId/tracker')
  @Roles('practitioner', 'admin')
  @ApiOperation({
    summary: "A child's live tracker on a date",
    description: 'Status, allocated worker and team, last seen and seen alone, and every timescale clock with its due date and state on that date.',
  })
  @ApiOkResponse({ description: 'The tracker as at the end of asOf.' })
  @ApiNotFoundResponse({ description: 'Nothing was known of the child by that date.' })
  async tracker(
    @Param('childId', ChildIdPipe) childId: string,
    @Query() request: GetChildTrackerRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ChildTracker> {
    await this.accessLog.refusedUnless(caller, { childId, what: 'tracker', parameters: request }, () =>
      this.teams.assertMaySeeChild(caller, childId, request.asOf ?? londonToday(this.clock)),
    );
    const tracker = await this.accessLog.recording(caller, { childId, what: 'tracker', parameters: request }, () =>
      this.queryBus.execute(new GetChildTracker(childId, request)),
    );
    if (!tracker) {
      throw new NotFoundException({
        error: { code: 'CHILD_NOT_FOUND', message: `Nothing is known of child ${childId}${request.asOf ? ` by ${request.asOf}` : ''}`, field: 'childId' },
      });
    }
    return tracker;
  }
}

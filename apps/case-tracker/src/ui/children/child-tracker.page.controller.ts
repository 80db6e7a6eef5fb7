import { Controller, Get, Inject, NotFoundException, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Caller } from '@csc/auth';
import type { Clock } from '@csc/runtime';
import { addCalendarDays, addMonths, type LocalStandards } from '@csc/timescales';
import { AccessLog } from '../../audit/access-log';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/role-decorators';
import { ChildIdPipe } from '../../http/child-id.pipe';
import { CLOCK, LOCAL_STANDARDS } from '../../infrastructure/tokens';
import { GetChildTracker, GetChildTrackerRequest } from '../../read-models/queries/child-tracker/get-child-tracker.query';
import { GetChildWorkers, GetChildWorkersRequest } from '../../read-models/queries/child-workers/get-child-workers.query';
import { londonToday } from '../../read-models/queries/dates';
import { TeamScope } from '../../read-models/team-scope';
import { frameFor } from '../page-frame';
import { PageRenderer } from '../page-renderer';
import { PAGE_ROLES } from '../page-roles';
import { UiErrorFilter } from '../ui-error.filter';
import { childTrackerView } from './child-tracker.view';

/** A child's live tracker: the same queries, team rule and access log as GET /v1/children/{childId}/tracker and /workers. */
@ApiExcludeController()
@UseFilters(UiErrorFilter)
@Controller('ui/children')
export class ChildTrackerPageController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
    private readonly accessLog: AccessLog,
    private readonly pages: PageRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOCAL_STANDARDS) private readonly standards: LocalStandards,
  ) {}

  @Get(':childId')
  @Roles(...PAGE_ROLES.child)
  async tracker(
    @Param('childId', ChildIdPipe) childId: string,
    @Query() request: GetChildTrackerRequest,
    @CurrentCaller() caller: Caller,
    @Req() httpRequest: Request,
    @Res() response: Response,
  ): Promise<void> {
    const asOf = request.asOf ?? londonToday(this.clock);
    await this.teams.assertMaySeeChild(caller, childId, asOf);
    const workersRequest = Object.assign(new GetChildWorkersRequest(), { from: addCalendarDays(addMonths(asOf, -24), 1), to: asOf });
    const [tracker, workers] = await this.accessLog.recording(caller, { childId, what: 'tracker', parameters: request }, () =>
      Promise.all([
        this.queryBus.execute(new GetChildTracker(childId, { ...request, asOf })),
        this.queryBus.execute(new GetChildWorkers(childId, workersRequest)),
      ]),
    );
    if (!tracker) {
      throw new NotFoundException({ error: { code: 'CHILD_NOT_FOUND', message: `Nothing is known of child ${childId} by ${asOf}`, field: 'childId' } });
    }
    const view = childTrackerView(tracker, workers.periods, this.standards);
    response.type('html').send(this.pages.render('child-tracker', frameFor(httpRequest, response, caller), { title: `Child ${childId}`, view }));
  }
}

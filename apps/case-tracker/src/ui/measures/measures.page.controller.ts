import { Controller, Get, Inject, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Caller } from '@csc/auth';
import { CONFIGURATION, type Clock, type Configuration } from '@csc/runtime';
import { buildRuleTable, type LocalStandards } from '@csc/timescales';
import { CurrentCaller, maySeeChildren } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/role-decorators';
import { CLOCK, LOCAL_STANDARDS } from '../../infrastructure/tokens';
import { GetCaseloadTrend, GetCaseloadsRequest } from '../../read-models/queries/caseloads/get-caseloads.query';
import { GetContinuityMonthEnds, GetContinuityRequest } from '../../read-models/queries/continuity/get-continuity.query';
import { londonToday, monthEnds } from '../../read-models/queries/dates';
import { GetTimeliness, GetTimelinessRequest } from '../../read-models/queries/timeliness/get-timeliness.query';
import { withoutChildIds } from '../../read-models/queries/waiting-times/get-waiting-times.http.controller';
import { GetWaitingTimes, GetWaitingTimesRequest } from '../../read-models/queries/waiting-times/get-waiting-times.query';
import { TeamScope } from '../../read-models/team-scope';
import { frameFor } from '../page-frame';
import { PageRenderer } from '../page-renderer';
import { PAGE_ROLES, mayLinkChildren } from '../page-roles';
import { UiErrorFilter } from '../ui-error.filter';
import { caseloadChart, changesChart, continuityChart, ruleLabel, timelinessChart, waitingQueues } from './measures.view';

/**
 * The measures an improvement board asks about, each from the query its API endpoint answers with,
 * for the same roles; the children behind a figure are listed (explain) only for roles the API lists them to.
 */
@ApiExcludeController()
@UseFilters(UiErrorFilter)
@Roles(...PAGE_ROLES.measures)
@Controller('ui')
export class MeasuresPageController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly teams: TeamScope,
    private readonly pages: PageRenderer,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(LOCAL_STANDARDS) private readonly standards: LocalStandards,
  ) {}

  @Get('timeliness')
  async timeliness(@Query() request: GetTimelinessRequest, @CurrentCaller() caller: Caller, @Req() http: Request, @Res() response: Response): Promise<void> {
    this.teams.assertMayExplain(caller, request.explain);
    const view = await this.queryBus.execute(new GetTimeliness(request));
    const names = new Map(buildRuleTable(this.standards).map((rule) => [rule.id as string, rule.name]));
    const rows = view.rules.map((rule) => ({ ...rule, label: ruleLabel(rule), name: names.get(rule.rule) }));
    this.send(http, response, caller, 'timeliness', {
      title: 'Timeliness',
      view,
      rows,
      chart: timelinessChart(view),
      explain: request.explain === true,
      rule: request.rule,
    });
  }

  @Get('continuity')
  async continuity(@Query() request: GetContinuityRequest, @CurrentCaller() caller: Caller, @Req() http: Request, @Res() response: Response): Promise<void> {
    this.teams.assertMayExplain(caller, request.explain);
    // The data of GET /v1/metrics/continuity/trend: the same query.
    const trend = await this.queryBus.execute(new GetContinuityMonthEnds(request));
    const figures = trend[trend.length - 1];
    this.send(http, response, caller, 'continuity', {
      title: 'Continuity of social worker',
      figures,
      months: request.months ?? 12,
      trendChart: continuityChart(trend),
      reasonsChart: changesChart(figures),
      explain: request.explain === true,
    });
  }

  @Get('waiting')
  async waiting(@Query() request: GetWaitingTimesRequest, @CurrentCaller() caller: Caller, @Req() http: Request, @Res() response: Response): Promise<void> {
    this.teams.assertMayExplain(caller, request.explain);
    const answered = await this.queryBus.execute(new GetWaitingTimes(request));
    const figures = maySeeChildren(caller) ? answered : withoutChildIds(answered);
    this.send(http, response, caller, 'waiting', { title: 'Waiting', figures, queues: waitingQueues(figures), teamId: request.teamId ?? '' });
  }

  @Get('caseloads')
  async caseloads(@Query() request: GetCaseloadsRequest, @CurrentCaller() caller: Caller, @Req() http: Request, @Res() response: Response): Promise<void> {
    this.teams.assertMayExplain(caller, request.explain);
    const asOf = request.asOf ?? londonToday(this.clock);
    // A figure per month end: the daily series (from, to) costs far more than twelve dates.
    const trend = await this.queryBus.execute(
      new GetCaseloadTrend({
        asOfs: monthEnds(asOf, 12),
        teamId: request.teamId,
        explainOn: request.explain ? asOf : undefined,
        minPosition: request.minPosition,
      }),
    );
    const figures = trend[trend.length - 1];
    const target = this.config.readModels.caseloadTargets['social-worker'];
    this.send(http, response, caller, 'caseloads', {
      title: 'Caseloads',
      figures,
      chart: caseloadChart(trend, target),
      overTarget: figures.workers.filter((worker) => worker.overTarget === true).length,
      teamId: request.teamId ?? '',
      explain: request.explain === true,
    });
  }

  private send(http: Request, response: Response, caller: Caller, view: string, page: object): void {
    const links = { mayExplain: maySeeChildren(caller), mayLinkChildren: mayLinkChildren(caller), query: http.query };
    response.type('html').send(this.pages.render(view, frameFor(http, response, caller), { ...page, ...links, charts: true }));
  }
}

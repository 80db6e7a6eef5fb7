import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Caller } from '@csc/auth';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/role-decorators';
import { GetBoardPack, GetBoardPackRequest, type BoardMeasure } from '../../read-models/queries/board-pack/get-board-pack.query';
import type { ChartSpec } from '../measures/chart-spec';
import { frameFor } from '../page-frame';
import { PageRenderer } from '../page-renderer';
import { PAGE_ROLES } from '../page-roles';
import { UiErrorFilter } from '../ui-error.filter';
import { boardPackPdf } from './board-pdf';

function trendChart(measure: BoardMeasure): ChartSpec {
  return {
    id: `board-${measure.id}`,
    title: `${measure.title}: the last 12 months`,
    type: 'bar',
    unit: measure.unit,
    labels: measure.trend.map((point) => point.month),
    datasets: [{ label: measure.title, data: measure.trend.map((point) => point.value) }],
    reference: measure.target ? { label: measure.target.label, value: measure.target.value } : undefined,
  };
}

/** The board's monthly pack (GET /v1/metrics/board): one printed page per measure, and the same as a PDF. */
@ApiExcludeController()
@UseFilters(UiErrorFilter)
@Roles(...PAGE_ROLES.measures)
@Controller('ui')
export class BoardPageController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly pages: PageRenderer,
  ) {}

  @Get('board')
  async board(@Query() request: GetBoardPackRequest, @CurrentCaller() caller: Caller, @Req() http: Request, @Res() response: Response): Promise<void> {
    const pack = await this.queryBus.execute(new GetBoardPack(request));
    const measures = pack.measures.map((measure) => ({ ...measure, chart: trendChart(measure) }));
    response
      .type('html')
      .send(this.pages.render('board', frameFor(http, response, caller), { title: `Board pack ${pack.month}`, pack, measures, charts: true }));
  }

  @Get('board.pdf')
  async pdf(@Query() request: GetBoardPackRequest, @Res() response: Response): Promise<void> {
    const pack = await this.queryBus.execute(new GetBoardPack(request));
    const pdf = await boardPackPdf(pack);
    response.setHeader('Content-Disposition', `attachment; filename="board-pack-${pack.month}.pdf"`);
    response.type('application/pdf').send(pdf);
  }
}

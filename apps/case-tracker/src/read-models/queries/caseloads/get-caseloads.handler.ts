import { BadRequestException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { caseloadFigures, caseloadTrend, type CaseloadFigures } from '@csc/projections';
import { calendarDaysBetween } from '@csc/timescales';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { londonToday, periodOf } from '../dates';
import { GetCaseloads, GetCaseloadTrend } from './get-caseloads.query';

/** A daily series is asked for by giving from or to; it is limited to three years. */
const MAX_SERIES_DAYS = 3 * 366;

@QueryHandler(GetCaseloads)
export class GetCaseloadsHandler implements IQueryHandler<GetCaseloads> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetCaseloads): Promise<CaseloadFigures> {
    await this.freshness.waitFor(['caseloads'], request.minPosition);
    const series = request.from !== undefined || request.to !== undefined ? periodOf(request, this.clock) : undefined;
    if (series && calendarDaysBetween(series.from, series.to) > MAX_SERIES_DAYS) {
      throw new BadRequestException({ error: { code: 'INVALID_PARAMETER', message: 'A daily caseload series may span at most three years', field: 'from' } });
    }
    return caseloadFigures(this.dataSource, {
      asOf: request.asOf ?? londonToday(this.clock),
      teamId: request.teamId,
      targets: this.config.readModels.caseloadTargets,
      explain: request.explain,
      ...(series ?? {}),
    });
  }
}

@QueryHandler(GetCaseloadTrend)
export class GetCaseloadTrendHandler implements IQueryHandler<GetCaseloadTrend> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetCaseloadTrend): Promise<CaseloadFigures[]> {
    await this.freshness.waitFor(['caseloads'], request.minPosition);
    return caseloadTrend(this.dataSource, { ...request, targets: this.config.readModels.caseloadTargets });
  }
}

import { Inject } from '@nestjs/common';
import { QueryBus, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { continuityFigures, continuityTrend, type ContinuityFigures } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { londonToday, monthEnds } from '../dates';
import { GetContinuity, GetContinuityMonthEnds, GetContinuityTrend } from './get-continuity.query';

@QueryHandler(GetContinuity)
export class GetContinuityHandler implements IQueryHandler<GetContinuity> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetContinuity): Promise<ContinuityFigures> {
    await this.freshness.waitFor(['continuity', 'child-tracker'], request.minPosition);
    return continuityFigures(this.dataSource, {
      asOf: request.asOf ?? londonToday(this.clock),
      months: request.months ?? 12,
      cohort: request.cohort ?? 'all',
      explain: request.explain,
    });
  }
}

@QueryHandler(GetContinuityTrend)
export class GetContinuityTrendHandler implements IQueryHandler<GetContinuityTrend> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetContinuityTrend): Promise<ContinuityFigures[]> {
    await this.freshness.waitFor(['continuity', 'child-tracker'], request.minPosition);
    return continuityTrend(this.dataSource, {
      asOfs: request.asOfs,
      months: request.months ?? 12,
      cohort: request.cohort ?? 'all',
      explainOn: request.explainOn,
    });
  }
}

/** The twelve month ends up to asOf (default today), in one read of the trend. */
@QueryHandler(GetContinuityMonthEnds)
export class GetContinuityMonthEndsHandler implements IQueryHandler<GetContinuityMonthEnds> {
  constructor(
    private readonly queryBus: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute({ request }: GetContinuityMonthEnds): Promise<ContinuityFigures[]> {
    const asOf = request.asOf ?? londonToday(this.clock);
    const { asOf: _, explain, ...window } = request;
    return this.queryBus.execute(new GetContinuityTrend({ ...window, asOfs: monthEnds(asOf, 12), explainOn: explain ? asOf : undefined }));
  }
}

import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { waitingFigures, waitingStagesTrend, type StageFigures, type WaitingFigures } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { periodOf } from '../dates';
import { GetWaitingStagesTrend, GetWaitingTimes } from './get-waiting-times.query';

@QueryHandler(GetWaitingTimes)
export class GetWaitingTimesHandler implements IQueryHandler<GetWaitingTimes> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetWaitingTimes): Promise<WaitingFigures> {
    await this.freshness.waitFor(['waiting-times', 'continuity'], request.minPosition);
    const { from, to } = periodOf(request, this.clock);
    return waitingFigures(this.dataSource, { from, to, teamId: request.teamId, explain: request.explain });
  }
}

@QueryHandler(GetWaitingStagesTrend)
export class GetWaitingStagesTrendHandler implements IQueryHandler<GetWaitingStagesTrend> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetWaitingStagesTrend): Promise<StageFigures[][]> {
    await this.freshness.waitFor(['waiting-times'], request.minPosition);
    return waitingStagesTrend(this.dataSource, request);
  }
}

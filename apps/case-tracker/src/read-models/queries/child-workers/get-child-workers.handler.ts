import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { childWorkerPeriods } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { periodOf } from '../dates';
import { GetChildWorkers, type ChildWorkersView } from './get-child-workers.query';

@QueryHandler(GetChildWorkers)
export class GetChildWorkersHandler implements IQueryHandler<GetChildWorkers> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ childId, request }: GetChildWorkers): Promise<ChildWorkersView> {
    await this.freshness.waitFor(['continuity'], request.minPosition);
    const { from, to } = periodOf(request, this.clock);
    return { childId, from, to, periods: await childWorkerPeriods(this.dataSource, childId, from, to) };
  }
}

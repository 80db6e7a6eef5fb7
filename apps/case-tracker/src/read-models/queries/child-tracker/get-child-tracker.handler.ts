import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { childTracker, type ChildTracker } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { londonToday } from '../dates';
import { GetChildTracker } from './get-child-tracker.query';

@QueryHandler(GetChildTracker)
export class GetChildTrackerHandler implements IQueryHandler<GetChildTracker> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ childId, request }: GetChildTracker): Promise<ChildTracker | undefined> {
    await this.freshness.waitFor(['child-tracker', 'timeliness', 'continuity'], request.minPosition);
    return childTracker(this.dataSource, childId, request.asOf ?? londonToday(this.clock));
  }
}

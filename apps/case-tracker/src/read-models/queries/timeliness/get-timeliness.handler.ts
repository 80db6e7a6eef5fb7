import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { timelinessByRule } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { periodOf } from '../dates';
import { GetTimeliness, type TimelinessView } from './get-timeliness.query';

@QueryHandler(GetTimeliness)
export class GetTimelinessHandler implements IQueryHandler<GetTimeliness> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request }: GetTimeliness): Promise<TimelinessView> {
    await this.freshness.waitFor(['timeliness'], request.minPosition);
    const { from, to } = periodOf(request, this.clock);
    const rules = await timelinessByRule(this.dataSource, { from, to, teamId: request.teamId, rule: request.rule, explain: request.explain });
    return { from, to, teamId: request.teamId ?? null, rules };
  }
}

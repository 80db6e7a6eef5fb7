import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { overdueClocks, type OverdueClock } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { londonToday } from '../dates';
import { ListOverdueClocks } from './list-overdue-clocks.query';

@QueryHandler(ListOverdueClocks)
export class ListOverdueClocksHandler implements IQueryHandler<ListOverdueClocks> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ request, teamIds }: ListOverdueClocks): Promise<{ asOf: string; clocks: OverdueClock[] }> {
    await this.freshness.waitFor(['timeliness'], request.minPosition);
    const asOf = request.asOf ?? londonToday(this.clock);
    return { asOf, clocks: await overdueClocks(this.dataSource, { asOf, teamIds, rule: request.rule, limit: request.limit ?? 500 }) };
  }
}

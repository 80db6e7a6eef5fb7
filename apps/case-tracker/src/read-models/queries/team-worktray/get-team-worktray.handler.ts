import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import { caseloadFigures, dueSoonClocks, overdueClocks } from '@csc/projections';
import { CONFIGURATION, type Clock, type Configuration } from '@csc/runtime';
import { CLOCK } from '../../../infrastructure/tokens';
import { ReadModelFreshness } from '../../read-model-freshness';
import { READ_MODEL_DATA_SOURCE } from '../../read-model.tokens';
import { londonToday } from '../dates';
import { GetTeamWorktray, type TeamWorktray } from './get-team-worktray.query';

/** Most clocks of each kind a worktray lists. */
const CLOCK_LIMIT = 2_000;

@QueryHandler(GetTeamWorktray)
export class GetTeamWorktrayHandler implements IQueryHandler<GetTeamWorktray> {
  constructor(
    @Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    private readonly freshness: ReadModelFreshness,
  ) {}

  async execute({ teamId, request }: GetTeamWorktray): Promise<TeamWorktray> {
    await this.freshness.waitFor(['timeliness', 'caseloads'], request.minPosition);
    const asOf = request.asOf ?? londonToday(this.clock);
    const [overdue, dueSoon, caseloads] = await Promise.all([
      overdueClocks(this.dataSource, { asOf, teamIds: [teamId], limit: CLOCK_LIMIT }),
      dueSoonClocks(this.dataSource, { asOf, teamIds: [teamId], limit: CLOCK_LIMIT }),
      caseloadFigures(this.dataSource, { asOf, teamId, targets: this.config.readModels.caseloadTargets, explain: true }),
    ]);
    const workerOf = new Map<string, string>();
    for (const worker of caseloads.workers) for (const child of worker.children ?? []) workerOf.set(child, worker.workerId);
    const heldBy = (workerId: string) => (clock: { childId: string }) => workerOf.get(clock.childId) === workerId;
    const unheld = (clock: { childId: string }) => !workerOf.has(clock.childId);
    return {
      teamId,
      asOf,
      caseload: caseloads.teams.find((team) => team.teamId === teamId) ?? caseloads.overall,
      workers: caseloads.workers.map(({ children, teamId: _, ...worker }) => ({
        ...worker,
        children: children ?? [],
        overdue: overdue.filter(heldBy(worker.workerId)),
        dueSoon: dueSoon.filter(heldBy(worker.workerId)),
      })),
      unallocated: { overdue: overdue.filter(unheld), dueSoon: dueSoon.filter(unheld) },
    };
  }
}

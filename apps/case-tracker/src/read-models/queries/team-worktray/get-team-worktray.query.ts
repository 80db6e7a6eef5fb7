import { Query } from '@nestjs/cqrs';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { CaseloadTotals, DueSoonClock, OverdueClock, WorkerCaseload } from '@csc/projections';
import { IsCalendarDate } from '../../../http/calendar-date.validator';
import { ReadModelQueryDto } from '../read-model-query.dto';

export class GetTeamWorktrayRequest extends ReadModelQueryDto {
  @ApiPropertyOptional({ description: 'The date to answer for (YYYY-MM-DD); default today.' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

export interface WorktrayWorker extends Omit<WorkerCaseload, 'children' | 'teamId'> {
  children: string[];
  overdue: OverdueClock[];
  dueSoon: DueSoonClock[];
}

export interface TeamWorktray {
  teamId: string;
  asOf: string;
  /** The team's caseload: cases held by its workers per FTE of those holding at least one (as GET /v1/metrics/caseloads). */
  caseload: CaseloadTotals;
  workers: WorktrayWorker[];
  /** Clocks of the team's cases that no worker of the team holds on the date (waiting for a worker, or moved on). */
  unallocated: { overdue: OverdueClock[]; dueSoon: DueSoonClock[] };
}

export class GetTeamWorktray extends Query<TeamWorktray> {
  constructor(
    readonly teamId: string,
    readonly request: GetTeamWorktrayRequest,
  ) {
    super();
  }
}

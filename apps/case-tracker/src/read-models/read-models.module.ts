import { Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { DataSource } from 'typeorm';
import type { SqlDatabase } from '@csc/event-store';
import { openReadModelDataSource } from '@csc/projections';
import { SQL_DATABASE } from '../infrastructure/tokens';
import { ProjectionsLifecycle } from './projections.lifecycle';
import { ReadModelFreshness } from './read-model-freshness';
import { TeamScope } from './team-scope';
import { READ_MODEL_DATA_SOURCE } from './read-model.tokens';
import { GetCaseloadsHandler, GetCaseloadTrendHandler } from './queries/caseloads/get-caseloads.handler';
import { GetCaseloadsHttpController } from './queries/caseloads/get-caseloads.http.controller';
import { GetChildTrackerHandler } from './queries/child-tracker/get-child-tracker.handler';
import { GetChildTrackerHttpController } from './queries/child-tracker/get-child-tracker.http.controller';
import { GetChildWorkersHandler } from './queries/child-workers/get-child-workers.handler';
import { GetChildWorkersHttpController } from './queries/child-workers/get-child-workers.http.controller';
import { GetContinuityHandler, GetContinuityMonthEndsHandler, GetContinuityTrendHandler } from './queries/continuity/get-continuity.handler';
import { GetContinuityHttpController } from './queries/continuity/get-continuity.http.controller';
import { ListOverdueClocksHandler } from './queries/overdue-clocks/list-overdue-clocks.handler';
import { ListOverdueClocksHttpController } from './queries/overdue-clocks/list-overdue-clocks.http.controller';
import { GetTimelinessHandler } from './queries/timeliness/get-timeliness.handler';
import { GetTimelinessHttpController } from './queries/timeliness/get-timeliness.http.controller';
import { GetBoardPackHandler } from './queries/board-pack/get-board-pack.handler';
import { GetBoardPackHttpController } from './queries/board-pack/get-board-pack.http.controller';
import { GetTeamWorktrayHandler } from './queries/team-worktray/get-team-worktray.handler';
import { GetTeamWorktrayHttpController } from './queries/team-worktray/get-team-worktray.http.controller';
import { GetWaitingStagesTrendHandler, GetWaitingTimesHandler } from './queries/waiting-times/get-waiting-times.handler';
import { GetWaitingTimesHttpController } from './queries/waiting-times/get-waiting-times.http.controller';

/** Closes the read models' DataSource after the projections have stopped (the database closes later). */
@Injectable()
class ReadModelDataSourceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_DATA_SOURCE) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

const controllers = [
  GetChildTrackerHttpController,
  ListOverdueClocksHttpController,
  GetTimelinessHttpController,
  GetContinuityHttpController,
  GetChildWorkersHttpController,
  GetWaitingTimesHttpController,
  GetCaseloadsHttpController,
  GetTeamWorktrayHttpController,
  GetBoardPackHttpController,
];
const queryHandlers = [
  GetChildTrackerHandler,
  ListOverdueClocksHandler,
  GetTimelinessHandler,
  GetContinuityHandler,
  GetContinuityTrendHandler,
  GetContinuityMonthEndsHandler,
  GetChildWorkersHandler,
  GetWaitingTimesHandler,
  GetWaitingStagesTrendHandler,
  GetCaseloadsHandler,
  GetCaseloadTrendHandler,
  GetTeamWorktrayHandler,
  GetBoardPackHandler,
];
const services = [ProjectionsLifecycle, ReadModelFreshness, ReadModelDataSourceLifecycle, TeamScope];

/** The read models: their projections, and the queries an improvement board and an inspector ask. */
@Module({
  imports: [CqrsModule],
  controllers,
  providers: [
    { provide: READ_MODEL_DATA_SOURCE, useFactory: (database: SqlDatabase) => openReadModelDataSource(database), inject: [SQL_DATABASE] },
    ...queryHandlers,
    ...services,
  ],
  exports: [ProjectionsLifecycle, ReadModelFreshness, READ_MODEL_DATA_SOURCE, TeamScope],
})
export class ReadModelsModule {}

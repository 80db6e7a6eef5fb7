import { Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '../read-models/read-models.module';
import { UiAssetsController } from './assets.controller';
import { ChildTrackerPageController } from './children/child-tracker.page.controller';
import { BoardPageController } from './board/board.page.controller';
import { MeasuresPageController } from './measures/measures.page.controller';
import { PageRenderer } from './page-renderer';
import { SignedInCaller } from './session/signed-in-caller';
import { UiRequestMiddleware } from './session/ui-request.middleware';
import { TeamWorktrayPageController } from './teams/team-worktray.page.controller';
import { SignInPageController } from './sign-in/sign-in.page.controller';
import { UiErrorFilter } from './ui-error.filter';
import { UiNotFoundController } from './ui-not-found.controller';

const pageControllers = [SignInPageController, ChildTrackerPageController, TeamWorktrayPageController, MeasuresPageController, BoardPageController];
const services = [PageRenderer, SignedInCaller, UiErrorFilter];

/**
 * The pages at /ui/: server-rendered with the GOV.UK Design System, each answered by the same query
 * handlers (through the query bus), role rules and team scope as the API.
 */
@Module({
  imports: [CqrsModule, ReadModelsModule],
  controllers: [UiAssetsController, ...pageControllers, UiNotFoundController],
  providers: services,
})
export class UiModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UiRequestMiddleware).forRoutes(...pageControllers, UiNotFoundController);
  }
}

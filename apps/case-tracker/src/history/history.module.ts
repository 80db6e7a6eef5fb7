import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetChildHistoryHandler } from './queries/get-child-history/get-child-history.handler';
import { GetChildHistoryHttpController } from './queries/get-child-history/get-child-history.http.controller';
import { GetChildStateHandler } from './queries/get-child-state/get-child-state.handler';
import { GetChildStateHttpController } from './queries/get-child-state/get-child-state.http.controller';
import { VerifyChildHistoryHandler } from './queries/verify-child-history/verify-child-history.handler';
import { VerifyChildHistoryHttpController } from './queries/verify-child-history/verify-child-history.http.controller';

const controllers = [GetChildHistoryHttpController, GetChildStateHttpController, VerifyChildHistoryHttpController];
const queryHandlers = [GetChildHistoryHandler, GetChildStateHandler, VerifyChildHistoryHandler];

/** For auditors: a child's history replayed from the log as it stood at any point, its state then, and the tamper check. */
@Module({
  imports: [CqrsModule],
  controllers,
  providers: [...queryHandlers],
})
export class HistoryModule {}

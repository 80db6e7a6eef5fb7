import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '../read-models/read-models.module';
import { AccessLog } from './access-log';
import { AccessLogReadModel } from './access-log-read-model';
import { ListAccessHandler } from './queries/list-access/list-access.handler';
import { ListAccessHttpController } from './queries/list-access/list-access.http.controller';

const controllers = [ListAccessHttpController];
const queryHandlers = [ListAccessHandler];
const services = [AccessLog, AccessLogReadModel];

/**
 * The access log: every look at a child's record is recorded (AccessLog, used by every module that shows one,
 * hence global), and auditors ask who looked at what.
 */
@Global()
@Module({
  imports: [CqrsModule, ReadModelsModule],
  controllers,
  providers: [...queryHandlers, ...services],
  exports: [AccessLog],
})
export class AuditModule {}

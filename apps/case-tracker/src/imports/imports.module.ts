import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RetentionModule } from '../retention/retention.module';
import { ImportReturnHandler } from './import-return/import-return.handler';
import { ImportReturnHttpController } from './import-return/import-return.http.controller';

const controllers = [ImportReturnHttpController];
const commandHandlers = [ImportReturnHandler];

/** National returns in (CIN census ...): POST /v1/imports, the same pipeline as `csc import`; record retention carries out CSC API purges. */
@Module({
  imports: [CqrsModule, RetentionModule],
  controllers,
  providers: [...commandHandlers],
})
export class ImportsModule {}

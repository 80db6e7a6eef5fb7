import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '../read-models/read-models.module';
import { GetReturnHandler } from './get-return/get-return.handler';
import { GetReturnHttpController } from './get-return/get-return.http.controller';

const controllers = [GetReturnHttpController];
const queryHandlers = [GetReturnHandler];

/** The national returns (CIN census, SSDA903, Annex A, CSC API), made from the read models and the log. */
@Module({
  imports: [CqrsModule, ReadModelsModule],
  controllers,
  providers: [...queryHandlers],
})
export class ReturnsModule {}

import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { MintTokenHttpController } from './mint-token/mint-token.http.controller';
import { RebuildReadModelHttpController } from './rebuild-read-model/rebuild-read-model.http.controller';
import { ReadModelRebuilds } from './rebuild-read-model/rebuild-read-model.service';

/** Operations for administrators: rebuilding read models, minting tokens. */
@Module({
  imports: [ReadModelsModule],
  controllers: [RebuildReadModelHttpController, MintTokenHttpController],
  providers: [ReadModelRebuilds],
})
export class AdminModule {}

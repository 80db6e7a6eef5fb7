import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HealthController } from './health/health.controller';
import { HistoryModule } from './history/history.module';
import { IngestModule } from './ingest/ingest.module';
import { ImportsModule } from './imports/imports.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { MessagingModule } from './messaging/messaging.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { RetentionModule } from './retention/retention.module';
import { UiModule } from './ui/ui.module';
import { ReturnsModule } from './returns/returns.module';
import { InfrastructureModule, type InfrastructureOptions } from './infrastructure/infrastructure.module';

@Module({})
export class AppModule {
  static forRoot(options: InfrastructureOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.forRoot(options),
        AuthModule.forRoot(options.authKey),
        CqrsModule.forRoot(),
        MetricsModule,
        IngestModule,
        ImportsModule,
        ReadModelsModule,
        AuditModule,
        HistoryModule,
        ReturnsModule,
        AdminModule,
        RetentionModule,
        MessagingModule,
        UiModule,
      ],
      controllers: [HealthController],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { MetricsHttpController } from './metrics.http.controller';
import { ServiceMetrics } from './service-metrics';

/** Prometheus metrics at /metrics; every module may count into it. */
@Global()
@Module({ controllers: [MetricsHttpController], providers: [ServiceMetrics], exports: [ServiceMetrics] })
export class MetricsModule {}

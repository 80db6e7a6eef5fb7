import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../auth/role-decorators';
import { ServiceMetrics } from './service-metrics';

@ApiExcludeController()
@Roles('admin', 'analyst')
@Controller('metrics')
export class MetricsHttpController {
  constructor(private readonly metrics: ServiceMetrics) {}

  /** Prometheus text format: projection lag, ingest counts, Kafka publishing, process figures. */
  @Get()
  async scrape(@Res() response: Response): Promise<void> {
    const { contentType, body } = await this.metrics.render();
    response.setHeader('Content-Type', contentType);
    response.send(body);
  }
}

import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/role-decorators';
import { HealthRegistry, type HealthReport } from './health-registry';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The state of each dependency: 200 when the service can work (possibly degraded), 503 naming what is down' })
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.registry.report();
    response.status(report.status === 'down' ? 503 : 200);
    return report;
  }
}

import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, Roles } from '../auth/role-decorators';
import { HealthRegistry, type HealthReport } from './health-registry';

/** What anyone may learn without a token: whether the service can work. Never a path, a child or an event. */
export interface PublicHealth {
  status: 'up' | 'down';
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly registry: HealthRegistry) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether the service can work: 200 up (possibly degraded), 503 down. Details at /health/details' })
  async health(@Res({ passthrough: true }) response: Response): Promise<PublicHealth> {
    const report = await this.registry.report();
    response.status(report.status === 'down' ? 503 : 200);
    return { status: report.status === 'down' ? 'down' : 'up' };
  }

  @Get('details')
  @Roles('admin', 'analyst')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The state of each dependency and read model (lag, failures): 200 when the service can work, 503 naming what is down' })
  async details(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.registry.report();
    response.status(report.status === 'down' ? 503 : 200);
    return report;
  }
}

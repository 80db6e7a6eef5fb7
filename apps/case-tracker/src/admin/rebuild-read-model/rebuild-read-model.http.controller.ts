import { BadRequestException, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODEL_NAMES, type ParkedSubject, type ReadModelName } from '@csc/projections';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../../infrastructure/tokens';
import { Roles } from '../../auth/role-decorators';
import { ProjectionsLifecycle } from '../../read-models/projections.lifecycle';
import { ReadModelRebuilds, type RebuildState } from './rebuild-read-model.service';

@ApiTags('admin')
@Roles('admin')
@Controller('v1/admin/read-models')
export class RebuildReadModelHttpController {
  constructor(
    private readonly rebuilds: ReadModelRebuilds,
    private readonly projections: ProjectionsLifecycle,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':name/rebuild')
  @HttpCode(202)
  @ApiOperation({ summary: 'Rebuild a read model from the start of the log into new tables, then switch over; the current tables answer meanwhile' })
  @ApiAcceptedResponse({ description: 'The rebuild has started (or was already running); follow it with GET.' })
  rebuild(@Param('name') name: string): RebuildState {
    return this.rebuilds.start(readModelName(name), this.clock.now());
  }

  @Get(':name/rebuild')
  @ApiOperation({ summary: 'The state of the latest rebuild of a read model' })
  state(@Param('name') name: string): RebuildState {
    const state = this.rebuilds.state(readModelName(name));
    if (!state)
      throw new NotFoundException({ error: { code: 'NO_REBUILD', message: `No rebuild of ${name} has run since the service started`, field: 'name' } });
    return state;
  }

  @Get(':name/parked')
  @ApiOperation({ summary: 'The children (and workers) a read model has parked: the event it could not apply and why (at most 100, oldest first)' })
  parked(@Param('name') name: string): Promise<{ readModel: string; parked: ParkedSubject[] }> {
    const readModel = readModelName(name);
    return this.projections.parked(readModel).then((parked) => ({ readModel, parked }));
  }
}

function readModelName(name: string): ReadModelName {
  if (!(READ_MODEL_NAMES as readonly string[]).includes(name)) {
    throw new BadRequestException({ error: { code: 'UNKNOWN_READ_MODEL', message: `name must be one of ${READ_MODEL_NAMES.join(', ')}`, field: 'name' } });
  }
  return name as ReadModelName;
}

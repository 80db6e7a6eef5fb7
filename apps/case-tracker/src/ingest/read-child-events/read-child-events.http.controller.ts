import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../auth/role-decorators';
import { AccessLog } from '../../audit/access-log';
import { ChildIdPipe } from '../../http/child-id.pipe';
import { ReadChildEvents, type ChildEventsView } from './read-child-events.query';

@ApiTags('ingest')
@Controller('v1/children')
export class ReadChildEventsHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':childId/events')
  @Roles('recorder', 'auditor')
  @ApiOperation({ summary: "A child's events as recorded, in order", description: 'Each with its revision, global position and when it was recorded.' })
  @ApiParam({ name: 'childId', description: "The local authority's child id" })
  @ApiOkResponse({ description: 'The stream child-{childId}, oldest first.' })
  @ApiNotFoundResponse({ description: 'Nothing has been recorded for this child.' })
  async read(@Param('childId', ChildIdPipe) childId: string, @CurrentCaller() caller: Caller): Promise<ChildEventsView> {
    const view = await this.accessLog.recording(caller, { childId, what: 'events' }, () => this.queryBus.execute(new ReadChildEvents(childId)));
    if (!view) throw new NotFoundException({ error: { code: 'CHILD_NOT_FOUND', message: `Nothing has been recorded for child ${childId}`, field: 'childId' } });
    return view;
  }
}

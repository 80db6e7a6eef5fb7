import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AccessLog } from '../../../audit/access-log';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { ChildIdPipe } from '../../../http/child-id.pipe';
import { childNotFound } from '../../history-errors';
import { GetChildHistory, GetChildHistoryRequest, type ChildHistoryView } from './get-child-history.query';

@ApiTags('history')
@Controller('v1/children')
export class GetChildHistoryHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':childId/history')
  @Roles('auditor')
  @ApiOperation({
    summary: "Replay a child's history",
    description:
      'Every event of the child in stream order with its envelope, when it occurred and was recorded, its revision, global position, source and ' +
      'correlation id. Retracted events stay, marked with the retraction; the EventRetracted events are listed too. asKnownAt shows only what ' +
      'had been recorded by then; occurredBy only what had happened by then. Paged by revision. The read is recorded in the access log first.',
  })
  @ApiParam({ name: 'childId', description: "The local authority's child id" })
  @ApiOkResponse({ description: 'One page of the stream child-{childId} at that point in time; page.nextRevision says where the next page starts.' })
  @ApiNotFoundResponse({ description: 'CHILD_NOT_FOUND: nothing has been recorded for this child.' })
  @ApiServiceUnavailableResponse({ description: 'ACCESS_NOT_RECORDED: the read could not be logged, so it was refused.' })
  async history(
    @Param('childId', ChildIdPipe) childId: string,
    @Query() request: GetChildHistoryRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ChildHistoryView> {
    const view = await this.accessLog.recording(caller, { childId, what: 'history', parameters: request }, () =>
      this.queryBus.execute(new GetChildHistory(childId, request)),
    );
    if (!view) throw childNotFound(childId);
    return view;
  }
}

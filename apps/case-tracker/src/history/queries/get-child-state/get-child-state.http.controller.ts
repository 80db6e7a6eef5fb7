import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AccessLog } from '../../../audit/access-log';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { ChildIdPipe } from '../../../http/child-id.pipe';
import { childNotFound, nothingKnownByThen } from '../../history-errors';
import { GetChildState, GetChildStateRequest, type ChildStateView } from './get-child-state.query';

@ApiTags('history')
@Controller('v1/children')
export class GetChildStateHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':childId/state')
  @Roles('auditor')
  @ApiOperation({
    summary: "A child's case as it stood at a point in time, folded from the log",
    description:
      'The case folded by the domain deciders from the events known by asKnownAt that had happened by occurredBy: status, open referrals, ' +
      'assessments and plans, allocated worker and team, period of care and placement, last visit and last seen alone, and the open ' +
      'timescale clocks with their due dates. Never from a read model. Says which events it was folded from and the rule table, ' +
      'calendar and local standards versions. The read is recorded in the access log first.',
  })
  @ApiParam({ name: 'childId', description: "The local authority's child id" })
  @ApiOkResponse({ description: 'The case on asOf (occurredBy, else the London date of asKnownAt, else today).' })
  @ApiNotFoundResponse({ description: 'CHILD_NOT_FOUND: nothing recorded for the child; NOTHING_KNOWN_BY_THEN: nothing at that point in time.' })
  @ApiServiceUnavailableResponse({ description: 'ACCESS_NOT_RECORDED: the read could not be logged, so it was refused.' })
  async state(
    @Param('childId', ChildIdPipe) childId: string,
    @Query() request: GetChildStateRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ChildStateView> {
    const result = await this.accessLog.recording(caller, { childId, what: 'state', parameters: request }, () =>
      this.queryBus.execute(new GetChildState(childId, request)),
    );
    switch (result.kind) {
      case 'state':
        return result.view;
      case 'not-found':
        throw childNotFound(childId);
      case 'nothing-known-by-then':
        throw nothingKnownByThen(childId, request);
    }
  }
}

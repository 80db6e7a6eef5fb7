import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { AccessLog } from '../../../audit/access-log';
import { CurrentCaller } from '../../../auth/current-caller.decorator';
import { type Caller } from '@csc/auth';
import { Roles } from '../../../auth/role-decorators';
import { ChildIdPipe } from '../../../http/child-id.pipe';
import { childNotFound } from '../../history-errors';
import { VerifyChildHistory, type ChildHistoryVerification } from './verify-child-history.query';

@ApiTags('history')
@Controller('v1/children')
export class VerifyChildHistoryHttpController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':childId/history/verify')
  @Roles('auditor')
  @ApiOperation({
    summary: "Check that a child's history has not been altered",
    description:
      "Recomputes the hash chain of the child's stream (and of the access log of the child's record) from the first event and names the " +
      'first event that does not match: content changed, link broken or a revision missing. 200 either way; intact says which. ' +
      'The check is recorded in the access log first.',
  })
  @ApiParam({ name: 'childId', description: "The local authority's child id" })
  @ApiOkResponse({ description: 'intact, and per stream the events checked, the last verified hash and the first break if any.' })
  @ApiNotFoundResponse({ description: 'CHILD_NOT_FOUND: nothing has been recorded for this child.' })
  @ApiServiceUnavailableResponse({ description: 'ACCESS_NOT_RECORDED: the check could not be logged, so it was refused.' })
  async verify(@Param('childId', ChildIdPipe) childId: string, @CurrentCaller() caller: Caller): Promise<ChildHistoryVerification> {
    const result = await this.accessLog.recording(caller, { childId, what: 'verify' }, () => this.queryBus.execute(new VerifyChildHistory(childId)));
    if (!result) throw childNotFound(childId);
    return result;
  }
}

import { Body, ConflictException, Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@csc/auth';
import { RetentionError, type DestructionOutcome, type LegalHold, type RecordRetention, type RetentionReview } from '@csc/retention';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Roles } from '../auth/role-decorators';
import { ChildIdPipe } from '../http/child-id.pipe';
import { DestroyRecordsRequest, LegalHoldRequest, RetentionDueRequest } from './retention.request.dto';
import { RECORD_RETENTION } from './retention.tokens';

@ApiTags('admin')
@Roles('admin')
@Controller('v1/admin/retention')
export class RetentionAdminHttpController {
  constructor(@Inject(RECORD_RETENTION) private readonly retention: RecordRetention) {}

  @Get('due')
  @ApiOperation({ summary: 'Which children’s records reach the end of retention on a date, under which rule and source, and which are held' })
  @ApiOkResponse({ description: 'due: would be destroyed; held: past retention but under a legal hold; unfinished: destructions to complete.' })
  due(@Query() request: RetentionDueRequest): Promise<RetentionReview> {
    return this.retention.review(request.asOf);
  }

  @Post('destroy')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Destroy every record past retention on a date and not held: their keys, their rows in every read model; ChildRecordDestroyed is published',
  })
  async destroy(
    @Body() request: DestroyRecordsRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<{ asOf: string; outcomes: DestructionOutcome[]; position: number }> {
    const { outcomes } = await this.retention.destroyDue(request.asOf, caller.subject);
    const position = Math.max(0, ...outcomes.map((outcome) => (outcome.status === 'destroyed' ? outcome.position : 0)));
    return { asOf: request.asOf, outcomes, position };
  }

  @Get('holds/:childId')
  @ApiOperation({ summary: 'The legal hold on a child’s record, if any' })
  async hold(@Param('childId', ChildIdPipe) childId: string): Promise<{ childId: string; hold: LegalHold | null; destroyed: boolean }> {
    const state = await this.retention.retentionState(childId);
    return { childId, hold: state.hold ?? null, destroyed: state.destroyed };
  }

  @Put('holds/:childId')
  @ApiOperation({ summary: 'Place a legal hold: the record is never destroyed while it holds' })
  placeHold(@Param('childId', ChildIdPipe) childId: string, @Body() request: LegalHoldRequest, @CurrentCaller() caller: Caller): Promise<LegalHold> {
    return refusalsAsHttp(() => this.retention.placeHold(childId, request.reason, caller.subject));
  }

  @Delete('holds/:childId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Release a legal hold, saying why' })
  releaseHold(@Param('childId', ChildIdPipe) childId: string, @Body() request: LegalHoldRequest, @CurrentCaller() caller: Caller): Promise<void> {
    return refusalsAsHttp(() => this.retention.releaseHold(childId, request.reason, caller.subject));
  }
}

/** A refused retention request is a 409 (or 404 when nothing is known), with its code, message and field. */
export async function refusalsAsHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RetentionError)) throw error;
    const body = { error: { code: error.code, message: error.message, field: error.field } };
    throw error.code === 'NOTHING_RECORDED' ? new NotFoundException(body) : new ConflictException(body);
  }
}

import { Controller, Get, Inject, NotFoundException, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Caller } from '@csc/auth';
import { EVENT_STORE, type EventStore, type SqlDatabase } from '@csc/event-store';
import { READ_MODEL_NAMES } from '@csc/projections';
import { renderSubjectAccessPdf, subjectAccessRecord, type SubjectAccessRecord } from '@csc/retention';
import type { Clock } from '@csc/runtime';
import { AccessLog } from '../audit/access-log';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { Roles } from '../auth/role-decorators';
import { ChildIdPipe } from '../http/child-id.pipe';
import { CLOCK, SQL_DATABASE } from '../infrastructure/tokens';
import { ProjectionsLifecycle } from '../read-models/projections.lifecycle';

export class SubjectAccessRequest {
  @ApiPropertyOptional({ enum: ['json', 'pdf'], description: 'json (default) or pdf, a readable document of the same record.' })
  @IsOptional()
  @IsIn(['json', 'pdf'], { message: 'format must be json or pdf' })
  format?: 'json' | 'pdf';
}

@ApiTags('history')
@Controller('v1/children')
export class SubjectAccessHttpController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_DATABASE) private readonly database: SqlDatabase,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projections: ProjectionsLifecycle,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':childId/record')
  @Roles('auditor')
  @ApiOperation({
    summary: 'Everything held about a child (subject access): the events, every read-model row, who read the record and when; JSON or PDF',
  })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ description: 'The record; this read is itself logged in the access log.' })
  async record(
    @Param('childId', ChildIdPipe) childId: string,
    @Query() request: SubjectAccessRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<SubjectAccessRecord | StreamableFile> {
    const sources = { store: this.store, db: this.database.pool, readModelSchemas: READ_MODEL_NAMES.map((name) => this.projections.projections[name].schema) };
    const record = await this.accessLog.recording(caller, { childId, what: 'record', parameters: request }, () =>
      subjectAccessRecord(sources, childId, this.clock.now()),
    );
    if (!record) throw new NotFoundException({ error: { code: 'CHILD_NOT_FOUND', message: `Nothing is held about child ${childId}`, field: 'childId' } });
    if (request.format !== 'pdf') return record;
    return new StreamableFile(await renderSubjectAccessPdf(record), {
      type: 'application/pdf',
      disposition: `attachment; filename="child-${childId}-record.pdf"`,
    });
  }
}

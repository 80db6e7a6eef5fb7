import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/role-decorators';
import { ListAccess, ListAccessRequest, type AccessListView } from './list-access.query';

@ApiTags('audit')
@Controller('v1/audit')
export class ListAccessHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('access')
  @Roles('auditor')
  @ApiOperation({
    summary: "Who looked at a child's record",
    description:
      'Every read of a child history, state, tamper check or tracker: who (subject and roles), which child, what, with which parameters, ' +
      'and when. Filter by childId, subject and from/to, in any combination; oldest first, paged with cursor.',
  })
  @ApiOkResponse({ description: 'One page of access entries; page.nextCursor says where the next one starts.' })
  list(@Query() request: ListAccessRequest): Promise<AccessListView> {
    return this.queryBus.execute(new ListAccess(request));
  }
}

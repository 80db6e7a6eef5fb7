import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/role-decorators';
import { GetBoardPack, GetBoardPackRequest, type BoardPack } from './get-board-pack.query';

@ApiTags('metrics')
@Controller('v1/metrics')
export class GetBoardPackHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('board')
  @Roles('analyst', 'auditor', 'admin')
  @ApiOperation({
    summary: "The improvement board's monthly pack",
    description: 'For each measure: the month, the twelve months to it and the target or the England figure to compare with. Aggregates only.',
  })
  async board(@Query() request: GetBoardPackRequest): Promise<BoardPack> {
    return this.queryBus.execute(new GetBoardPack(request));
  }
}

import { BadRequestException, Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ReturnParameterError } from '@csc/returns';
import { Roles } from '../../auth/role-decorators';
import { GetReturnRequest } from './get-return.request.dto';
import { GetReturn, RETURN_FORMATS, type ReturnFormat } from './get-return.query';

@ApiTags('returns')
@Controller('v1/returns')
export class GetReturnHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  // Child-level data for the DfE and Ofsted: auditors and admins, never analysts (aggregates only).
  @Get(':format')
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary: 'A national return made from the log: cin-census?year=YYYY, ssda903?year=YYYY[&table=Episodes], annex-a?asAt=YYYY-MM-DD, csc-api?asAt=YYYY-MM-DD',
    description:
      'The CIN census XML for the collection year (1 April YYYY-1 to 31 March YYYY), valid against the DfE 2026 XSD. ' +
      "The SSDA903 tables (Header, Episodes, Reviews, UASC, Missing, SWEpisodes) as CSV with the DfE validator's columns, for children looked after in the year. " +
      'The Ofsted Annex A workbook (xlsx) as at a date: Lists 1-8 over the six months to it with the columns of Annex_A_schema.yml; Lists 2, 9-11 with their headings and a note. ' +
      'The DfE CSC API request bodies (components.schemas.CSC, at most 100 children each) as newline-delimited JSON as at a date, for children with a case open in the twelve months to it; a child whose id breaks the API pattern is in the report, not the body. ' +
      'With report=true, the report as JSON instead: how many children were written and which were left out, and why.',
  })
  @ApiParam({ name: 'format', enum: RETURN_FORMATS })
  @ApiOkResponse({ description: 'The file (Content-Disposition names it), or with report=true the report.' })
  async get(@Param('format') format: string, @Query() request: GetReturnRequest, @Res() response: Response): Promise<void> {
    if (!(RETURN_FORMATS as readonly string[]).includes(format)) {
      throw new BadRequestException({
        error: { code: 'UNKNOWN_FORMAT', message: `format must be one of ${RETURN_FORMATS.join(', ')}; got ${format}`, field: 'format' },
      });
    }
    let result;
    try {
      result = await this.queryBus.execute(new GetReturn(format as ReturnFormat, request));
    } catch (error) {
      if (error instanceof ReturnParameterError) throw new BadRequestException({ error: { code: error.code, message: error.message, field: error.field } });
      throw error;
    }
    response.setHeader('CSC-Return-Children', String(result.children));
    response.setHeader('CSC-Return-Omitted', String(result.omitted.length));
    if (request.report) {
      response.json({ format: result.format, fileName: result.fileName, children: result.children, omitted: result.omitted });
      return;
    }
    response.setHeader('Content-Type', `${result.mediaType}${typeof result.body === 'string' ? '; charset=utf-8' : ''}`);
    response.setHeader('Content-Disposition', `attachment; filename="${result.fileName}"`);
    response.send(result.body);
  }
}

import { BadRequestException, Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { type Caller } from '@csc/auth';
import { IMPORT_FORMATS, ImportInputError, isImportFormat, isTeamId, TEAM_ID_RULE, type ImportReport } from '@csc/returns';

/** The formats whose files are JSON, sent as application/json (or NDJSON): the DfE CSC API's. */
const JSON_FORMATS: readonly string[] = ['csc-api'];
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { Roles } from '../../auth/role-decorators';
import { ImportReturn } from './import-return.command';

const FILE_NAME = /^[A-Za-z0-9._ -]{1,128}$/;

@ApiTags('imports')
@Controller('v1/imports')
export class ImportReturnHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @HttpCode(200)
  @Roles('recorder')
  @ApiOperation({
    summary: 'Import a national return',
    description:
      'The file is the body, streamed: any content type, and application/json or application/x-ndjson only for format=csc-api. Every row read is recorded, known (already held) or refused ' +
      'with its file, line, natural key, a code and what to fix; a child is recorded whole or not at all. Importing the same file again ' +
      "records nothing; a later return's change to a fact is recorded as a correction. A 200 means every recorded row is durably stored. " +
      'format=ssd takes a zip of the folder of SSD table extracts (Content-Type: application/zip), or one table as CSV.',
  })
  @ApiConsumes('application/xml', 'text/csv', 'application/json', 'application/x-ndjson', 'application/zip', 'application/octet-stream')
  @ApiQuery({ name: 'format', enum: IMPORT_FORMATS })
  @ApiQuery({ name: 'file', required: false, description: 'The name the report gives the file (default: upload).' })
  @ApiQuery({ name: 'authority', required: false, description: "The authority's number where the file does not name it." })
  @ApiQuery({ name: 'team', required: false, description: 'The team allocations are recorded in where the file names none (SSDA903 SWEpisodes).' })
  @ApiOkResponse({ description: 'The report: tables (read, recorded, known, refused), events, children, refused rows, corrections.' })
  @ApiBadRequestResponse({ description: 'An unknown format, or a file that cannot be read (not XML, another return): error names the line.' })
  async import(
    @Req() request: Request,
    @Query('format') format: unknown,
    @Query('file') file: unknown,
    @Query('authority') authority: unknown,
    @CurrentCaller() caller: Caller,
    @Query('team') team?: unknown,
  ): Promise<ImportReport> {
    if (typeof format !== 'string' || !isImportFormat(format)) {
      throw badRequest('UNKNOWN_FORMAT', `format must be one of ${IMPORT_FORMATS.join(', ')}: /v1/imports?format=cin-census`, 'format');
    }
    if (file !== undefined && (typeof file !== 'string' || !FILE_NAME.test(file)))
      throw badRequest('INVALID_FILE_NAME', 'file must be 1-128 letters, digits, spaces, dots, dashes or underscores', 'file');
    if (authority !== undefined && (typeof authority !== 'string' || !/^[A-Za-z0-9]{1,16}$/.test(authority))) {
      throw badRequest('INVALID_AUTHORITY', 'authority must be 1-16 letters or digits', 'authority');
    }
    if (team !== undefined && (typeof team !== 'string' || !isTeamId(team))) throw badRequest('INVALID_TEAM', `team must be an id of ${TEAM_ID_RULE}`, 'team');
    if (request.readableEnded || (request.is('application/json') && !JSON_FORMATS.includes(format))) {
      throw badRequest('INVALID_BODY', 'Send the file itself as the body, e.g. Content-Type: application/xml or text/csv', 'body');
    }
    try {
      return await this.commandBus.execute(
        new ImportReturn(
          format,
          request,
          (file as string | undefined) ?? 'upload',
          authority as string | undefined,
          caller.subject,
          team as string | undefined,
        ),
      );
    } catch (error) {
      if (!(error instanceof ImportInputError)) throw error;
      // Children read before the fault were recorded whole; the report says which, so the file can be fixed and sent again.
      throw new BadRequestException({
        error: { code: error.code, message: error.message, field: 'body', file: error.file, line: error.line },
        report: error.report,
      });
    }
  }
}

function badRequest(code: string, message: string, field: string): BadRequestException {
  return new BadRequestException({ error: { code, message, field } });
}

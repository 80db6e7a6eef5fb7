import { Controller, Get, NotFoundException, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/role-decorators';
import { UiErrorFilter } from './ui-error.filter';

/** Any other address under /ui/ is a GOV.UK "Page not found", not the API's JSON. Registered last. */
@ApiExcludeController()
@Public()
@UseFilters(UiErrorFilter)
@Controller('ui')
export class UiNotFoundController {
  @Get('*path')
  notFound(): never {
    throw new NotFoundException({ error: { code: 'NOT_FOUND', message: 'There is no page at this address.' } });
  }
}

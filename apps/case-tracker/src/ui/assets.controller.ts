import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/role-decorators';
import { GOVUK_FRONTEND_DIST } from './page-renderer';

const GOVUK = join(GOVUK_FRONTEND_DIST, 'govuk');
const OWN_ASSETS = join(__dirname, 'assets');
const CHART_JS = join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;

/** GOV.UK Frontend's stylesheet points at /assets/; here its fonts and images are under /ui/assets/. */
const GOVUK_CSS = readFileSync(join(GOVUK, 'govuk-frontend.min.css'), 'utf8').replaceAll('url(/assets/', 'url(/ui/assets/');

/** Each file the pages load, from the installed packages or from beside this file; nothing else is served. */
const FILES: Record<string, string> = {
  'govuk-frontend.min.js': join(GOVUK, 'govuk-frontend.min.js'),
  'manifest.json': join(GOVUK, 'assets', 'manifest.json'),
  'chart.umd.min.js': CHART_JS,
  'start.js': join(OWN_ASSETS, 'start.js'),
  'charts.js': join(OWN_ASSETS, 'charts.js'),
  'ui.css': join(OWN_ASSETS, 'ui.css'),
};

/** The pages' static files: public (no child's data in them), cached for an hour. */
@ApiExcludeController()
@Public()
@Controller('ui/assets')
export class UiAssetsController {
  @Get('govuk-frontend.min.css')
  stylesheet(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.type('text/css').send(GOVUK_CSS);
  }

  @Get('fonts/:file')
  font(@Param('file') file: string, @Res() response: Response): void {
    send(response, join(GOVUK, 'assets', 'fonts'), file);
  }

  @Get('images/:file')
  image(@Param('file') file: string, @Res() response: Response): void {
    send(response, join(GOVUK, 'assets', 'images'), file);
  }

  @Get(':file')
  file(@Param('file') file: string, @Res() response: Response): void {
    const path = FILES[file];
    if (!path) throw new NotFoundException({ error: { code: 'NOT_FOUND', message: `No asset ${file}` } });
    send(response, dirname(path), path.slice(dirname(path).length + 1));
  }
}

function send(response: Response, root: string, file: string): void {
  if (!FILE_NAME.test(file)) throw new NotFoundException({ error: { code: 'NOT_FOUND', message: 'No such asset' } });
  response.setHeader('Cache-Control', 'public, max-age=3600');
  response.sendFile(file, { root, dotfiles: 'deny' }, (error) => {
    if (error && !response.headersSent) response.status(404).type('text/plain').send('Not found');
  });
}

import { Catch, HttpException, HttpStatus, Inject, Injectable, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from '@csc/runtime';
import { LOGGER } from '../infrastructure/tokens';
import { PageRenderer } from './page-renderer';
import { uiLocals } from './session/ui-request.middleware';
import { forgetToken } from './session/ui-session';

interface ErrorPage {
  status: number;
  title: string;
  lines: string[];
  code?: string;
}

/**
 * Every failure of a page is a GOV.UK error page with the status the API would answer: 403 for a role
 * or team the token does not have, 404, 400 for a bad address, 503; never a stack trace. A missing or
 * expired token sends the browser back to sign in.
 */
@Catch()
@Injectable()
export class UiErrorFilter implements ExceptionFilter {
  constructor(
    private readonly pages: PageRenderer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    if (response.headersSent) return;
    const page = describe(exception);
    if (page.status === HttpStatus.UNAUTHORIZED) {
      forgetToken(request, response);
      response.redirect(303, `/ui/?signIn=${encodeURIComponent(page.lines[0] ?? 'Sign in to continue')}`);
      return;
    }
    if (page.status >= 500) this.logger.error({ err: exception, url: request.originalUrl }, 'page failed');
    const html = this.pages.render('error', { cspNonce: uiLocals(response).cspNonce ?? '', currentPath: request.path }, page);
    response.status(page.status).type('html').send(html);
  }
}

function describe(exception: unknown): ErrorPage {
  if (!(exception instanceof HttpException)) {
    return { status: 500, title: 'Sorry, there is a problem with the service', lines: ['Try again later. The problem has been logged.'] };
  }
  const status = exception.getStatus();
  const payload = exception.getResponse() as { error?: { code?: string; message?: string; field?: string }; message?: unknown };
  const message = payload?.error?.message ?? (typeof payload === 'string' ? payload : typeof payload?.message === 'string' ? payload.message : undefined);
  const code = payload?.error?.code;
  const lines = message ? [message] : [];
  switch (status) {
    case 401:
      return { status, title: 'Sign in', lines, code };
    case 403:
      return code === 'NOT_YOUR_TEAM'
        ? { status, title: 'You cannot see this record', lines: [...lines, 'It is held by a team that is not one of yours.'], code }
        : {
            status,
            title: 'You do not have access to this page',
            lines: [...lines, 'Ask your administrator for a token with the role this page needs.'],
            code,
          };
    case 404:
      return { status, title: code === 'CHILD_NOT_FOUND' ? 'Child not found' : 'Page not found', lines: lines.length ? lines : ['Check the address.'], code };
    case 400:
      return { status, title: 'There is a problem with this page’s address', lines, code };
    case 429:
      return { status, title: 'Too many requests', lines: [...lines, 'Wait a minute, then try again.'], code };
    case 503:
      return { status, title: 'Sorry, the service is unavailable', lines: [...lines, 'Try again in a few minutes.'], code };
    default:
      return status >= 500
        ? { status, title: 'Sorry, there is a problem with the service', lines: ['Try again later. The problem has been logged.'] }
        : { status, title: 'There is a problem', lines, code };
  }
}

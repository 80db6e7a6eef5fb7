import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../../auth/role-decorators';
import { frameFor } from '../page-frame';
import { PageRenderer } from '../page-renderer';
import { UiErrorFilter } from '../ui-error.filter';
import { uiLocals } from '../session/ui-request.middleware';
import { SignedInCaller } from '../session/signed-in-caller';
import { TOKEN_COOKIE, cookiesOf, csrfTokenFor, csrfTokenMatches, forgetToken, keepToken } from '../session/ui-session';

/** Where a browser may be sent after signing in: one of these pages, never another site. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/ui\/[A-Za-z0-9/_.?=&%-]*$/.test(next) && !next.startsWith('/ui//') ? next : '/ui/';
}

/**
 * Sign-in: the person pastes a token (from `csc token`, or their identity provider's); it is checked
 * exactly as the API checks a bearer token and kept in a session cookie for the pages. Every form post
 * carries the CSRF token of the form it came from.
 */
@ApiExcludeController()
@Public()
@UseFilters(UiErrorFilter)
@Controller('ui')
export class SignInPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly tokens: SignedInCaller,
  ) {}

  @Get()
  home(@Req() request: Request, @Res() response: Response, @Query('signIn') notice?: string, @Query('next') next?: string): void {
    const checked = this.tokens.check(cookiesOf(request)[TOKEN_COOKIE]);
    if ('caller' in checked) {
      response.type('html').send(this.pages.render('home', frameFor(request, response, checked.caller), { title: 'Your pages' }));
      return;
    }
    this.signInPage(request, response, { notice: typeof notice === 'string' ? notice.slice(0, 300) : undefined, next: safeNext(next) });
  }

  @Post('sign-in')
  signIn(@Req() request: Request, @Res() response: Response): void {
    const form = uiLocals(response).form ?? new URLSearchParams();
    const next = safeNext(form.get('next'));
    if (!csrfTokenMatches(request, form.get('csrf'))) {
      this.signInPage(request, response, { error: 'The form had expired. Paste your token again and sign in.', next }, 400);
      return;
    }
    const token = form.get('token')?.trim();
    const checked = this.tokens.check(token || undefined);
    if ('refused' in checked) {
      this.signInPage(request, response, { error: checked.refused, next, token: '' }, 400);
      return;
    }
    keepToken(request, response, token!);
    response.redirect(303, next);
  }

  @Post('sign-out')
  signOut(@Req() request: Request, @Res() response: Response): void {
    if (csrfTokenMatches(request, uiLocals(response).form?.get('csrf'))) forgetToken(request, response);
    response.redirect(303, '/ui/?signIn=You+have+signed+out');
  }

  private signInPage(request: Request, response: Response, page: { notice?: string; error?: string; next: string; token?: string }, status = 200): void {
    const frame = frameFor(request, response);
    const csrfToken = csrfTokenFor(request, response);
    response
      .status(status)
      .type('html')
      .send(this.pages.render('sign-in', frame, { title: 'Sign in', csrfToken, ...page }));
  }
}

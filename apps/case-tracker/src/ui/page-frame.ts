import type { Request, Response } from 'express';
import type { Caller } from '@csc/auth';
import type { PageFrame } from './page-renderer';
import { navigationFor } from './page-roles';
import { uiLocals } from './session/ui-request.middleware';
import { csrfTokenFor } from './session/ui-session';

/** The layout's part of a page for this request: who is signed in, what they may open, the nonce and the sign-out token. */
export function frameFor(request: Request, response: Response, caller?: Caller): PageFrame {
  return {
    cspNonce: uiLocals(response).cspNonce,
    currentPath: request.path,
    ...(caller
      ? {
          signedIn: { subject: caller.subject, roles: caller.roles, teams: caller.teams },
          navigation: navigationFor(caller).map((item) => ({ ...item, active: request.path.startsWith(item.href) })),
          csrfToken: csrfTokenFor(request, response),
        }
      : {}),
  };
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { Request, Response } from 'express';

/** The cookie that holds the bearer token: for this browser session only, never readable by scripts. */
export const TOKEN_COOKIE = 'csc_ui_token';
/** The cookie half of the double-submitted token that every form post must carry. */
export const CSRF_COOKIE = 'csc_ui_csrf';
export const UI_PATH = '/ui';

/** A session cookie (no expiry: the browser drops it when it closes), HttpOnly, SameSite=Strict, scoped to the pages. */
function sessionCookie(name: string, value: string, request: Request): string {
  return serialize(name, value, { httpOnly: true, sameSite: 'strict', path: UI_PATH, secure: request.secure });
}

export function cookiesOf(request: Request): Record<string, string | undefined> {
  return parse(request.headers.cookie ?? '');
}

export function keepToken(request: Request, response: Response, token: string): void {
  response.append('Set-Cookie', sessionCookie(TOKEN_COOKIE, token, request));
}

export function forgetToken(request: Request, response: Response): void {
  response.append('Set-Cookie', serialize(TOKEN_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: UI_PATH, secure: request.secure, maxAge: 0 }));
}

/** The request's CSRF token, issuing one (as a cookie) when the browser has none yet. */
export function csrfTokenFor(request: Request, response: Response): string {
  const existing = cookiesOf(request)[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  response.append('Set-Cookie', sessionCookie(CSRF_COOKIE, token, request));
  // Later calls in the same request see the token just issued.
  request.headers.cookie = `${request.headers.cookie ? `${request.headers.cookie}; ` : ''}${CSRF_COOKIE}=${token}`;
  return token;
}

/** Whether a form post carries the same CSRF token as the browser's cookie (a page of this site rendered the form). */
export function csrfTokenMatches(request: Request, submitted: unknown): boolean {
  const expected = cookiesOf(request)[CSRF_COOKIE];
  if (typeof submitted !== 'string' || !expected || submitted.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(submitted), Buffer.from(expected));
}

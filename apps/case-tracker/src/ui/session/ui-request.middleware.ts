import { randomBytes } from 'node:crypto';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { TOKEN_COOKIE, cookiesOf } from './ui-session';

const FORM_LIMIT_BYTES = 16 * 1024;

/** What the middleware leaves for the page controllers. */
export interface UiLocals {
  cspNonce: string;
  form?: URLSearchParams;
}

export function uiLocals(response: Response): UiLocals {
  return response.locals as UiLocals;
}

/**
 * For every page: a Content-Security-Policy that lets in only this service's own scripts, styles, fonts
 * and images (and the GOV.UK template's one inline script, by nonce); the session cookie's token as the
 * bearer token the auth guard checks, so pages are held to exactly the API's roles and rate limit; and
 * the small URL-encoded body of a form post.
 */
@Injectable()
export class UiRequestMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    const nonce = randomBytes(16).toString('base64');
    uiLocals(response).cspNonce = nonce;
    response.setHeader(
      'Content-Security-Policy',
      [
        "default-src 'none'",
        `script-src 'self' 'nonce-${nonce}'`,
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "manifest-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join('; '),
    );
    const token = cookiesOf(request)[TOKEN_COOKIE];
    if (token && !request.headers.authorization) request.headers.authorization = `Bearer ${token}`;
    if (request.method === 'POST' && (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
      readForm(request, response, next);
      return;
    }
    next();
  }
}

function readForm(request: Request, response: Response, next: NextFunction): void {
  const chunks: Buffer[] = [];
  let size = 0;
  request.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= FORM_LIMIT_BYTES) chunks.push(chunk);
  });
  request.on('end', () => {
    uiLocals(response).form = size <= FORM_LIMIT_BYTES ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : new URLSearchParams();
    next();
  });
  request.on('error', next);
}

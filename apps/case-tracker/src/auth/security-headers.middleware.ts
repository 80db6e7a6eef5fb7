import type { NextFunction, Request, Response } from 'express';

/**
 * Headers that keep browsers from sniffing, framing or caching what the API returns (it returns
 * children's records). The API documentation pages need scripts and styles, so they get a looser policy.
 */
export function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  if (request.path.startsWith('/docs')) {
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
    );
  } else {
    response.setHeader('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
}

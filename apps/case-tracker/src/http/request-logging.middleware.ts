import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '@csc/runtime';

/** One structured line per request once it has been answered: method, path, status, duration. */
export function requestLogging(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const level = response.statusCode >= 500 ? 'error' : 'info';
      logger[level]({ method: request.method, path: request.path, status: response.statusCode, durationMs: Math.round(durationMs * 10) / 10 }, 'request');
    });
    next();
  };
}

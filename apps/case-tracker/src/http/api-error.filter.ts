import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { EventStoreUnavailable, InvalidAppend, isDatabaseUnavailable, StreamNotWritable } from '@csc/event-store';
import type { Request, Response } from 'express';
import type { Logger } from '@csc/runtime';

/** The one error shape every endpoint answers with. */
export interface ApiErrorBody {
  error: { code: string; message: string; field?: string; [more: string]: unknown };
  [more: string]: unknown;
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
}

/**
 * Maps every error to `{ error: { code, message, field } }` with the right status. Unexpected errors
 * are logged in full and answered with a plain 500 that never echoes a stack trace or a secret.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body } = this.describe(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, method: request.method, url: request.originalUrl }, 'request failed');
    }
    if (!response.headersSent) response.status(status).json(capped(body));
  }

  private describe(exception: unknown): { status: number; body: ApiErrorBody } {
    // Nest wraps body-parser's errors in an HttpException whose cause is the original.
    const parserError = ((exception as { cause?: unknown })?.cause ?? exception) as BodyParserError;
    if (parserError?.type === 'entity.parse.failed') {
      return error(HttpStatus.BAD_REQUEST, 'INVALID_JSON', 'The request body is not valid JSON');
    }
    if (parserError?.type === 'entity.too.large') {
      return error(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'PAYLOAD_TOO_LARGE',
        `The request body is larger than the limit of ${parserError.limit ?? 'the configured'} bytes; send fewer events per request`,
      );
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      if (typeof payload === 'object' && payload !== null && 'error' in payload && typeof (payload as ApiErrorBody).error === 'object') {
        return { status, body: payload as ApiErrorBody };
      }
      const message = typeof payload === 'string' ? payload : String((payload as { message?: unknown }).message ?? exception.message);
      return error(
        status,
        codeForStatus(status),
        Array.isArray((payload as { message?: unknown }).message) ? (payload as { message: string[] }).message.join('; ') : message,
      );
    }
    if (exception instanceof EventStoreUnavailable) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, exception.code, 'The event store is unavailable; nothing was recorded by this request. Retry later.');
    }
    if (exception instanceof StreamNotWritable) {
      // A deleted stream stays deleted (EventStoreDB's tombstone): the client must not retry. Access denied is
      // the service's own credentials, not the caller's fault: unavailable until an operator fixes them.
      return exception.reason === 'deleted'
        ? error(HttpStatus.GONE, exception.code, `${exception.streamId} was deleted in the event store; nothing was recorded for it.`, 'childId')
        : error(HttpStatus.SERVICE_UNAVAILABLE, exception.code, 'The event store refused the service access; nothing was recorded by this request.');
    }
    if (exception instanceof InvalidAppend) {
      return error(HttpStatus.UNPROCESSABLE_ENTITY, exception.code, `The event store refused the append: ${exception.message}`, exception.field);
    }
    if (isDatabaseUnavailable(exception)) {
      return error(HttpStatus.SERVICE_UNAVAILABLE, 'DATABASE_UNAVAILABLE', 'The database is unavailable; nothing was recorded by this request. Retry later.');
    }
    return error(
      HttpStatus.INTERNAL_SERVER_ERROR,
      'INTERNAL_ERROR',
      'The request failed unexpectedly; it has been logged. Retry, and report it if it persists.',
    );
  }
}

/** The longest message and field an error answer carries: a huge request cannot make a huge answer. */
export const MAX_ERROR_MESSAGE_LENGTH = 2_000;
export const MAX_ERROR_FIELD_LENGTH = 200;

/**
 * The body with its text cut to size: the code, message and field, which can echo what a client sent. What an
 * endpoint adds beside them (an import's file, line and report) is the service's own and is kept.
 */
function capped(body: ApiErrorBody): ApiErrorBody {
  const { code, message, field, ...more } = body.error;
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}... (${text.length - max} more characters)` : text);
  return {
    ...body,
    error: {
      ...more,
      code: cut(String(code), 64),
      message: cut(String(message), MAX_ERROR_MESSAGE_LENGTH),
      ...(field !== undefined ? { field: cut(String(field), MAX_ERROR_FIELD_LENGTH) } : {}),
    },
  };
}

function error(status: number, code: string, message: string, field?: string): { status: number; body: ApiErrorBody } {
  return { status, body: { error: { code, message, ...(field ? { field } : {}) } } };
}

function codeForStatus(status: number): string {
  const known: Record<number, string> = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHORIZED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    415: 'UNSUPPORTED_MEDIA_TYPE',
    429: 'TOO_MANY_REQUESTS',
    503: 'SERVICE_UNAVAILABLE',
  };
  return known[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST');
}

import type { ArgumentsHost } from '@nestjs/common';
import { InvalidAppend, StreamNotWritable } from '@csc/event-store';
import { createLogger } from '@csc/runtime';
import { ApiErrorFilter } from './api-error.filter';

/** Runs the filter on one error and answers the status and body it would send. */
function answer(exception: unknown): { status: number; body: unknown } {
  const sent: { status: number; body: unknown } = { status: 0, body: undefined };
  const response = {
    headersSent: false,
    status(code: number) {
      sent.status = code;
      return this;
    },
    json(body: unknown) {
      sent.body = body;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ method: 'POST', originalUrl: '/v1/events' }) }) };
  new ApiErrorFilter(createLogger('silent')).catch(exception, host as unknown as ArgumentsHost);
  return sent;
}

describe('ApiErrorFilter maps the event store refusals the ingest path can meet', () => {
  it('answers 410 for a stream deleted in the event store, naming the stream', () => {
    expect(answer(new StreamNotWritable('child-C1', 'deleted', 'tombstoned'))).toEqual({
      status: 410,
      body: { error: { code: 'STREAM_NOT_WRITABLE', message: expect.stringContaining('child-C1'), field: 'childId' } },
    });
  });

  it('answers 503, not 500, when the event store refuses the service access', () => {
    expect(answer(new StreamNotWritable('child-C1', 'access-denied', 'denied'))).toMatchObject({
      status: 503,
      body: { error: { code: 'STREAM_NOT_WRITABLE' } },
    });
  });

  it('answers 422 with the field for an append the store refuses, such as one over its size limit', () => {
    expect(answer(new InvalidAppend('the append is larger than the 1 MiB the server accepts', 'events'))).toEqual({
      status: 422,
      body: { error: { code: 'INVALID_APPEND', message: expect.stringContaining('1 MiB'), field: 'events' } },
    });
  });
});

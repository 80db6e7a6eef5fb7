import {
  CancelledError,
  DeadlineExceededError,
  NO_STREAM,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { EventStoreUnavailable } from '../errors';
import { toStoreError } from './esdb-errors';
import { fromCurrentRevision } from './esdb-positions';

/** The shape @grpc/grpc-js gives a failed call, before the client converts it. */
function grpcError(code: number, details: string): Error {
  return Object.assign(new Error(`${code} ${details}`), { code, details });
}

describe('EventStoreDB error translation', () => {
  it('turns the client conversion of a gRPC UNAVAILABLE into EventStoreUnavailable that says what to do', () => {
    const clientError = convertToCommandError(grpcError(14, 'No connection established'));
    expect(clientError).toBeInstanceOf(UnavailableError);

    const translated = toStoreError(clientError, 'append to child-1');

    expect(translated).toBeInstanceOf(EventStoreUnavailable);
    expect(translated).toMatchObject({ code: 'EVENT_STORE_UNAVAILABLE', cause: clientError });
    expect(translated.message).toMatch(/^Could not append to child-1: EventStoreDB is unreachable/);
    expect(translated.message).toMatch(/EVENTSTORE_CONNECTION_STRING/);
    expect(translated.message).toMatch(/retry it with the same event ids/);
  });

  it.each([
    ['a deadline', new DeadlineExceededError(undefined, 'deadline exceeded'), /did not answer in time/],
    ['a server timeout', new TimeoutError(undefined, 'timed out'), /did not answer in time/],
    ['a gRPC DEADLINE_EXCEEDED left unconverted', grpcError(4, 'Deadline exceeded'), /did not answer in time/],
    ['a server cancellation', new CancelledError(undefined, 'cancelled'), /unreachable/],
    ['a failed cluster discovery', new Error('Failed to discover after 10 attempts.'), /unreachable/],
    ['a gRPC UNAVAILABLE left unconverted', grpcError(14, 'Connection dropped'), /unreachable/],
  ])('treats %s as unavailable', (_, error, message) => {
    const translated = toStoreError(error, 'read the log');
    expect(translated).toBeInstanceOf(EventStoreUnavailable);
    expect(translated.message).toMatch(message);
  });

  it('passes every other error through unchanged', () => {
    const wrongVersion = new WrongExpectedVersionError(undefined, { streamName: 'child-1', expected: 0n, current: 1n });
    const notFound = new StreamNotFoundError(undefined, 'child-1');
    expect(toStoreError(wrongVersion, 'append to child-1')).toBe(wrongVersion);
    expect(toStoreError(notFound, 'read child-1')).toBe(notFound);
    expect(toStoreError('boom', 'read child-1')).toEqual(new Error('boom'));
  });

  it("reads the stream's actual revision from WrongExpectedVersionError.actualVersion", () => {
    const moved = new WrongExpectedVersionError(undefined, { streamName: 'child-1', expected: 0n, current: 4n });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'child-2', expected: 3n, current: NO_STREAM });
    expect(fromCurrentRevision(moved.actualVersion)).toBe(4);
    expect(fromCurrentRevision(missing.actualVersion)).toBe(-1);
  });
});

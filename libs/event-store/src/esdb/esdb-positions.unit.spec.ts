import { NO_STREAM, START } from '@eventstore/db-client';
import { describeRevision, fromCurrentRevision, isEventPosition, satisfies, toAppendRevision, toLogPosition, toReadPosition } from './esdb-positions';

describe('EventStoreDB positions and revisions', () => {
  it('turns a commit position into a port position, refusing what a number cannot hold exactly', () => {
    expect(toLogPosition(123_456n)).toBe(123_456);
    expect(toLogPosition(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toLogPosition(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
    expect(() => toLogPosition(-1n)).toThrow(RangeError);
  });

  it('reads from the start for 0 and from the event itself otherwise', () => {
    expect(toReadPosition(0)).toBe(START);
    expect(toReadPosition(4_096)).toEqual({ commit: 4_096n, prepare: 4_096n });
    expect(() => toReadPosition(-1)).toThrow(RangeError);
    expect(() => toReadPosition(1.5)).toThrow(RangeError);
  });

  it('knows an event position (commit = prepare) from a read position', () => {
    expect(isEventPosition({ commit: 10n, prepare: 10n })).toBe(true);
    expect(isEventPosition({ commit: 10n, prepare: 0n })).toBe(false);
  });

  it('appends at the exact head it chained against', () => {
    expect(toAppendRevision(-1)).toBe(NO_STREAM);
    expect(toAppendRevision(0)).toBe(0n);
    expect(toAppendRevision(41)).toBe(41n);
  });

  it("reads the client's current revision, 'no_stream' being -1", () => {
    expect(fromCurrentRevision(NO_STREAM)).toBe(-1);
    expect(fromCurrentRevision(7n)).toBe(7);
    expect(describeRevision(-1)).toBe('no-stream');
    expect(describeRevision(3)).toBe(3);
  });

  it.each([
    ['any', -1, true],
    ['any', 5, true],
    ['no-stream', -1, true],
    ['no-stream', 0, false],
    ['exists', -1, false],
    ['exists', 0, true],
    [2, 2, true],
    [2, 3, false],
    [0, -1, false],
  ] as const)('expected %p against head %p: %p', (expected, head, result) => {
    expect(satisfies(expected, head)).toBe(result);
  });
});

import { chainEvents, GENESIS_HASH, signStreamHead, type ChainLink, type EventStore, type JsonObject, type StreamCheckpoint } from '@csc/event-store';
import { eventIdSequence } from '../../domain/testing';
import { LogChainWalk, verifyStream } from './chain-verification';

/** A stream of `count` events as a store would have stored them, chained from the genesis hash. */
function storedStream(streamId: string, count: number): ChainLink[] {
  const nextId = eventIdSequence(streamId);
  const events = Array.from({ length: count }, (_, index) => ({
    eventId: nextId(),
    type: 'StatutoryVisitMade',
    data: { visitId: `V${index}`, seen: true } as JsonObject,
    metadata: { occurredAt: '2024-03-04' } as JsonObject,
  }));
  const recordedAt = new Date('2024-03-04T10:00:00.123Z');
  const { metadata } = chainEvents(streamId, { revision: -1, hash: GENESIS_HASH }, events, recordedAt);
  return events.map((event, revision) => ({ ...event, streamId, revision, metadata: metadata[revision], recordedAt }));
}

const TAMPERINGS: Record<string, (events: ChainLink[]) => ChainLink[]> = {
  'data changed': (events) => events.map((event) => (event.revision === 2 ? { ...event, data: { ...event.data, seen: false } } : event)),
  'metadata changed': (events) =>
    events.map((event) => (event.revision === 1 ? { ...event, metadata: { ...event.metadata, occurredAt: '2024-03-05' } } : event)),
  'recorded at another time': (events) => events.map((event) => (event.revision === 2 ? { ...event, recordedAt: new Date('2023-01-01T00:00:00Z') } : event)),
  'event deleted': (events) => events.filter((event) => event.revision !== 3),
  'first event deleted': (events) => events.slice(1),
  'link rewritten': (events) =>
    events.map((event) => (event.revision === 3 ? { ...event, metadata: { ...event.metadata, previousHash: GENESIS_HASH } } : event)),
  'two events swapped': (events) => [events[0], { ...events[2], revision: 1 }, { ...events[1], revision: 2 }, ...events.slice(3)],
  untouched: (events) => events,
};

describe('checking the chains while walking the whole log', () => {
  it.each(Object.entries(TAMPERINGS))('finds the same first break as verifyChain when %s', (_, tamper) => {
    const streams = ['child-A', 'child-BB', 'access-A'].map((streamId) => tamper(storedStream(streamId, 5)));
    // Interleave the streams as the global log would, keeping each stream's order.
    const log = [0, 1, 2, 3, 4].flatMap((index) => streams.map((stream) => stream[index]).filter((event) => event !== undefined));
    const walk = new LogChainWalk();
    for (const event of log) walk.check(event);
    const summary = walk.summary();
    for (const stream of streams) {
      const whole = verifyStream(stream[0].streamId, stream);
      const found = summary.broken.find((broken) => broken.streamId === stream[0].streamId);
      expect({ stream: stream[0].streamId, firstBreak: found && { ...found, streamId: undefined } }).toEqual({
        stream: stream[0].streamId,
        firstBreak: whole.firstBreak && { ...whole.firstBreak, streamId: undefined },
      });
    }
    expect(summary.events).toBe(log.length);
    expect(summary.streams).toBe(3);
  });

  it('names what differs in words a person can act on', () => {
    expect(verifyStream('child-A', TAMPERINGS['data changed'](storedStream('child-A', 4))).firstBreak).toMatchObject({
      problem: 'content changed',
      revision: 2,
      message: expect.stringContaining('changed after it was recorded'),
    });
    expect(verifyStream('child-A', TAMPERINGS['event deleted'](storedStream('child-A', 5))).firstBreak).toMatchObject({
      problem: 'revision gap',
      revision: 4,
      expected: 3,
      message: expect.stringContaining('revision 3 is missing'),
    });
  });
});

describe('checking the signed heads after the walk', () => {
  const key = Buffer.from('k'.repeat(32));
  const storeOf = (checkpoints: StreamCheckpoint[]) =>
    ({
      readStreamCheckpoints: async (after: string) => checkpoints.filter((c) => c.streamId > after),
      readStream: async (streamId: string) => stored.filter((event) => event.streamId === streamId),
    }) as unknown as EventStore;
  let stored: ChainLink[] = [];
  const signed = (stream: ChainLink[], revision = stream.length - 1): StreamCheckpoint => {
    const hash = String(stream[revision].metadata.hash);
    return { streamId: stream[0].streamId, revision, hash, signature: signStreamHead(key, stream[0].streamId, revision, hash) };
  };

  it('passes streams whose signed head is their last event, and finds a removed tail and a stream emptied', async () => {
    const whole = storedStream('child-A', 4);
    const cut = storedStream('child-B', 4);
    const emptied = storedStream('child-C', 2);
    const walk = new LogChainWalk();
    const late = storedStream('child-D', 3);
    stored = [...whole, ...cut.slice(0, 2), ...late];
    // child-D's events came after the walk's horizon: its signed head is checked against the stream itself.
    for (const event of [...whole, ...cut.slice(0, 2), late[0]]) walk.check(event);
    await walk.checkSignedHeads(storeOf([signed(whole), signed(cut), signed(emptied), signed(late)]), key);
    const summary = walk.summary();
    expect(summary.broken.map(({ streamId, problem, revision }) => ({ streamId, problem, revision }))).toEqual([
      { streamId: 'child-B', problem: 'events-missing', revision: 3 },
      { streamId: 'child-C', problem: 'events-missing', revision: 1 },
    ]);
    expect(summary.intactStreams).toBe(2);
  });
});

/**
 * A real EventStoreDBClient (6.2.1) whose gRPC service stubs answer from a per-test script: every
 * request is built, and every answer decoded, by the client's own code (readStream, readAll,
 * subscribeToAll, batchAppend, ServerFeatures, ReadStream, Subscription, convertGrpcEvent,
 * unpackToCommandError). The script says what the server answers; nothing here imitates how a
 * server decides, so these tests show the adapter's handling of those answers and nothing more.
 */
import { Duplex, Readable } from 'node:stream';
import { EventStoreDBClient } from '@eventstore/db-client';
import { ServerFeaturesClient } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import type { BatchAppendReq, BatchAppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { eventMessage, streamNotFoundMessage, type StoredRecord } from './server-messages';

export type ReadFrom = 'start' | 'end' | bigint;

/** What the client asked for, decoded from its ReadReq. */
export interface ScriptedRead {
  streamId?: string;
  /** Stream reads: 'start', 'end' or a revision. */
  fromRevision?: ReadFrom;
  /** $all reads and subscriptions: 'start', 'end' or the commit position asked for. */
  fromPosition?: ReadFrom;
  backwards: boolean;
  count?: number;
  subscription: boolean;
  filter?: { on: 'stream' | 'event-type'; prefixes: string[]; regex: string; checkpointIntervalMultiplier: number };
}

export interface ProposedEvent {
  eventId: string;
  type: string;
  data: unknown;
  metadata: unknown;
}

export interface ScriptedAppend {
  streamId: string;
  expected: 'any' | 'no_stream' | 'stream_exists' | bigint;
  events: ProposedEvent[];
}

/** The server's answer to one read: its messages, then the end, an error, or (subscriptions) staying open. */
export interface ReadReply {
  messages: ReadResp[];
  error?: Error;
  stayOpen?: boolean;
}

export interface Script {
  read?(request: ScriptedRead): ReadReply;
  append?(request: ScriptedAppend): BatchAppendResp;
  /** Reported by ServerFeatures.GetSupportedMethods; batch append is always listed, as from 21.10 on. */
  serverVersion?: string;
}

export interface OpenRead {
  request: ScriptedRead;
  /** Sends more messages on a read that stayed open (a live subscription). */
  push(...messages: ReadResp[]): void;
  cancelled: boolean;
}

export interface ScriptedClient {
  client: EventStoreDBClient;
  reads: OpenRead[];
  appends: ScriptedAppend[];
}

export function scriptedClient(script: Script): ScriptedClient {
  const client = new EventStoreDBClient({ endpoint: 'scripted.invalid:2113' }, { insecure: true });
  const reads: OpenRead[] = [];
  const appends: ScriptedAppend[] = [];
  const streams = {
    read: (request: ReadReq) => {
      const decoded = decodeRead(request);
      const reply = script.read?.(decoded) ?? { messages: [] };
      const stream = new ScriptedReadable(reply);
      reads.push({
        request: decoded,
        push: (...messages) => stream.add(messages),
        get cancelled() {
          return stream.cancelled;
        },
      });
      return stream;
    },
    batchAppend: () => batchAppendStream(script, appends),
  };
  const features = {
    getSupportedMethods: (_: unknown, callback: (error: Error | null, methods: SupportedMethods) => void) => {
      const batchAppend = new SupportedMethod().setServiceName('event_store.client.streams.streams').setMethodName('batchappend');
      setImmediate(() => callback(null, new SupportedMethods().setEventStoreServerVersion(script.serverVersion ?? '24.10.0').setMethodsList([batchAppend])));
    },
  };
  (client as unknown as { getGRPCClient: (Client: unknown) => Promise<unknown> }).getGRPCClient = async (Client) => {
    if (Client === StreamsClient) return streams;
    if (Client === ServerFeaturesClient) return features;
    throw new Error('The scripted client answers only the Streams and ServerFeatures services');
  };
  return { client, reads, appends };
}

/** A gRPC server stream: yields the scripted messages, then ends, fails or waits for more. */
class ScriptedReadable extends Readable {
  private readonly queue: ReadResp[];
  private waiting = false;
  cancelled = false;

  constructor(private readonly reply: ReadReply) {
    super({ objectMode: true });
    this.queue = [...reply.messages];
  }

  add(messages: ReadResp[]): void {
    this.queue.push(...messages);
    if (this.waiting) this._read();
  }

  cancel(): void {
    this.cancelled = true;
    this.push(null);
  }

  override _read(): void {
    this.waiting = false;
    const next = this.queue.shift();
    if (next) {
      this.push(next);
      return;
    }
    if (this.reply.error) {
      const error = this.reply.error;
      setImmediate(() => this.destroy(error));
    } else if (this.reply.stayOpen && !this.cancelled) {
      this.waiting = true;
    } else {
      this.push(null);
    }
  }
}

function batchAppendStream(script: Script, appends: ScriptedAppend[]): Duplex {
  const pending = new Map<string, { options: BatchAppendReq.Options; events: ProposedEvent[] }>();
  const duplex = new Duplex({
    objectMode: true,
    read() {},
    write(request: BatchAppendReq, _encoding, done) {
      const correlation = request.getCorrelationId()!;
      const key = correlation.serializeBinary().toString();
      const batch = pending.get(key) ?? { options: request.getOptions()!, events: [] };
      pending.set(key, batch);
      batch.events.push(...request.getProposedMessagesList().map(decodeProposed));
      if (request.getIsFinal()) {
        pending.delete(key);
        const append = decodeAppend(batch.options, batch.events);
        appends.push(append);
        if (!script.append) throw new Error(`The script has no answer for an append to ${append.streamId}`);
        const response = script.append(append).setCorrelationId(correlation).setStreamIdentifier(batch.options.getStreamIdentifier());
        setImmediate(() => duplex.push(response));
      }
      done();
    },
  });
  return duplex;
}

function decodeProposed(message: BatchAppendReq.ProposedMessage): ProposedEvent {
  const text = (bytes: Uint8Array): unknown => (bytes.length === 0 ? undefined : JSON.parse(Buffer.from(bytes).toString('utf8')));
  return {
    eventId: message.getId()!.getString(),
    type: message.getMetadataMap().get('type')!,
    data: text(message.getData_asU8()),
    metadata: text(message.getCustomMetadata_asU8()),
  };
}

function decodeAppend(options: BatchAppendReq.Options, events: ProposedEvent[]): ScriptedAppend {
  const streamId = Buffer.from(options.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
  let expected: ScriptedAppend['expected'] = 'any';
  if (options.hasStreamPosition()) expected = BigInt(options.getStreamPosition());
  else if (options.hasNoStream()) expected = 'no_stream';
  else if (options.hasStreamExists()) expected = 'stream_exists';
  return { streamId, expected, events };
}

function decodeRead(request: ReadReq): ScriptedRead {
  const options = request.getOptions()!;
  const decoded: ScriptedRead = {
    backwards: options.getReadDirection() === 1,
    subscription: options.hasSubscription(),
    ...(options.hasCount() ? { count: Number(options.getCount()) } : {}),
  };
  if (options.hasStream()) {
    const stream = options.getStream()!;
    decoded.streamId = Buffer.from(stream.getStreamIdentifier()!.getStreamName_asU8()).toString('utf8');
    decoded.fromRevision = stream.hasStart() ? 'start' : stream.hasEnd() ? 'end' : BigInt(stream.getRevision());
  } else {
    const all = options.getAll()!;
    decoded.fromPosition = all.hasStart() ? 'start' : all.hasEnd() ? 'end' : BigInt(all.getPosition()!.getCommitPosition());
  }
  if (options.hasFilter()) {
    const filter = options.getFilter()!;
    const expression = filter.hasStreamIdentifier() ? filter.getStreamIdentifier()! : filter.getEventType()!;
    decoded.filter = {
      on: filter.hasStreamIdentifier() ? 'stream' : 'event-type',
      prefixes: expression.getPrefixList(),
      regex: expression.getRegex(),
      checkpointIntervalMultiplier: filter.getCheckpointintervalmultiplier(),
    };
  }
  return decoded;
}

/**
 * Answers stream reads from the records a test says each stream holds: forwards from a revision,
 * backwards from the end, or stream-not-found for a stream with none.
 */
export function answerStreamReads(streams: Map<string, StoredRecord[]>): (request: ScriptedRead) => ReadReply {
  return (request) => {
    const records = streams.get(request.streamId ?? '') ?? [];
    if (records.length === 0) return { messages: [streamNotFoundMessage(request.streamId ?? '')] };
    const count = request.count ?? records.length;
    if (request.backwards) {
      const end = request.fromRevision === 'end' || request.fromRevision === undefined ? records.length - 1 : Number(request.fromRevision);
      return {
        messages: records
          .slice(Math.max(0, end - count + 1), end + 1)
          .reverse()
          .map((record) => eventMessage(record)),
      };
    }
    const start = request.fromRevision === 'start' || request.fromRevision === undefined ? 0 : Number(request.fromRevision);
    return { messages: records.slice(start, start + count).map((record) => eventMessage(record)) };
  };
}

/** The record a server would hold for a proposed event stored at this revision and position. */
export function storedFrom(streamId: string, revision: number, commit: number, event: ProposedEvent): StoredRecord {
  return { streamId, eventId: event.eventId, revision, type: event.type, data: event.data, metadata: event.metadata, commit: String(commit) };
}

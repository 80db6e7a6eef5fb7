import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { EventToAppend, JsonValue, JsonObject } from './event-store';
import type { StreamHead } from './stream-heads';

/**
 * Tamper evidence: every stored event's metadata carries `hash`, the SHA-256 of the previous event's
 * hash followed by this event's canonical content, and `previousHash`. Changing any stored event breaks
 * its own hash and every later link of its stream's chain. This file is the one place the hash is defined:
 * it is computed over what is stored, exactly as stored.
 *
 * Versions (`chainVersion` in the stored metadata; absent means 1):
 * - 1: id, type, stream, revision, data, metadata.
 * - 2: the same and `recordedAt`, so changing when an event was recorded (what `asKnownAt` answers) breaks
 *   the chain too. Events stored under version 1 keep their hashes and are verified as version 1: a hash
 *   cannot be recomputed without destroying the evidence it is. New events on every SQL store are version 2;
 *   EventStoreDB sets its own record time, which no client can change, and stays on version 1.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const CHAIN_VERSION = 2;
export type ChainVersion = 1 | 2;
export const RESERVED_METADATA_KEYS = ['hash', 'previousHash', 'chainVersion'] as const;

export interface ChainedContent {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  data: JsonObject;
  /** The caller's metadata, without `hash`, `previousHash` and `chainVersion`. */
  metadata: JsonObject;
  /** When the store recorded the event (covered from version 2). */
  recordedAt: Date;
}

/** JSON with object keys sorted and no whitespace: one text per value, whatever the key order. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === null || typeof value !== 'object') {
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) {
    return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  }
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
}

export function chainHash(previousHash: string, content: ChainedContent, version: ChainVersion = CHAIN_VERSION): string {
  const canonical = canonicalJson({
    eventId: content.eventId.toLowerCase(),
    type: content.type,
    streamId: content.streamId,
    revision: content.revision,
    data: content.data,
    metadata: content.metadata,
    ...(version >= 2 ? { recordedAt: content.recordedAt.toISOString() } : {}),
  });
  return createHash('sha256').update(previousHash).update('\n').update(canonical).digest('hex');
}

/** Splits stored metadata into the caller's part and the chain links the store added. */
export function splitStoredMetadata(stored: JsonObject): { metadata: JsonObject; hash?: string; previousHash?: string; chainVersion: ChainVersion } {
  const { hash, previousHash, chainVersion, ...metadata } = stored;
  return {
    metadata,
    hash: typeof hash === 'string' ? hash : undefined,
    previousHash: typeof previousHash === 'string' ? previousHash : undefined,
    chainVersion: chainVersion === 2 ? 2 : 1,
  };
}

/** The hash a stored event should carry, recomputed from its stored content under its own chain version. */
export function recomputeStoredHash(previousHash: string, event: ChainLink): string {
  const stored = splitStoredMetadata(event.metadata);
  return chainHash(previousHash, { ...event, metadata: stored.metadata }, stored.chainVersion);
}

export interface ChainLink {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  data: JsonObject;
  metadata: JsonObject;
  recordedAt: Date;
}

export type ChainBreak =
  | { kind: 'content-changed'; eventId: string; revision: number; expected: string; stored: string | undefined }
  | { kind: 'link-broken'; eventId: string; revision: number; expected: string; stored: string | undefined }
  | { kind: 'revision-gap'; eventId: string; revision: number; expectedRevision: number };

/** Recomputes a stream's chain from its first event and returns the first break, if any. */
export function verifyChain(events: Iterable<ChainLink>): { checked: number; lastHash: string; firstBreak?: ChainBreak } {
  let previousHash = GENESIS_HASH;
  let expectedRevision = 0;
  let checked = 0;
  for (const event of events) {
    const stored = splitStoredMetadata(event.metadata);
    if (event.revision !== expectedRevision) {
      return { checked, lastHash: previousHash, firstBreak: { kind: 'revision-gap', eventId: event.eventId, revision: event.revision, expectedRevision } };
    }
    if (stored.previousHash !== previousHash) {
      return {
        checked,
        lastHash: previousHash,
        firstBreak: { kind: 'link-broken', eventId: event.eventId, revision: event.revision, expected: previousHash, stored: stored.previousHash },
      };
    }
    const recomputed = recomputeStoredHash(previousHash, event);
    if (stored.hash !== recomputed) {
      return {
        checked,
        lastHash: previousHash,
        firstBreak: { kind: 'content-changed', eventId: event.eventId, revision: event.revision, expected: recomputed, stored: stored.hash },
      };
    }
    previousHash = recomputed;
    expectedRevision += 1;
    checked += 1;
  }
  return { checked, lastHash: previousHash };
}

export interface ChainedEvents {
  /** The metadata to store with each event: the caller's, plus `previousHash` and `hash`. */
  metadata: JsonObject[];
  lastHash: string;
  /** The time the events are stored as recorded at (a store that sets its own keeps this unused). */
  recordedAt: Date;
}

/**
 * Chains events to be appended after `head`, recorded at `recordedAt`, computing the metadata each is
 * stored with (version 1 for a store that sets its own record time).
 */
export function chainEvents(
  streamId: string,
  head: StreamHead,
  events: readonly EventToAppend[],
  recordedAt: Date,
  version: ChainVersion = CHAIN_VERSION,
): ChainedEvents {
  let previousHash = head.hash;
  const metadata = events.map((event, index) => {
    const callerMetadata = event.metadata ?? {};
    const hash = chainHash(
      previousHash,
      { eventId: event.eventId, type: event.type, streamId, revision: head.revision + 1 + index, data: event.data, metadata: callerMetadata, recordedAt },
      version,
    );
    const stored: JsonObject = { ...callerMetadata, previousHash, hash, ...(version >= 2 ? { chainVersion: version } : {}) };
    previousHash = hash;
    return stored;
  });
  return { metadata, lastHash: previousHash, recordedAt };
}

/** A stream's head as signed when it was appended: the store keeps one per stream, the key is kept elsewhere. */
export interface StreamCheckpoint {
  streamId: string;
  revision: number;
  hash: string;
  signature: string;
}

/** HMAC-SHA256 of a stream's head: only a holder of the key can make one, so a recomputed chain cannot be re-signed. */
export function signStreamHead(key: Buffer, streamId: string, revision: number, hash: string): string {
  return createHmac('sha256', key).update(`csc-stream-head-v1\n${streamId}\n${revision}\n${hash}`).digest('hex');
}

export function isValidCheckpointSignature(key: Buffer, checkpoint: StreamCheckpoint): boolean {
  const expected = Buffer.from(signStreamHead(key, checkpoint.streamId, checkpoint.revision, checkpoint.hash), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(checkpoint.signature) ? checkpoint.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

import { createHash } from 'node:crypto';
import type { EventToAppend, JsonValue, JsonObject } from './event-store';
import type { StreamHead } from './stream-heads';

/**
 * Tamper evidence: every stored event's metadata carries `hash`, the SHA-256 of the previous event's
 * hash followed by this event's canonical content, and `previousHash`. Changing any stored event breaks
 * its own hash and every later link of its stream's chain.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const RESERVED_METADATA_KEYS = ['hash', 'previousHash'] as const;

export interface ChainedContent {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  data: JsonObject;
  /** The caller's metadata, without `hash` and `previousHash`. */
  metadata: JsonObject;
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

export function chainHash(previousHash: string, content: ChainedContent): string {
  const canonical = canonicalJson({
    eventId: content.eventId.toLowerCase(),
    type: content.type,
    streamId: content.streamId,
    revision: content.revision,
    data: content.data,
    metadata: content.metadata,
  });
  return createHash('sha256').update(previousHash).update('\n').update(canonical).digest('hex');
}

/** Splits stored metadata into the caller's part and the chain links the store added. */
export function splitStoredMetadata(stored: JsonObject): { metadata: JsonObject; hash?: string; previousHash?: string } {
  const { hash, previousHash, ...metadata } = stored;
  return {
    metadata,
    hash: typeof hash === 'string' ? hash : undefined,
    previousHash: typeof previousHash === 'string' ? previousHash : undefined,
  };
}

export interface ChainLink {
  eventId: string;
  type: string;
  streamId: string;
  revision: number;
  data: JsonObject;
  metadata: JsonObject;
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
    const recomputed = chainHash(previousHash, { ...event, metadata: stored.metadata });
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
}

/** Chains events to be appended after `head`, computing the metadata each is stored with. */
export function chainEvents(streamId: string, head: StreamHead, events: readonly EventToAppend[]): ChainedEvents {
  let previousHash = head.hash;
  const metadata = events.map((event, index) => {
    const callerMetadata = event.metadata ?? {};
    const hash = chainHash(previousHash, {
      eventId: event.eventId,
      type: event.type,
      streamId,
      revision: head.revision + 1 + index,
      data: event.data,
      metadata: callerMetadata,
    });
    const stored = { ...callerMetadata, previousHash, hash };
    previousHash = hash;
    return stored;
  });
  return { metadata, lastHash: previousHash };
}

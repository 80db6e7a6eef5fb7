import { checkStreamCheckpoint, checkpointHolds, type CheckpointCheck } from './checkpoint-verification';
import { GENESIS_HASH, recomputeStoredHash, splitStoredMetadata, verifyChain, type ChainBreak, type ChainLink, type EventStore } from '@csc/event-store';

/** The first event of a stream whose chain does not hold, said so a person can act on it. */
export interface ChainProblem {
  kind: ChainBreak['kind'] | 'signed-head';
  /** What differs: the event's own content, its link to the event before, a missing revision, or the signed head. */
  problem: 'content changed' | 'link broken' | 'revision gap' | 'events-missing' | 'rewritten' | 'signature-invalid' | 'missing';
  eventId: string;
  revision: number;
  message: string;
  /** The hash (or revision) the chain calls for here, and what is stored. */
  expected?: string | number;
  stored?: string | null;
}

export interface StreamVerification {
  streamId: string;
  /** Events whose links were checked and held (all of them when intact). */
  checked: number;
  intact: boolean;
  /** The hash of the last event that verified: compare it with a copy kept elsewhere to detect a rewritten tail. */
  lastHash: string;
  firstBreak?: ChainProblem;
  /** The stream compared with its signed head (checkpoint-verification.ts). */
  checkpoint?: CheckpointCheck;
}

export function describeChainBreak(streamId: string, found: ChainBreak): ChainProblem {
  const at = `${streamId} revision ${found.revision} (event ${found.eventId})`;
  switch (found.kind) {
    case 'content-changed':
      return {
        kind: found.kind,
        problem: 'content changed',
        eventId: found.eventId,
        revision: found.revision,
        message: `${at} no longer matches its hash: its data, metadata, type, id or time of recording were changed after it was recorded`,
        expected: found.expected,
        stored: found.stored ?? null,
      };
    case 'link-broken':
      return {
        kind: found.kind,
        problem: 'link broken',
        eventId: found.eventId,
        revision: found.revision,
        message: `${at} does not link to the event before it: an earlier event was removed, replaced or re-chained`,
        expected: found.expected,
        stored: found.stored ?? null,
      };
    case 'revision-gap':
      return {
        kind: found.kind,
        problem: 'revision gap',
        eventId: found.eventId,
        revision: found.revision,
        message:
          found.revision > found.expectedRevision
            ? `${at} comes where revision ${found.expectedRevision} should: revision ${found.expectedRevision} is missing`
            : `${at} comes where revision ${found.expectedRevision} should: revisions were renumbered or repeated`,
        expected: found.expectedRevision,
        stored: String(found.revision),
      };
  }
}

/** Recomputes one whole stream's chain (every event, from revision 0). */
export function verifyStream(streamId: string, events: Iterable<ChainLink>): StreamVerification {
  const result = verifyChain(events);
  return {
    streamId,
    checked: result.checked,
    intact: result.firstBreak === undefined,
    lastHash: result.lastHash,
    ...(result.firstBreak ? { firstBreak: describeChainBreak(streamId, result.firstBreak) } : {}),
  };
}

interface StreamHeadSeen {
  nextRevision: number;
  hash: string;
  chainVersion: number;
}

const CHECKPOINT_PAGE = 1_000;

/**
 * Checks the chains of every stream while walking the global log once, in log order. Memory grows with
 * the number of streams (each stream's next revision and last hash), never with the number of events.
 * Applies the same three checks, in the same order, as verifyChain.
 */
export class LogChainWalk {
  private readonly heads = new Map<string, StreamHeadSeen>();
  private readonly broken = new Map<string, ChainProblem>();
  private events = 0;

  /** Checks the next event of the log; returns the stream's first break when this event is it. */
  check(event: ChainLink): ChainProblem | undefined {
    this.events += 1;
    if (this.broken.has(event.streamId)) return undefined;
    const head = this.heads.get(event.streamId) ?? { nextRevision: 0, hash: GENESIS_HASH, chainVersion: 1 };
    const found = nextLinkBreak(head, event);
    if (found) {
      const problem = describeChainBreak(event.streamId, found);
      this.broken.set(event.streamId, problem);
      this.heads.delete(event.streamId);
      return problem;
    }
    this.heads.set(event.streamId, {
      nextRevision: event.revision + 1,
      hash: String(event.metadata.hash),
      chainVersion: splitStoredMetadata(event.metadata).chainVersion,
    });
    return undefined;
  }

  /**
   * After the walk: compares every intact stream's head with its signed head (every signed head, so a
   * stream whose events were all removed is found too), and marks broken each one the comparison fails.
   */
  async checkSignedHeads(store: EventStore, key: Buffer | undefined): Promise<void> {
    if (!key || !store.readStreamCheckpoints) return;
    const signed = new Set<string>();
    for (let after = ''; ;) {
      const page = await store.readStreamCheckpoints(after, CHECKPOINT_PAGE);
      for (const checkpoint of page) {
        signed.add(checkpoint.streamId);
        if (this.broken.has(checkpoint.streamId)) continue;
        const head = this.heads.get(checkpoint.streamId);
        const last: ChainLink[] = head ? [headLink(checkpoint.streamId, head)] : [];
        let check = checkStreamCheckpoint(checkpoint.streamId, last, checkpoint, key);
        // The walk stops at the log's horizon: a head signed since may be ahead of it. The stream itself says.
        if (!checkpointHolds(check)) check = checkStreamCheckpoint(checkpoint.streamId, await store.readStream(checkpoint.streamId), checkpoint, key);
        if (!checkpointHolds(check)) this.markBroken(checkpoint.streamId, check, head);
      }
      if (page.length < CHECKPOINT_PAGE) break;
      after = page[page.length - 1].streamId;
    }
    for (const [streamId, head] of this.heads) {
      if (!signed.has(streamId)) {
        const check = checkStreamCheckpoint(streamId, [headLink(streamId, head)], undefined, key);
        if (!checkpointHolds(check)) this.markBroken(streamId, check, head);
      }
    }
  }

  private markBroken(streamId: string, check: CheckpointCheck, head: StreamHeadSeen | undefined): void {
    const revision = 'revision' in check ? check.revision : (head?.nextRevision ?? 0) - 1;
    this.broken.set(streamId, {
      kind: 'signed-head',
      problem: check.status as ChainProblem['problem'],
      eventId: '',
      revision,
      message: 'message' in check ? check.message : check.status,
    });
    this.heads.delete(streamId);
  }

  summary(): { events: number; streams: number; intactStreams: number; broken: Array<{ streamId: string } & ChainProblem> } {
    return {
      events: this.events,
      streams: this.heads.size + this.broken.size,
      intactStreams: this.heads.size,
      broken: [...this.broken].map(([streamId, problem]) => ({ streamId, ...problem })),
    };
  }
}

function nextLinkBreak(head: StreamHeadSeen, event: ChainLink): ChainBreak | undefined {
  const stored = splitStoredMetadata(event.metadata);
  if (event.revision !== head.nextRevision) {
    return { kind: 'revision-gap', eventId: event.eventId, revision: event.revision, expectedRevision: head.nextRevision };
  }
  if (stored.previousHash !== head.hash) {
    return { kind: 'link-broken', eventId: event.eventId, revision: event.revision, expected: head.hash, stored: stored.previousHash };
  }
  const recomputed = recomputeStoredHash(head.hash, event);
  if (stored.hash !== recomputed) {
    return { kind: 'content-changed', eventId: event.eventId, revision: event.revision, expected: recomputed, stored: stored.hash };
  }
  return undefined;
}

/** The one fact of a stream's head the walk keeps, as a link a signed head can be compared with. */
function headLink(streamId: string, head: StreamHeadSeen): ChainLink {
  return {
    eventId: '',
    type: '',
    streamId,
    revision: head.nextRevision - 1,
    data: {},
    metadata: { hash: head.hash, ...(head.chainVersion >= 2 ? { chainVersion: head.chainVersion } : {}) },
    recordedAt: new Date(0),
  };
}

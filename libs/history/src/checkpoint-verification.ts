import { isValidCheckpointSignature, splitStoredMetadata, type ChainLink, type StreamCheckpoint } from '@csc/event-store';

/**
 * What a stream's signed head says about its stored events. The chain alone shows that no event was changed
 * in place; the signed head, made with a key the database does not hold, shows that no tail was removed
 * (`events-missing`) and that the chain was not recomputed from a changed event on (`rewritten`).
 */
export type CheckpointCheck =
  | { status: 'matches'; revision: number }
  | { status: 'events-missing'; revision: number; storedRevision: number; message: string }
  | { status: 'rewritten'; revision: number; message: string; expected: string; stored: string | null }
  | { status: 'signature-invalid'; revision: number; message: string }
  | { status: 'missing'; message: string }
  | { status: 'not-signed' }
  | { status: 'not-checked'; reason: string };

/** True unless the check found the stream altered. */
export function checkpointHolds(check: CheckpointCheck): boolean {
  return check.status === 'matches' || check.status === 'not-signed' || check.status === 'not-checked';
}

/**
 * Compares a stream's events with its signed head. A stream whose last event was chained under version 2
 * was appended by a store that signs every head, so having no signed head then means it was removed.
 */
export function checkStreamCheckpoint(
  streamId: string,
  events: readonly ChainLink[],
  checkpoint: StreamCheckpoint | undefined,
  key: Buffer | undefined,
): CheckpointCheck {
  if (!key) return { status: 'not-checked', reason: 'no checkpoint key was given to check signed heads with' };
  const last = events.at(-1);
  if (!checkpoint) {
    if (last && splitStoredMetadata(last.metadata).chainVersion >= 2) {
      return {
        status: 'missing',
        message: `${streamId} has no signed head, though its last event (revision ${last.revision}) was recorded by a store that signs every head`,
      };
    }
    return { status: 'not-signed' };
  }
  const at = `${streamId} was signed at revision ${checkpoint.revision}`;
  if (!isValidCheckpointSignature(key, checkpoint)) {
    return {
      status: 'signature-invalid',
      revision: checkpoint.revision,
      message: `${at}, but the signature does not match: the signed head was changed or forged`,
    };
  }
  const signed = events.find((event) => event.revision === checkpoint.revision);
  if (!signed) {
    const storedRevision = last ? last.revision : -1;
    return {
      status: 'events-missing',
      revision: checkpoint.revision,
      storedRevision,
      message: `${at}, but its last stored revision is ${storedRevision}: events were removed from its end`,
    };
  }
  const storedHash = splitStoredMetadata(signed.metadata).hash ?? null;
  if (storedHash !== checkpoint.hash) {
    return {
      status: 'rewritten',
      revision: checkpoint.revision,
      message: `${at} with another hash: the chain was recomputed after an event was changed`,
      expected: checkpoint.hash,
      stored: storedHash,
    };
  }
  return { status: 'matches', revision: checkpoint.revision };
}

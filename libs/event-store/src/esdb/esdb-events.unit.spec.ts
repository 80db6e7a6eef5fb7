import type { ResolvedEvent } from '@eventstore/db-client';
import { describeResolved, isSystemRecord, toEventData, toRecordedEvent } from './esdb-events';

const created = new Date('2026-11-02T09:30:00.000Z');

/** What the client's convertGrpcEvent builds for a JSON event read from a stream. */
function resolvedEvent(overrides: Record<string, unknown> = {}, envelope: Partial<ResolvedEvent> = {}): ResolvedEvent {
  return {
    event: {
      streamId: 'child-42',
      id: '6f1c2f0e-7d1a-4a53-9a1b-2b7c9f0e1d3a',
      revision: 2n,
      type: 'AssessmentStarted',
      isJson: true,
      data: { childId: '42', at: '2026-11-01' },
      metadata: { correlationId: 'c-1', previousHash: 'p', hash: 'h' },
      created,
      position: { commit: 1_024n, prepare: 1_024n },
      ...overrides,
    } as ResolvedEvent['event'],
    commitPosition: 1_024n,
    ...envelope,
  };
}

describe('EventStoreDB event conversion', () => {
  it('converts a resolved JSON event to a recorded event', () => {
    expect(toRecordedEvent(resolvedEvent())).toEqual({
      eventId: '6f1c2f0e-7d1a-4a53-9a1b-2b7c9f0e1d3a',
      type: 'AssessmentStarted',
      streamId: 'child-42',
      revision: 2,
      position: 1_024,
      data: { childId: '42', at: '2026-11-01' },
      metadata: { correlationId: 'c-1', previousHash: 'p', hash: 'h' },
      recordedAt: created,
    });
  });

  it('takes the position from the envelope when the record reports none, and says which servers it needs otherwise', () => {
    const unreported = { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n };
    expect(toRecordedEvent(resolvedEvent({ position: unreported })).position).toBe(1_024);
    expect(toRecordedEvent(resolvedEvent({ position: { commit: 0n, prepare: 0n } })).position).toBe(1_024);
    expect(() => toRecordedEvent(resolvedEvent({ position: unreported }, { commitPosition: undefined }))).toThrow(/servers before 22\.6.*23\.10 or later/);
  });

  it('reads absent metadata as an empty object', () => {
    expect(toRecordedEvent(resolvedEvent({ metadata: undefined })).metadata).toEqual({});
  });

  it('refuses events it did not write: binary data, non-object data or metadata, dangling links', () => {
    expect(() => toRecordedEvent(resolvedEvent({ isJson: false, data: new Uint8Array([1, 2]) }))).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent(resolvedEvent({ data: 'not json' }))).toThrow(/not a JSON object/);
    expect(() => toRecordedEvent(resolvedEvent({ metadata: new Uint8Array([1]) }))).toThrow(/metadata that is not a JSON object/);
    expect(() => toRecordedEvent({ commitPosition: 5n })).toThrow(/link/);
  });

  it('describes a record without converting it, so system records need not be JSON', () => {
    expect(describeResolved(resolvedEvent({ streamId: '$stats-node', type: '$statsCollected', isJson: false, data: new Uint8Array() }))).toEqual({
      streamId: '$stats-node',
      type: '$statsCollected',
      position: 1_024,
    });
  });

  it('recognises system records by a $ stream or a $ type', () => {
    expect(isSystemRecord({ streamId: '$$child-1', type: '$metadata' })).toBe(true);
    expect(isSystemRecord({ streamId: '$ce-child', type: '$>' })).toBe(true);
    expect(isSystemRecord({ streamId: 'child-1', type: '$>' })).toBe(true);
    expect(isSystemRecord({ streamId: 'child-1', type: 'AssessmentStarted' })).toBe(false);
  });

  it('proposes JSON events with our id and the chained metadata', () => {
    const proposed = toEventData({ eventId: '6f1c2f0e-7d1a-4a53-9a1b-2b7c9f0e1d3a', type: 'A', data: { n: 1 } }, { previousHash: 'p', hash: 'h' });
    expect(proposed).toEqual({
      id: '6f1c2f0e-7d1a-4a53-9a1b-2b7c9f0e1d3a',
      contentType: 'application/json',
      type: 'A',
      data: { n: 1 },
      metadata: { previousHash: 'p', hash: 'h' },
    });
  });
});

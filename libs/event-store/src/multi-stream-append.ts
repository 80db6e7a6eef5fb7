import type { AppendOptions, AppendResult, EventToAppend, StreamAppend, StreamAppendOutcome } from './event-store';
import { EventStoreError, EventStoreUnavailable, InvalidAppend } from './errors';

/** Refuses a multi-stream append that names a stream twice: its order within the call would be ambiguous. */
export function assertDistinctStreams(appends: readonly StreamAppend[]): void {
  const seen = new Set<string>();
  appends.forEach(({ streamId }, index) => {
    if (seen.has(streamId)) {
      throw new InvalidAppend(
        `A multi-stream append names each stream once; ${JSON.stringify(streamId)} appears again at appends[${index}]`,
        `appends[${index}].streamId`,
      );
    }
    seen.add(streamId);
  });
}

/**
 * Appends stream after stream through `appendToStream`, turning each stream's refusal into its
 * outcome. An unreachable store is no stream's fault: it is thrown, as `appendToStream` throws it.
 */
export async function appendStreamByStream(
  append: (streamId: string, events: readonly EventToAppend[], options: AppendOptions) => Promise<AppendResult>,
  appends: readonly StreamAppend[],
): Promise<StreamAppendOutcome[]> {
  const outcomes: StreamAppendOutcome[] = [];
  for (const { streamId, events, expectedRevision } of appends) {
    try {
      outcomes.push({ ok: true, result: await append(streamId, events, { expectedRevision }) });
    } catch (error) {
      if (!(error instanceof EventStoreError) || error instanceof EventStoreUnavailable) throw error;
      outcomes.push({ ok: false, error });
    }
  }
  return outcomes;
}

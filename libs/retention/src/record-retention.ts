import { randomUUID } from 'node:crypto';
import {
  CHILD_RECORD_DESTROYED,
  CHILD_STREAM_CATEGORY,
  LEGAL_HOLD_PLACED,
  LEGAL_HOLD_RELEASED,
  RETENTION_STREAM_CATEGORY,
  fromStoredEvent,
  isPersonalDataDestroyed,
  retentionStreamId,
  type ChildEvent,
  type ChildRecordDestroyedData,
} from '@csc/contracts';
import { StreamRevisionConflict, type EventStore, type JsonObject, type RecordedEvent } from '@csc/event-store';
import type { ChildKeyStore } from './child-keys';
import { judgeRetention, type RetentionJudgement } from './schedule/retention-judgement';
import type { RetentionSchedule } from './schedule/retention-schedule';
import { summariseRecord } from './schedule/record-summary';

/** The producing system named on the service's own retention events. */
export const RETENTION_SOURCE = 'csc-retention';

/** A refused retention request: a code, a message a person can act on, and the field at fault. */
export class RetentionError extends Error {
  constructor(
    readonly code: 'RECORD_DESTROYED' | 'HOLD_ALREADY_PLACED' | 'NOT_HELD' | 'NOTHING_RECORDED',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'RetentionError';
  }
}

export interface LegalHold {
  reason: string;
  placedBy: string;
  placedAt: string;
}

export interface ReviewedRecord extends RetentionJudgement {
  hold?: LegalHold;
}

export interface RetentionReview {
  asOf: string;
  /** Past retention and not held: what `destroy` would destroy. */
  due: ReviewedRecord[];
  /** Past retention but under a legal hold: kept. */
  held: ReviewedRecord[];
  /** Records whose destruction began but did not finish (announced but key still live, or the other way): `destroy` finishes them. */
  unfinished: string[];
  /** Children whose records are kept for now. */
  kept: number;
  destroyedBefore: number;
}

export type DestructionOutcome =
  | {
      childId: string;
      status: 'destroyed';
      destroyedAt: string;
      /** Log position of the announcement: read models have removed the child once they reach it. */ position: number;
    }
  | { childId: string; status: 'held'; hold: LegalHold }
  | { childId: string; status: 'already-destroyed' };

export interface RecordRetentionOptions {
  /** The store the service reads (children's personal fields decrypted). */
  store: EventStore;
  keys: ChildKeyStore;
  schedule: RetentionSchedule;
  now: () => Date;
  pageSize?: number;
}

/** One child's retention stream, folded: the hold in force and whether the record was destroyed. */
interface RetentionState {
  revision: number;
  position: number;
  hold?: LegalHold;
  destroyed: boolean;
}

/**
 * Applies the retention schedule: which records are due for destruction and why, legal holds, and
 * destruction itself (announced by ChildRecordDestroyed, then the child's key destroyed). A held record is
 * never destroyed; a hold placed while a destruction runs makes that destruction stop (the announcement is
 * appended at the retention stream's revision the hold check read).
 */
export class RecordRetention {
  constructor(private readonly options: RecordRetentionOptions) {}

  /** Every child's record judged against the schedule on `asOf` (a date): due, held, and unfinished destructions. */
  async review(asOf: string): Promise<RetentionReview> {
    const children = new Map<string, ChildEvent[]>();
    const destroyedKeys = new Set<string>();
    const retention = new Map<string, RecordedEvent[]>();
    for (let position = 0; ;) {
      const page = await this.options.store.readAll({
        fromPosition: position,
        maxCount: this.options.pageSize ?? 1_000,
        categories: [CHILD_STREAM_CATEGORY, RETENTION_STREAM_CATEGORY],
      });
      for (const event of page) {
        const [category, childId] = splitStreamId(event.streamId);
        if (category === RETENTION_STREAM_CATEGORY) push(retention, childId, event);
        else if (isPersonalDataDestroyed(event.metadata)) destroyedKeys.add(childId);
        else push(children, childId, fromStoredEvent(event) as ChildEvent);
      }
      if (page.length === 0) break;
      position = page[page.length - 1].position;
    }
    const review: RetentionReview = { asOf, due: [], held: [], unfinished: [], kept: 0, destroyedBefore: 0 };
    for (const childId of new Set([...children.keys(), ...destroyedKeys])) {
      const state = foldRetention(retention.get(childId) ?? []);
      if (state.destroyed || destroyedKeys.has(childId)) {
        if (state.destroyed !== destroyedKeys.has(childId)) review.unfinished.push(childId);
        else review.destroyedBefore += 1;
        continue;
      }
      const judgement = judgeRetention(summariseRecord(childId, children.get(childId)!), this.options.schedule);
      if (judgement.retainUntil === undefined || judgement.retainUntil > asOf) review.kept += 1;
      else if (state.hold) review.held.push({ ...judgement, hold: state.hold });
      else review.due.push(judgement);
    }
    return review;
  }

  /** Destroys every record due on `asOf` and finishes unfinished destructions; held records are left alone. */
  async destroyDue(asOf: string, by: string): Promise<{ review: RetentionReview; outcomes: DestructionOutcome[] }> {
    const review = await this.review(asOf);
    const outcomes: DestructionOutcome[] = [];
    for (const record of review.due) {
      outcomes.push(
        await this.destroyRecord(record.childId, { reason: 'retention-ended', rule: record.decidedBy.kind, retainUntil: record.retainUntil!, asOf }, by),
      );
    }
    for (const childId of review.unfinished) outcomes.push(await this.destroyRecord(childId, { reason: 'retention-ended', asOf }, by));
    return { review, outcomes };
  }

  /**
   * Destroys one child's record unless it is held: announces it (ChildRecordDestroyed, which every read model and
   * the Kafka topic receive), then destroys the child's key. Also what a producing system's purge request calls,
   * with `reason: 'purge-requested'`. Safe to call again: it finishes what an interrupted call began.
   */
  async destroyRecord(childId: string, details: Omit<ChildRecordDestroyedData, 'childId'>, by: string): Promise<DestructionOutcome> {
    for (let attempt = 1; ; attempt++) {
      const state = await this.retentionState(childId);
      if (state.hold) return { childId, status: 'held', hold: state.hold };
      let position = state.position;
      if (!state.destroyed) {
        try {
          position = (await this.append(childId, state, CHILD_RECORD_DESTROYED, { childId, ...details } as unknown as JsonObject, by)).position;
        } catch (error) {
          // A hold (or another destruction) was recorded meanwhile: look again.
          if (error instanceof StreamRevisionConflict && attempt < 5) continue;
          throw error;
        }
      }
      const destroyed = await this.options.keys.inTransaction((client) => this.options.keys.destroy(client, childId, by));
      await this.options.keys.vacuum();
      if (state.destroyed && !destroyed.destroyedNow) return { childId, status: 'already-destroyed' };
      return { childId, status: 'destroyed', destroyedAt: destroyed.destroyedAt.toISOString(), position };
    }
  }

  async placeHold(childId: string, reason: string, by: string): Promise<LegalHold> {
    const state = await this.retentionState(childId);
    if (state.destroyed)
      throw new RetentionError('RECORD_DESTROYED', `The record of child ${childId} has been destroyed; there is nothing left to hold`, 'childId');
    if (state.hold) {
      throw new RetentionError(
        'HOLD_ALREADY_PLACED',
        `The record of child ${childId} is already held (${state.hold.reason}, by ${state.hold.placedBy} at ${state.hold.placedAt}); release that hold first to change it`,
        'childId',
      );
    }
    const { at } = await this.append(childId, state, LEGAL_HOLD_PLACED, { childId, reason }, by);
    return { reason, placedBy: by, placedAt: at };
  }

  async releaseHold(childId: string, reason: string, by: string): Promise<void> {
    const state = await this.retentionState(childId);
    if (!state.hold) throw new RetentionError('NOT_HELD', `The record of child ${childId} is not under a legal hold`, 'childId');
    await this.append(childId, state, LEGAL_HOLD_RELEASED, { childId, reason }, by);
  }

  /** The hold in force on a child's record, and whether it was destroyed. */
  async retentionState(childId: string): Promise<RetentionState> {
    return foldRetention(await this.options.store.readStream(retentionStreamId(childId)));
  }

  private async append(childId: string, state: RetentionState, type: string, data: JsonObject, by: string): Promise<{ at: string; position: number }> {
    const at = this.options.now().toISOString();
    const { position } = await this.options.store.appendToStream(
      retentionStreamId(childId),
      [{ eventId: randomUUID(), type, data, metadata: { schemaVersion: 1, childId, occurredAt: at, source: { system: RETENTION_SOURCE }, recordedBy: by } }],
      { expectedRevision: state.revision < 0 ? 'no-stream' : state.revision },
    );
    return { at, position };
  }
}

function foldRetention(events: readonly RecordedEvent[]): RetentionState {
  const state: RetentionState = { revision: -1, position: 0, destroyed: false };
  for (const event of events) {
    state.revision = event.revision;
    state.position = event.position;
    const data = event.data as { reason?: string };
    if (event.type === LEGAL_HOLD_PLACED) {
      state.hold = { reason: String(data.reason), placedBy: String(event.metadata.recordedBy ?? ''), placedAt: String(event.metadata.occurredAt ?? '') };
    } else if (event.type === LEGAL_HOLD_RELEASED) {
      state.hold = undefined;
    } else if (event.type === CHILD_RECORD_DESTROYED) {
      state.destroyed = true;
    }
  }
  return state;
}

function splitStreamId(streamId: string): [string, string] {
  const dash = streamId.indexOf('-');
  return [streamId.slice(0, dash), streamId.slice(dash + 1)];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

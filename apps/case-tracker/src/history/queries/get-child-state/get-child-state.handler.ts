import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { childStreamId, occurredOnDate } from '@csc/contracts';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import type { LocalStandards } from '@csc/timescales';
import type { Clock } from '@csc/runtime';
import { CLOCK, LOCAL_STANDARDS } from '../../../infrastructure/tokens';
import { childHistory } from '@csc/history';
import { childStateAt } from '@csc/history';
import { judgedOn, pointInTime } from '@csc/history';
import { GetChildState, type ChildStateResult } from './get-child-state.query';

@QueryHandler(GetChildState)
export class GetChildStateHandler implements IQueryHandler<GetChildState> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOCAL_STANDARDS) private readonly standards: LocalStandards,
  ) {}

  async execute({ childId, request }: GetChildState): Promise<ChildStateResult> {
    const streamId = childStreamId(childId);
    const records = await this.store.readStream(streamId);
    if (records.length === 0) return { kind: 'not-found' };
    const point = pointInTime(request);
    const entries = childHistory(records, point);
    if (entries.length === 0) return { kind: 'nothing-known-by-then' };
    const asOf = judgedOn(point, occurredOnDate(this.clock.now().toISOString()));
    return {
      kind: 'state',
      view: {
        childId,
        streamId,
        ...(point.asKnownAt !== undefined ? { asKnownAt: point.asKnownAt } : {}),
        ...(point.occurredBy !== undefined ? { occurredBy: point.occurredBy } : {}),
        ...childStateAt(entries, asOf, this.standards),
      },
    };
  }
}

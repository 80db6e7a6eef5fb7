import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { EventStore } from '@csc/event-store';
import { STORED_EVENT_STORE } from '@csc/retention';
import { verifyChildStreams } from '@csc/history';
import { CHAIN_CHECKPOINT_KEY } from '../../../infrastructure/tokens';
import { VerifyChildHistory, type ChildHistoryVerification } from './verify-child-history.query';

@QueryHandler(VerifyChildHistory)
export class VerifyChildHistoryHandler implements IQueryHandler<VerifyChildHistory> {
  /** The chains cover the events as stored (children's personal fields encrypted), so they are read as stored. */
  constructor(
    @Inject(STORED_EVENT_STORE) private readonly store: EventStore,
    @Inject(CHAIN_CHECKPOINT_KEY) private readonly checkpointKey: Buffer | undefined,
  ) {}

  execute({ childId }: VerifyChildHistory): Promise<ChildHistoryVerification | undefined> {
    return verifyChildStreams(this.store, childId, this.checkpointKey);
  }
}

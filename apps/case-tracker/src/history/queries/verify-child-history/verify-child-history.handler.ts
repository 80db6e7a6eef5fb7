import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import { verifyChildStreams } from '@csc/history';
import { CHAIN_CHECKPOINT_KEY } from '../../../infrastructure/tokens';
import { VerifyChildHistory, type ChildHistoryVerification } from './verify-child-history.query';

@QueryHandler(VerifyChildHistory)
export class VerifyChildHistoryHandler implements IQueryHandler<VerifyChildHistory> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CHAIN_CHECKPOINT_KEY) private readonly checkpointKey: Buffer | undefined,
  ) {}

  execute({ childId }: VerifyChildHistory): Promise<ChildHistoryVerification | undefined> {
    return verifyChildStreams(this.store, childId, this.checkpointKey);
  }
}

import { Query } from '@nestjs/cqrs';
import type { StageFigures, WaitingFigures } from '@csc/projections';
import { PeriodRequest } from '../period-request.dto';

export class GetWaitingTimesRequest extends PeriodRequest {}

export class GetWaitingTimes extends Query<WaitingFigures> {
  constructor(readonly request: GetWaitingTimesRequest) {
    super();
  }
}

/** The stage figures of several periods (a trend of months) in one read: the stages GetWaitingTimes gives each period. */
export class GetWaitingStagesTrend extends Query<StageFigures[][]> {
  constructor(readonly request: { periods: ReadonlyArray<{ from: string; to: string }>; teamId?: string; minPosition?: number }) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { WaitingFigures } from '@csc/projections';
import { PeriodRequest } from '../period-request.dto';

export class GetWaitingTimesRequest extends PeriodRequest {}

export class GetWaitingTimes extends Query<WaitingFigures> {
  constructor(readonly request: GetWaitingTimesRequest) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { AllocationPeriod } from '@csc/projections';
import { PeriodRequest } from '../period-request.dto';

export class GetChildWorkersRequest extends PeriodRequest {}

export interface ChildWorkersView {
  childId: string;
  from: string;
  to: string;
  periods: AllocationPeriod[];
}

export class GetChildWorkers extends Query<ChildWorkersView> {
  constructor(
    readonly childId: string,
    readonly request: GetChildWorkersRequest,
  ) {
    super();
  }
}

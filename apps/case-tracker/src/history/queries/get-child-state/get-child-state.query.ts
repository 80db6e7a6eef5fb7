import { Query } from '@nestjs/cqrs';
import type { ChildStateAt } from '@csc/history';
import { PointInTimeRequest } from '../../point-in-time.request.dto';

export class GetChildStateRequest extends PointInTimeRequest {}

export interface ChildStateView extends ChildStateAt {
  childId: string;
  streamId: string;
  asKnownAt?: string;
  occurredBy?: string;
}

/** What the handler found: the state, no stream at all, or a stream with nothing in it at that point. */
export type ChildStateResult = { kind: 'state'; view: ChildStateView } | { kind: 'not-found' } | { kind: 'nothing-known-by-then' };

/** A child's case folded from the log at a point in time, with its open clocks. */
export class GetChildState extends Query<ChildStateResult> {
  constructor(
    readonly childId: string,
    readonly request: GetChildStateRequest,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import type { ChildHistoryVerification } from '@csc/history';

export type { ChildHistoryVerification };

/** Recomputes the hash chains of a child's stream and of its access log. Undefined: nothing recorded. */
export class VerifyChildHistory extends Query<ChildHistoryVerification | undefined> {
  constructor(readonly childId: string) {
    super();
  }
}

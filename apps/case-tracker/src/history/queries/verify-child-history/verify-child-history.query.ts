import { Query } from '@nestjs/cqrs';
import type { ChildHistoryVerification } from '../../replay/verify-child-streams';

export type { ChildHistoryVerification };

/** Recomputes the hash chains of a child's stream and of its access log. Undefined: nothing recorded. */
export class VerifyChildHistory extends Query<ChildHistoryVerification | undefined> {
  constructor(readonly childId: string) {
    super();
  }
}

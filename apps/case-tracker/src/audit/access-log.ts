import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@csc/event-store';
import type { AccessKind } from '@csc/projections';
import type { Caller } from '@csc/auth';
import type { Clock } from '@csc/runtime';
import { CLOCK, LOGGER } from '../infrastructure/tokens';
import type { Logger } from '@csc/runtime';
import { accessParameters, appendChildRecordRead } from '@csc/history';

export interface ChildRecordAccess {
  childId: string;
  what: AccessKind;
  /** The request's query parameters, as validated. */
  parameters?: object;
}

/**
 * Records every look at a child's record (history, state, verify, tracker) before it is answered.
 * A look that cannot be recorded is refused with 503: an unlogged look at a child's record is not allowed.
 */
@Injectable()
export class AccessLog {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Runs the read and records the access side by side (the read does not wait for the append), then
   * answers only if the access was recorded.
   */
  async recording<T>(caller: Caller, access: ChildRecordAccess, read: () => Promise<T>): Promise<T> {
    const [recorded, result] = await Promise.allSettled([this.record(caller, access), read()]);
    if (recorded.status === 'rejected') throw recorded.reason;
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  }

  /**
   * Runs the check that may refuse the caller this child (their teams); a refusal (403) is recorded too,
   * with `refused: true`, so the log shows who tried to look as well as who looked.
   */
  async refusedUnless(caller: Caller, access: ChildRecordAccess, check: () => Promise<void>): Promise<void> {
    try {
      await check();
    } catch (error) {
      if (error instanceof HttpException && error.getStatus() === HttpStatus.FORBIDDEN) {
        await this.record(caller, { ...access, parameters: { ...access.parameters, refused: true } });
      }
      throw error;
    }
  }

  async record(caller: Caller, access: ChildRecordAccess): Promise<void> {
    try {
      await appendChildRecordRead(this.store, {
        childId: access.childId,
        subject: caller.subject,
        roles: [...caller.roles],
        what: access.what,
        parameters: accessParameters(access.parameters),
        at: this.clock.now().toISOString(),
        via: 'http',
      });
    } catch (error) {
      this.logger.error({ err: error, childId: access.childId, subject: caller.subject, what: access.what }, 'could not record a read of a child record');
      throw new HttpException(
        {
          error: {
            code: 'ACCESS_NOT_RECORDED',
            message: "This read could not be recorded in the access log, so it was refused: every look at a child's record must be logged. Retry shortly.",
          },
        },
        HttpStatus.SERVICE_UNAVAILABLE,
      );
    }
  }
}

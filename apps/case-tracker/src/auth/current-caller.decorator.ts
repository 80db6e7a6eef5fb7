import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@csc/auth';

/** The caller the auth guard verified. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  return context.switchToHttp().getRequest<{ caller: Caller }>().caller;
});

/** Whether the caller may trace aggregate figures to children (auditors and admins; never analysts). */
export function maySeeChildren(caller: Caller): boolean {
  return caller.roles.some((role) => role === 'auditor' || role === 'admin');
}

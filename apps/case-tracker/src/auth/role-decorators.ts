import { SetMetadata } from '@nestjs/common';
import type { Role } from '@csc/auth';

export const ROLES_KEY = 'csc:roles';
export const PUBLIC_KEY = 'csc:public';

/** The roles that may call this endpoint (any one of them). Endpoints without it are refused to everyone. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** An endpoint anyone may call without a token (only /health). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

import { Inject, Injectable } from '@nestjs/common';
import { CONFIGURATION, type Clock, type Configuration } from '@csc/runtime';
import { InvalidToken, ROLES, verifyJwt, type Caller, type Role, type VerificationKey } from '@csc/auth';
import { AUTH_KEY } from '../../auth/auth.guard';
import { CLOCK } from '../../infrastructure/tokens';

/** Checks a token with the key, issuer and audience the auth guard uses: a token the API refuses cannot sign in. */
@Injectable()
export class SignedInCaller {
  constructor(
    @Inject(AUTH_KEY) private readonly key: VerificationKey,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The caller the token names, or the reason it is refused. */
  check(token: string | undefined): { caller: Caller } | { refused: string } {
    if (!token) return { refused: 'Enter a token' };
    try {
      const claims = verifyJwt(token.trim(), this.key, this.clock.now(), { issuer: this.config.auth.issuer, audience: this.config.auth.audience });
      const declared = Array.isArray(claims.roles) ? claims.roles : [claims.role];
      const roles = declared.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role));
      const teams = Array.isArray(claims.teams) ? claims.teams.filter((team): team is string => typeof team === 'string') : [];
      if (roles.length === 0) return { refused: 'The token has no role this service knows' };
      return { caller: { subject: claims.sub, roles, teams } };
    } catch (error) {
      if (error instanceof InvalidToken) return { refused: `The token was not accepted: ${error.message}` };
      throw error;
    }
  }
}

import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import type { Clock } from '@csc/runtime';
import { CLOCK } from '../infrastructure/tokens';
import { InvalidToken, verifyJwt, type VerificationKey } from '@csc/auth';
import { RateLimiter } from './rate-limiter';
import { ROLES, type Caller, type Role } from '@csc/auth';
import { PUBLIC_KEY, ROLES_KEY } from './role-decorators';

export const AUTH_KEY = Symbol('AUTH_KEY');

/**
 * Every endpoint needs a valid bearer token carrying one of the roles it names, except the ones
 * marked public; an endpoint that names no roles is refused to everyone. Every request counts against
 * RATE_LIMIT_PER_MINUTE, refused ones too: a token's subject, or without a valid token the client's address.
 * Roles come from the `roles` array claim only; a single `role` claim is not read.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly reflector: Reflector,
    @Inject(AUTH_KEY) private readonly key: VerificationKey,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limiter = new RateLimiter(config.auth.rateLimitPerMinute);
  }

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { caller?: Caller }>();
    const response = context.switchToHttp().getResponse<Response>();
    const caller = this.authenticate(request, response);
    this.limit(caller.subject, response);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? [];
    if (!caller.roles.some((role) => allowed.includes(role))) {
      throw new HttpException(
        {
          error: {
            code: 'FORBIDDEN',
            message:
              allowed.length === 0
                ? 'This endpoint is not open to any role'
                : `This needs one of the roles ${allowed.join(', ')}; the token has ${caller.roles.join(', ') || 'none'}`,
          },
        },
        HttpStatus.FORBIDDEN,
      );
    }
    request.caller = caller;
    return true;
  }

  /** Takes one request from `who`'s bucket, or answers 429 with Retry-After. */
  private limit(who: string, response: Response): void {
    const limit = this.limiter.take(who, this.clock.now().getTime());
    if (limit.allowed) return;
    response.setHeader('Retry-After', String(limit.retryAfterSeconds));
    throw new HttpException(
      {
        error: {
          code: 'RATE_LIMITED',
          message: `More than ${this.config.auth.rateLimitPerMinute} requests a minute from ${who}; retry after ${limit.retryAfterSeconds} s`,
        },
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private authenticate(request: Request, response: Response): Caller {
    const header = request.headers.authorization;
    const unauthenticated = (message: string): never => {
      // Requests without a valid token are limited by address, so a flood of bad tokens is throttled too.
      this.limit(`address:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`, response);
      response.setHeader('WWW-Authenticate', 'Bearer realm="csc-case-tracker"');
      throw new HttpException({ error: { code: 'UNAUTHENTICATED', message } }, HttpStatus.UNAUTHORIZED);
    };
    if (!header) return unauthenticated('This endpoint needs a bearer token: Authorization: Bearer <token> (mint one with csc token)');
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) return unauthenticated('The Authorization header must be "Bearer <token>"');
    try {
      const claims = verifyJwt(match[1], this.key, this.clock.now(), { issuer: this.config.auth.issuer, audience: this.config.auth.audience });
      const declared = Array.isArray(claims.roles) ? claims.roles : [];
      const roles = declared.filter((role): role is Role => (ROLES as readonly unknown[]).includes(role));
      const teams = Array.isArray(claims.teams) ? claims.teams.filter((team): team is string => typeof team === 'string') : [];
      return { subject: claims.sub, roles, teams };
    } catch (error) {
      if (error instanceof InvalidToken) return unauthenticated(error.message);
      throw error;
    }
  }
}

import { Body, Controller, HttpException, HttpStatus, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CONFIGURATION, type Configuration } from '@csc/runtime';
import { AUTH_KEY } from '../../auth/auth.guard';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import type { VerificationKey } from '@csc/auth';
import { ROLES, type Caller, type Role } from '@csc/auth';
import { Roles } from '../../auth/role-decorators';
import { MAX_TOKEN_LIFETIME_SECONDS, mintToken } from '@csc/auth';
import type { Clock } from '@csc/runtime';
import { CLOCK, LOGGER } from '../../infrastructure/tokens';
import type { Logger } from '@csc/runtime';

export class MintTokenRequest {
  @ApiProperty({ example: 'system:lcs-feed', description: 'A system (system:<name>) or the admin themself; never another person.' })
  @IsString()
  @Matches(/^[\w.@:-]{1,128}$/, { message: 'subject must be 1-128 letters, digits or . _ @ : - characters' })
  subject!: string;

  @ApiProperty({ enum: ROLES, isArray: true, example: ['recorder'] })
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(ROLES, { each: true, message: `each role must be one of ${ROLES.join(', ')}` })
  roles!: Role[];

  @ApiPropertyOptional({ example: ['CP-NORTH-1'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/, { each: true, message: 'each team must be a team id' })
  teams?: string[];

  @ApiPropertyOptional({ description: 'Lifetime in seconds (default and at most TOKEN_MAX_LIFETIME_SECONDS, 8 hours unless set).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOKEN_LIFETIME_SECONDS)
  expiresInSeconds?: number;
}

@ApiTags('admin')
@Roles('admin')
@Controller('v1/admin/tokens')
export class MintTokenHttpController {
  constructor(
    @Inject(AUTH_KEY) private readonly key: VerificationKey,
    @Inject(CONFIGURATION) private readonly config: Configuration,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Mint a bearer token (HS256 deployments; with RS256 the holder of the private key mints them)' })
  mint(@Body() request: MintTokenRequest, @CurrentCaller() caller: Caller): { token: string; expiresAt: string } {
    if (this.key.algorithm !== 'HS256') {
      throw new HttpException(
        {
          error: {
            code: 'NOT_SUPPORTED',
            message: 'This service checks RS256 tokens with a public key and cannot sign them; mint them where the private key is (csc token --private-key)',
          },
        },
        HttpStatus.NOT_IMPLEMENTED,
      );
    }
    refuseUnlessMayMint(request, caller, this.config.auth.tokenMaxLifetimeSeconds);
    try {
      const minted = mintToken(
        {
          ...request,
          expiresInSeconds: request.expiresInSeconds ?? this.config.auth.tokenMaxLifetimeSeconds,
          issuer: this.config.auth.issuer,
          audience: this.config.auth.audience,
        },
        { algorithm: 'HS256', key: this.key.key as Buffer },
        this.clock.now(),
      );
      this.logger.info(
        { by: caller.subject, subject: request.subject, roles: request.roles, teams: request.teams, expiresAt: minted.expiresAt },
        'token minted',
      );
      return minted;
    } catch (error) {
      throw new HttpException({ error: { code: 'INVALID_TOKEN_REQUEST', message: (error as Error).message } }, HttpStatus.BAD_REQUEST);
    }
  }
}

/** Tokens for systems are prefixed so; a person's token comes from the identity provider or csc token on the host. */
export const SYSTEM_SUBJECT_PREFIX = 'system:';

/**
 * An admin may mint a token for a system, or for themself (with fewer roles, say), never in another person's
 * name: the access log would blame that person for what the token reads. And never for longer than the
 * configured maximum.
 */
function refuseUnlessMayMint(request: MintTokenRequest, caller: Caller, maxLifetimeSeconds: number): void {
  const refuse = (message: string, field: string): never => {
    throw new HttpException({ error: { code: 'TOKEN_NOT_ALLOWED', message, field } }, HttpStatus.FORBIDDEN);
  };
  if (request.subject !== caller.subject && !request.subject.startsWith(SYSTEM_SUBJECT_PREFIX)) {
    refuse(
      `An admin may mint tokens for systems (subject ${SYSTEM_SUBJECT_PREFIX}<name>) or for themself (${caller.subject}), not for ${request.subject}: ` +
        "a person's token comes from the identity provider, or from csc token on the service's host",
      'subject',
    );
  }
  if (request.expiresInSeconds !== undefined && request.expiresInSeconds > maxLifetimeSeconds) {
    refuse(
      `A token minted here lives at most ${maxLifetimeSeconds} s (TOKEN_MAX_LIFETIME_SECONDS); asked for ${request.expiresInSeconds} s`,
      'expiresInSeconds',
    );
  }
}

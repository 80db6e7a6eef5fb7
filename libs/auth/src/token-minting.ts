import { signJwt, type JwtAlgorithm } from './jwt';
import { ROLES, type Role } from './roles';

export interface TokenRequest {
  subject: string;
  roles: readonly Role[];
  teams?: readonly string[];
  /** Lifetime; at most 30 days. */
  expiresInSeconds: number;
  issuer?: string;
  audience?: string;
}

export const MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

/** A signed token for a person or a system, with its roles (and a practitioner's teams). */
export function mintToken(request: TokenRequest, signing: { algorithm: JwtAlgorithm; key: Buffer | string }, now: Date): { token: string; expiresAt: string } {
  if (!/^[\w.@:-]{1,128}$/.test(request.subject)) throw new Error('The subject must be 1-128 letters, digits or . _ @ : - characters');
  const unknown = request.roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (request.roles.length === 0 || unknown.length > 0)
    throw new Error(`Roles must be some of ${ROLES.join(', ')}${unknown.length > 0 ? `; unknown: ${unknown.join(', ')}` : ''}`);
  if (request.roles.includes('practitioner') && (request.teams ?? []).length === 0)
    throw new Error('A practitioner token names the teams whose children they may see (--teams)');
  if (!(request.expiresInSeconds > 0 && request.expiresInSeconds <= MAX_TOKEN_LIFETIME_SECONDS))
    throw new Error('A token lives between one second and 30 days');
  const issuedAt = Math.floor(now.getTime() / 1000);
  const exp = issuedAt + Math.round(request.expiresInSeconds);
  const token = signJwt(
    {
      sub: request.subject,
      roles: [...request.roles],
      ...(request.teams && request.teams.length > 0 ? { teams: [...request.teams] } : {}),
      iat: issuedAt,
      exp,
      ...(request.issuer ? { iss: request.issuer } : {}),
      ...(request.audience ? { aud: request.audience } : {}),
    },
    signing,
  );
  return { token, expiresAt: new Date(exp * 1000).toISOString() };
}

/** "8h", "30m", "2d" or a number of seconds. */
export function parseLifetime(text: string): number {
  const match = /^(\d+)\s*(s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new Error(`A lifetime looks like 30m, 8h or 7d; got ${JSON.stringify(text)}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86_400 }[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
}

import { createHmac, createPublicKey, createPrivateKey, sign as signWithKey, timingSafeEqual, verify as verifyWithKey, type KeyObject } from 'node:crypto';

/**
 * JSON Web Tokens, HS256 or RS256 only. The algorithm is fixed by configuration and a token naming
 * another is refused (no "none", no switching an RSA key for an HMAC secret). Expiry is required.
 */
export type JwtAlgorithm = 'HS256' | 'RS256';

export interface VerificationKey {
  algorithm: JwtAlgorithm;
  /** The HMAC secret (HS256) or the RSA public key (RS256). */
  key: Buffer | KeyObject;
}

export interface JwtClaims {
  sub: string;
  exp: number;
  iat?: number;
  nbf?: number;
  iss?: string;
  aud?: string | string[];
  [claim: string]: unknown;
}

export class InvalidToken extends Error {
  constructor(readonly reason: string) {
    super(`The bearer token is not valid: ${reason}`);
    this.name = 'InvalidToken';
  }
}

const base64url = (value: Buffer | string): string => Buffer.from(value).toString('base64url');

export function verifyJwt(token: string, key: VerificationKey, now: Date, expected: { issuer?: string; audience?: string } = {}): JwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => !/^[A-Za-z0-9_-]*$/.test(part))) throw new InvalidToken('it is not a JWT (three base64url parts)');
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = decodeJson(headerPart, 'header') as { alg?: unknown; typ?: unknown };
  if (header.alg !== key.algorithm) throw new InvalidToken(`it is signed with ${String(header.alg)}, but this service accepts only ${key.algorithm}`);
  const signed = Buffer.from(`${headerPart}.${payloadPart}`);
  const signature = Buffer.from(signaturePart, 'base64url');
  const valid =
    key.algorithm === 'HS256'
      ? safeEqual(
          signature,
          createHmac('sha256', key.key as Buffer)
            .update(signed)
            .digest(),
        )
      : verifyWithKey('sha256', signed, key.key as KeyObject, signature);
  if (!valid) throw new InvalidToken('its signature does not match');
  const claims = decodeJson(payloadPart, 'payload') as Partial<JwtClaims>;
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof claims.exp !== 'number') throw new InvalidToken('it has no expiry (exp)');
  if (claims.exp <= seconds) throw new InvalidToken('it has expired');
  if (typeof claims.nbf === 'number' && claims.nbf > seconds + 30) throw new InvalidToken('it is not valid yet (nbf)');
  if (typeof claims.sub !== 'string' || claims.sub.length === 0) throw new InvalidToken('it names no subject (sub)');
  if (expected.issuer !== undefined && claims.iss !== expected.issuer) throw new InvalidToken('it was issued by someone else (iss)');
  if (expected.audience !== undefined) {
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(expected.audience)) throw new InvalidToken('it is meant for another service (aud)');
  }
  return claims as JwtClaims;
}

/** Signs a token with an HS256 secret or an RS256 private key (PEM). */
export function signJwt(claims: JwtClaims, signing: { algorithm: JwtAlgorithm; key: Buffer | string }): string {
  const header = base64url(JSON.stringify({ alg: signing.algorithm, typ: 'JWT' }));
  const payload = base64url(JSON.stringify(claims));
  const input = Buffer.from(`${header}.${payload}`);
  const signature =
    signing.algorithm === 'HS256'
      ? createHmac('sha256', Buffer.from(signing.key)).update(input).digest()
      : signWithKey('sha256', input, createPrivateKey(signing.key));
  return `${header}.${payload}.${base64url(signature)}`;
}

export function publicKeyFromPem(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'rsa') throw new Error(`the public key is ${key.asymmetricKeyType}, not RSA (RS256)`);
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new Error('the RSA key is shorter than 2048 bits');
  return key;
}

function decodeJson(part: string, what: string): unknown {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value;
  } catch {
    throw new InvalidToken(`its ${what} is not JSON`);
  }
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from '@csc/runtime';
import { publicKeyFromPem, type VerificationKey } from './jwt';

export interface AuthKeys {
  verification: VerificationKey;
  /** Where the key came from, for the start-up log (never the key itself). */
  source: string;
  /** True when the service generated the secret itself, this start. */
  generated: boolean;
}

export const GENERATED_SECRET_FILE = 'jwt-secret';

/**
 * The key tokens are checked with: an RS256 public key or an HS256 secret from the settings or
 * files they name; with none, a secret of the service's own in the data directory, generated on
 * first start (readable by the service's user only). A bad key stops start-up with the reason.
 */
export function resolveAuthKeys(config: Configuration): AuthKeys {
  const { auth } = config;
  if (auth.publicKey || auth.publicKeyFile) {
    const pem = auth.publicKey ?? readSetting(auth.publicKeyFile!, 'AUTH_JWT_PUBLIC_KEY_FILE');
    try {
      return { verification: { algorithm: 'RS256', key: publicKeyFromPem(pem) }, source: auth.publicKeyFile ?? 'AUTH_JWT_PUBLIC_KEY', generated: false };
    } catch (error) {
      throw new Error(`The RS256 public key (${auth.publicKeyFile ?? 'AUTH_JWT_PUBLIC_KEY'}) cannot be used: ${(error as Error).message}`);
    }
  }
  if (auth.secret || auth.secretFile) {
    const secret = auth.secret ?? readSetting(auth.secretFile!, 'AUTH_JWT_SECRET_FILE').trim();
    if (secret.length < 32) throw new Error(`The HS256 secret in ${auth.secretFile ?? 'AUTH_JWT_SECRET'} is shorter than 32 characters`);
    return { verification: { algorithm: 'HS256', key: Buffer.from(secret) }, source: auth.secretFile ?? 'AUTH_JWT_SECRET', generated: false };
  }
  const file = join(config.dataDir, GENERATED_SECRET_FILE);
  const generated = !existsSync(file);
  if (generated) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  } else if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  return { verification: { algorithm: 'HS256', key: Buffer.from(readFileSync(file, 'utf8').trim()) }, source: file, generated };
}

/** The HS256 secret the CLI signs tokens with: the same one the service checks them with. */
export function signingSecret(config: Configuration): string {
  const keys = resolveAuthKeys(config);
  if (keys.verification.algorithm !== 'HS256') {
    throw new Error('The service checks RS256 tokens; sign them with the private key that matches AUTH_JWT_PUBLIC_KEY (csc token --private-key <file>)');
  }
  return (keys.verification.key as Buffer).toString('utf8');
}

function readSetting(path: string, setting: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${setting} names ${path}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

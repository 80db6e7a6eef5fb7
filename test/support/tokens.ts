import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signJwt } from '@csc/auth';
import type { Role } from '@csc/auth';

/** The master key of test applications (32 bytes, base64): never used outside tests. */
export const TEST_MASTER_KEY = Buffer.from('csc test master key, tests only!').toString('base64');

/** The file holding TEST_MASTER_KEY, written once. */
export function testMasterKeyFile(): string {
  const file = join(tmpdir(), 'csc-test-master.key');
  if (!existsSync(file)) writeFileSync(file, `${TEST_MASTER_KEY}\n`, { mode: 0o600 });
  return file;
}

/**
 * A process started on a test database shares the test applications' master key, unless it has a data
 * directory of its own (where it makes its own key) or is given one.
 */
export function withTestMasterKey(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return env.CSC_DATA_DIR || env.CSC_MASTER_KEY_FILE ? env : { ...env, CSC_MASTER_KEY_FILE: testMasterKeyFile() };
}

/** The HS256 secret test services check tokens with (set as AUTH_JWT_SECRET). */
export const TEST_JWT_SECRET = 'csc-test-secret-not-for-production-0123456789';

/** A valid token for an hour, for one or more roles, signed with the test secret. */
export function tokenFor(roles: Role | Role[], options: { subject?: string; teams?: string[]; secret?: string; expiresInSeconds?: number } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      sub: options.subject ?? `test-${[roles].flat().join('-')}`,
      roles: [roles].flat(),
      ...(options.teams ? { teams: options.teams } : {}),
      iat: now,
      exp: now + (options.expiresInSeconds ?? 3600),
    },
    { algorithm: 'HS256', key: options.secret ?? TEST_JWT_SECRET },
  );
}

/** The Authorization header value for a role. */
export function bearer(roles: Role | Role[], options: Parameters<typeof tokenFor>[1] = {}): string {
  return `Bearer ${tokenFor(roles, options)}`;
}

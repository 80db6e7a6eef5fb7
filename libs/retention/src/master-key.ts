import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface MasterKey {
  key: Buffer;
  /** The file it came from (never the key itself), for the start-up log. */
  source: string;
  /** True when this start generated it. */
  generated: boolean;
}

const KEY_BYTES = 32;

/**
 * The key every child's key is wrapped with: 32 random bytes, base64, in a file readable by the service's
 * user only. `generate` (the embedded default) creates the file on first start; otherwise a missing or
 * malformed file stops start-up, because a new master key would make every stored record unreadable.
 */
export function resolveMasterKey(file: string, generate: boolean): MasterKey {
  let generated = false;
  if (!existsSync(file)) {
    if (!generate) throw new Error(`CSC_MASTER_KEY_FILE names ${file}, which does not exist (create one with: openssl rand -base64 32 > ${file})`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    generated = true;
  } else if ((statSync(file).mode & 0o077) !== 0) {
    chmodSync(file, 0o600);
  }
  const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== KEY_BYTES)
    throw new Error(`The master key in ${file} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32); it holds ${key.length}`);
  return { key, source: file, generated };
}

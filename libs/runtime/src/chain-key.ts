import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Configuration } from './configuration';

export const GENERATED_CHAIN_KEY_FILE = 'chain-key';

export interface ChainKey {
  key: Buffer;
  /** The file it came from (never the key itself). */
  source: string;
}

/**
 * The key every stream head is signed with. It must live apart from the database, so that whoever can
 * write to the database cannot re-sign a rewritten chain: CHAIN_KEY_FILE (a secret mount, say), or a key of
 * the service's own generated into CSC_DATA_DIR on first start (apart from a PostgreSQL database; beside
 * PGlite's files, so on PGlite point CHAIN_KEY_FILE elsewhere when that matters).
 */
export function resolveChainKey(config: Pick<Configuration, 'dataDir' | 'chainKeyFile'>): ChainKey {
  if (config.chainKeyFile) {
    let text: string;
    try {
      text = readFileSync(config.chainKeyFile, 'utf8').trim();
    } catch (error) {
      throw new Error(
        `CHAIN_KEY_FILE names ${config.chainKeyFile}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      );
    }
    if (text.length < 32) throw new Error(`The key in CHAIN_KEY_FILE (${config.chainKeyFile}) is shorter than 32 characters`);
    return { key: Buffer.from(text), source: config.chainKeyFile };
  }
  const file = join(config.dataDir, GENERATED_CHAIN_KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { key: Buffer.from(readFileSync(file, 'utf8').trim()), source: file };
}

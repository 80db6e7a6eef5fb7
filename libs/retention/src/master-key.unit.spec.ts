import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveMasterKey } from './master-key';

describe('the master key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'csc-master-key-'));

  it('is generated once for the embedded default, readable by its owner only, and read back the same', () => {
    const file = join(dir, 'generated', 'master.key');
    const first = resolveMasterKey(file, true);
    const second = resolveMasterKey(file, true);
    expect(first.generated).toBe(true);
    expect(second.generated).toBe(false);
    expect(second.key.equals(first.key)).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first.key)).toBe(true);
  });

  it('is never generated where a file was named: a missing file stops start-up with how to make one', () => {
    expect(() => resolveMasterKey(join(dir, 'missing.key'), false)).toThrow(/does not exist \(create one with: openssl rand -base64 32/);
  });

  it('refuses a file that does not hold 32 bytes', () => {
    const file = join(dir, 'short.key');
    writeFileSync(file, Buffer.alloc(16).toString('base64'), { mode: 0o600 });
    expect(() => resolveMasterKey(file, false)).toThrow(/must be 32 bytes in base64.*holds 16/);
  });
});

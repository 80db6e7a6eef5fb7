import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataDirectoryInUse extends Error {
  readonly code = 'DATA_DIRECTORY_IN_USE';
  constructor(
    readonly directory: string,
    readonly holder: string,
    readonly lockFile: string,
  ) {
    super(
      `The data directory ${directory} is in use by ${holder}. Two processes must never open one PGlite ` +
        `database (writes would be lost). Stop the other process, or point CSC_DATA_DIR elsewhere. If no ` +
        `such process is running, delete ${lockFile}.`,
    );
    this.name = 'DataDirectoryInUse';
  }
}

export interface DirectoryLock {
  readonly lockFile: string;
  release(): void;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/**
 * Takes an exclusive, process-wide lock on a directory with a lock file holding our pid. A lock
 * left by a process that no longer runs on this host is taken over.
 */
export function lockDirectory(directory: string, now: () => Date = () => new Date()): DirectoryLock {
  mkdirSync(directory, { recursive: true });
  const lockFile = join(directory, 'csc.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      const owner: LockOwner = { pid: process.pid, host: hostname(), since: now().toISOString() };
      writeSync(fd, JSON.stringify(owner));
      closeSync(fd);
      return {
        lockFile,
        release: () => {
          if (readOwner(lockFile)?.pid === process.pid) unlinkSync(lockFile);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(lockFile);
      if (owner && owner.host === hostname() && !isRunning(owner.pid)) {
        unlinkSync(lockFile);
        continue;
      }
      const holder = owner ? `process ${owner.pid} on ${owner.host} (since ${owner.since})` : 'another process';
      throw new DataDirectoryInUse(directory, holder, lockFile);
    }
  }
  throw new DataDirectoryInUse(directory, 'another process starting at the same time', lockFile);
}

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

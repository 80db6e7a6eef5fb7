import { KeyedLock } from './keyed-lock';

describe('KeyedLock', () => {
  it('runs work for one key one at a time, in arrival order, and different keys side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let releaseFirst!: () => void;
    const first = lock.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((resolve) => (releaseFirst = resolve));
      log.push('a1 end');
    });
    const second = lock.run('a', async () => void log.push('a2'));
    const other = lock.run('b', async () => void log.push('b1'));
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    releaseFirst();
    await Promise.all([first, second]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
  });

  it('runs work holding several keys once every one is free, and never deadlocks callers wanting overlapping keys in any order', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let releaseB!: () => void;
    const holdingB = lock.run('b', () => new Promise<void>((resolve) => (releaseB = resolve)));
    const both = lock.runAll(['c', 'b', 'a'], async () => void log.push('a+b+c'));
    const reversed = lock.runAll(['c', 'a'], async () => void log.push('c+a'));
    const onlyD = lock.run('d', async () => void log.push('d'));
    await onlyD;
    expect(log).toEqual(['d']);
    releaseB();
    await Promise.all([holdingB, both, reversed]);
    expect(log).toEqual(['d', 'a+b+c', 'c+a']);
  });

  it('lets the next in line run when work fails', async () => {
    const lock = new KeyedLock();
    await expect(lock.run('a', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lock.run('a', async () => 'next')).resolves.toBe('next');
  });
});

import { RecentEventIds } from './recent-event-ids';

describe('RecentEventIds', () => {
  it('finds ids of a stream read from its first event, whatever their case', () => {
    const memory = new RecentEventIds(10);
    memory.remember('child-1', 2, ['A', 'b', 'c'], true);
    expect(memory.find('child-1', 2, ['a', 'x'])).toEqual(new Map([['a', 0]]));
    expect(memory.find('child-1', 2, ['x'])).toEqual(new Map());
  });

  it('knows nothing about a head it has not seen, or a tail shorter than the window that is not the whole stream', () => {
    const memory = new RecentEventIds(3);
    memory.remember('child-1', 5, ['e', 'f'], false);
    expect(memory.find('child-1', 5, ['e'])).toBeUndefined();
    memory.remember('child-1', 5, ['d', 'e', 'f'], false);
    expect(memory.find('child-1', 5, ['d'])).toEqual(new Map([['d', 3]]));
    expect(memory.find('child-1', 6, ['d'])).toBeUndefined();
    expect(memory.find('child-2', -1, ['d'])).toBeUndefined();
  });

  it('knows an empty stream completely', () => {
    const memory = new RecentEventIds(3);
    memory.remember('child-1', -1, [], true);
    expect(memory.find('child-1', -1, ['a'])).toEqual(new Map());
  });

  it('keeps only the window, which is still enough to answer', () => {
    const memory = new RecentEventIds(2);
    memory.remember('child-1', 3, ['a', 'b', 'c', 'd'], true);
    expect(memory.find('child-1', 3, ['a', 'c', 'd'])).toEqual(
      new Map([
        ['c', 2],
        ['d', 3],
      ]),
    );
  });

  it('extends the tail with appended ids, and forgets it when the append was not at the known head', () => {
    const memory = new RecentEventIds(10);
    memory.remember('child-1', 0, ['a'], true);
    memory.extend('child-1', 0, ['b', 'c']);
    expect(memory.find('child-1', 2, ['c'])).toEqual(new Map([['c', 2]]));
    memory.extend('child-1', 5, ['z']);
    expect(memory.find('child-1', 2, ['c'])).toBeUndefined();
  });

  it('forgets the least recently used streams past its budget', () => {
    const memory = new RecentEventIds(10, 4);
    memory.remember('child-1', 1, ['a', 'b'], true);
    memory.remember('child-2', 1, ['c', 'd'], true);
    memory.find('child-1', 1, []);
    memory.remember('child-3', 1, ['e', 'f'], true);
    expect(memory.find('child-2', 1, ['c'])).toBeUndefined();
    expect(memory.find('child-1', 1, ['a'])).toEqual(new Map([['a', 0]]));
    expect(memory.find('child-3', 1, ['e'])).toEqual(new Map([['e', 0]]));
  });

  it('refuses a window that is not a positive integer', () => {
    expect(() => new RecentEventIds(0)).toThrow(RangeError);
    expect(() => new RecentEventIds(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

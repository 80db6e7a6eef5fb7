import { EVENT_TYPE, STREAM_NAME, type Filter } from '@eventstore/db-client';
import { exactAlternatives, matchesLogFilter, serverFilter } from './esdb-filters';

const checkpointReached: NonNullable<Filter['checkpointReached']> = () => undefined;

describe('EventStoreDB filters', () => {
  it('filters categories on the server by stream name prefix, with our checkpoint callback', () => {
    expect(serverFilter({ categories: ['child', 'worker'] }, checkpointReached)).toEqual({
      filterOn: STREAM_NAME,
      prefixes: ['child-', 'worker-'],
      checkpointInterval: 1,
      checkpointReached,
    });
  });

  it('filters on stream name, not event type, when both are asked for', () => {
    expect(serverFilter({ categories: ['child'], eventTypes: ['A'] }, checkpointReached)).toMatchObject({ filterOn: STREAM_NAME, prefixes: ['child-'] });
  });

  it('filters event types alone with an anchored, escaped regex', () => {
    const filter = serverFilter({ eventTypes: ['A', 'B.C'] }, checkpointReached);
    expect(filter).toMatchObject({ filterOn: EVENT_TYPE, regex: '^(?:A|B\\.C)$' });
    const regex = new RegExp((filter as { regex: string }).regex);
    expect(['A', 'B.C'].map((type) => regex.test(type))).toEqual([true, true]);
    expect(['AB', 'BxC', 'xA'].map((type) => regex.test(type))).toEqual([false, false, false]);
  });

  it('excludes system events on the server when nothing else is asked for', () => {
    expect(serverFilter({}, checkpointReached)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
    expect(serverFilter({ categories: [], eventTypes: [] }, checkpointReached)).toMatchObject({ filterOn: EVENT_TYPE, regex: '^[^$].*' });
  });

  it('escapes every regex metacharacter', () => {
    expect(exactAlternatives(['a+b', '(x)', '[y]', 'z$'])).toBe('^(?:a\\+b|\\(x\\)|\\[y\\]|z\\$)$');
  });

  it('judges records exactly in the adapter: category is the part before the first dash', () => {
    const filter = { categories: ['child'], eventTypes: ['A'] };
    expect(matchesLogFilter({ streamId: 'child-1', type: 'A' }, filter)).toBe(true);
    expect(matchesLogFilter({ streamId: 'child-a-b', type: 'A' }, filter)).toBe(true);
    expect(matchesLogFilter({ streamId: 'children-1', type: 'A' }, filter)).toBe(false);
    expect(matchesLogFilter({ streamId: 'child-1', type: 'AB' }, filter)).toBe(false);
  });

  it('never lets a system record through', () => {
    expect(matchesLogFilter({ streamId: '$stats-127.0.0.1:2113', type: '$statsCollected' }, {})).toBe(false);
    expect(matchesLogFilter({ streamId: '$$child-1', type: '$metadata' }, { categories: ['$$child'] })).toBe(false);
    expect(matchesLogFilter({ streamId: '$ce-child', type: '$>' }, {})).toBe(false);
    expect(matchesLogFilter({ streamId: 'child-1', type: '$>' }, {})).toBe(false);
    expect(matchesLogFilter({ streamId: 'child-1', type: 'A' }, {})).toBe(true);
  });
});

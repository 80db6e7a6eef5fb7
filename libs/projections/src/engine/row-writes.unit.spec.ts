import { rowChange } from './row-writes';
import { subjectOf } from './subject-folds';

const child = subjectOf('child-C1');
const row = (clock: string, stopped: string | null) => JSON.stringify({ child_id: 'C1', clock_key: clock, stopped_on: stopped });

describe('rowChange: what the engine writes for one subject and table', () => {
  it('writes nothing when the rows are those last written, in the same order', () => {
    expect(rowChange(child, [row('a', null), row('b', null)], [row('a', null), row('b', null)])).toBeUndefined();
  });

  it('replaces every row when the last rows are not known (a refold, a first write)', () => {
    expect(rowChange(child, undefined, [row('a', null)])).toEqual({ subject: child, rows: [row('a', null)] });
  });

  it('deletes only the changed and gone rows and inserts only the changed and new ones', () => {
    const before = [row('a', null), row('b', null), row('c', null)];
    const now = [row('a', null), row('b', '2024-03-09'), row('d', null)];
    expect(rowChange(child, before, now)).toEqual({
      subject: child,
      rows: now,
      removed: [row('b', null), row('c', null)],
      added: [row('b', '2024-03-09'), row('d', null)],
    });
  });

  it('writes nothing when only the order of the rows changed (a table has no order)', () => {
    expect(rowChange(child, [row('a', null), row('b', null)], [row('b', null), row('a', null)])).toBeUndefined();
  });

  it('replaces every row when a row appears twice, since deleting by value would take both copies', () => {
    const now = [row('a', null), row('a', null)];
    expect(rowChange(child, [row('a', null)], now)).toEqual({ subject: child, rows: now });
    expect(rowChange(child, now, [row('b', null)])).toEqual({ subject: child, rows: [row('b', null)] });
  });
});

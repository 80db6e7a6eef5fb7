import { describeWithHarness } from '../../testing';
import type { DerivedTable } from './case-read-model';
import { columnTypes, replaceRows, rowChange, rowJson } from './row-writes';
import { subjectOf } from './subject-folds';

const COLUMNS = ['child_id', 'label', 'count', 'big', 'ratio', 'flag', 'on_date', 'at', 'detail'] as const;
const tableNamed = (name: string): DerivedTable => ({ name, subject: 'child', subjectColumn: 'child_id', columns: COLUMNS });

/** Rows with every kind of value the read models store: strings, numbers, booleans, dates, timestamps, JSON, nulls and missing values. */
const ROWS: Array<Record<string, unknown>> = [
  {
    child_id: 'C1',
    label: 'Zoë "quoted" \\ back\nslash',
    count: 3,
    big: 9007199254740991,
    ratio: 0.5,
    flag: true,
    on_date: '2024-02-29',
    at: new Date('2024-03-01T09:30:00.123Z'),
    detail: { reasons: ['a', 'b'], n: 1 },
  },
  { child_id: 'C1', label: 42, count: null, big: null, ratio: 1, flag: false, on_date: null, at: '2024-03-01T10:00:00+01:00', detail: 'a string' },
  { child_id: 'C1', label: null, count: -7, big: 0, ratio: 0.25, flag: null, on_date: '2025-01-01', at: null, detail: null },
  { child_id: 'C1', detail: [1, 'two', null] },
];

describeWithHarness('row writes: rows sent as arrays of values', (open) => {
  it('store exactly what jsonb_populate_record stores, whether read by casts of their text or through it', async () => {
    const rm = await open();
    try {
      const columns = `child_id text NOT NULL, label text, count integer, big bigint, ratio numeric(3,2), flag boolean, on_date date, at timestamptz, detail jsonb`;
      await rm.dataSource.query(`CREATE SCHEMA rw_test; CREATE TABLE rw_test.cast_rows (${columns}); CREATE TABLE rw_test.populated_rows (${columns})`);
      const [cast, populated] = [tableNamed('cast_rows'), tableNamed('populated_rows')];
      await rm.dataSource.transaction(async (manager) => {
        const types = await columnTypes(manager, 'rw_test', ['cast_rows', 'populated_rows']);
        expect(types.get('cast_rows')?.get('ratio')).toBe('numeric(3,2)');
        await replaceRows(
          manager,
          'rw_test',
          cast,
          [
            rowChange(
              subjectOf('child-C1'),
              undefined,
              ROWS.map((row) => rowJson(cast, row)),
            )!,
          ],
          types.get('cast_rows'),
        );
        // Without the types, every row goes through jsonb_populate_record.
        await replaceRows(manager, 'rw_test', populated, [
          rowChange(
            subjectOf('child-C1'),
            undefined,
            ROWS.map((row) => rowJson(populated, row)),
          )!,
        ]);
      });
      const read = (table: string) => rm.dataSource.query(`SELECT ${COLUMNS.join(', ')} FROM rw_test.${table} ORDER BY ROW(${COLUMNS.join(', ')})::text`);
      const [castRows, populatedRows] = [await read('cast_rows'), await read('populated_rows')];
      expect(castRows).toHaveLength(ROWS.length);
      expect(castRows).toEqual(populatedRows);
      expect(castRows).toContainEqual(expect.objectContaining({ label: '42', detail: 'a string', ratio: '1.00', flag: false }));
    } finally {
      await rm.close();
    }
  });
});

import { childStreamId } from '@csc/contracts';
import type { EventStore } from '@csc/event-store';
import { describeForEachDatabase, openEventStoreForSuite } from '@csc/test-support';
import { importFactKey, type ImportedChild } from './import-facts';
import { importChildren } from './import-pipeline';
import { ImportReportBuilder } from './import-report';

const TODAY = '2025-06-01';

/** A child whose file gives one referral, under the id the file spells. */
function childReferredAs(childId: string, line: number): ImportedChild {
  return {
    childId,
    rows: [
      {
        table: 'referrals',
        file: 'referrals.csv',
        line,
        naturalKey: `${childId} referral 2025-01-06`,
        facts: [
          {
            key: importFactKey('test', '201', childId, 'referral', 'R1'),
            envelope: {
              type: 'ReferralReceived',
              schemaVersion: 1,
              childId,
              occurredAt: '2025-01-06',
              source: { system: 'liquidlogic-lcs' },
              data: { referralId: 'R1', source: '2A', primaryNeed: 'N1' },
            },
          },
        ],
      },
    ],
  } as ImportedChild;
}

describeForEachDatabase('import pipeline: bad child ids and files cut short', (openDatabase) => {
  let store: EventStore;
  openEventStoreForSuite(openDatabase, (suite) => ({ store } = suite));

  it.each([
    ['empty', ''],
    ['with a space', 'CH 0001'],
    ['longer than 64 characters', 'C'.repeat(65)],
  ])('refuses the row of a child id %s with the childId field named, and still records the other children of the batch', async (_, badId) => {
    const good = `CH-${Math.random().toString(36).slice(2, 10)}`;
    const report = await importChildren(
      (async function* () {
        yield childReferredAs(good, 2);
        yield childReferredAs(badId, 3);
      })(),
      { store, format: 'test', today: TODAY },
    );

    expect(report.refused).toEqual([expect.objectContaining({ file: 'referrals.csv', line: 3, code: 'INVALID_FIELD', field: 'childId' })]);
    expect(report.children).toEqual({ read: 2, recorded: 1, known: 0, refused: 1 });
    expect((await store.readStream(childStreamId(good))).map((event) => event.type)).toEqual(['ReferralReceived']);
  });

  it('records the children read before a fault in the file, though their batch was not yet full, and passes the fault on', async () => {
    const ids = [1, 2, 3].map((n) => `CH-${n}-${Math.random().toString(36).slice(2, 10)}`);
    const fault = new Error('the file cannot be read on from line 9');
    const report = new ImportReportBuilder('test');
    const importing = importChildren(
      (async function* () {
        yield childReferredAs(ids[0], 2);
        yield childReferredAs(ids[1], 3);
        throw fault;
      })(),
      { store, format: 'test', today: TODAY, childrenPerAppend: 200 },
      report,
    );

    await expect(importing).rejects.toBe(fault);
    expect(report.report.children).toEqual({ read: 2, recorded: 2, known: 0, refused: 0 });
    for (const id of ids.slice(0, 2)) expect((await store.readStream(childStreamId(id))).map((event) => event.type)).toEqual(['ReferralReceived']);
    expect(await store.readStream(childStreamId(ids[2]))).toEqual([]);
  });
});

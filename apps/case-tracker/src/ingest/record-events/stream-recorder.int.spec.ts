import { randomUUID } from 'node:crypto';
import { toStoredEvent, type CaseEvent } from '@csc/contracts';
import { openPgliteDatabase, openSqlEventStore, type EventStore, type EventToAppend, type SqlDatabase } from '@csc/event-store';
import { caseEventFactory } from '../../../../../libs/domain/testing';
import { CaseRules } from './case-rules';
import { StreamRecorder, type RecordingContext } from './stream-recorder';

const context: RecordingContext = { channel: 'http', recordedBy: 'test', today: '2024-06-01' };
const stored = (event: CaseEvent): EventToAppend => toStoredEvent(event, context) as EventToAppend;

/**
 * Two stores on one database stand for two service processes: each remembers stream heads of its own.
 * The recorder's store lets the other process write just before its multi-stream append, so the append
 * meets a stream that moved after it was read.
 */
describe('StreamRecorder.recordAll, with another process writing between read and append', () => {
  let database: SqlDatabase;
  let mine: EventStore;
  let theirs: EventStore;
  let beforeAppend: (() => Promise<void>) | undefined;
  let recorder: StreamRecorder;

  beforeAll(async () => {
    database = await openPgliteDatabase({ dataDir: 'memory' });
    ({ store: mine } = await openSqlEventStore(database));
    ({ store: theirs } = await openSqlEventStore(database));
    const interleaved = new Proxy(mine, {
      get(target, property) {
        if (property === 'appendToStreams') {
          return async (...args: Parameters<EventStore['appendToStreams']>) => {
            const interleave = beforeAppend;
            beforeAppend = undefined;
            await interleave?.();
            return target.appendToStreams(...args);
          };
        }
        const value = Reflect.get(target, property) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    recorder = new StreamRecorder(interleaved, new CaseRules(interleaved));
  });
  afterAll(async () => {
    await theirs?.close();
    await mine?.close();
    await database?.close();
  });

  it('records a stream that moved meanwhile again from its new state, and the untouched streams in the one append', async () => {
    const moved = caseEventFactory(`C-${randomUUID().slice(0, 8)}`);
    const untouched = caseEventFactory(`C-${randomUUID().slice(0, 8)}`);
    const referral = moved.referral('2024-03-04', 'R1');
    await mine.appendToStream(`child-${moved.childId}`, [stored(referral)], { expectedRevision: 'no-stream' });
    const contact = moved.contact('2024-03-05', 'K1');
    beforeAppend = async () => void (await theirs.appendToStream(`child-${moved.childId}`, [stored(contact)], { expectedRevision: 0 }));

    const decision = moved.decision('2024-03-05', 'R1', 'assessment');
    const otherReferral = untouched.referral('2024-03-04', 'R9');
    const outcomes = await recorder.recordAll(
      [
        { streamId: `child-${moved.childId}`, kind: 'child', incoming: [{ index: 0, event: decision }] },
        { streamId: `child-${untouched.childId}`, kind: 'child', incoming: [{ index: 1, event: otherReferral }] },
      ],
      context,
    );

    expect(outcomes.get(`child-${moved.childId}`)!.results.get(0)).toMatchObject({ status: 'recorded', revision: 2 });
    expect(outcomes.get(`child-${untouched.childId}`)!.results.get(1)).toMatchObject({ status: 'recorded', revision: 0 });
    expect((await theirs.readStream(`child-${moved.childId}`)).map((event) => event.eventId)).toEqual([referral.eventId, contact.eventId, decision.eventId]);
  });

  it('judges a stream that moved meanwhile by the rules as they now stand', async () => {
    const child = caseEventFactory(`C-${randomUUID().slice(0, 8)}`);
    await mine.appendToStream(`child-${child.childId}`, [stored(child.referral('2024-03-04', 'R1'))], { expectedRevision: 'no-stream' });
    const theirDecision = child.decision('2024-03-05', 'R1', 'no-further-action');
    beforeAppend = async () => void (await theirs.appendToStream(`child-${child.childId}`, [stored(theirDecision)], { expectedRevision: 0 }));

    const outcomes = await recorder.recordAll(
      [{ streamId: `child-${child.childId}`, kind: 'child', incoming: [{ index: 0, event: child.decision('2024-03-05', 'R1', 'assessment') }] }],
      context,
    );

    expect(outcomes.get(`child-${child.childId}`)!.results.get(0)).toMatchObject({ status: 'rejected', error: { code: 'REFERRAL_ALREADY_DECIDED' } });
    expect(await theirs.readStream(`child-${child.childId}`)).toHaveLength(2);
  });
});

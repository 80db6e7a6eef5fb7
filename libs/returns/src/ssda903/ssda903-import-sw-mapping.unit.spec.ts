import { Readable } from 'node:stream';
import { caseFactsOf, evolveChildCase, initialChildCaseState, type CaseFacts } from '@csc/domain';
import { caseEventFactory } from '../../../domain/testing';
import type { ImportedRow } from '../import-facts';
import { mapSsda903Child, type Ssda903Row } from './ssda903-import-mapping';
import { readSsda903Children, type SkippedTable } from './ssda903-import-reader';

let line = 1;
function sw(values: Record<string, string>, year = '2022'): Ssda903Row {
  line += 1;
  return { table: 'SWEpisodes', file: `${year}-sw_episodes.csv`, line, year, values: { CHILD: 'C1', DOB: '01/02/2010', SW_DEC: '', SW_REASON: '', ...values } };
}

/** A child whose case the store holds open from 1 March 2021 (a referral, as the CIN census import records it). */
function openCase(): CaseFacts {
  const c = caseEventFactory('C1');
  return caseFactsOf([c.referral('2021-03-01', 'R1')].reduce(evolveChildCase, initialChildCaseState));
}

const typesAndData = (rows: readonly ImportedRow[]) =>
  rows.flatMap((row) => row.facts.map(({ envelope: { type, occurredAt, data } }) => ({ type, occurredAt, data })));
const census = { authority: '999', team: 'TEAM-903' };

describe('SSDA903 SWEpisodes into allocations (the team given by the caller)', () => {
  it('allocates at the first episode and changes the worker, with SW_REASON, at an episode starting the day the last ended', () => {
    const rows = mapSsda903Child(
      'C1',
      [
        sw({ SW_ID: 'SW1', SW_DECOM: '01/04/2021', SW_DEC: '10/06/2021', SW_REASON: 'MANAGE' }),
        sw({ SW_ID: 'SW2', SW_DECOM: '10/06/2021', SW_REASON: 'LEFTRL' }),
      ],
      census,
      openCase(),
    );
    expect(typesAndData(rows)).toEqual([
      { type: 'CaseAllocated', occurredAt: '2021-04-01', data: { workerId: 'SW1', teamId: 'TEAM-903' } },
      { type: 'SocialWorkerChanged', occurredAt: '2021-06-10', data: { fromWorkerId: 'SW1', toWorkerId: 'SW2', teamId: 'TEAM-903', reason: 'LEFTRL' } },
    ]);
    expect(rows.map((row) => row.naturalKey)).toEqual(['C1 social worker 01/04/2021', 'C1 social worker 10/06/2021']);
  });

  it('leaves the case unallocated between two episodes with a gap, and after a last episode that ended', () => {
    const rows = mapSsda903Child(
      'C1',
      [
        sw({ SW_ID: 'SW1', SW_DECOM: '01/04/2021', SW_DEC: '01/05/2021', SW_REASON: 'MANAGE' }),
        sw({ SW_ID: 'SW2', SW_DECOM: '01/06/2021', SW_DEC: '31/12/2021', SW_REASON: 'ORGRST' }),
      ],
      census,
      openCase(),
    );
    expect(typesAndData(rows)).toEqual([
      { type: 'CaseAllocated', occurredAt: '2021-04-01', data: { workerId: 'SW1', teamId: 'TEAM-903' } },
      { type: 'CaseUnallocated', occurredAt: '2021-05-01', data: { workerId: 'SW1', reason: 'other' } },
      { type: 'CaseAllocated', occurredAt: '2021-06-01', data: { workerId: 'SW2', teamId: 'TEAM-903' } },
      { type: 'CaseUnallocated', occurredAt: '2021-12-31', data: { workerId: 'SW2', reason: 'other' } },
    ]);
  });

  it('refuses, with a code and the column, an overlap (SW10), a change with no SW_REASON (SW15), and an allocation with no open case', () => {
    const overlap = mapSsda903Child(
      'C1',
      [sw({ SW_ID: 'SW1', SW_DECOM: '01/04/2021', SW_REASON: 'MANAGE' }), sw({ SW_ID: 'SW2', SW_DECOM: '01/06/2021', SW_REASON: 'LEFTRL' })],
      census,
      openCase(),
    );
    expect(overlap[1].problem).toMatchObject({ code: 'SW_EPISODES_OVERLAP', field: 'SW_DECOM' });
    const noReason = mapSsda903Child(
      'C1',
      [sw({ SW_ID: 'SW1', SW_DECOM: '01/04/2021', SW_DEC: '01/06/2021', SW_REASON: 'MANAGE' }), sw({ SW_ID: 'SW2', SW_DECOM: '01/06/2021' })],
      census,
      openCase(),
    );
    expect(noReason[1].problem).toMatchObject({ code: 'MISSING_FIELD', field: 'SW_REASON' });
    const notOpen = mapSsda903Child('C1', [sw({ SW_ID: 'SW1', SW_DECOM: '01/02/2021', SW_REASON: 'MANAGE' })], census, openCase());
    expect(notOpen[0].problem).toMatchObject({ code: 'CASE_NOT_OPEN', field: 'SW_DECOM', message: expect.stringContaining('CIN census') });
    const badCode = mapSsda903Child('C1', [sw({ SW_ID: 'SW1', SW_DECOM: '01/04/2021', SW_REASON: 'LAZY' })], census, openCase());
    expect(badCode[0].problem).toMatchObject({ code: 'UNKNOWN_CODE', field: 'SW_REASON' });
  });

  it('continues the allocation the store holds (an earlier return) rather than allocating again', () => {
    const c = caseEventFactory('C1');
    const held = caseFactsOf([c.referral('2021-03-01', 'R1'), c.allocated('2021-04-01', 'SW1', 'TEAM-903')].reduce(evolveChildCase, initialChildCaseState));
    const rows = mapSsda903Child('C1', [sw({ SW_ID: 'SW2', SW_DECOM: '01/07/2022', SW_REASON: 'CHCHAN' })], census, held);
    expect(typesAndData(rows)).toEqual([
      { type: 'SocialWorkerChanged', occurredAt: '2022-07-01', data: { fromWorkerId: 'SW1', toWorkerId: 'SW2', teamId: 'TEAM-903', reason: 'CHCHAN' } },
    ]);
  });

  it('does not import SWEpisodes when no team is given, and says how to', async () => {
    const skipped: SkippedTable[] = [];
    const text = 'CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\nC1,01/02/2010,SW1,01/04/2021,,MANAGE\n';
    const children = [];
    for await (const child of readSsda903Children([{ name: '2022-sw.csv', open: () => Readable.from([text]) }], { authority: '999' }, (s) => skipped.push(s)))
      children.push(child);
    expect(children).toEqual([]);
    expect(skipped).toEqual([{ file: '2022-sw.csv', table: 'SWEpisodes', rows: 1, reason: expect.stringContaining('--team') }]);
  });
});

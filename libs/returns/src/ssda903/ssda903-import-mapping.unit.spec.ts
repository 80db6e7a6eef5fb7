import { Readable } from 'node:stream';
import { caseFactsOf, evolveChildCase, initialChildCaseState } from '@csc/domain';
import type { ChildEvent } from '@csc/contracts';
import type { ImportedRow } from '../import-facts';
import { importEventId } from '../import-facts';
import { mapSsda903Child, type Ssda903Row } from './ssda903-import-mapping';
import { readSsda903Children, yearOfFile } from './ssda903-import-reader';
import { ssda903TableOf } from './ssda903-import-tables';

const EPISODE_COLUMNS = ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'];

let line = 1;
function episode(values: Partial<Record<(typeof EPISODE_COLUMNS)[number], string>>, year = '2021'): Ssda903Row {
  line += 1;
  return { table: 'Episodes', file: `${year}-episodes.csv`, line, year, values: { CHILD: 'C1', CIN: 'N1', PLACE_PROVIDER: 'PR1', ...values } };
}

const typesAndData = (rows: readonly ImportedRow[]) =>
  rows.flatMap((row) => row.facts.map(({ envelope: { type, occurredAt, data } }) => ({ type, occurredAt, data })));

describe('SSDA903 mapping: episodes into periods of care', () => {
  it('starts a period at RNE S, changes placement (P) and legal status (L) within it, and ends it at a REC other than X1', () => {
    const rows = mapSsda903Child(
      'C1',
      [
        // REASON_PLACE_CHANGE sits on the episode whose placement ended (DfE rule 225): CARPL is why U4 gave way to K2.
        episode({ DECOM: '01/04/2021', RNE: 'S', LS: 'C2', PLACE: 'U4', DEC: '10/06/2021', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }),
        episode({ DECOM: '10/06/2021', RNE: 'P', LS: 'C2', PLACE: 'K2', DEC: '01/09/2021', REC: 'X1' }),
        episode({ DECOM: '01/09/2021', RNE: 'L', LS: 'C1', PLACE: 'K2', DEC: '15/01/2022', REC: 'E11' }),
      ],
      { authority: '999' },
    );
    expect(typesAndData(rows)).toEqual([
      {
        type: 'BecameLookedAfter',
        occurredAt: '2021-04-01',
        data: {
          periodId: '903-lac-2021-04-01',
          placementId: '903-pl-2021-04-01',
          placementType: 'U4',
          longTerm: true,
          legalStatus: 'C2',
          reasonNewEpisode: 'S',
        },
      },
      {
        type: 'PlacementChanged',
        occurredAt: '2021-06-10',
        data: { periodId: '903-lac-2021-04-01', placementId: '903-pl-2021-06-10', placementType: 'K2', longTerm: false, reason: 'CARPL' },
      },
      { type: 'LegalStatusChanged', occurredAt: '2021-09-01', data: { periodId: '903-lac-2021-04-01', legalStatus: 'C1' } },
      { type: 'CeasedToBeLookedAfter', occurredAt: '2022-01-15', data: { periodId: '903-lac-2021-04-01', reason: 'E11' } },
    ]);
    expect(rows.map((row) => row.naturalKey)).toEqual(['C1 episode 01/04/2021', 'C1 episode 10/06/2021', 'C1 episode 01/09/2021']);
  });

  it('records both changes for RNE B and U, and a placement change whose ended episode gives no REASON_PLACE_CHANGE (the schema lets it be blank) without a reason', () => {
    const rows = mapSsda903Child(
      'C1',
      [
        episode({ DECOM: '01/04/2021', RNE: 'S', LS: 'V2', PLACE: 'U1', DEC: '02/05/2021', REC: 'X1', REASON_PLACE_CHANGE: 'STAND' }),
        episode({ DECOM: '02/05/2021', RNE: 'B', LS: 'C2', PLACE: 'U5', DEC: '03/06/2021', REC: 'X1' }),
        episode({ DECOM: '03/06/2021', RNE: 'T', LS: 'C2', PLACE: 'U6' }),
      ],
      { authority: '999' },
    );
    expect(typesAndData(rows).slice(1)).toEqual([
      { type: 'LegalStatusChanged', occurredAt: '2021-05-02', data: { periodId: '903-lac-2021-04-01', legalStatus: 'C2' } },
      {
        type: 'PlacementChanged',
        occurredAt: '2021-05-02',
        data: { periodId: '903-lac-2021-04-01', placementId: '903-pl-2021-05-02', placementType: 'U5', longTerm: false, reason: 'STAND' },
      },
      {
        type: 'PlacementChanged',
        occurredAt: '2021-06-03',
        data: { periodId: '903-lac-2021-04-01', placementId: '903-pl-2021-06-03', placementType: 'U6', longTerm: false },
      },
    ]);
  });

  it('starts the history part-way when the first episode it holds is not RNE S, and says so in reasonNewEpisode', () => {
    const rows = mapSsda903Child('C1', [episode({ DECOM: '19/08/2020', RNE: 'P', LS: 'C2', PLACE: 'U4', REASON_PLACE_CHANGE: 'CARPL' })], { authority: '999' });
    expect(typesAndData(rows)).toEqual([
      {
        type: 'BecameLookedAfter',
        occurredAt: '2020-08-19',
        data: {
          periodId: '903-lac-2020-08-19',
          placementId: '903-pl-2020-08-19',
          placementType: 'U4',
          longTerm: true,
          legalStatus: 'C2',
          reasonNewEpisode: 'P',
        },
      },
    ]);
  });

  it("continues the period the store holds open (from an earlier year's import) rather than starting another", () => {
    const earlier = mapSsda903Child('C1', [episode({ DECOM: '01/04/2019', RNE: 'S', LS: 'C2', PLACE: 'U4' }, '2019')], { authority: '999' });
    const held = earlier.flatMap((row) => row.facts.map((fact, at) => ({ ...fact.envelope, eventId: importEventId(fact.key, at) }) as ChildEvent));
    const facts = caseFactsOf(held.reduce(evolveChildCase, initialChildCaseState));
    const later = mapSsda903Child('C1', [episode({ DECOM: '05/05/2021', RNE: 'P', LS: 'C2', PLACE: 'K2' })], { authority: '999' }, facts);
    expect(typesAndData(later)).toEqual([
      {
        type: 'PlacementChanged',
        occurredAt: '2021-05-05',
        data: { periodId: '903-lac-2019-04-01', placementId: '903-pl-2021-05-05', placementType: 'K2', longTerm: false },
      },
    ]);
  });

  it("takes an episode met in two years' returns from the latest, and keys its facts by child and DECOM whatever the year", () => {
    const rows = mapSsda903Child(
      'C1',
      [
        episode({ DECOM: '01/04/2020', RNE: 'S', LS: 'C2', PLACE: 'U4' }, '2020'),
        episode({ DECOM: '01/04/2020', RNE: 'S', LS: 'C2', PLACE: 'U4', DEC: '01/02/2021', REC: 'E4A' }, '2021'),
      ],
      { authority: '999' },
    );
    expect(rows.map((row) => row.file)).toEqual(['2021-episodes.csv', '2020-episodes.csv']);
    expect(rows[0].facts.map((fact) => fact.key)).toEqual(['ssda903|999|C1|episode|2020-04-01', 'ssda903|999|C1|ceased|2020-04-01']);
    expect(rows[1].facts.map((fact) => fact.key)).toEqual(rows[0].facts.map((fact) => fact.key));
    expect(rows[0].facts[0].envelope.source).toEqual({ system: 'ssda903-2021' });
  });

  it('refuses a date that does not exist, an unknown code and an end without a reason, naming the column', () => {
    const [badDate] = mapSsda903Child('C1', [episode({ DECOM: '31/02/2024', RNE: 'S', LS: 'C2', PLACE: 'U4' })], { authority: '999' });
    expect(badDate.problem).toEqual({ code: 'INVALID_DATE', field: 'DECOM', message: 'DECOM is "31/02/2024", which is not a real date written DD/MM/YYYY.' });
    const [badCode] = mapSsda903Child('C1', [episode({ DECOM: '01/02/2024', RNE: 'S', LS: 'C2', PLACE: 'Z9' })], { authority: '999' });
    expect(badCode.problem).toMatchObject({ code: 'UNKNOWN_CODE', field: 'PLACE' });
    const [noReason] = mapSsda903Child('C1', [episode({ DECOM: '01/02/2024', RNE: 'S', LS: 'C2', PLACE: 'U4', DEC: '01/03/2024' })], { authority: '999' });
    expect(noReason.problem).toMatchObject({ code: 'MISSING_FIELD', field: 'REC' });
  });
});

describe('SSDA903 mapping: missing episodes', () => {
  it('records a missing or away episode with its start and end', () => {
    const rows = mapSsda903Child(
      'C1',
      [
        {
          table: 'Missing',
          file: '2021-missing.csv',
          line: 2,
          year: '2021',
          values: { CHILD: 'C1', DOB: '31/03/2005', MISSING: 'A', MIS_START: '26/06/2021', MIS_END: '30/06/2021' },
        },
      ],
      { authority: '999' },
    );
    expect(typesAndData(rows)).toEqual([
      { type: 'MissingEpisodeStarted', occurredAt: '2021-06-26', data: { missingEpisodeId: '903-mis-2021-06-26' } },
      { type: 'MissingEpisodeEnded', occurredAt: '2021-06-30', data: { missingEpisodeId: '903-mis-2021-06-26' } },
    ]);
  });
});

describe('SSDA903 tables', () => {
  it('recognises each table by its set of columns, in any order or case, as the DfE validator does', () => {
    expect(ssda903TableOf(EPISODE_COLUMNS)).toBe('Episodes');
    expect(ssda903TableOf(['mis_end', 'CHILD', 'DOB', 'MISSING', 'MIS_START'])).toBe('Missing');
    expect(ssda903TableOf(['CHILD', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON', 'DOB'])).toBe('SWEpisodes');
    expect(ssda903TableOf(['CHILD', 'DECOM'])).toBeUndefined();
  });

  it('reads the year from the file name', () => {
    expect(yearOfFile('2019-episodes.csv')).toBe('2019');
    expect(yearOfFile('episodes_2024.csv')).toBe('2024');
    expect(yearOfFile('episodes.csv')).toBe('unknown');
  });

  it('refuses a CSV whose columns are no 903 table, and notes the tables it reads but cannot record', async () => {
    const skipped: unknown[] = [];
    const read = async (text: string) => {
      const children = [];
      for await (const child of readSsda903Children([{ name: '2021-x.csv', open: () => Readable.from([text]) }], { authority: '999' }, (s) => skipped.push(s)))
        children.push(child);
      return children;
    };
    await expect(read('CHILD,DECOM\n1,01/01/2021\n')).rejects.toMatchObject({ code: 'WRONG_SCHEMA', file: '2021-x.csv', line: 1 });
    expect(await read('CHILD,DOB,REVIEW,REVIEW_CODE\n1,01/01/2010,01/01/2021,PN1\n2,01/01/2011,02/01/2021,PN1\n')).toEqual([]);
    expect(skipped).toEqual([{ file: '2021-x.csv', table: 'Reviews', rows: 2, reason: expect.stringContaining('CLA plan') }]);
    const [child] = await read(`${EPISODE_COLUMNS.join(',')}\n77,01/04/2021,S,C2,N1,U4,PR1,,,,,,\n`);
    expect(child.childId).toBe('77');
    expect(child.rows[0]).toMatchObject({ table: 'Episodes', file: '2021-x.csv', line: 2 });
  });
});

describe('SSDA903 mapping: REASON_PLACE_CHANGE, on the episode whose placement ended (DfE rule 225)', () => {
  it('gives each placement change the reason written on the X1 episode before it, and a reason with no placement change after it to none', () => {
    const rows = mapSsda903Child(
      'C1',
      [
        episode({ DECOM: '01/04/2021', RNE: 'S', LS: 'C2', PLACE: 'U4', DEC: '10/06/2021', REC: 'X1', REASON_PLACE_CHANGE: 'ALLEG' }),
        episode({ DECOM: '10/06/2021', RNE: 'T', LS: 'C2', PLACE: 'K2', DEC: '01/09/2021', REC: 'X1', REASON_PLACE_CHANGE: 'CHILD' }),
        // RNE L: the placement did not change, so CHILD above has no placement change to explain.
        episode({ DECOM: '01/09/2021', RNE: 'L', LS: 'C1', PLACE: 'K2', DEC: '15/01/2022', REC: 'X1', REASON_PLACE_CHANGE: 'LAREQ' }),
        episode({ DECOM: '15/01/2022', RNE: 'P', LS: 'C1', PLACE: 'U1', DEC: '20/03/2022', REC: 'E11', REASON_PLACE_CHANGE: 'OTHER' }),
      ],
      { authority: '999' },
    );
    const reasons = typesAndData(rows)
      .filter((fact) => fact.type === 'PlacementChanged')
      .map((fact) => [fact.occurredAt, (fact.data as { reason?: string }).reason]);
    expect(reasons).toEqual([
      ['2021-06-10', 'ALLEG'],
      ['2022-01-15', 'LAREQ'],
    ]);
  });
});

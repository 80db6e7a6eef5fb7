import { caseEventFactory } from '../../../domain/testing';
import { collectionYear } from '../return-period';
import { ssda903Date, ssda903RowsOf } from './ssda903-export-mapping';
import { ssda903Xml } from './ssda903-export-xml';

const YEAR_2025 = collectionYear(2025);

describe('SSDA903 mapping of one child (collection year 2025)', () => {
  it('writes an episode per change of placement or legal status, each ending the day the next starts, and the period ceasing in the year', () => {
    const c = caseEventFactory('LAC-1');
    const events = [
      c.childDetails('2023-11-01', { dateOfBirth: '2012-06-30' }),
      c.referral('2023-11-01', 'R1'),
      c.allocated('2023-11-02', 'W1'),
      c.becameLookedAfter('2024-01-15', 'P1', { placementId: 'PL1', legalStatus: 'V2', placementType: 'U1' }),
      c.legalStatusChanged('2024-05-10', 'P1', 'C2'),
      c.placementChanged('2024-08-01', 'P1', 'PL2'),
      c.workerChanged('2024-09-02', 'W1', 'W2', { reason: 'LEFTRL' }),
      c.missingStarted('2024-10-04T21:00:00Z', 'M1'),
      c.missingEnded('2024-10-05T09:00:00Z', 'M1'),
      c.ceased('2025-02-28', 'P1', 'E11'),
    ];
    const rows = ssda903RowsOf('LAC-1', events, YEAR_2025)!;
    expect(rows.Header).toEqual([{ CHILD: 'LAC-1', SEX: '2', DOB: '30/06/2012', ETHNIC: 'WBRI', UPN: '', MOTHER: '', MC_DOB: '' }]);
    const episode = { CHILD: 'LAC-1', CIN: 'N1', PLACE_PROVIDER: '', HOME_POST: '', PL_POST: '', URN: '' };
    expect(rows.Episodes).toEqual([
      { ...episode, DECOM: '15/01/2024', RNE: 'S', LS: 'V2', PLACE: 'U1', DEC: '10/05/2024', REC: 'X1', REASON_PLACE_CHANGE: '' },
      // Why PL1 ended (CARPL) sits on the episode PL1 ended, as DfE rule 225 asks; not on the episode PL2 begins.
      { ...episode, DECOM: '10/05/2024', RNE: 'L', LS: 'C2', PLACE: 'U1', DEC: '01/08/2024', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' },
      { ...episode, DECOM: '01/08/2024', RNE: 'P', LS: 'C2', PLACE: 'U4', DEC: '28/02/2025', REC: 'E11', REASON_PLACE_CHANGE: '' },
    ]);
    expect(rows.SWEpisodes).toEqual([
      { CHILD: 'LAC-1', DOB: '30/06/2012', SW_ID: 'W1', SW_DECOM: '02/11/2023', SW_DEC: '02/09/2024', SW_REASON: '' },
      { CHILD: 'LAC-1', DOB: '30/06/2012', SW_ID: 'W2', SW_DECOM: '02/09/2024', SW_DEC: '', SW_REASON: 'LEFTRL' },
    ]);
    // 21:00 UTC on 4 October is 22:00 in London (BST): the London date.
    expect(rows.Missing).toEqual([{ CHILD: 'LAC-1', DOB: '30/06/2012', MISSING: 'M', MIS_START: '04/10/2024', MIS_END: '05/10/2024' }]);
  });

  it('leaves out an episode that ended before 1 April, and a child not looked after in the year', () => {
    const c = caseEventFactory('LAC-2');
    const events = [
      c.childDetails('2023-06-01', { dateOfBirth: '2010-01-01' }),
      c.referral('2023-06-01', 'R1'),
      c.becameLookedAfter('2023-06-02', 'P1', { placementId: 'PL1' }),
      c.placementChanged('2024-03-01', 'P1', 'PL2'),
    ];
    expect(ssda903RowsOf('LAC-2', events, YEAR_2025)!.Episodes.map((row) => [row.DECOM, row.DEC])).toEqual([['01/03/2024', '']]);
    const never = caseEventFactory('CIN-9');
    expect(
      ssda903RowsOf('CIN-9', [never.childDetails('2024-06-01', { dateOfBirth: '2015-01-01' }), never.referral('2024-06-01', 'R1')], YEAR_2025),
    ).toBeUndefined();
  });

  it('writes dates as day/month/year', () => {
    expect(ssda903Date('2025-03-31')).toBe('31/03/2025');
    expect(ssda903Date(undefined)).toBe('');
  });
});

describe('SSDA903 XML (CLA.xsd) of mapped children', () => {
  const lookedAfter = (childId: string, gender: 'F' | 'U') => {
    const c = caseEventFactory(childId);
    const details = c.childDetails('2024-05-01', { dateOfBirth: '2011-02-03' });
    (details.data as { gender: string }).gender = gender;
    return ssda903RowsOf(childId, [details, c.referral('2024-05-01', 'R1'), c.becameLookedAfter('2024-05-02', 'P1', { placementType: 'K2' })], YEAR_2025)!;
  };

  it('writes a CHILD with its HEADER and EPISODE in the schema order, and lists a child the schema cannot hold with the reason', () => {
    const { xml, omitted } = ssda903Xml([lookedAfter('LAC-3', 'F'), lookedAfter('LAC-4', 'U'), lookedAfter('LAC-ELEVEN1', 'F')]);
    expect(xml).toContain(
      '<CHILD>\n    <HEADER>\n      <CHILDID>LAC-3</CHILDID>\n      <UPN/>\n      <SEX>2</SEX>\n      <DOB>03/02/2011</DOB>\n      <ETHNIC>WBRI</ETHNIC>\n      <UASC/>\n    </HEADER>',
    );
    expect(xml).toContain(
      '<DECOM>02/05/2024</DECOM>\n      <RNE>S</RNE>\n      <LS>V2</LS>\n      <CIN>N1</CIN>\n      <PL>K2</PL>\n      <DEC/>\n      <REC/>',
    );
    expect(omitted).toEqual([
      { childId: 'LAC-4', reason: expect.stringContaining('SEX') },
      { childId: 'LAC-ELEVEN1', reason: expect.stringContaining('10 characters') },
    ]);
  });
});

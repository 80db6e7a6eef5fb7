import { Readable } from 'node:stream';
import type { ImportedChild } from '../import-facts';
import { collectionYear } from '../return-period';
import type { SkippedTable } from './ssda903-import-reader';
import { readSsda903Children } from './ssda903-import-reader';
import { readSsda903XmlRows } from './ssda903-import-xml';
import { ssda903Xml } from './ssda903-export-xml';
import { ssda903RowsOf } from './ssda903-export-mapping';
import { caseEventFactory } from '../../../domain/testing';

// Two children as CLA.xsd 3.3.0 writes them (../shared/data/csc-data-synthesizer/tests/data/CLA.xsd), and the same
// children as the validator's CSV tables (config_column_names.json): PL is the CSV's PLACE, AMISSING a Missing row.
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>C1</CHILDID><UPN></UPN><SEX>1</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC><UASC />
      <AMISSING><MISSING>M</MISSING><MIS_START>05/07/2021</MIS_START><MIS_END>06/07/2021</MIS_END></AMISSING>
      <AREVIEW><REVIEW>01/06/2021</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>
      <PERMANENCE><PREV_PERM>Z1</PREV_PERM></PERMANENCE>
    </HEADER>
    <EPISODE><DECOM>01/04/2021</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL><DEC>10/06/2021</DEC><REC>X1</REC><REASON_PLACE_CHANGE>CARPL</REASON_PLACE_CHANGE></EPISODE>
    <EPISODE><DECOM>10/06/2021</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>K2</PL><DEC /><REC /></EPISODE>
  </CHILD>
  <CHILD>
    <HEADER><CHILDID>C2</CHILDID><UPN /><SEX>2</SEX><DOB>03/03/2012</DOB><ETHNIC>WBRI</ETHNIC><UASC /></HEADER>
    <EPISODE><DECOM>15/05/2021</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>R1</PL><DEC>01/03/2022</DEC><REC>E11</REC></EPISODE>
  </CHILD>
</EXPSSDA903>
`;

const EPISODES_CSV = [
  'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  'C1,01/04/2021,S,C2,N1,U4,,10/06/2021,X1,CARPL,,,',
  'C1,10/06/2021,P,C2,N1,K2,,,,,,,',
  'C2,15/05/2021,S,V2,N2,R1,,01/03/2022,E11,,,,',
].join('\n');
const MISSING_CSV = ['CHILD,DOB,MISSING,MIS_START,MIS_END', 'C1,01/02/2010,M,05/07/2021,06/07/2021'].join('\n');

const file = (name: string, text: string) => ({ name, open: () => Readable.from([text]) });

async function read(files: { name: string; open: () => Readable }[], skipped: SkippedTable[] = []): Promise<ImportedChild[]> {
  const children: ImportedChild[] = [];
  for await (const child of readSsda903Children(files, { authority: '999' }, (s) => skipped.push(s))) children.push(child);
  return children;
}

/** What the mapping makes of a child: its facts' keys, types, dates and data, by date (rows come in file order). */
const factsOf = (children: readonly ImportedChild[]) =>
  children.map((child) => ({
    childId: child.childId,
    facts: child.rows
      .flatMap((row) => row.facts.map(({ key, envelope: { type, occurredAt, data } }) => ({ key, type, occurredAt, data })))
      .sort((a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.key.localeCompare(b.key)),
  }));

describe('SSDA903 XML (CLA.xsd) import: the same rows as the CSV tables', () => {
  it('reads each CHILD into Episodes and Missing rows whose facts are exactly those of the same CSV tables', async () => {
    const fromXml = await read([file('ssda903-2021.xml', XML)]);
    const fromCsv = await read([file('2021-episodes.csv', EPISODES_CSV), file('2021-missing.csv', MISSING_CSV)]);
    expect(factsOf(fromXml)).toEqual(factsOf(fromCsv));
    expect(factsOf(fromXml)[0].facts.map((fact) => fact.type)).toEqual([
      'BecameLookedAfter',
      'PlacementChanged',
      'MissingEpisodeStarted',
      'MissingEpisodeEnded',
    ]);
    // The reason on the episode that ended (DfE rule 225) explains the change to K2.
    expect(factsOf(fromXml)[0].facts[1].data).toMatchObject({ placementType: 'K2', reason: 'CARPL' });
  });

  it('names each row by the line and path of its element, and counts the tables it does not record by the validator’s names', async () => {
    const skipped: SkippedTable[] = [];
    const [c1] = await read([file('ssda903-2021.xml', XML)], skipped);
    expect(c1.rows.find((row) => row.table === 'Episodes')).toMatchObject({ file: 'ssda903-2021.xml', line: 10, path: '/EXPSSDA903[1]/CHILD[1]/EPISODE[1]' });
    expect(c1.rows.find((row) => row.table === 'Missing')).toMatchObject({ line: 6, path: '/EXPSSDA903[1]/CHILD[1]/HEADER[1]/AMISSING[1]' });
    expect(skipped.map(({ table, rows }) => [table, rows])).toEqual([
      ['Header', 2],
      ['Reviews', 1],
      ['PrevPerm', 1],
    ]);
  });

  it('refuses XML that is not the 903 (another root), naming the file and line', async () => {
    await expect(read([file('cin.xml', '<Message><Header/></Message>')])).rejects.toMatchObject({ code: 'WRONG_SCHEMA', file: 'cin.xml', line: 1 });
    await expect(read([file('broken.xml', '<EXPSSDA903><CHILD></EXPSSDA903>')])).rejects.toMatchObject({ code: 'NOT_XML', file: 'broken.xml' });
  });

  it('reads back what our own 903 XML export writes, episode for episode', async () => {
    const c = caseEventFactory('LAC-1');
    const events = [
      c.childDetails('2023-11-01', { dateOfBirth: '2012-06-30' }),
      c.referral('2023-11-01', 'R1'),
      c.becameLookedAfter('2024-01-15', 'P1', { placementId: 'PL1', legalStatus: 'V2', placementType: 'U1' }),
      c.legalStatusChanged('2024-05-10', 'P1', 'C2'),
      c.placementChanged('2024-08-01', 'P1', 'PL2'),
      c.missingStarted('2024-10-04T21:00:00Z', 'M1'),
      c.missingEnded('2024-10-05T09:00:00Z', 'M1'),
      c.ceased('2025-02-28', 'P1', 'E11'),
    ];
    const rows = ssda903RowsOf('LAC-1', events, collectionYear(2025))!;
    const { xml, omitted } = ssda903Xml([rows]);
    expect(omitted).toEqual([]);
    const read: Record<string, Record<string, string>[]> = {};
    for await (const row of readSsda903XmlRows(Readable.from([xml]), 'export.xml')) (read[row.table] ??= []).push({ ...row.values });
    const written = (table: 'Episodes' | 'Missing') =>
      rows[table].map((row) => Object.fromEntries(Object.keys(read[table][0]).map((column) => [column, row[column as keyof typeof row]])));
    expect(read.Episodes).toEqual(written('Episodes'));
    expect(read.Missing).toEqual(written('Missing'));
    expect(read.Episodes.map((row) => row.REASON_PLACE_CHANGE)).toEqual(['', 'CARPL', '']);
  });
});

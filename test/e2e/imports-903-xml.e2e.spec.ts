import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

interface RecordedEvent {
  position: number;
  event: { type: string; occurredAt: string; source: { system: string }; data: Record<string, unknown> };
}

/** Two looked-after children as CLA.xsd 3.3.0 writes them: C1 moves placement once and goes missing, C2 leaves care. */
const childrenXml = (run: string): string[] => [
  `  <CHILD>
    <HEADER>
      <CHILDID>C1-${run}</CHILDID><UPN /><SEX>1</SEX><DOB>01/02/2010</DOB><ETHNIC>WBRI</ETHNIC><UASC />
      <AMISSING><MISSING>M</MISSING><MIS_START>05/07/2021</MIS_START><MIS_END>06/07/2021</MIS_END></AMISSING>
    </HEADER>
    <EPISODE><DECOM>01/04/2021</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL><DEC>10/06/2021</DEC><REC>X1</REC><REASON_PLACE_CHANGE>CARPL</REASON_PLACE_CHANGE></EPISODE>
    <EPISODE><DECOM>10/06/2021</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>K2</PL><DEC /><REC /></EPISODE>
  </CHILD>`,
  `  <CHILD>
    <HEADER><CHILDID>C2-${run}</CHILDID><UPN /><SEX>2</SEX><DOB>03/03/2012</DOB><ETHNIC>WBRI</ETHNIC><UASC /></HEADER>
    <EPISODE><DECOM>15/05/2021</DECOM><RNE>S</RNE><LS>V2</LS><CIN>N2</CIN><PL>R1</PL><DEC>01/03/2022</DEC><REC>E11</REC></EPISODE>
  </CHILD>`,
];
const message = (children: readonly string[], tail = '</EXPSSDA903>\n') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<EXPSSDA903>\n${children.join('\n')}\n${tail}`;

describe('POST /v1/imports?format=ssda903 with the SSDA903 XML (CLA.xsd)', () => {
  let test: TestApplication;

  beforeAll(async () => {
    test = await startTestApplication();
  });
  afterAll(async () => {
    await test?.close();
  });

  const postXml = (query: string, body: string) =>
    request(test.app.getHttpServer()).post(`/v1/imports?${query}`).set('authorization', bearer('recorder')).set('content-type', 'application/xml').send(body);
  const eventsOf = async (childId: string): Promise<RecordedEvent[]> =>
    (await request(test.app.getHttpServer()).get(`/v1/children/${childId}/events`).set('authorization', bearer('recorder')).expect(200)).body.events;

  it('records each CHILD as its periods of care, placements and missing episodes, feeds the read models, and records nothing again', async () => {
    const run = randomUUID().slice(0, 8);
    const xml = message(childrenXml(run));
    const first = await postXml('format=ssda903&file=ssda903-2022.xml&authority=999', xml).expect(200);
    expect(first.body.refused).toEqual([]);
    expect(first.body.tables.Episodes).toEqual({ read: 3, recorded: 3, known: 0, refused: 0 });
    expect(first.body.tables.Missing).toEqual({ read: 1, recorded: 1, known: 0, refused: 0 });
    expect(first.body.children).toEqual({ read: 2, recorded: 2, known: 0, refused: 0 });

    const c1 = await eventsOf(`C1-${run}`);
    expect(c1.map(({ event }) => `${event.occurredAt} ${event.type}`)).toEqual([
      '2021-04-01 BecameLookedAfter',
      '2021-06-10 PlacementChanged',
      '2021-07-05 MissingEpisodeStarted',
      '2021-07-06 MissingEpisodeEnded',
    ]);
    expect(c1.every(({ event }) => event.source.system.startsWith('ssda903'))).toBe(true);
    // The reason the first placement ended travels on the change that ended it (DfE 903 rule 225).
    expect(c1.find(({ event }) => event.type === 'PlacementChanged')!.event.data).toMatchObject({ reason: 'CARPL' });
    const c2 = await eventsOf(`C2-${run}`);
    expect(c2.map(({ event }) => `${event.occurredAt} ${event.type}`)).toEqual(['2021-05-15 BecameLookedAfter', '2022-03-01 CeasedToBeLookedAfter']);

    // The child trackers, once they have applied the last event: C1 is looked after still, C2 left care.
    const position = Math.max(...[...c1, ...c2].map((e) => e.position));
    const statusOf = async (childId: string) =>
      (await request(test.app.getHttpServer()).get(`/v1/children/${childId}/tracker?minPosition=${position}`).set('authorization', bearer('admin')).expect(200))
        .body.status;
    expect(await statusOf(`C1-${run}`)).toBe('looked-after');
    expect(await statusOf(`C2-${run}`)).not.toBe('looked-after');

    const again = await postXml('format=ssda903&authority=999', xml).expect(200);
    expect(again.body.events.recorded).toBe(0);
    expect(again.body.children).toEqual({ read: 2, recorded: 0, known: 2, refused: 0 });
  });

  it('answers 400 with the line of a file cut short and records none of its children, a child being gathered from the whole return first', async () => {
    const run = randomUUID().slice(0, 8);
    const [whole, cut] = childrenXml(run);
    const response = await postXml('format=ssda903&file=cut.xml&authority=999', message([whole, cut.slice(0, cut.indexOf('<EPISODE>'))], '')).expect(400);
    expect(response.body.error).toMatchObject({ code: 'NOT_XML', file: 'cut.xml', field: 'body' });
    expect(response.body.error.line).toBeGreaterThan(8);
    expect(response.body.report.events.recorded).toBe(0);
    for (const child of [`C1-${run}`, `C2-${run}`])
      await request(test.app.getHttpServer()).get(`/v1/children/${child}/events`).set('authorization', bearer('recorder')).expect(404);
  });
});

import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { load } from 'js-yaml';
import request from 'supertest';
import type { CaseEvent } from '@csc/contracts';
import { describeWith } from '@csc/test-support';
import { countyConfig, generateCounty } from '../../apps/cli/src/generate';
import { SSDA903_COLUMNS, SSDA903_TABLES } from '@csc/returns';
import {
  CIN_CENSUS_XSD,
  cscApiValidator,
  ANNEX_A_SPEC,
  SSDA903_XSD,
  schemaCheckUnavailable,
  xmlSchemaProblems,
} from '../../libs/returns/testing/return-schemas';
import { startTestApplication, type TestApplication } from '../support/test-application';
import { bearer } from '../support/tokens';

/** A small generated county (a year from 1 April 2024: collection year 2025), as a case management system sends it. */
function smallCounty(): CaseEvent[] {
  return [...generateCounty(countyConfig('county', { referralsPerYear: 300, workers: 15, years: 1, seed: 7 }))];
}

async function loadCounty(test: TestApplication, events: readonly CaseEvent[]): Promise<number> {
  const server = test.app.getHttpServer();
  let position = 0;
  for (let at = 0; at < events.length; at += 1000) {
    const response = await request(server)
      .post('/v1/events')
      .set('authorization', bearer('recorder'))
      .send({ events: events.slice(at, at + 1000) })
      .expect(200);
    expect(response.body.summary.rejected).toBe(0);
    position = Math.max(position, response.body.position ?? 0);
  }
  return position;
}

function describeOnBothDatabases(title: string, body: (context: () => { test: TestApplication; position: number }) => void): void {
  const suite = (databaseUrl?: string) => () => {
    let test: TestApplication;
    let position = 0;
    beforeAll(async () => {
      test = await startTestApplication({ databaseUrl, env: { READ_MODEL_WAIT_MS: '60000' } });
      position = await loadCounty(test, smallCounty());
    }, 300_000);
    afterAll(async () => {
      await test?.close();
    });
    body(() => ({ test, position }));
  };
  describe(`${title} [PGlite]`, suite());
  describeWith('postgres', `${title} [PostgreSQL]`, ({ value }) => suite(value)());
}

const unavailable = schemaCheckUnavailable(CIN_CENSUS_XSD);

describeOnBothDatabases('returns of a generated county over HTTP', (context) => {
  (unavailable ? it.skip : it)(
    `writes a CIN census for 2025 that xmllint finds valid against the DfE 2026 XSD${unavailable ? ` [skipped: ${unavailable}]` : ''}`,
    async () => {
      const { test, position } = context();
      const response = await request(test.app.getHttpServer())
        .get(`/v1/returns/cin-census?year=2025&la=938&minPosition=${position}`)
        .set('authorization', bearer('auditor'))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      expect(response.headers['content-type']).toContain('application/xml');
      const xml = response.body as string;
      expect(xmlSchemaProblems(xml, CIN_CENSUS_XSD)).toEqual([]);
      const children = xml.match(/<Child>/g)?.length ?? 0;
      expect(children).toBeGreaterThan(100);
      expect(Number(response.headers['csc-return-children'])).toBe(children);
      expect(xml).toContain('<ReferenceDate>2025-03-31</ReferenceDate>');
      for (const date of xml.matchAll(/<CINreferralDate>([\d-]+)<\/CINreferralDate>/g)) expect(date[1] <= '2025-03-31').toBe(true);
    },
    120_000,
  );

  it('answers the report with the children written and those left out, each with a reason', async () => {
    const { test, position } = context();
    const response = await request(test.app.getHttpServer())
      .get(`/v1/returns/cin-census?year=2025&report=true&minPosition=${position}`)
      .set('authorization', bearer('admin'))
      .expect(200);
    expect(response.body).toEqual({ format: 'cin-census', fileName: 'cin-census-2025.xml', children: expect.any(Number), omitted: expect.any(Array) });
    for (const omitted of response.body.omitted) expect(omitted).toEqual({ childId: expect.any(String), reason: expect.any(String) });
  }, 120_000);

  it('writes every SSDA903 table with exactly the columns of the DfE 903 validator, and episodes for the children looked after', async () => {
    const { test, position } = context();
    for (const table of SSDA903_TABLES) {
      const response = await request(test.app.getHttpServer())
        .get(`/v1/returns/ssda903?year=2025&table=${table}&minPosition=${position}`)
        .set('authorization', bearer('auditor'))
        .expect(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const [header, ...rows] = response.text.trim().split('\n');
      expect({ table, header: header.split(',') }).toEqual({ table, header: [...SSDA903_COLUMNS[table]] });
      if (table === 'Episodes' || table === 'Header') expect(rows.length).toBeGreaterThan(5);
      for (const row of rows) expect(row.split(',')).toHaveLength(SSDA903_COLUMNS[table].length);
    }
  }, 120_000);

  const unavailable903 = schemaCheckUnavailable(SSDA903_XSD);
  (unavailable903 ? it.skip : it)(
    `writes the 903 XML for 2025 that xmllint finds valid against CLA.xsd${unavailable903 ? ` [skipped: ${unavailable903}]` : ''}`,
    async () => {
      const { test, position } = context();
      const server = test.app.getHttpServer();
      const response = await request(server)
        .get(`/v1/returns/ssda903?year=2025&minPosition=${position}`)
        .set('authorization', bearer('auditor'))
        .buffer(true)
        .parse((res, done) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          res.on('end', () => done(null, text));
        })
        .expect(200);
      const xml = response.body as string;
      expect(xmlSchemaProblems(xml, SSDA903_XSD)).toEqual([]);
      const report = await request(server).get('/v1/returns/ssda903?year=2025&report=true').set('authorization', bearer('auditor')).expect(200);
      // Every child of the tables is in the XML or listed as left out, with the reason.
      expect((xml.match(/<CHILD>/g)?.length ?? 0) + report.body.omitted.length).toBe(report.body.children);
      expect(xml.match(/<EPISODE>/g)?.length ?? 0).toBeGreaterThan(5);
    },
    120_000,
  );

  const annexASpec = ANNEX_A_SPEC;
  const annexAUnavailable = schemaCheckUnavailable(annexASpec);
  (annexAUnavailable ? it.skip : it)(
    `writes Annex A as at 31 March 2025 whose every list has exactly the columns of Annex_A_schema.yml${annexAUnavailable ? ` [skipped: ${annexAUnavailable}]` : ''}`,
    async () => {
      const { test, position } = context();
      const response = await request(test.app.getHttpServer())
        .get(`/v1/returns/annex-a?asAt=2025-03-31&minPosition=${position}`)
        .set('authorization', bearer('auditor'))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const spec = (load(readFileSync(annexASpec, 'utf8')) as { column_map: Record<string, Record<string, unknown>> }).column_map;
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.body as unknown as Parameters<typeof workbook.xlsx.load>[0]);
      for (const [list, columns] of Object.entries(spec)) {
        const sheet = workbook.getWorksheet(`List ${list.replace('list_', '')}`)!;
        const header = (sheet.getRow(1).values as unknown[]).slice(1);
        expect({ list, header }).toEqual({ list, header: Object.keys(columns) });
      }
      for (const filled of ['List 3', 'List 6', 'List 8']) expect(workbook.getWorksheet(filled)!.rowCount).toBeGreaterThan(5);
      expect(String(workbook.getWorksheet('List 9')!.getRow(2).getCell(1).value)).toContain('holds no');
    },
    120_000,
  );

  const validateCscApi = cscApiValidator();
  (validateCscApi ? it : it.skip)(
    `writes the CSC API JSON as at 31 March 2025, valid against components.schemas.CSC (ajv)${validateCscApi ? '' : ' [skipped: openapi.json is not there]'}`,
    async () => {
      const { test, position } = context();
      const server = test.app.getHttpServer();
      const response = await request(server)
        .get(`/v1/returns/csc-api?asAt=2025-03-31&minPosition=${position}`)
        .set('authorization', bearer('auditor'))
        .expect(200);
      expect(response.headers['content-type']).toContain('application/x-ndjson');
      const bodies = response.text
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown[]);
      // The API takes at most 100 children a request: a line per request body.
      expect(bodies.length).toBeGreaterThan(1);
      for (const [index, body] of bodies.entries()) expect({ index, problems: validateCscApi!(body) }).toEqual({ index, problems: [] });
      const report = await request(server).get('/v1/returns/csc-api?asAt=2025-03-31&report=true').set('authorization', bearer('auditor')).expect(200);
      expect(report.body.children).toBe(bodies.flat().length);
    },
    120_000,
  );

  it('refuses analysts (aggregates only), a bad year and an unknown format with a code, a message and the field', async () => {
    const server = context().test.app.getHttpServer();
    await request(server).get('/v1/returns/cin-census?year=2025').set('authorization', bearer('analyst')).expect(403);
    const year = await request(server).get('/v1/returns/cin-census?year=25').set('authorization', bearer('auditor')).expect(400);
    expect(year.body.error).toMatchObject({ code: 'INVALID_YEAR', field: 'year' });
    const la = await request(server).get('/v1/returns/cin-census?year=2025&la=W1').set('authorization', bearer('auditor')).expect(400);
    expect(la.body.error).toMatchObject({ code: 'INVALID_LA_CODE', field: 'la' });
    const asAt = await request(server).get('/v1/returns/annex-a?asAt=31-03-2025').set('authorization', bearer('auditor')).expect(400);
    expect(asAt.body.error).toMatchObject({ code: 'INVALID_DATE', field: 'asAt' });
    const table = await request(server).get('/v1/returns/ssda903?year=2025&table=episodes').set('authorization', bearer('auditor')).expect(400);
    expect(table.body.error).toMatchObject({ code: 'INVALID_TABLE', field: 'table' });
    const format = await request(server).get('/v1/returns/ssd?year=2025').set('authorization', bearer('auditor')).expect(400);
    expect(format.body.error).toMatchObject({ code: 'UNKNOWN_FORMAT', field: 'format' });
  });
});

// The 903 XML (EXPSSDA903 of CLA.xsd 3.3.0, ../shared/data/csc-data-synthesizer/tests/data/CLA.xsd) read as the rows of
// the DfE validator's tables, so the one mapping serves the XML and the CSV tables alike: a CHILD's EPISODEs are
// Episodes rows (PL is the CSV's PLACE), its HEADER's AMISSINGs are Missing rows, and the rest are counted per table.
import type { Readable } from 'node:stream';
import { childElement, childElements, readXmlRecords, type XmlElement } from '../import-xml';
import type { Ssda903Table } from './ssda903-import-tables';

/** One row of a 903 table as the XML states it: the table it belongs to, where it is, and its values by CSV column. */
export interface Ssda903SourceRow {
  readonly table: Ssda903Table;
  readonly line: number;
  readonly path?: string;
  readonly values: Readonly<Record<string, string>>;
}

/** CLA.xsd's EPISODE elements by the Episodes column each fills; only PL is named otherwise (PLACE in the CSV). */
const EPISODE_COLUMNS: Readonly<Record<string, string>> = {
  DECOM: 'DECOM',
  RNE: 'RNE',
  LS: 'LS',
  CIN: 'CIN',
  PL: 'PLACE',
  PLACE_PROVIDER: 'PLACE_PROVIDER',
  DEC: 'DEC',
  REC: 'REC',
  REASON_PLACE_CHANGE: 'REASON_PLACE_CHANGE',
  HOME_POST: 'HOME_POST',
  PL_POST: 'PL_POST',
  URN: 'URN',
};

/** HEADER elements that, when any is present, make a row of a table the import does not record (CLA.xsd). */
const HEADER_TABLES: readonly { table: Ssda903Table; elements: readonly string[] }[] = [
  { table: 'UASC', elements: ['DUC'] },
  { table: 'AD1', elements: ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] },
  { table: 'OC3', elements: ['IN_TOUCH', 'ACTIV', 'ACCOM'] },
  { table: 'OC2', elements: ['OC2'] },
  { table: 'PrevPerm', elements: ['PERMANENCE'] },
];

/** Streams a 903 XML file, one CHILD in memory at a time, as table rows. */
export async function* readSsda903XmlRows(input: Readable, file: string): AsyncGenerator<Ssda903SourceRow> {
  for await (const child of readXmlRecords(input, file, ['EXPSSDA903', 'CHILD'])) yield* rowsOfChild(child);
}

function rowsOfChild(child: XmlElement): Ssda903SourceRow[] {
  const header = childElement(child, 'HEADER');
  const childId = header ? textOf(header, 'CHILDID') : '';
  const row = (table: Ssda903Table, element: XmlElement, values: Record<string, string>): Ssda903SourceRow => ({
    table,
    line: element.line,
    path: element.path,
    values: { CHILD: childId, ...values },
  });
  const rows: Ssda903SourceRow[] = [];
  if (header) {
    rows.push(row('Header', header, { SEX: textOf(header, 'SEX'), DOB: textOf(header, 'DOB'), ETHNIC: textOf(header, 'ETHNIC') }));
    const dob = textOf(header, 'DOB');
    for (const missing of childElements(header, 'AMISSING')) {
      rows.push(
        row('Missing', missing, {
          DOB: dob,
          MISSING: textOf(missing, 'MISSING'),
          MIS_START: textOf(missing, 'MIS_START'),
          MIS_END: textOf(missing, 'MIS_END'),
        }),
      );
    }
    for (const review of childElements(header, 'AREVIEW')) rows.push(row('Reviews', review, {}));
    for (const placed of childElements(header, 'AD_PLACED')) rows.push(row('PlacedAdoption', placed, {}));
    for (const { table, elements } of HEADER_TABLES) {
      const present = elements.map((name) => childElement(header, name)).find((element) => element !== undefined && hasContent(element));
      if (present) rows.push(row(table, present, {}));
    }
  }
  for (const episode of childElements(child, 'EPISODE')) {
    const values: Record<string, string> = {};
    for (const [element, column] of Object.entries(EPISODE_COLUMNS)) values[column] = textOf(episode, element);
    rows.push(row('Episodes', episode, values));
  }
  return rows;
}

function textOf(element: XmlElement, name: string): string {
  return childElement(element, name)?.text ?? '';
}

function hasContent(element: XmlElement): boolean {
  return element.text !== '' || element.children.some(hasContent);
}

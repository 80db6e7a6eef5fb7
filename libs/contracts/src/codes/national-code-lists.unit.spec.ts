// Cross-checks every national code list against the file it was copied from, when the shared reference data
// is beside the repository (../shared/data); a user's clone has no such folder, so the check is skipped there.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { NATIONAL_CODE_LISTS, type NationalCodeListName } from './national-code-lists';
import { CIN_CENSUS_XSD_FILE, SSDA903_SCHEMA_FILE, type NationalCodeList } from './national-code-list';

const SHARED_DATA = resolve(__dirname, '../../../..', '../shared/data');

interface SourceEntry {
  code: string;
  label?: string;
}

/** The enumerations of one `xs:simpleType` of an XSD, with their documentation text. */
function xsdEnumeration(xsd: string, typeName: string): SourceEntry[] {
  const block = new RegExp(`<xs:simpleType name="${typeName}">([\\s\\S]*?)</xs:simpleType>`).exec(xsd)?.[1];
  if (!block) throw new Error(`simpleType ${typeName} not found`);
  return [...block.matchAll(/<xs:enumeration value="([^"]*)"\s*(?:\/>|>([\s\S]*?)<\/xs:enumeration>)/g)].map((match) => {
    const documentation = /<xs:documentation>([\s\S]*?)<\/xs:documentation>/.exec(match[2] ?? '')?.[1];
    return { code: match[1], label: documentation === undefined ? undefined : normaliseText(documentation) };
  });
}

function normaliseText(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}

/** The `- code:` values of `column` in `table` of the SSDA903 YAML schema (indentation-based, no YAML library needed). */
function ssda903Codes(yaml: string, table: string, column: string): string[] {
  const lines = yaml.split(/\r?\n/); // the file has CRLF line ends
  const tableAt = lines.findIndex((line) => line === `    ${table}:`);
  if (tableAt < 0) throw new Error(`table ${table} not found`);
  const columnAt = lines.findIndex((line, index) => index > tableAt && line === `      ${column}:`);
  if (columnAt < 0) throw new Error(`column ${table}.${column} not found`);
  const codes: string[] = [];
  for (const line of lines.slice(columnAt + 1)) {
    if (/^ {0,6}\S/.test(line)) break; // the next column or table
    const code = /^\s+- code: "([^"]*)"/.exec(line)?.[1];
    if (code !== undefined) codes.push(code.trim()); // the file writes "PCCHAN " with a trailing space
  }
  return codes;
}

const dataAvailable = existsSync(SHARED_DATA);

if (!dataAvailable) {
  console.warn(`National code list cross-check skipped: ${SHARED_DATA} does not exist (only the team's machines have ../shared/data).`);
  it.skip(`cross-checks the national code lists against ../shared/data: skipped, ${SHARED_DATA} does not exist`, () => undefined);
} else {
  describe('national code lists match their source files', () => {
    const xsd = readFileSync(join(SHARED_DATA, CIN_CENSUS_XSD_FILE), 'utf8');
    const ssda903 = readFileSync(join(SHARED_DATA, SSDA903_SCHEMA_FILE), 'utf8');

    /** Deliberate label departures from the XSD, each with the source text it replaces. */
    const LABEL_CORRECTIONS: Record<string, Record<string, string>> = {
      ReferralSource: { '5D': '(LA SERVICES – early help' },
    };

    function checkCinCensus(list: NationalCodeList) {
      const source = xsdEnumeration(xsd, list.provenance.list);
      expect(list.codes).toEqual(source.map((entry) => entry.code));
      for (const entry of source) {
        const corrected = LABEL_CORRECTIONS[list.name]?.[entry.code];
        const label = (list.labels as Record<string, string>)[entry.code];
        if (corrected !== undefined) expect(entry.label).toBe(corrected);
        else expect(`${entry.code}: ${label}`).toBe(`${entry.code}: ${entry.label}`);
      }
    }

    function checkSsda903(list: NationalCodeList, except: string[] = []) {
      const [table, column] = list.provenance.list.split('.');
      expect(list.codes).toEqual(ssda903Codes(ssda903, table, column).filter((code) => !except.includes(code)));
      expect(Object.keys(list.labels).sort()).toEqual([...list.codes].sort());
    }

    const CHECKS: Record<NationalCodeListName, (list: NationalCodeList) => void> = {
      ReferralSource: checkCinCensus,
      PrimaryNeed: checkCinCensus,
      Gender: checkCinCensus,
      Ethnicity: checkCinCensus,
      Disability: checkCinCensus,
      AssessmentFactor: checkCinCensus,
      CategoryOfAbuse: checkCinCensus,
      ClosureReason: checkCinCensus,
      SocialWorkerChangeReason: (list) => checkSsda903(list),
      LegalStatus: (list) => checkSsda903(list),
      PlacementType: (list) => checkSsda903(list),
      ReasonCeased: (list) => checkSsda903(list),
      ReasonCeasedToBeLookedAfter: (list) => checkSsda903(list, ['X1']),
      ReasonNewEpisode: (list) => checkSsda903(list),
      ReasonPlaceChange: (list) => checkSsda903(list),
    };

    it.each(Object.keys(CHECKS) as NationalCodeListName[])('%s', (name) => {
      const list = NATIONAL_CODE_LISTS[name];
      expect(list.name).toBe(name);
      CHECKS[name](list);
    });

    it('ethnicity codes are the same in the CIN census and the SSDA903', () => {
      expect([...NATIONAL_CODE_LISTS.Ethnicity.codes].sort()).toEqual(ssda903Codes(ssda903, 'Header', 'ETHNIC').sort());
    });
  });
}

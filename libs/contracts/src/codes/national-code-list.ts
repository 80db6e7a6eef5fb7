/** Where a national code list comes from: the return, the file under ../shared/data, and the list's name in it. */
export interface CodeListProvenance {
  readonly statutoryReturn: 'CIN census 2026' | 'SSDA903 2024';
  /** Path under the shared reference data folder (`../shared/data` beside the repository). */
  readonly file: string;
  /** The XSD simple type or the 903 column whose values the list copies. */
  readonly list: string;
}

/** A national code list as the contract uses it: codes in the source's order, a label for each, and where they came from. */
export interface NationalCodeList<C extends string = string> {
  /** The contract's name for the list, also its JSON Schema `$defs` name. */
  readonly name: string;
  /** How a message names the list: "data.source must be a <title> (...)". */
  readonly title: string;
  readonly codes: readonly C[];
  readonly labels: Readonly<Record<C, string>>;
  readonly provenance: CodeListProvenance;
}

export const CIN_CENSUS_XSD_FILE = 'liia-tools-pipeline/liiatools/cin_census_pipeline/spec/CIN_schema_2026.xsd';
export const SSDA903_SCHEMA_FILE = 'liia-tools/liiatools/spec/s903/SSDA903_schema_2024.yml';

export function cinCensusList<C extends string>(
  name: string,
  title: string,
  xsdType: string,
  codes: readonly C[],
  labels: Record<C, string>,
): NationalCodeList<C> {
  return { name, title, codes, labels, provenance: { statutoryReturn: 'CIN census 2026', file: CIN_CENSUS_XSD_FILE, list: xsdType } };
}

export function ssda903List<C extends string>(
  name: string,
  title: string,
  column: string,
  codes: readonly C[],
  labels: Record<C, string>,
): NationalCodeList<C> {
  return { name, title, codes, labels, provenance: { statutoryReturn: 'SSDA903 2024', file: SSDA903_SCHEMA_FILE, list: column } };
}

// Streams a CIN census XML file child by child: the header first (the authority and the year), then each <Child>.
import type { Readable } from 'node:stream';
import type { ImportedChild } from '../import-facts';
import { childElement, ImportInputError, readXmlRecords, type XmlElement } from '../import-xml';
import { CIN_CENSUS_FORMAT, mapCinCensusChild, type CinCensusReturn } from './cin-census-import-mapping';

export interface CinCensusReadOptions {
  /** The authority's number when the file's header has no Source/LEA. */
  readonly authority?: string;
}

export async function* readCinCensusChildren(input: Readable, file: string, options: CinCensusReadOptions = {}): AsyncGenerator<ImportedChild> {
  const records = readXmlRecords(input, file, ['Message', 'Children', 'Child']);
  let census: CinCensusReturn | undefined;
  for await (const child of records) {
    census ??= returnOf(records.header(), file, options);
    yield mapCinCensusChild(child, census);
  }
}

/** Header/CollectionDetails (Collection CIN, Year) and Header/Source/LEA, as the XSD's headertype names them. */
function returnOf(message: XmlElement, file: string, options: CinCensusReadOptions): CinCensusReturn {
  const header = childElement(message, 'Header');
  const details = header && childElement(header, 'CollectionDetails');
  const source = header && childElement(header, 'Source');
  const collection = details && childElement(details, 'Collection')?.text;
  if (collection !== undefined && collection !== 'CIN') {
    throw new ImportInputError(
      'WRONG_SCHEMA',
      file,
      details!.line,
      `Header/CollectionDetails/Collection is ${JSON.stringify(collection)}: this is not a CIN census return.`,
    );
  }
  const authority = (source && childElement(source, 'LEA')?.text) || options.authority;
  if (!authority || !/^[A-Za-z0-9]{1,16}$/.test(authority)) {
    throw new ImportInputError(
      'MISSING_AUTHORITY',
      file,
      header?.line ?? message.line,
      'The header names no authority (Header/Source/LEA): give it with --authority (HTTP: ?authority=).',
    );
  }
  const year = (details && childElement(details, 'Year')?.text) || 'unknown';
  if (!/^\d{4}$/.test(year) && year !== 'unknown') {
    throw new ImportInputError('WRONG_SCHEMA', file, details!.line, `Header/CollectionDetails/Year is ${JSON.stringify(year)}, not a year (xs:gYear).`);
  }
  return { file, authority, year };
}

export { CIN_CENSUS_FORMAT };

// One import run: a format, its files, one report. The CLI (straight to the store) and POST /v1/imports call this.
import type { Readable } from 'node:stream';
import { ID_MAX_LENGTH, ID_PATTERN } from '@csc/contracts';
import type { EventStore } from '@csc/event-store';
import { CIN_CENSUS_TABLES } from './cin-census/cin-census-import-mapping';
import { CIN_CENSUS_FORMAT, readCinCensusChildren } from './cin-census/cin-census-import-reader';
import { CSC_API_FORMAT, CSC_API_TABLES } from './csc-api/csc-api-import-mapping';
import { readCscApiChildren, type RecordPurger } from './csc-api/csc-api-import-reader';
import type { ImportedChild } from './import-facts';
import { importChildren } from './import-pipeline';
import { ImportReportBuilder, type ImportReport } from './import-report';
import { ImportInputError } from './import-xml';
import { SSDA903_FORMAT } from './ssda903/ssda903-import-mapping';
import { readSsda903Children } from './ssda903/ssda903-import-reader';
import { SSDA903_IMPORTED_TABLES } from './ssda903/ssda903-import-tables';
import { SSD_FORMAT } from './ssd/ssd-import-mapping';
import { readSsdChildren } from './ssd/ssd-import-reader';
import { SSD_IMPORTED_TABLES } from './ssd/ssd-import-tables';

/** A file to import: its name (for the report) and how to open it as a stream. */
export interface ImportFile {
  readonly name: string;
  open(): Readable;
}

export interface ImportRunOptions {
  readonly store: EventStore;
  readonly today: string;
  readonly recordedBy?: string;
  /** The authority's number where the file does not name it. */
  readonly authority?: string;
  /** The team allocations are recorded in where the file names none (SSDA903 SWEpisodes). */
  readonly team?: string;
  readonly onProgress?: (rowsSettled: number) => void;
  /** Record retention, for formats whose files can ask for a record to be destroyed (a CSC API child's purge). */
  readonly retention?: RecordPurger;
}

interface ImportFormat {
  /** The source tables in the order the report lists them. */
  readonly tables: readonly string[];
  read(files: readonly ImportFile[], options: ImportRunOptions, report: ImportReportBuilder): AsyncIterable<ImportedChild>;
}

const FORMATS: Record<string, ImportFormat> = {
  [CIN_CENSUS_FORMAT]: {
    tables: CIN_CENSUS_TABLES,
    async *read(files, options) {
      for (const file of files) yield* readCinCensusChildren(file.open(), file.name, { authority: options.authority });
    },
  },
  [SSDA903_FORMAT]: {
    tables: SSDA903_IMPORTED_TABLES,
    read(files, options, report) {
      // The 903 tables do not name the authority: the caller does.
      if (!options.authority)
        throw new ImportInputError(
          'MISSING_AUTHORITY',
          files[0]?.name ?? 'upload',
          1,
          'The SSDA903 tables name no authority: give its number with --authority (HTTP: ?authority=).',
        );
      if (options.team !== undefined && !isTeamId(options.team))
        throw new ImportInputError(
          'INVALID_TEAM',
          files[0]?.name ?? 'upload',
          1,
          `the team must be an id of ${TEAM_ID_RULE}; got ${JSON.stringify(options.team)}`,
        );
      return readSsda903Children(files, { authority: options.authority, team: options.team }, (skipped) => report.report.skipped.push(skipped));
    },
  },
  [CSC_API_FORMAT]: {
    tables: CSC_API_TABLES,
    read(files, options, report) {
      // The API names the authority in its path (la_code), not in the body: the caller does.
      if (!options.authority)
        throw new ImportInputError(
          'MISSING_AUTHORITY',
          files[0]?.name ?? 'upload',
          1,
          'The CSC API body names no authority (its la_code is in the URL): give its number with --authority (HTTP: ?authority=).',
        );
      return readCscApiChildren(files, { ...options, authority: options.authority }, report);
    },
  },
  [SSD_FORMAT]: {
    tables: SSD_IMPORTED_TABLES,
    read(files, options, report) {
      // The SSD tables do not name the authority either; a zip of the folder is one file (HTTP), a folder is many (CLI).
      if (!options.authority)
        throw new ImportInputError(
          'MISSING_AUTHORITY',
          files[0]?.name ?? 'upload',
          1,
          'The SSD tables name no authority: give its number with --authority (HTTP: ?authority=).',
        );
      return readSsdChildren(files, options.authority, (skipped) => report.report.skipped.push(skipped));
    },
  },
};

export const IMPORT_FORMATS: readonly string[] = Object.keys(FORMATS);

/** A team id as the contract's TEAM_ID takes it (libs/contracts field-types ID_PATTERN, ID_MAX_LENGTH). */
export const TEAM_ID_RULE = `1-${ID_MAX_LENGTH} characters from A-Z a-z 0-9 . _ : -`;
export function isTeamId(team: string): boolean {
  return team.length <= ID_MAX_LENGTH && new RegExp(ID_PATTERN).test(team);
}

export function isImportFormat(format: string): boolean {
  return Object.hasOwn(FORMATS, format);
}

/**
 * Imports the files into the store and accounts for every row. An unreadable file (not XML, the wrong return)
 * throws ImportInputError naming the file and line; the children read before it are recorded, each whole.
 */
export async function runImport(format: string, files: readonly ImportFile[], options: ImportRunOptions): Promise<ImportReport> {
  const definition = FORMATS[format];
  if (definition === undefined) throw new Error(`Unknown import format ${format}: one of ${IMPORT_FORMATS.join(', ')}`);
  const report = new ImportReportBuilder(format);
  for (const table of definition.tables) report.table(table);
  for (const file of files) report.file(file.name);
  try {
    return await importChildren(definition.read(files, options, report), { ...options, format }, report);
  } catch (error) {
    if (error instanceof ImportInputError) error.report = report.report;
    throw error;
  }
}

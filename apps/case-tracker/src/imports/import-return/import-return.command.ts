import type { Readable } from 'node:stream';
import { Command } from '@nestjs/cqrs';
import type { ImportReport } from '@csc/returns';

/** Import one file of a national format, streamed from the request body. */
export class ImportReturn extends Command<ImportReport> {
  constructor(
    readonly format: string,
    readonly body: Readable,
    /** The file's name for the report (its rows are named by it). */
    readonly file: string,
    readonly authority: string | undefined,
    readonly recordedBy: string | undefined,
    /** The team allocations are recorded in where the file names none (SSDA903 SWEpisodes). */
    readonly team?: string,
  ) {
    super();
  }
}

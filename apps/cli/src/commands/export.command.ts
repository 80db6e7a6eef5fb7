import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DataDirectoryInUse } from '@csc/event-store';
import { openReadModelDataSource, prepareReadModel, readCheckpoint, readModelProjections } from '@csc/projections';
import {
  asAtDate,
  collectionYear,
  exportAnnexA,
  exportCinCensus,
  exportCscApi,
  exportSsda903,
  laCode,
  SSDA903_TABLES,
  ssda903FileName,
  RETURN_RELEASE,
  ReturnParameterError,
  type OmittedChild,
} from '@csc/returns';
import { createLogger, loadConfiguration, loadLocalStandards, openStorage, systemClock } from '@csc/runtime';
import { CliError } from '../cli-error';

const FORMATS = ['cin-census', 'ssda903', 'annex-a', 'csc-api'] as const;
type ExportFormat = (typeof FORMATS)[number];

interface ExportOptions {
  year?: string;
  asAt?: string;
  la?: string;
  out: string;
  from?: string;
  token?: string;
}

interface MadeReturn {
  /** One file, or (SSDA903) a file per table written into the --out directory. */
  body: string | Buffer | Record<string, string | Buffer>;
  children: number;
  omitted: OmittedChild[];
}

/** `csc export <format>`: a national return, from the store the settings name or from a running service. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description(
      'Make a national return from the log and the read models: cin-census --year YYYY (the year ending 31 March YYYY), ' +
        'ssda903 --year YYYY (a CSV per table and the XML into the --out directory), annex-a --as-at YYYY-MM-DD (xlsx), csc-api --as-at YYYY-MM-DD (newline-delimited JSON, a request body of at most 100 children a line). ' +
        'Reads the store the settings name (DATABASE_URL, or the embedded database in CSC_DATA_DIR), or a running service with --from.',
    )
    .argument('<format>', FORMATS.join(' | '))
    .option('--year <YYYY>', 'collection year: 2025 is 1 April 2024 to 31 March 2025')
    .option('--as-at <date>', 'annex-a, csc-api: the date (YYYY-MM-DD) the return is made as at')
    .option('--la <code>', "the authority's three-digit DfE code, for the header (e.g. 938)")
    .requiredOption('--out <path>', 'file to write (ssda903: a directory)')
    .option('--from <url>', 'ask the service at this address (e.g. http://127.0.0.1:3000) instead of reading the store here')
    .option('--token <token>', 'with --from: a bearer token with the auditor or admin role (default: CSC_TOKEN)')
    .action(async (format: string, options: ExportOptions) => {
      if (!(FORMATS as readonly string[]).includes(format)) throw new CliError(`<format> must be one of ${FORMATS.join(', ')}; got ${JSON.stringify(format)}`);
      const made = options.from ? await exportThroughService(format as ExportFormat, options) : await exportHere(format as ExportFormat, options);
      if (typeof made.body === 'string' || Buffer.isBuffer(made.body)) {
        await writeFile(options.out, made.body);
      } else {
        await mkdir(options.out, { recursive: true });
        for (const [name, body] of Object.entries(made.body)) await writeFile(join(options.out, name), body);
      }
      process.stderr.write(`Wrote ${options.out}: ${made.children.toLocaleString('en-GB')} children, ${made.omitted.length} left out.\n`);
      for (const omitted of made.omitted) process.stderr.write(`  left out ${omitted.childId}: ${omitted.reason}\n`);
    });
}

async function exportHere(format: ExportFormat, options: ExportOptions): Promise<MadeReturn> {
  const parameters = checked(() => ({
    // Annex A and the CSC API are made as at a date; the census and the 903 for a collection year.
    year: format === 'annex-a' || format === 'csc-api' ? undefined : collectionYear(options.year),
    asAt: format === 'annex-a' || format === 'csc-api' ? asAtDate(options.asAt) : undefined,
    la: laCode(options.la),
  }));
  const config = loadConfiguration(process.env);
  let storage;
  try {
    storage = await openStorage(config, createLogger(process.env.LOG_LEVEL ?? 'warn'));
  } catch (error) {
    if (error instanceof DataDirectoryInUse) {
      throw new CliError(`${error.message}\nThe service holds this data directory: ask it instead, with --from http://127.0.0.1:${config.http.port} --token …`);
    }
    throw new CliError(`Could not open the event store: ${(error as Error).message}`, 1);
  }
  const dataSource = await openReadModelDataSource(storage.database);
  try {
    // The children in scope come from the child tracker: it must exist and have applied the whole log.
    await prepareReadModel(storage.database, readModelProjections(loadLocalStandards(config.localStandardsFile).standards)['child-tracker']);
    const [checkpoint, head] = [await readCheckpoint(storage.database.pool, 'child-tracker'), await storage.eventStore.headPosition()];
    if (checkpoint.position < head) {
      throw new CliError(
        `The child-tracker read model is behind the log (at position ${checkpoint.position}, the log at ${head}): start the service so it catches up, ` +
          'then export with --from, or rebuild it with csc projections rebuild child-tracker.',
        1,
      );
    }
    switch (format) {
      case 'cin-census': {
        const made = await exportCinCensus(
          { store: storage.eventStore, readModels: dataSource },
          { year: parameters.year!, la: parameters.la, now: systemClock.now(), release: RETURN_RELEASE },
        );
        return { body: made.xml, children: made.children, omitted: made.omitted };
      }
      case 'csc-api': {
        const made = await exportCscApi({ store: storage.eventStore, readModels: dataSource }, { asAt: parameters.asAt! });
        return { body: made.ndjson, children: made.children.length, omitted: made.omitted };
      }
      case 'annex-a': {
        const made = await exportAnnexA({ store: storage.eventStore, readModels: dataSource }, { asAt: parameters.asAt! });
        return { body: made.xlsx, children: made.rows.list_6 + made.rows.list_8, omitted: [] };
      }
      case 'ssda903': {
        const made = await exportSsda903({ store: storage.eventStore, readModels: dataSource }, { year: parameters.year! });
        const body = Object.fromEntries(SSDA903_TABLES.map((table) => [ssda903FileName(table, parameters.year!), made.tables[table]]));
        return { body: { ...body, [`ssda903-${parameters.year!.year}.xml`]: made.xml }, children: made.children, omitted: made.omitted };
      }
    }
  } finally {
    await dataSource.destroy();
    await storage.eventStore.close();
    await storage.database.close();
  }
}

async function exportThroughService(format: ExportFormat, options: ExportOptions): Promise<MadeReturn> {
  const token = options.token ?? process.env.CSC_TOKEN;
  if (!token) throw new CliError('--from needs --token (or CSC_TOKEN): a token with the auditor or admin role');
  const query = new URLSearchParams();
  if (options.year !== undefined) query.set('year', options.year);
  if (options.la !== undefined) query.set('la', options.la);
  if (options.asAt !== undefined) query.set('asAt', options.asAt);
  const url = `${options.from!.replace(/\/$/, '')}/v1/returns/${format}?${query}`;
  const headers = { authorization: `Bearer ${token}` };
  const report = (await (await fetchOk(`${url}&report=true`, headers)).json()) as {
    children: number;
    omitted: OmittedChild[];
  };
  if (format === 'ssda903') {
    const body: Record<string, Buffer> = {};
    for (const table of SSDA903_TABLES) {
      const file = await fetchOk(`${url}&table=${table}`, headers);
      body[ssda903FileName(table, collectionYear(options.year))] = Buffer.from(await file.arrayBuffer());
    }
    body[`ssda903-${options.year}.xml`] = Buffer.from(await (await fetchOk(url, headers)).arrayBuffer());
    return { body, children: report.children, omitted: report.omitted };
  }
  const file = await fetchOk(url, headers);
  return { body: Buffer.from(await file.arrayBuffer()), children: report.children, omitted: report.omitted };
}

async function fetchOk(url: string, headers: Record<string, string>): Promise<Response> {
  const response = await fetch(url, { headers }).catch((error: Error) => {
    throw new CliError(`Could not reach the service at ${url}: ${error.message}`, 1);
  });
  if (!response.ok) throw new CliError(`The service refused the return (${response.status}): ${await response.text()}`, 1);
  return response;
}

function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ReturnParameterError) throw new CliError(`--${error.field === 'asAt' ? 'as-at' : error.field}: ${error.message}`);
    throw error;
  }
}

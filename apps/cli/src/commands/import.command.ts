import { createReadStream, type ReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { zipSync } from 'fflate';
import type { Command } from 'commander';
import { occurredOnDate } from '@csc/contracts';
import {
  IMPORT_FORMATS,
  ImportInputError,
  isImportFormat,
  isTeamId,
  TEAM_ID_RULE,
  mergeImportReports,
  renderImportReport,
  runImport,
  type ImportFile,
  type ImportReport,
} from '@csc/returns';
import { RecordRetention, loadRetentionSchedule } from '@csc/retention';
import { loadConfiguration, systemClock } from '@csc/runtime';
import { CliError } from '../cli-error';
import { withEventStore } from './replay.command';

interface ImportOptions {
  json?: boolean;
  to?: string;
  token?: string;
  authority?: string;
  team?: string;
}

/** `csc import <format> <path...>`: a national return into the store, or through a running service with --to. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      `Import what an authority already holds in a national format (${IMPORT_FORMATS.join(', ')}): every row read is recorded, known ` +
        '(already held) or refused with its file, line and what to fix. Importing the same file again records nothing. ' +
        'Exits 0 when no row was refused, 1 when some were, 2 when a file cannot be read.',
    )
    .argument('<format>', `the format: ${IMPORT_FORMATS.join(', ')}`)
    .argument('<paths...>', 'the files (or folders of files) to import; for ssd, the folder of SSD table extracts, its CSV files, or a zip of it')
    .option('--json', 'print the report as JSON')
    .option('--authority <number>', "the authority's number where a file does not name it (the CIN census header's LEA)")
    .option('--team <id>', 'the team SSDA903 SWEpisodes allocations are recorded in (the 903 names none); without it SWEpisodes is not imported')
    .option('--to <url>', 'send each file to a running service (POST /v1/imports) instead of the store the settings name')
    .option('--token <token>', 'bearer token with the recorder role for --to (default: CSC_TOKEN)')
    .action(async (format: string, paths: string[], options: ImportOptions) => {
      if (!isImportFormat(format)) throw new CliError(`Unknown format ${JSON.stringify(format)}: use one of ${IMPORT_FORMATS.join(', ')}`);
      if (options.authority !== undefined && !/^[A-Za-z0-9]{1,16}$/.test(options.authority)) throw new CliError('--authority must be 1-16 letters or digits');
      if (options.team !== undefined && !isTeamId(options.team)) throw new CliError(`--team must be an id of ${TEAM_ID_RULE}`);
      const files = await filesOf(paths);
      const report = options.to ? await sendToService(format, files, options) : await importIntoStore(format, files, options);
      process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderImportReport(report));
      if (report.refused.length > 0) throw new CliError(`${report.refused.length} rows were refused: see the report`, 1);
    });
}

interface LocalFile extends ImportFile {
  readonly path: string;
  readonly size: number;
}

async function filesOf(paths: readonly string[]): Promise<LocalFile[]> {
  const files: LocalFile[] = [];
  for (const path of paths) {
    const found = await stat(path).catch(() => undefined);
    if (found === undefined) throw new CliError(`${path}: no such file or folder`);
    const inFolder = found.isDirectory() ? (await readdir(path)).sort().map((name) => join(path, name)) : [path];
    for (const file of inFolder) {
      const { size } = await stat(file);
      files.push({ path: file, size, name: basename(file), open: () => createReadStream(file) });
    }
  }
  return files;
}

async function importIntoStore(format: string, files: readonly LocalFile[], options: ImportOptions): Promise<ImportReport> {
  let report: ImportReport | undefined;
  const progress = new ImportProgress(files);
  const tracked = files.map((file) => ({ ...file, open: () => progress.track(file.open() as ReadStream) }));
  await withEventStore('import', async (store, storage) => {
    // A CSC API purge destroys a record: the same RecordRetention as `csc retention`, where the store has the children's keys.
    const retention = storage.childKeys
      ? new RecordRetention({
          store,
          keys: storage.childKeys,
          schedule: loadRetentionSchedule(loadConfiguration(process.env).retention.scheduleFile).schedule,
          now: () => systemClock.now(),
        })
      : undefined;
    try {
      report = await runImport(format, tracked, {
        retention,
        store,
        today: occurredOnDate(systemClock.now().toISOString()),
        recordedBy: 'csc import',
        authority: options.authority,
        team: options.team,
        onProgress: (rows) => progress.show(rows),
      });
    } catch (error) {
      if (error instanceof ImportInputError) throw new CliError(error.message);
      throw error;
    } finally {
      progress.finish();
    }
  });
  return report!;
}

/** One request per file; the service answers with that file's report. */
async function sendToService(format: string, files: readonly LocalFile[], options: ImportOptions): Promise<ImportReport> {
  const token = options.token ?? process.env.CSC_TOKEN;
  if (!token) throw new CliError('--to needs a token with the recorder role: --token T or CSC_TOKEN');
  const reports: ImportReport[] = [];
  // The SSD's tables are one extract (a child's rows span them): sent together as a zip of the folder, in one request.
  for (const file of format === 'ssd' ? [await zipOf(files)] : files) {
    const url = new URL('/v1/imports', options.to);
    url.searchParams.set('format', format);
    url.searchParams.set('file', file.name);
    if (options.authority) url.searchParams.set('authority', options.authority);
    if (options.team) url.searchParams.set('team', options.team);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': file.name.endsWith('.zip') ? 'application/zip' : 'application/octet-stream' },
        body: file.open() as unknown as ReadableStream,
        duplex: 'half',
      } as RequestInit);
    } catch (error) {
      throw new CliError(`${url.origin} did not answer (${(error as Error).message}); check that the service is running (GET /health)`, 1);
    }
    const body = (await response.json().catch(() => undefined)) as (ImportReport & { error?: { message: string } }) | undefined;
    if (!response.ok || body === undefined) {
      throw new CliError(
        `${file.name}: the service refused the file (HTTP ${response.status}): ${body?.error?.message ?? 'no explanation'}`,
        response.status >= 500 ? 1 : 2,
      );
    }
    reports.push(body);
  }
  return mergeImportReports(reports);
}

/** The files as one zip (held in memory: an SSD extract compresses to a few MB), named after the first file's folder. */
async function zipOf(files: readonly LocalFile[]): Promise<LocalFile> {
  if (files.length === 1 && files[0].name.toLowerCase().endsWith('.zip')) return files[0];
  const entries: Record<string, Uint8Array> = {};
  for (const file of files) entries[file.name] = await readFile(file.path);
  const zip = Buffer.from(zipSync(entries));
  const name = `${basename(dirname(resolve(files[0]?.path ?? 'ssd')))}.zip`;
  return { path: name, name, size: zip.length, open: () => Readable.from([zip]) as unknown as ReadStream };
}

/** A bar on a terminal (bytes read of all files, rows settled, rows/s); a line every few seconds otherwise. */
class ImportProgress {
  private readonly total: number;
  private read = 0;
  private readonly startedAt = performance.now();
  private lastShownAt = 0;
  private readonly tty = process.stderr.isTTY === true;

  constructor(files: readonly LocalFile[]) {
    this.total = Math.max(
      1,
      files.reduce((sum, file) => sum + file.size, 0),
    );
  }

  track(stream: ReadStream): ReadStream {
    stream.on('data', (chunk) => (this.read += chunk.length));
    return stream;
  }

  show(rows: number): void {
    const now = performance.now();
    if (now - this.lastShownAt < (this.tty ? 200 : 5_000)) return;
    this.lastShownAt = now;
    const done = Math.min(1, this.read / this.total);
    const rate = Math.round(rows / Math.max((now - this.startedAt) / 1000, 0.001));
    const text = `${rows.toLocaleString('en-GB')} rows, ${rate.toLocaleString('en-GB')}/s (${Math.round(done * 100)}%)`;
    if (!this.tty) {
      process.stderr.write(`csc import: ${text}\n`);
      return;
    }
    const filled = Math.round(done * 24);
    process.stderr.write(`\r\x1b[2K[${'#'.repeat(filled)}${'.'.repeat(24 - filled)}] ${text}`);
  }

  finish(): void {
    if (this.tty) process.stderr.write('\r\x1b[2K');
  }
}

// Imports of the national samples, rows per second per format, beside the store's own multi-stream append rate
// measured in the same run on the same backend. Each sample imports fresh children (ids given a suffix), so every
// row is recorded, not known.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { openPgliteDatabase, openPostgresDatabase, openSqlEventStore, type EventStore, type EventToAppend } from '@csc/event-store';
import { runImport, type ImportFile } from '@csc/returns';
import { progress, type Figure } from './bench-report';
import { cscApiBenchSample } from './csc-api-bench-sample';

const SHARED = resolve(__dirname, '../../../../shared/data');
const CIN_SAMPLE = join(SHARED, 'csc-validator-be-cin/fake_data/fake_CIN_data.xml');
const FIVE_YEARS = join(SHARED, 'cs-demand-model/cs_demand_model_samples/combined');
const SSD_FIXTURE = resolve(__dirname, '../../../libs/returns/testing/ssd-fixture');

interface ImportBenchOptions {
  databaseUrl?: string;
  samples: number;
  scale: number;
}

/** The CIN census sample repeated `copies` times in one file, each copy's children renamed. */
function cinCensusFile(run: string, copies: number): ImportFile {
  const xml = readFileSync(CIN_SAMPLE, 'utf8');
  const [head, rest] = xml.split('<Children>');
  const [children, tail] = rest.split('</Children>');
  const body = Array.from({ length: copies }, (_, copy) => children.replace(/<LAchildID>([^<]+)</g, `<LAchildID>$1-${run}-${copy}<`)).join('');
  return { name: 'fake_CIN_data.xml', open: () => Readable.from([`${head}<Children>${body}</Children>${tail}`]) };
}

function ssda903Files(run: string): ImportFile[] {
  return readdirSync(FIVE_YEARS)
    .sort()
    .map((name) => {
      const [header, ...lines] = readFileSync(join(FIVE_YEARS, name), 'utf8').split('\n');
      const text = [header, ...lines.map((line) => line.replace(/^([^,]+),/, `$1-${run},`))].join('\n');
      return { name, open: () => Readable.from([text]) };
    });
}

/**
 * The SSD fixture's twelve children repeated `copies` times in each table (each copy's child ids renamed), so the
 * reader gathers many children's rows across 19 files; the lookups (professionals, departments) once.
 */
function ssdFiles(run: string, copies: number): ImportFile[] {
  return readdirSync(SSD_FIXTURE)
    .filter((name) => name.endsWith('.csv'))
    .sort()
    .map((name) => {
      const [header, ...lines] = readFileSync(join(SSD_FIXTURE, name), 'utf8').trim().split('\n');
      const lookup = name === 'ssd_professionals.csv' || name === 'ssd_department.csv';
      const rows = lookup
        ? lines
        : Array.from({ length: copies }, (_, copy) => lines.map((line) => line.replace(/\bCH(\d{4})\b/g, `CH$1-${run}-${copy}`))).flat();
      return { name, open: () => Readable.from([[header, ...rows].join('\n')]) };
    });
}

/** The store alone: `events` small events to fresh streams, 200 streams to a multi-stream append, as the import appends. */
async function storeAppendRate(store: EventStore, events: number): Promise<number> {
  const run = randomUUID().slice(0, 8);
  const perStream = 5;
  const streams = Math.ceil(events / perStream);
  const started = performance.now();
  for (let from = 0; from < streams; from += 200) {
    const group = Array.from({ length: Math.min(200, streams - from) }, (_, at) => ({
      streamId: `child-bench-${run}-${from + at}`,
      expectedRevision: 'no-stream' as const,
      events: Array.from({ length: perStream }, (): EventToAppend => ({ eventId: randomUUID(), type: 'BenchEvent', data: { n: 1 }, metadata: {} })),
    }));
    await store.appendToStreams(group);
  }
  return (streams * perStream) / ((performance.now() - started) / 1000);
}

export async function runImportBench(options: ImportBenchOptions): Promise<Figure[]> {
  const backends: { name: string; open: () => Promise<{ store: EventStore; close: () => Promise<void> }> }[] = [
    {
      name: 'pglite',
      open: async () => {
        const database = await openPgliteDatabase({ dataDir: 'memory' });
        const { store } = await openSqlEventStore(database);
        return { store, close: async () => (await store.close(), await database.close()) };
      },
    },
  ];
  if (options.databaseUrl) {
    backends.push({
      name: 'postgres',
      open: async () => {
        const database = openPostgresDatabase({ connectionString: options.databaseUrl!, poolSize: 10 });
        const { store } = await openSqlEventStore(database);
        return { store, close: async () => (await store.close(), await database.close()) };
      },
    });
  }
  const formats: { format: string; files: (run: string) => ImportFile[]; authority?: string }[] = [];
  if (existsSync(CIN_SAMPLE)) formats.push({ format: 'cin-census', files: (run) => [cinCensusFile(run, Math.max(1, Math.round(3 * options.scale)))] });
  if (existsSync(FIVE_YEARS)) formats.push({ format: 'ssda903', files: ssda903Files, authority: '999' });
  formats.push({ format: 'csc-api', files: cscApiBenchSample(options.scale), authority: '999' });
  formats.push({ format: 'ssd', files: (run) => ssdFiles(run, Math.max(1, Math.round(100 * options.scale))), authority: '201' });
  if (formats.length === 0) progress('import: skipped, ../shared/data holds neither the CIN census nor the 903 samples');

  const figures: Figure[] = [];
  for (const backend of backends) {
    const { store, close } = await backend.open();
    try {
      for (const { format, files, authority } of formats) {
        const rowRates: number[] = [];
        const eventRates: number[] = [];
        const appendRates: number[] = [];
        const durations: number[] = [];
        let note = '';
        for (let sample = 0; sample < options.samples; sample++) {
          const started = performance.now();
          const report = await runImport(format, files(randomUUID().slice(0, 8)), { store, today: '2026-12-02', authority });
          const seconds = (performance.now() - started) / 1000;
          const rows = Object.values(report.tables).reduce((sum, counts) => sum + counts.read, 0);
          rowRates.push(rows / seconds);
          durations.push(seconds);
          eventRates.push(report.events.recorded / seconds);
          appendRates.push(await storeAppendRate(store, report.events.recorded));
          note = `${rows} rows, ${report.events.recorded} events recorded per import, ${report.children.read} children`;
          progress(`import ${format} on ${backend.name}: ${Math.round(rows / seconds)} rows/s`);
        }
        figures.push({ suite: 'import', backend: backend.name, name: `${format} rows read per second`, unit: 'rows/s', samples: rowRates, note });
        // The whole file set, read, checked and recorded: for ssda903, five years of one authority's returns.
        figures.push({ suite: 'import', backend: backend.name, name: `${format}: the whole file set imported`, unit: 's', samples: durations, note });
        figures.push({
          suite: 'import',
          backend: backend.name,
          name: `${format} events recorded per second`,
          unit: 'events/s',
          samples: eventRates,
          baseline: { name: 'store multi-stream append, same number of events', samples: appendRates },
        });
      }
    } finally {
      await close();
    }
  }
  return figures;
}

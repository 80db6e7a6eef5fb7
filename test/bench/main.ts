import { progress, writeReport, type Figure } from './bench-report';
import { generatedEvents } from './bench-events';
import { runImportBench } from './import-bench';
import { emmettPeer } from './emmett-peer';
import { runEncryptionBench } from './encryption-bench';
import { runIngestBench } from './ingest-bench';
import { runKafkaBench } from './kafka-bench';
import { runProjectionsBench } from './projections-bench';
import { runPureBench } from './pure-bench';
import { runReplayBench } from './replay-bench';
import { runReturnsBench } from './returns-bench';
import { runStoreBench } from './store-bench';
import { runUiBench } from './ui-bench';

/** Every benchmark the project has, by name; `npm run bench` runs them all. */
const SUITES: Record<string, (options: BenchOptions) => Promise<Figure[]>> = {
  pure: (options) => runPureBench(options),
  store: (options) =>
    runStoreBench({ databaseUrl: options.databaseUrl, samples: options.samples, scale: options.scale, events: generatedEvents, peers: [emmettPeer] }),
  ingest: (options) => runIngestBench(options),
  projections: (options) => runProjectionsBench(options),
  kafka: (options) => runKafkaBench(options),
  replay: (options) => runReplayBench(options),
  encryption: (options) => runEncryptionBench(options),
  import: (options) => runImportBench(options),
  ui: (options) => runUiBench(options),
  returns: (options) => runReturnsBench(options),
};

interface BenchOptions {
  databaseUrl?: string;
  brokers?: string;
  samples: number;
  scale: number;
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
  const names = requested.length > 0 ? requested : Object.keys(SUITES);
  const unknown = names.filter((name) => !SUITES[name]);
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(SUITES).join(', ')}\n`);
    process.exit(2);
  }
  const options: BenchOptions = {
    databaseUrl: process.env.DATABASE_URL,
    brokers: process.env.KAFKA_BROKERS,
    samples: Number(process.env.BENCH_SAMPLES ?? 3),
    scale: Number(process.env.BENCH_SCALE ?? 1),
  };
  const startedAt = new Date();
  const figures: Figure[] = [];
  for (const name of names) {
    progress(`running ${name}`);
    figures.push(...(await SUITES[name](options)));
  }
  const report = writeReport(names.length === Object.keys(SUITES).length ? 'all' : names.join('-'), 'Benchmarks', startedAt, figures);
  progress(`report: ${report.markdown}`);
  progress(`data:   ${report.json}`);
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});

// One run of `csc generate`: the simulation, counted and shown as it streams, into one destination, then a summary.
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { renderCalibration, checkCalibration } from './calibration/calibration-check';
import type { GeneratorConfig } from './config/generator-config';
import type { Emission } from './simulation/arrival-order';
import { CountySimulation } from './simulation/county-simulation';
import { postEvents } from './sinks/http-sink';
import { writeNdjson } from './sinks/ndjson-sink';
import { appendToStore } from './sinks/store-sink';
import { ProgressReporter } from './sinks/progress-reporter';
import { renderRunSummary } from './sinks/run-summary';
import { RunTally } from './sinks/run-tally';

export type Destination =
  | { kind: 'stdout' }
  | { kind: 'file'; path: string }
  | { kind: 'http'; url: string; batchSize?: number; concurrency?: number; token?: string }
  | { kind: 'store' }
  | { kind: 'check' };

export interface RunOutcome {
  /** Figures outside tolerance (--check), or events the service rejected (--to). */
  readonly failures: number;
  readonly failureMessage?: string;
}

/** Progress and counts around the emissions, as they stream. */
function* observed(simulation: CountySimulation, tally: RunTally, progress: ProgressReporter): Generator<Emission> {
  for (const emission of tally.count(simulation)) {
    progress.update(tally.events);
    yield emission;
  }
}

export async function runGenerate(config: GeneratorConfig, destination: Destination): Promise<RunOutcome> {
  const simulation = new CountySimulation(config);
  const tally = new RunTally(config.start);
  const progress = new ProgressReporter(process.stderr, simulation, config);
  const started = performance.now();
  const emissions = observed(simulation, tally, progress);
  const { text, outcome } = await deliver(config, destination, emissions);
  progress.finish();
  const seconds = (performance.now() - started) / 1000;
  const facts = {
    tally,
    children: simulation.children,
    workers: simulation.workers,
    seconds,
    destination: text,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stderr.write(renderRunSummary(facts));
  return outcome;
}

async function deliver(config: GeneratorConfig, destination: Destination, emissions: Iterable<Emission>): Promise<{ text: string; outcome: RunOutcome }> {
  switch (destination.kind) {
    case 'stdout':
      await writeNdjson(emissions, process.stdout);
      return { text: 'Written to stdout as NDJSON.', outcome: { failures: 0 } };
    case 'file': {
      const file = createWriteStream(destination.path);
      await writeNdjson(emissions, file);
      file.end();
      await finished(file);
      return { text: `Written to ${destination.path} as NDJSON.`, outcome: { failures: 0 } };
    }
    case 'http': {
      const report = await postEvents(emissions, destination);
      const rejections = report.rejections.map((rejection) => `\n  rejected ${rejection.eventId ?? ''}: ${rejection.code} ${rejection.message}`).join('');
      const text = `Posted to ${destination.url}: ${report.recorded} recorded, ${report.duplicate} duplicate, ${report.rejected} rejected (${report.requests} requests, ${report.retries} retried).${rejections}`;
      return { text, outcome: { failures: report.rejected, failureMessage: `the service rejected ${report.rejected} events (the first are listed above)` } };
    }
    case 'store': {
      const report = await appendToStore(emissions, { env: process.env });
      const text = `Appended to the ${report.store} store: ${report.appended} events to ${report.streams} streams in ${report.appends} appends (${report.skippedDuplicates} deliberate duplicates skipped).`;
      return { text, outcome: { failures: 0 } };
    }
    case 'check': {
      const results = checkCalibration(config, emissions);
      process.stdout.write(`${renderCalibration(results)}\n`);
      const failures = results.filter((result) => !result.pass).length;
      return {
        text: 'Checked in memory against the calibration targets (nothing written).',
        outcome: { failures, failureMessage: `${failures} of ${results.length} figures are outside their tolerance` },
      };
    }
  }
}

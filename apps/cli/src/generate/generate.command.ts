// `csc generate`: a synthetic county, as a deterministic stream of contract envelopes, to NDJSON, a running service or
// the store, or checked against the published figures it is calibrated to.
import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import { GeneratorConfigError } from './config/config-merge';
import { PRESET_NAMES } from './config/county-config';
import { runGenerate, type Destination } from './generate-run';
import { configFromFlags, GenerateFlagError, type GenerateFlags } from './generate-options';
import { HttpSinkError } from './sinks/http-sink';

interface GenerateOptions extends GenerateFlags {
  out?: string;
  to?: string;
  toStore?: boolean;
  check?: boolean;
  concurrency?: string;
  batchSize?: string;
  token?: string;
  printConfig?: boolean;
}

export function registerGenerateCommand(program: Command): void {
  program
    .command('generate')
    .description('Generate a synthetic county: a deterministic stream of case and worker events, calibrated to published figures')
    .option('--preset <name>', `${PRESET_NAMES.join(' | ')} (county: about 6,000 referrals a year, 250 case holders)`, 'county')
    .option('--children-per-year <n>', "referrals a year (re-referrals included; default: the preset's)")
    .option('--workers <n>', "social workers in post, a team manager per 6 case holders included (default: the preset's)")
    .option('--years <n>', 'simulated years (default 1)')
    .option('--start <date>', 'first simulated day, YYYY-MM-DD (default 2024-04-01)')
    .option('--seed <seed>', 'a number or any text: the same seed gives byte-identical output (default 1)')
    .option('--config <file>', 'JSON with part of a GeneratorConfig, merged over the preset (flags win)')
    .option('--no-opening-caseload', 'start the county empty rather than with its open cases and their recent history')
    .option('--out <file>', 'write NDJSON to this file (default: stdout)')
    .option('--to <url>', 'post the events to a running service, e.g. http://127.0.0.1:3000 (POST /v1/events)')
    .option('--concurrency <n>', 'requests in flight with --to (default 4)')
    .option('--batch-size <n>', 'events per request with --to (default and most 1000)')
    .option('--token <token>', 'bearer token with the recorder role for --to (default: CSC_TOKEN)')
    .option('--to-store', 'append the events to the store the service would open, from the same environment variables')
    .option('--check', 'generate in memory and compare with the calibration targets; exit code 1 if any figure is outside its tolerance')
    .option('--print-config', 'print the effective configuration as JSON and stop')
    .action(async (options: GenerateOptions) => {
      const config = withUsableErrors(() => configFromFlags(options));
      if (options.printConfig) return void process.stdout.write(`${JSON.stringify(config, null, 2)}\n`);
      keepHeapNearLiveSet();
      const outcome = await withUsableErrorsAsync(() => runGenerate(config, destinationOf(options)));
      if (outcome.failures > 0) throw new CliError(outcome.failureMessage ?? 'the run failed', 1);
    });
}

/**
 * The simulation holds every open case (half a million for England) and allocates fast, so V8 would let the old space
 * grow to several times what is live (England: 1.2 GB resident). A 40% growing factor keeps it near the live set (under
 * 500 MB) for about a fifth more time in GC. A factor the user set (NODE_OPTIONS) is left alone.
 */
function keepHeapNearLiveSet(): void {
  const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((flag) => flag.includes('heap-growing-percent'));
  if (!chosen) setFlagsFromString('--heap-growing-percent=40');
}

function destinationOf(options: GenerateOptions): Destination {
  const chosen = [options.out && '--out', options.to && '--to', options.toStore && '--to-store', options.check && '--check'].filter(Boolean);
  if (chosen.length > 1) throw new CliError(`choose one destination: ${chosen.join(' and ')} cannot be used together`);
  if (options.to !== undefined) {
    const number = (flag: string, value: string | undefined, max: number) => {
      if (value === undefined) return undefined;
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) throw new CliError(`${flag} must be a whole number from 1 to ${max}; got ${value}`);
      return Number(value);
    };
    return {
      kind: 'http',
      url: options.to,
      batchSize: number('--batch-size', options.batchSize, 1000),
      concurrency: number('--concurrency', options.concurrency, 64),
      token: options.token ?? process.env.CSC_TOKEN,
    };
  }
  if (options.toStore) return { kind: 'store' };
  if (options.check) return { kind: 'check' };
  return options.out === undefined ? { kind: 'stdout' } : { kind: 'file', path: options.out };
}

function withUsableErrors<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw usable(error);
  }
}

async function withUsableErrorsAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw usable(error);
  }
}

/** Errors the user can act on become one-line CLI errors; anything else keeps its stack. */
function usable(error: unknown): unknown {
  if (error instanceof GenerateFlagError || error instanceof GeneratorConfigError || error instanceof HttpSinkError) return new CliError(error.message);
  if (error instanceof Error && (error.name === 'StoreSinkError' || error.name === 'ConfigurationError')) return new CliError(error.message);
  return error;
}

// From the command line to a GeneratorConfig: the preset, a --config file merged over it, then the flags.
import { readFileSync } from 'node:fs';
import { countyConfig, isPresetName, PRESET_NAMES } from './config/county-config';
import type { DeepPartial } from './config/config-merge';
import { GeneratorConfigError, overlayPartial } from './config/config-merge';
import type { GeneratorConfig } from './config/generator-config';
import { hashText } from './simulation/seeded-random';

export interface GenerateFlags {
  preset: string;
  childrenPerYear?: string;
  workers?: string;
  years?: string;
  start?: string;
  seed?: string;
  config?: string;
  openingCaseload: boolean;
}

/** A flag the user can fix: the message names it and says what is expected. */
export class GenerateFlagError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateFlagError';
  }
}

function wholeNumber(flag: string, value: string | undefined, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value.trim()) || Number(value) < minimum)
    throw new GenerateFlagError(`${flag} must be a whole number of at least ${minimum}; got ${JSON.stringify(value)}`);
  return Number(value);
}

/** A seed is a number 0-4294967295, or any text (hashed to one), so that --seed demo works too. */
export function seedOf(value: string): number {
  return /^\d+$/.test(value) && Number(value) <= 0xffffffff ? Number(value) : hashText(value);
}

function configFile(path: string): DeepPartial<GeneratorConfig> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new GenerateFlagError(
      `--config ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); give the path of a JSON file`,
    );
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as DeepPartial<GeneratorConfig>;
  } catch (error) {
    throw new GenerateFlagError(`--config ${path} is not a JSON object of settings (${(error as Error).message}); see GeneratorConfig for the names`);
  }
}

export function configFromFlags(flags: GenerateFlags): GeneratorConfig {
  if (!isPresetName(flags.preset)) throw new GenerateFlagError(`--preset must be one of ${PRESET_NAMES.join(', ')}; got ${JSON.stringify(flags.preset)}`);
  const years = flags.years === undefined ? undefined : Number(flags.years);
  if (years !== undefined && !(years > 0 && years <= 20))
    throw new GenerateFlagError(`--years must be a number above 0 and at most 20; got ${JSON.stringify(flags.years)}`);
  const fromFlags: DeepPartial<GeneratorConfig> = {
    referralsPerYear: wholeNumber('--children-per-year', flags.childrenPerYear, 1),
    workers: wholeNumber('--workers', flags.workers, 2),
    years,
    start: flags.start,
    seed: flags.seed === undefined ? undefined : seedOf(flags.seed),
    ...(flags.openingCaseload ? {} : { opening: { enabled: false } }),
  };
  try {
    const fromFile = flags.config === undefined ? {} : configFile(flags.config);
    return countyConfig(flags.preset, overlayPartial(fromFile, fromFlags) as DeepPartial<GeneratorConfig>);
  } catch (error) {
    if (error instanceof GeneratorConfigError) throw new GenerateFlagError(error.message);
    throw error;
  }
}

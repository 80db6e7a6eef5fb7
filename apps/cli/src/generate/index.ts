// The synthetic county generator's programmatic API, for benchmarks and tests.
export type {
  GeneratorConfig,
  DurationHistogram,
  Weights,
  AgeBands,
  IntervalPunctuality,
  FrontDoorConfig,
  AssessmentConfig,
  SafeguardingConfig,
  ChildInNeedConfig,
  LookedAfterConfig,
  ReReferralConfig,
  WorkforceConfig,
  ContinuityConfig,
  RecordingConfig,
  OpeningCaseloadConfig,
} from './config/generator-config';
export type { CalibrationTarget, CalibrationTargets } from './config/calibration-targets';
export { countyConfig, isPresetName, PRESET_NAMES, type PresetName } from './config/county-config';
export { GeneratorConfigError, type DeepPartial } from './config/config-merge';
export { generateCounty, CountySimulation } from './simulation/county-simulation';
export type { Emission } from './simulation/arrival-order';
export { checkCalibration, compareWithTargets, renderCalibration, type CalibrationResult } from './calibration/calibration-check';
export { CalibrationMeter, type CalibrationMeasurements } from './calibration/calibration-meter';
export { writeNdjson } from './sinks/ndjson-sink';
export { postEvents, HttpSinkError, MAX_BATCH, type HttpSinkOptions, type HttpSinkReport } from './sinks/http-sink';
export { registerGenerateCommand } from './generate.command';

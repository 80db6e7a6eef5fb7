// csc generate --check: each calibration target beside the generated figure, its tolerance and PASS or FAIL.
import type { CalibrationTarget, CalibrationTargets } from '../config/calibration-targets';
import type { GeneratorConfig } from '../config/generator-config';
import type { Emission } from '../simulation/arrival-order';
import { CalibrationMeter, type CalibrationMeasurements } from './calibration-meter';
import type { YearFigures } from './year-snapshots';

export type FigureUnit = 'share' | 'days' | 'count' | 'per-fte';

export interface CalibrationResult {
  readonly measure: string;
  readonly unit: FigureUnit;
  readonly target: number;
  /** Absolute, in the figure's unit (for referrals a year: relative to the target). */
  readonly tolerance: number;
  /** undefined when the run has nothing to measure it on. */
  readonly generated: number | undefined;
  readonly pass: boolean;
  readonly source: string;
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : undefined);
const sum = (years: readonly YearFigures[], pick: (figures: YearFigures) => number) => years.reduce((total, figures) => total + pick(figures), 0);

function median(values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Every figure, worked out from the measurements: the names are CalibrationTargets' keys. */
function generatedFigures(m: CalibrationMeasurements): Record<Exclude<keyof CalibrationTargets, 'cpPlanLengthShares'>, number | undefined> {
  const { flows, yearEnds: years, visits } = m;
  const referralsPerYear = flows.referrals / m.years;
  const perYearEnd = (pick: (figures: YearFigures) => number) => ratio(sum(years, pick) / Math.max(1, years.length), referralsPerYear);
  const lookedAfter = sum(years, (figures) => figures.lookedAfter);
  const inPost = sum(years, (figures) => figures.inPost);
  return {
    referralsPerYear,
    reReferralShare: ratio(flows.reReferrals, flows.referrals),
    noFurtherActionShare: ratio(flows.noFurtherAction, flows.referrals),
    notInNeedShare: ratio(flows.notInNeed, flows.referrals),
    policeReferralShare: ratio(flows.police, flows.referrals),
    assessmentMedianDays: median(flows.assessmentDays),
    assessmentWithin45WorkingDaysShare: ratio(flows.assessmentsWithin45, flows.assessmentDays.length),
    domesticAbuseFactorShare: ratio(flows.domesticAbuse, flows.inNeedAssessments),
    mentalHealthFactorShare: ratio(flows.mentalHealth, flows.inNeedAssessments),
    icpcPerReferral: ratio(flows.conferences, flows.referrals),
    icpcWithin15WorkingDaysShare: ratio(flows.conferencesWithin15, flows.conferencesTimed),
    cpPlansStartedPerReferral: ratio(flows.cpPlansStarted, flows.referrals),
    cpPlansOpenPerReferral: perYearEnd((figures) => figures.cpOpen),
    lookedAfterStartsPerReferral: ratio(flows.lookedAfterStarts, flows.referrals),
    lookedAfterPerReferral: perYearEnd((figures) => figures.lookedAfter),
    threeOrMorePlacementsShare: ratio(
      sum(years, (figures) => figures.threeOrMorePlacements),
      lookedAfter,
    ),
    threeOrMoreWorkersShare: ratio(
      sum(years, (figures) => figures.threeOrMoreWorkers),
      lookedAfter,
    ),
    childrenInNeedPerReferral: perYearEnd((figures) => figures.childrenInNeed),
    caseloadPerFte: ratio(
      sum(years, (figures) => figures.casesHeld),
      sum(years, (figures) => figures.fteHoldingCases),
    ),
    turnoverShare: ratio(
      sum(years, (figures) => figures.leavers),
      inPost,
    ),
    agencyShare: ratio(
      sum(years, (figures) => figures.agency),
      inPost,
    ),
    cpVisitsOnTimeShare: ratio(visits.cpOnTime, visits.cpGaps),
    lookedAfterVisitsOnTimeShare: ratio(visits.lacOnTime, visits.lacGaps),
  };
}

const UNITS: Partial<Record<keyof CalibrationTargets, FigureUnit>> = {
  referralsPerYear: 'count',
  assessmentMedianDays: 'days',
  caseloadPerFte: 'per-fte',
};

const CP_BANDS = [
  'CP plans open: 3 months or less',
  'CP plans open: 3-6 months',
  'CP plans open: 6-12 months',
  'CP plans open: 1-2 years',
  'CP plans open: 2 years+',
];

export function compareWithTargets(targets: CalibrationTargets, measurements: CalibrationMeasurements): CalibrationResult[] {
  const figures = generatedFigures(measurements);
  const results: CalibrationResult[] = [];
  for (const [measure, generated] of Object.entries(figures) as [keyof typeof figures, number | undefined][]) {
    const target: CalibrationTarget = targets[measure];
    const off = generated === undefined ? Infinity : Math.abs(generated - target.value);
    const allowed = measure === 'referralsPerYear' ? target.tolerance * target.value : target.tolerance;
    results.push({
      measure,
      unit: UNITS[measure] ?? 'share',
      target: target.value,
      tolerance: allowed,
      generated,
      pass: off <= allowed,
      source: target.source,
    });
  }
  const bands = [0, 1, 2, 3, 4].map((band) => sum(measurements.yearEnds, (year) => year.cpLengths[band]));
  const open = bands.reduce((a, b) => a + b, 0);
  const { values, tolerance, source } = targets.cpPlanLengthShares;
  bands.forEach((count, band) => {
    const generated = ratio(count, open);
    const pass = generated !== undefined && Math.abs(generated - values[band]) <= tolerance;
    results.push({ measure: CP_BANDS[band], unit: 'share', target: values[band], tolerance, generated, pass, source });
  });
  return results;
}

/** Generates the county in memory (nothing written) and compares it with the config's targets. */
export function checkCalibration(config: GeneratorConfig, emissions: Iterable<Emission>): CalibrationResult[] {
  const meter = new CalibrationMeter(config);
  for (const emission of emissions) meter.observe(emission);
  return compareWithTargets(config.targets, meter.finish());
}

function format(value: number | undefined, unit: FigureUnit): string {
  if (value === undefined) return 'n/a';
  if (unit === 'share') return `${(value * 100).toFixed(1)}%`;
  if (unit === 'count') return Math.round(value).toLocaleString('en-GB');
  return value.toFixed(1);
}

export function renderCalibration(results: readonly CalibrationResult[]): string {
  const rows = results.map((result) => [
    result.measure,
    format(result.target, result.unit),
    format(result.generated, result.unit),
    `±${result.unit === 'share' ? `${(result.tolerance * 100).toFixed(1)} pts` : format(result.tolerance, result.unit)}`,
    result.pass ? 'PASS' : 'FAIL',
    result.source,
  ]);
  const header = ['measure', 'target', 'generated', 'tolerance', 'result', 'source'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]))).join('  ');
  const failed = results.filter((result) => !result.pass).length;
  const verdict = failed === 0 ? `All ${results.length} figures within tolerance.` : `${failed} of ${results.length} figures outside tolerance.`;
  return [line(header), ...rows.map(line), '', verdict].join('\n');
}

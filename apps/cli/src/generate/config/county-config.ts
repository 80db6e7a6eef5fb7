// The presets (county, england, county-stressed) and the targets they are checked against.
import type { CalibrationTargets } from './calibration-targets';
import { mergeConfig, validateConfig, type DeepPartial } from './config-merge';
import type { GeneratorConfig } from './generator-config';
import { ENGLAND, NATIONAL_PARAMETERS } from './national-parameters';

export const PRESET_NAMES = ['county', 'england', 'county-stressed'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const DATA = 'CSC_outcomes_and_enablers/data-raw';
const C1 = `${DATA}/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv`;
const perReferral = (count: number) => count / ENGLAND.referrals;

/** The published figures, with tolerances sized for a county-sized run of a year or two. */
function publishedTargets(config: Omit<GeneratorConfig, 'targets'>): CalibrationTargets {
  const sources = config.frontDoor.sources;
  const total = Object.values(sources).reduce((sum, weight) => sum + (weight ?? 0), 0);
  return {
    referralsPerYear: { value: config.referralsPerYear, tolerance: 0.05, source: 'the configured referralsPerYear (relative tolerance)' },
    reReferralShare: { value: 0.226, tolerance: 0.03, source: `${C1} rereferral_percent` },
    noFurtherActionShare: { value: 0.065, tolerance: 0.015, source: `${C1} no_further_action_percent` },
    notInNeedShare: { value: 0.308, tolerance: 0.035, source: `${C1} not_in_need_percent` },
    policeReferralShare: { value: (sources['6'] ?? 0) / total, tolerance: 0.025, source: 'the configured frontDoor.sources (assumption)' },
    assessmentMedianDays: { value: 33, tolerance: 4, source: 'DfE Children in need, reporting year 2025: assessments completed, median duration 33 days' },
    assessmentWithin45WorkingDaysShare: {
      value: 0.86,
      tolerance: 0.04,
      source: 'DfE Children in need, reporting year 2025: assessments completed within 45 working days, 86%',
    },
    domesticAbuseFactorShare: { value: 0.3174, tolerance: 0.04, source: `${DATA}/c3_factors_identified_at_end_of_assessment_2018_to_2025.csv` },
    mentalHealthFactorShare: { value: 0.3347, tolerance: 0.04, source: `${DATA}/c3_factors_identified_at_end_of_assessment_2018_to_2025.csv` },
    icpcPerReferral: {
      value: perReferral(ENGLAND.icpcs),
      tolerance: 0.02,
      source: 'DfE Children in need, reporting year 2025: about 72,000 ICPCs / ' + `${C1} referral_count 632,830`,
    },
    icpcWithin15WorkingDaysShare: {
      value: 0.81,
      tolerance: 0.05,
      source: 'DfE Children in need, reporting year 2025: ICPCs within 15 working days of the s47 start, 81%',
    },
    cpPlansStartedPerReferral: {
      value: perReferral(ENGLAND.cpPlansStarted),
      tolerance: 0.02,
      source: `${DATA}/d3_cpps_subsequent_plan_2013_to_2025.csv CPP_start / c1`,
    },
    cpPlansOpenPerReferral: {
      value: perReferral(ENGLAND.cpPlansAt31March),
      tolerance: 0.015,
      source: `${DATA}/d5_cpps_at31march_by_duration_2013_to_2025.csv CPP_At31 / c1`,
    },
    cpPlanLengthShares: { values: [0.315, 0.255, 0.263, 0.144, 0.023], tolerance: 0.07, source: `${DATA}/d5_cpps_at31march_by_duration_2013_to_2025.csv` },
    lookedAfterStartsPerReferral: {
      value: perReferral(ENGLAND.lookedAfterStarts),
      tolerance: 0.01,
      source: `${DATA}/cla_number_and_rate_per_10k_children.csv / c1`,
    },
    lookedAfterPerReferral: {
      value: perReferral(ENGLAND.lookedAfterAt31March),
      tolerance: 0.025,
      source: `${DATA}/cla_number_and_rate_per_10k_children.csv / c1`,
    },
    threeOrMorePlacementsShare: { value: 0.1, tolerance: 0.04, source: `${DATA}/la_cla_placement_stability.csv (CLA on 31 March, 3+ placements)` },
    threeOrMoreWorkersShare: {
      value: 0.255,
      tolerance: 0.06,
      source: `${DATA}/la_cla_swcount.csv 27% (2024); DfE Children looked after in England including adoptions, reporting year 2025: 24% (2025)`,
    },
    childrenInNeedPerReferral: {
      value: perReferral(ENGLAND.childrenInNeedAt31March),
      tolerance: 0.08,
      source: `${DATA}/b1_children_in_need_2013_to_2025.csv At31 / c1`,
    },
    caseloadPerFte: {
      value: 17.5,
      tolerance: 2.5,
      source: `${DATA}/csww_indicators_2017_to_2025.csv caseload_fte 15.2 (2025), and the improvement plan's target of 18 for experienced staff`,
    },
    turnoverShare: { value: 0.12, tolerance: 0.04, source: `${DATA}/csww_indicators_2017_to_2025.csv turnover_rate_headcount` },
    agencyShare: { value: 0.127, tolerance: 0.05, source: `${DATA}/csww_indicators_2017_to_2025.csv agency_rate_headcount` },
    cpVisitsOnTimeShare: { value: config.safeguarding.visits.onTimeShare, tolerance: 0.05, source: 'the configured safeguarding.visits (assumption)' },
    lookedAfterVisitsOnTimeShare: { value: config.lookedAfter.visits.onTimeShare, tolerance: 0.05, source: 'the configured lookedAfter.visits (assumption)' },
  };
}

/** A shire county such as West Sussex: about 6,000 referrals a year, about 250 case-holding workers. */
const COUNTY: DeepPartial<GeneratorConfig> = { referralsPerYear: 6_000, workers: 290 };

/**
 * England: about 630,000 referrals a year and 36,000 social workers in post (csww_indicators 2025 inpost_fte 36,186), of
 * whom fewer hold cases than in a county team (csww: 21,105 of 36,186 FTE): a manager per three case holders gives the
 * published caseload of 15.2.
 */
const ENGLAND_SIZE: DeepPartial<GeneratorConfig> = { referralsPerYear: 630_000, workers: 36_000, workforce: { teamSize: 3 } };

const ENGLAND_TARGETS: DeepPartial<CalibrationTargets> = {
  caseloadPerFte: { value: 15.2, tolerance: 2.5, source: `${DATA}/csww_indicators_2017_to_2025.csv caseload_fte 2025 (England)` },
};

/**
 * The county before improvement (West Sussex, Ofsted 2019: 25-30 cases each, 18.5% vacancies, children waiting,
 * frequent changes of worker): fewer workers, slower work, higher turnover, more agency staff.
 */
const STRESSED: DeepPartial<GeneratorConfig> = {
  referralsPerYear: 6_000,
  workers: 190,
  frontDoor: { decisionSameDayShare: 0.5, decisionWithinOneWorkingDayShare: 0.75 },
  assessment: { startWaitMedianWorkingDays: 6, medianDays: 46, within45WorkingDaysShare: 0.66 },
  safeguarding: { icpcMedianWorkingDays: 13, icpcWithin15WorkingDaysShare: 0.6, reviews: { onTimeShare: 0.7 }, visits: { onTimeShare: 0.6 } },
  childInNeed: { reviews: { onTimeShare: 0.6 }, visits: { onTimeShare: 0.55 } },
  lookedAfter: { reviews: { onTimeShare: 0.75 }, visits: { onTimeShare: 0.7 }, healthAssessments: { onTimeShare: 0.5 } },
  workforce: {
    agencyShare: 0.25,
    leavingRatePerYear: { permanent: 0.15, agency: 0.4 },
    vacancyMedianDays: 120,
    leaverUnallocatedShare: 0.6,
    unallocatedMedianDays: 21,
  },
  continuity: { otherChangesPerYear: 1.0 },
  // Assessments take about 70 days with the wait, not 41: more of them are open on the first day.
  opening: { assessmentPerReferral: 0.15 },
};

const STRESSED_TARGETS: DeepPartial<CalibrationTargets> = {
  assessmentMedianDays: { value: 46, tolerance: 5, source: 'county-stressed: assessment.medianDays' },
  assessmentWithin45WorkingDaysShare: { value: 0.66, tolerance: 0.05, source: 'county-stressed: assessment.within45WorkingDaysShare' },
  icpcWithin15WorkingDaysShare: { value: 0.6, tolerance: 0.06, source: 'county-stressed: safeguarding.icpcWithin15WorkingDaysShare' },
  caseloadPerFte: { value: 27.5, tolerance: 2.5, source: "Ofsted inspection of West Sussex children's services (2019): social workers holding 25-30 cases" },
  threeOrMoreWorkersShare: { value: 0.38, tolerance: 0.07, source: 'county-stressed: more leavers and changes (assumption)' },
  turnoverShare: { value: 0.2, tolerance: 0.05, source: 'county-stressed: workforce.leavingRatePerYear (assumption)' },
  agencyShare: { value: 0.21, tolerance: 0.06, source: 'county-stressed: workforce.agencyShare of case holders, 25% (assumption)' },
};

const PRESETS: Record<PresetName, DeepPartial<GeneratorConfig>> = { county: COUNTY, england: ENGLAND_SIZE, 'county-stressed': STRESSED };

/** The base every preset starts from: England's rates, a county's size, from 1 April 2024, seed 1. */
function baseConfig(): Omit<GeneratorConfig, 'targets'> {
  return { start: '2024-04-01', years: 1, seed: 1, referralsPerYear: 6_000, workers: 290, ...structuredClone(NATIONAL_PARAMETERS) };
}

/**
 * A preset with overrides merged over it (a partial config, e.g. from --config and flags). Targets that follow a
 * configured value (police share, visit punctuality, referrals) are worked out after the merge; published ones are kept.
 */
export function countyConfig(preset: PresetName = 'county', overrides: DeepPartial<GeneratorConfig> = {}): GeneratorConfig {
  const { targets: targetOverrides, ...settings } = overrides;
  const merged = mergeConfig(mergeConfig(baseConfig(), PRESETS[preset]), settings);
  const presetTargets = preset === 'county-stressed' ? STRESSED_TARGETS : preset === 'england' ? ENGLAND_TARGETS : {};
  const targets = mergeConfig(mergeConfig(publishedTargets(merged), presetTargets), targetOverrides ?? {});
  return validateConfig({ ...merged, targets });
}

export function isPresetName(value: unknown): value is PresetName {
  return typeof value === 'string' && (PRESET_NAMES as readonly string[]).includes(value);
}

// The figures a generated county is checked against (csc generate --check): each with its tolerance and source.

/** One published figure: the generated figure passes when it is within `tolerance` of `value` (same unit). */
export interface CalibrationTarget {
  readonly value: number;
  readonly tolerance: number;
  /** Where the figure comes from: a file under CSC_outcomes_and_enablers/data-raw (table and column), a named DfE or Ofsted publication, a setting, or "assumption". */
  readonly source: string;
}

/** Shares are 0-1; "per referral" figures are divided by the referrals of a year. */
export interface CalibrationTargets {
  /** Referrals a year, against the configured number (tolerance relative: 0.05 is 5%). */
  referralsPerYear: CalibrationTarget;
  /** Referrals within 12 months of a previous referral of the child (c1 rereferral_percent 22.6%). */
  reReferralShare: CalibrationTarget;
  /** Referrals decided no further action (c1 no_further_action_percent 6.5%). */
  noFurtherActionShare: CalibrationTarget;
  /** Assessments finding the child not in need, over referrals (c1 not_in_need_percent 30.8%). */
  notInNeedShare: CalibrationTarget;
  /** Police referrals (CIN census source 6) over referrals (the configured share). */
  policeReferralShare: CalibrationTarget;
  /** Median calendar days from assessment start to authorisation (DfE Children in need, reporting year 2025: median 33 days). */
  assessmentMedianDays: CalibrationTarget;
  /** Assessments authorised within 45 working days of their start, DfE day-1 count (DfE Children in need, reporting year 2025: 86%). */
  assessmentWithin45WorkingDaysShare: CalibrationTarget;
  /** Assessments with factor 3B, domestic abuse of the parent (c3: 162,890 / 513,250). */
  domesticAbuseFactorShare: CalibrationTarget;
  /** Assessments with factor 4B, parental mental health (c3: 171,780 / 513,250). */
  mentalHealthFactorShare: CalibrationTarget;
  /** Initial child protection conferences per referral (DfE Children in need, reporting year 2025: about 72,000 ICPCs; c1 referral_count 632,830). */
  icpcPerReferral: CalibrationTarget;
  /** ICPCs within 15 working days of the s47 start (DfE Children in need, reporting year 2025: 81%). */
  icpcWithin15WorkingDaysShare: CalibrationTarget;
  /** CP plans started per referral (d3 CPP_start 61,840 / c1 632,830). */
  cpPlansStartedPerReferral: CalibrationTarget;
  /** CP plans open at the year's end per referral (d5 CPP_At31 49,420 / c1 632,830). */
  cpPlansOpenPerReferral: CalibrationTarget;
  /** Open CP plans by length at the year's end: 3 months or less, 3-6 months, 6-12 months, 1-2 years, 2+ years (d5 2025). */
  cpPlanLengthShares: { readonly values: readonly number[]; readonly tolerance: number; readonly source: string };
  /** Children starting to be looked after per referral (cla_number 32,270 / c1 632,830). */
  lookedAfterStartsPerReferral: CalibrationTarget;
  /** Children looked after at the year's end per referral (cla_number 81,770 / c1 632,830). */
  lookedAfterPerReferral: CalibrationTarget;
  /** Looked-after children at the year's end with 3+ placements in the year (la_cla_placement_stability 2025: 10%). */
  threeOrMorePlacementsShare: CalibrationTarget;
  /** Looked-after children at the year's end with 3+ social workers in the year (la_cla_swcount 2024: 27%; DfE Children looked after in England including adoptions, reporting year 2025: 24%). */
  threeOrMoreWorkersShare: CalibrationTarget;
  /** Children in need (open cases) at the year's end per referral (b1 At31_episodes 402,400 / c1 632,830). */
  childrenInNeedPerReferral: CalibrationTarget;
  /** Cases per FTE of case-holding workers at mid-year (csww_indicators_2017_to_2025 caseload_fte 2025: 15.2; the improvement plan's target 18). */
  caseloadPerFte: CalibrationTarget;
  /** Leavers in the year over workers in post at its end (csww_indicators 2025 turnover_rate_headcount 12.0%). */
  turnoverShare: CalibrationTarget;
  /** Agency workers over workers in post at the year's end (csww_indicators 2025 agency_rate_headcount 12.7%). */
  agencyShare: CalibrationTarget;
  /** CP visits within 10 working days of the previous one (T7; the configured punctuality). */
  cpVisitsOnTimeShare: CalibrationTarget;
  /** Looked-after visits within 6 weeks of the previous one or of the placement start (T6; the configured punctuality). */
  lookedAfterVisitsOnTimeShare: CalibrationTarget;
}

// Every parameter of the synthetic county, in one documented object. Sources are named per field; the files under
// `../shared/data/CSC_outcomes_and_enablers/data-raw/` are cited by name (England, year to 31 March 2025 unless said).
import type {
  AssessmentFactor,
  CategoryOfAbuse,
  Disability,
  Ethnicity,
  Gender,
  LegalStatus,
  PlacementType,
  PrimaryNeed,
  ReasonCeasedToBeLookedAfter,
  ReasonPlaceChange,
  ReferralSource,
  SocialWorkerChangeReason,
  WorkerLeavingReason,
} from '@csc/contracts';
import type { CalibrationTargets } from './calibration-targets';

/** Relative weights of codes (any positive scale; normalised when drawn). */
export type Weights<C extends string> = Readonly<Partial<Record<C, number>>>;

/** A duration distribution as bands: `share` of all durations fall in (previous band's uptoDays, uptoDays], uniformly. */
export type DurationHistogram = readonly { readonly uptoDays: number; readonly share: number }[];

/** Intervals against a limit: `onTimeShare` of them fall within it (60-100% of it), the rest 100-160% of it. */
export interface IntervalPunctuality {
  /** Share of intervals within the limit. */
  onTimeShare: number;
}

/** Shares of ages (years, [from, to)) at first referral or at entry to care. */
export type AgeBands = readonly { readonly fromYears: number; readonly toYears: number; readonly share: number }[];

export interface FrontDoorConfig {
  /** Weight of a Saturday or Sunday against a weekday for new referrals (assumption: police and out-of-hours referrals). */
  weekendReferralWeight: number;
  /** Referral sources (CIN census codes); assumption after DfE "Characteristics of children in need 2025", not in data-raw. */
  sources: Weights<ReferralSource>;
  /** Primary need at referral; assumption after DfE "Characteristics of children in need 2025", not in data-raw. */
  primaryNeeds: Weights<PrimaryNeed>;
  /** Share of referrals preceded by a recorded ContactReceived the same day (assumption). */
  contactFirstShare: number;
  /** Share of new children referred before birth (pre-birth referrals; assumption). */
  unbornShare: number;
  /** Age at first referral of born children (assumption after the CIN census age profile). */
  ages: AgeBands;
  /** Genders (CIN census codes; assumption: 52% male). */
  genders: Weights<Gender>;
  /** Ethnicities (CIN census codes; assumption after the CIN census: about two thirds White British). */
  ethnicities: Weights<Ethnicity>;
  /** Share of children recorded with a disability (assumption: about 12%); the rest are ["NONE"]. */
  disabledShare: number;
  /** Disabilities of disabled children (weights; one or two are drawn). */
  disabilities: Weights<Exclude<Disability, 'NONE'>>;
  /** Decision shares of referrals; the rest go to a child and family assessment. */
  decisions: {
    /** No further action (c1 no_further_action_percent: 6.5%). */
    noFurtherAction: number;
    /** Early help (assumption: not published separately). */
    earlyHelp: number;
    /** Strategy discussion (assumption: sized so that ICPCs are about 72,000 a year, DfE Children in need, reporting year 2025). */
    strategyDiscussion: number;
  };
  /** Share of decisions made the day the referral arrives; the rest the next working day or, for a few, later (T1). */
  decisionSameDayShare: number;
  /** Share of decisions within one working day (T1, 1 WD; assumption). */
  decisionWithinOneWorkingDayShare: number;
}

export interface AssessmentConfig {
  /** Working days from the decision to allocation and the assessment starting: median (0 = the same day). */
  startWaitMedianWorkingDays: number;
  /** Median calendar days from start to authorisation (DfE Children in need, reporting year 2025: median 33 days). */
  medianDays: number;
  /** Share authorised within 45 working days of the start, the DfE day-1 count (DfE Children in need, reporting year 2025: 86%). */
  within45WorkingDaysShare: number;
  /** Share of assessments (not after an s47) that find the child not in need (sized to c1 not_in_need_percent 30.8% of referrals). */
  notInNeedShare: number;
  /** Share of assessments after an s47 without a conference that find the child not in need (assumption). */
  notInNeedAfterSection47Share: number;
  /** Chance each factor is identified at an in-need assessment (c3 2025: count / Episodes_with_assessment_factor). */
  factors: Weights<AssessmentFactor>;
  /** Share of children found in need (outside CP and care) who get a CIN plan; the others close after short-term help (assumption). */
  cinPlanShare: number;
  /** Days of short-term help before closure, for in-need children without a plan (assumption). */
  shortHelpDays: DurationHistogram;
}

export interface SafeguardingConfig {
  /** Share of strategy discussions that start a section 47 enquiry (assumption). */
  section47Share: number;
  /** Share of s47 enquiries that need an initial child protection conference (assumption, sized to DfE Children in need, reporting year 2025: about 72,000 ICPCs). */
  icpcShare: number;
  /** Median working days from the s47 start (strategy discussion) to the ICPC, day-1 count (assumption). */
  icpcMedianWorkingDays: number;
  /** Share of ICPCs within 15 working days of the s47 start (DfE Children in need, reporting year 2025: 81%). */
  icpcWithin15WorkingDaysShare: number;
  /** Share of ICPCs that make a plan (d3 CPP_start 61,840 over about 72,000 ICPCs). */
  planShare: number;
  /** Share of s47 enquiries where the child becomes looked after within days (police protection, EPO, s20; assumption). */
  emergencyCareShare: number;
  /** Median working days an s47 enquiry without a conference takes (assumption). */
  section47MedianWorkingDays: number;
  /** Category of abuse of CP plans (assumption after the CIN census: neglect about half, emotional a third). */
  categories: Weights<CategoryOfAbuse>;
  /** CP plan durations, derived from the plans open at 31 March by length (d5 2025: 31.5/25.5/26.3/14.4/2.3%). */
  planDurations: DurationHistogram;
  /** Review conferences (T4: first within 3 months, then 6-monthly) held on time. */
  reviews: IntervalPunctuality;
  /** CP visits (T7, local: every 10 working days) made on time. */
  visits: IntervalPunctuality;
  /** How a CP plan ends: stepped down to a CIN plan, or the child becomes looked after; the rest close (assumption). */
  endings: { stepDownToCin: number; intoCare: number };
}

export interface ChildInNeedConfig {
  /** CIN plan durations (sized so that children in need at 31 March are about 64% of a year's referrals, b1 At31 / c1). */
  planDurations: DurationHistogram;
  /** CIN plan durations when the primary need is the child's disability (N2; assumption: long-term support). */
  disabilityPlanDurations: DurationHistogram;
  /** Months between CIN plan reviews (T13, local: commonly 3). */
  reviewMonths: number;
  /** CIN reviews held on time. */
  reviews: IntervalPunctuality;
  /** Days between visits to a child on a CIN plan (local practice; assumption). */
  visitDays: number;
  /** CIN visits made on time. */
  visits: IntervalPunctuality;
  /** How a CIN plan ends: the child becomes looked after (s20), or the case transfers to another authority; the rest close (assumption). */
  endings: { intoCare: number; transferOut: number };
}

export interface LookedAfterConfig {
  /** Durations of periods of care (sized to cla_number: 81,770 looked after at 31 March over 32,270 starting a year). */
  periodDurations: DurationHistogram;
  /** Age on becoming looked after (assumption after SSDA903 national tables). */
  entryAges: AgeBands;
  /** Legal status on entry by route (SSDA903 LS; assumption). */
  legalStatusOnEntry: { emergency: Weights<LegalStatus>; planned: Weights<LegalStatus> };
  /** Placement on entry by age (SSDA903 PLACE; assumption). */
  placementOnEntry: { underFive: Weights<PlacementType>; fiveToFifteen: Weights<PlacementType>; sixteenPlus: Weights<PlacementType> };
  /**
   * Placement changes a year: in the period's first year, later, and later in a long-term placement (sized to
   * la_cla_placement_stability: 10% of those looked after at 31 March had 3+ placements in the year, 69% of those looked
   * after for 2.5 years lived with the same carer for 2 years).
   */
  placementChangesPerYear: { firstYear: number; later: number; longTerm: number };
  /** Why placements change (SSDA903 REASON_PLACE_CHANGE; assumption). */
  placementChangeReasons: Weights<ReasonPlaceChange>;
  /** Share of changes after six months in care that are to a long-term placement (U1/U4, longTerm true; assumption). */
  longTermShare: number;
  /** Median weeks from an interim care order (C1) to a full care order (C2) (assumption: 26-40 week proceedings). */
  interimToFullOrderWeeks: number;
  /** Share of children under five on a full care order who go on to a placement order and adoption (assumption). */
  adoptionShareUnderFive: number;
  /** CLA plan (T11) within 10 working days of the first placement. */
  carePlans: IntervalPunctuality;
  /** Looked-after reviews (T5) on time. */
  reviews: IntervalPunctuality;
  /** Statutory visits (T6) on time. */
  visits: IntervalPunctuality;
  /** Initial (T8) and review (T9) health assessments on time. */
  healthAssessments: IntervalPunctuality;
  /** Missing episodes of looked-after children aged 11+: who goes missing, how often, return home interviews (assumption). */
  missing: { proneShare: number; episodesPerYear: number; interviewShare: number; interviewWithin72HoursShare: number };
  /** How a period of care ends for children under 17 (SSDA903 REC; assumption); adoption is decided by adoptionShareUnderFive. */
  endings: Weights<ReasonCeasedToBeLookedAfter>;
  /** How a period of care ends at 18 (SSDA903 REC; assumption). */
  endingsAtEighteen: Weights<ReasonCeasedToBeLookedAfter>;
  /** Age (years) from which a looked-after child has a pathway plan. */
  pathwayPlanFromAge: number;
}

export interface ReReferralConfig {
  /** Share of closed cases referred again later (tuned so that 22.6% of referrals are re-referrals within 12 months, c1). */
  share: number;
  /** Median days from closure to the next referral (lognormal; assumption). */
  medianDays: number;
  /** Spread (sigma of the log) of the days to the next referral. */
  sigma: number;
}

export interface WorkforceConfig {
  /** Case-holding social workers per team; each team also has one team manager, who holds no cases (assumption). */
  teamSize: number;
  /** Localities that name teams (T-NORTH-1 ...); a child is allocated within its locality. */
  areas: readonly string[];
  /** FTE of workers (weights by FTE in hundredths, 0.5-1.0; assumption). */
  fte: Readonly<Record<string, number>>;
  /** Share of case-holding workers who are agency staff (managers are permanent; csww_indicators 2025: 12.7% of all in post). */
  agencyShare: number;
  /** Share of case holders in their assessed first year (ASYE) at the start, and of those who join (assumption). */
  newlyQualifiedShare: { inPost: number; joiners: number };
  /** Share of case holders who are senior practitioners (assumption). */
  seniorShare: number;
  /** Leaving rates a year (tuned so that turnover is csww_indicators 2025 turnover_rate_fte 11.8%). */
  leavingRatePerYear: { permanent: number; agency: number };
  /** Why workers leave (weights; agency workers mostly end-of-contract). */
  leavingReasons: Weights<WorkerLeavingReason>;
  /** Median days a post stays vacant before the replacement joins (assumption). */
  vacancyMedianDays: number;
  /** Days of notice: a leaver gets no new cases in this time. */
  noticeDays: number;
  /** Caseload capacity of a newly qualified worker against an experienced one (West Sussex improvement plan: 10 against 18). */
  newlyQualifiedCapacity: number;
  /** Details changes a year: FTE, agency to permanent, promotion to senior practitioner (assumption). */
  changesPerYear: { fte: number; agencyToPermanent: number; promotion: number };
  /** Share of a leaver's children who wait unallocated (CaseUnallocated, worker-left) rather than moving at once (LEFTRL). */
  leaverUnallocatedShare: number;
  /** Median days a leaver's child waits unallocated. */
  unallocatedMedianDays: number;
  /** Candidates compared when allocating a case (the least loaded of them gets it). */
  allocationChoices: number;
  /** Mean years in post of the workers in post at the start. */
  openingTenureYears: number;
}

export interface ContinuityConfig {
  /** Share of cases moved to a new worker (TSPROC) when a CIN or CP plan starts (assessment team to long-term team; assumption). */
  transferAtPlanShare: number;
  /** Share of cases moved to a new worker (TSPROC) when the child becomes looked after (children in care team; assumption). */
  transferIntoCareShare: number;
  /** Other changes of worker a year per allocated case (tuned so that about a quarter of looked-after children have 3+ workers). */
  otherChangesPerYear: number;
  /** Reasons of those other changes (SSDA903 SW_REASON; assumption). */
  otherChangeReasons: Weights<SocialWorkerChangeReason>;
}

export interface RecordingConfig {
  /** Share of visits, reviews, health assessments and return interviews recorded late (emitted days after their date). */
  lateShare: number;
  /** Most days a late event is recorded after it happened. */
  lateMaxDays: number;
  /** Share of events the producer sends twice (the same envelope, later in the stream). */
  duplicateShare: number;
  /** Most events between an event and its duplicate. */
  duplicateMaxGap: number;
  /** Share of visits recorded twice in error and retracted (EventRetracted) a few days later. */
  mistakenVisitShare: number;
}

export interface OpeningCaseloadConfig {
  /** Whether the county starts with its open cases (their histories dated before the start) rather than empty. */
  enabled: boolean;
  /** Days of recurring history (visits, reviews, health assessments, missing episodes) sent for open cases; the latest visit, review and health assessment before the start are sent whatever their date. */
  historyDays: number;
  /** Children open at the start per referral a year: looked after (cla_number 81,770 / c1 632,830). */
  lookedAfterPerReferral: number;
  /** ... on a CP plan (d5 CPP_At31 49,420 / c1 632,830). */
  childProtectionPerReferral: number;
  /** ... on a CIN plan (b1 At31_episodes 402,400 / c1, less looked after, CP and assessments). */
  childInNeedPerReferral: number;
  /** ... being assessed (about 45 days of a year's assessments). */
  assessmentPerReferral: number;
}

export interface GeneratorConfig {
  /** First simulated day, YYYY-MM-DD (default 2024-04-01: DfE years run from 1 April). */
  start: string;
  /** Simulated years. */
  years: number;
  /** Seed of every random choice and event id: the same seed and settings give byte-identical output. */
  seed: number;
  /** Referrals a year (c1 referral_count: 632,830 in England; a shire county about 6,000). */
  referralsPerYear: number;
  /** Social workers in post (headcount), team managers included (csww_indicators inpost_headcount). */
  workers: number;
  /** The producing system named in every envelope's source.system. */
  sourceSystem: string;
  frontDoor: FrontDoorConfig;
  assessment: AssessmentConfig;
  safeguarding: SafeguardingConfig;
  childInNeed: ChildInNeedConfig;
  lookedAfter: LookedAfterConfig;
  reReferral: ReReferralConfig;
  workforce: WorkforceConfig;
  continuity: ContinuityConfig;
  recording: RecordingConfig;
  opening: OpeningCaseloadConfig;
  /** The published figures the generated data should reproduce, with tolerances (csc generate --check). */
  targets: CalibrationTargets;
}

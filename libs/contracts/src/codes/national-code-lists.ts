import { ASSESSMENT_FACTOR_LIST } from './cin-census-assessment-factors';
import { CATEGORY_OF_ABUSE_LIST, CLOSURE_REASON_LIST, PRIMARY_NEED_LIST, REFERRAL_SOURCE_LIST } from './cin-census-case-codes';
import { DISABILITY_LIST, ETHNICITY_LIST, GENDER_LIST } from './cin-census-child-codes';
import type { NationalCodeList } from './national-code-list';
import { LEGAL_STATUS_LIST, REASON_CEASED_LIST, REASON_CEASED_TO_BE_LOOKED_AFTER_LIST, REASON_NEW_EPISODE_LIST } from './ssda903-episode-codes';
import { PLACEMENT_TYPE_LIST, REASON_PLACE_CHANGE_LIST } from './ssda903-placement-codes';
import { SOCIAL_WORKER_CHANGE_REASON_LIST } from './ssda903-social-worker-codes';

/** Every national code list the contract uses, by its contract name (also its JSON Schema `$defs` name). */
export const NATIONAL_CODE_LISTS = {
  ReferralSource: REFERRAL_SOURCE_LIST,
  PrimaryNeed: PRIMARY_NEED_LIST,
  Gender: GENDER_LIST,
  Ethnicity: ETHNICITY_LIST,
  Disability: DISABILITY_LIST,
  AssessmentFactor: ASSESSMENT_FACTOR_LIST,
  CategoryOfAbuse: CATEGORY_OF_ABUSE_LIST,
  ClosureReason: CLOSURE_REASON_LIST,
  SocialWorkerChangeReason: SOCIAL_WORKER_CHANGE_REASON_LIST,
  LegalStatus: LEGAL_STATUS_LIST,
  PlacementType: PLACEMENT_TYPE_LIST,
  ReasonCeased: REASON_CEASED_LIST,
  ReasonCeasedToBeLookedAfter: REASON_CEASED_TO_BE_LOOKED_AFTER_LIST,
  ReasonNewEpisode: REASON_NEW_EPISODE_LIST,
  ReasonPlaceChange: REASON_PLACE_CHANGE_LIST,
} as const satisfies Record<string, NationalCodeList>;

export type NationalCodeListName = keyof typeof NATIONAL_CODE_LISTS;

// Fields that appear in more than one event: "ids named the same mean the same thing everywhere".
import { identifier, nationalCode } from '../fields/field-types';

export const REFERRAL_ID = identifier('The referral, as the producing system identifies it.');
export const ASSESSMENT_ID = identifier('The child and family assessment, as the producing system identifies it.');
export const SECTION47_ID = identifier('The section 47 enquiry, as the producing system identifies it.');
export const CONFERENCE_ID = identifier('The child protection conference, as the producing system identifies it.');
export const PLAN_ID = identifier('The plan, as the producing system identifies it.');
export const PERIOD_ID = identifier('The period of care (from becoming looked after to ceasing), as the producing system identifies it.');
export const PLACEMENT_ID = identifier('The placement, as the producing system identifies it.');
export const MISSING_EPISODE_ID = identifier('The missing episode, as the producing system identifies it.');
export const WORKER_ID = identifier("The local authority's id of the social worker.");
export const TEAM_ID = identifier("The local authority's id of the team.");
export const REFERRAL_SOURCE = nationalCode('ReferralSource', 'Who made the contact or referral (CIN census referral source).');
export const CATEGORY_OF_ABUSE = nationalCode('CategoryOfAbuse', 'The category of abuse of the child protection plan (CIN census).');
export const PLACEMENT_TYPE = nationalCode('PlacementType', 'The placement type (SSDA903 PLACE).');
export const LEGAL_STATUS = nationalCode('LegalStatus', 'The legal status (SSDA903 LS).');

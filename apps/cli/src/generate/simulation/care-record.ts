// The looked-after part of a child's case, held only while the child is (or has lately been) in care: most
// children are never looked after, so these fields are not part of every child's record.
import type { LegalStatus } from '@csc/contracts';
import { NO_DAY } from './simulation-calendar';

/** A period of care and what belongs to it: only children in care carry these fields. */
export class CareRecord {
  claPlan = 0;
  pathwayPlan = 0;
  period = 0;
  periodStart = NO_DAY;
  placement = 0;
  placementStart = NO_DAY;
  placementLongTerm = false;
  legalStatus: LegalStatus = 'V2';
  adoption = false;
  placedForAdoption = false;
  healthAssessments = 0;
  missingProne = false;
  missingOpen = false;
  missingEpisode = 0;
  /** Seconds after midnight (UTC) of the open missing episode's end. */
  missingSeconds = 0;
  /** The episode and time (seconds after midnight, UTC) of the return home interview due at tInterview. */
  interviewEpisode = 0;
  interviewSeconds = 0;
  tHealth = NO_DAY;
  tPlacement = NO_DAY;
  tLegal = NO_DAY;
  tMissing = NO_DAY;
  tInterview = NO_DAY;
  tPathway = NO_DAY;
}

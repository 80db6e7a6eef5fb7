import type { ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState, type CaseFacts, type PeriodOfCareFact } from '@csc/domain';
import type { CollectionYear } from '../return-period';
import type { Ssda903Rows } from './ssda903-export-columns';

/** 903 dates are written day/month/year (the DfE 903 specification; liia-tools SSDA903_schema_2024.yml: "%d/%m/%Y"). */
export function ssda903Date(on: string | undefined): string {
  return on ? `${on.slice(8, 10)}/${on.slice(5, 7)}/${on.slice(0, 4)}` : '';
}

// 903 SEX: 1 male, 2 female; the CIN census "U" (unknown) has no 903 code, so it is left blank.
const SEX: Record<string, string> = { M: '1', F: '2' };

/**
 * One child's SSDA903 rows for a collection year, from the child's events folded as at 31 March: every
 * period of care open on a day of the year, an episode per change of legal status or placement.
 * Undefined when the child was not looked after in the year.
 */
export function ssda903RowsOf(childId: string, events: readonly ChildEvent[], year: CollectionYear): Ssda903Rows | undefined {
  const facts = caseFactsOf(events.reduce(evolveChildCase, initialChildCaseState), year.to);
  const periods = [...facts.periodsOfCare.values()].filter((period) => period.on <= year.to && (period.end === undefined || period.end.on >= year.from));
  if (periods.length === 0) return undefined;
  const details = facts.childDetails[facts.childDetails.length - 1];
  const dob = ssda903Date(details?.dateOfBirth);
  const inYear = (from: string, to: string | undefined) => from <= year.to && (to === undefined || to >= year.from);
  const lookedAfterOn = (on: string) => periods.some((period) => period.on <= on && (period.end === undefined || period.end.on >= on));
  return {
    Header: [{ CHILD: childId, SEX: SEX[details?.gender ?? ''] ?? '', DOB: dob, ETHNIC: details?.ethnicity ?? '', UPN: '', MOTHER: '', MC_DOB: '' }],
    Episodes: periods
      .flatMap((period) => episodesOf(childId, facts, period))
      .filter((row) => inYear(row.on, row.endOn))
      .map(({ row }) => row),
    // Looked-after reviews (the CLA care plan's reviews) held in the year; participation (REVIEW_CODE) is not an event of ours.
    Reviews: [...facts.plans.values()]
      .filter((plan) => plan.planType === 'CLA')
      .flatMap((plan) => plan.reviews)
      .filter((review) => review.on >= year.from)
      .sort((a, b) => a.on.localeCompare(b.on))
      .map((review) => ({ CHILD: childId, DOB: dob, REVIEW: ssda903Date(review.on), REVIEW_CODE: '' })),
    UASC: [],
    // MissingEpisodeStarted records a child missing ("M"); being away from placement without permission ("A") is not recorded apart.
    Missing: [...facts.missingEpisodes.values()]
      .filter((episode) => inYear(episode.on, episode.end?.on) && lookedAfterOn(episode.on))
      .sort((a, b) => a.on.localeCompare(b.on))
      .map((episode) => ({ CHILD: childId, DOB: dob, MISSING: 'M', MIS_START: ssda903Date(episode.on), MIS_END: ssda903Date(episode.end?.on) })),
    SWEpisodes: facts.allocations
      .filter((allocation) => inYear(allocation.on, allocation.end?.on))
      .map((allocation) => ({
        CHILD: childId,
        DOB: dob,
        SW_ID: allocation.workerId,
        SW_DECOM: ssda903Date(allocation.on),
        SW_DEC: ssda903Date(allocation.end?.on),
        // SW_REASON is the reason the worker changed (SocialWorkerChanged); a first allocation carries none.
        SW_REASON: allocation.changeReason ?? '',
      })),
  };
}

interface Episode {
  on: string;
  endOn?: string;
  row: Ssda903Rows['Episodes'][number];
}

/** A new episode at every date the legal status or the placement changed, each ending the day the next starts. */
function episodesOf(childId: string, facts: CaseFacts, period: PeriodOfCareFact): Episode[] {
  const dates = [...new Set([...period.placements.map((placement) => placement.on), ...period.legalStatuses.map((status) => status.on)])].sort();
  const latest = <T extends { on: string }>(items: readonly T[], on: string) => items.filter((item) => item.on <= on).pop();
  return dates.map((on, index) => {
    const placement = latest(period.placements, on);
    const legalStatus = latest(period.legalStatuses, on);
    const placementChanged = period.placements.some((candidate) => candidate.on === on);
    const statusChanged = period.legalStatuses.some((candidate) => candidate.on === on);
    const next = dates[index + 1];
    const endOn = next ?? period.end?.on;
    const need = [...facts.referrals.values()].filter((referral) => referral.on <= on).pop()?.primaryNeed ?? '';
    return {
      on,
      endOn,
      row: {
        CHILD: childId,
        DECOM: ssda903Date(on),
        RNE: index === 0 ? (period.reasonNewEpisode ?? 'S') : placementChanged && statusChanged ? 'B' : placementChanged ? 'P' : 'L',
        LS: legalStatus?.legalStatus ?? '',
        CIN: need,
        PLACE: placement?.placementType ?? '',
        PLACE_PROVIDER: '',
        DEC: ssda903Date(endOn),
        REC: next !== undefined ? 'X1' : (period.reasonCeased ?? ''),
        // Why the placement ended, on the episode that ended (DfE rule 225: an X1 episode followed by RNE P, B, T or U;
        // ../shared/data/csc-validator-be-903/output_data/903_2024_25_rule_info.csv), not on the one the change begins.
        REASON_PLACE_CHANGE: next !== undefined ? (period.placements.find((candidate) => candidate.on === next)?.reason ?? '') : '',
        HOME_POST: '',
        PL_POST: '',
        URN: '',
      },
    };
  });
}

import type { Clock } from '@csc/timescales';
import type { HistoryEntry } from './child-history';
import type { ChildStateAt } from './child-state';
import type { ChildHistoryVerification } from './verify-child-streams';

/** A child's history as lines a person reads: occurred, recorded, revision, type, what it says, retractions marked. */
export function renderTimeline(entries: readonly HistoryEntry[]): string[] {
  const typeWidth = Math.max(4, ...entries.map((entry) => entry.type.length));
  const header = `${'occurred'.padEnd(10)}  ${'recorded'.padEnd(24)}  ${'rev'.padStart(5)}  ${'type'.padEnd(typeWidth)}  summary`;
  return [
    header,
    ...entries.map((entry) => {
      const mark = entry.retracted ? `   [RETRACTED by ${entry.retracted.byEventId} recorded ${entry.retracted.recordedAt}: ${entry.retracted.reason}]` : '';
      return `${entry.occurredOn}  ${entry.recordedAt.padEnd(24)}  ${String(entry.revision).padStart(5)}  ${entry.type.padEnd(typeWidth)}  ${entry.summary}${mark}`;
    }),
  ];
}

/** The case on its as-of date, in a few lines. */
export function renderState(state: ChildStateAt): string[] {
  const { case: summary, openClocks, foldedFrom, versions } = state;
  const visit = (label: string, on?: string) => `${label} ${on ?? 'none'}`;
  const lines = [
    `The case at the end of ${state.asOf}: ${summary.status}${summary.open ? '' : ' (not open)'}`,
    `  allocated: ${summary.allocation ? `worker ${summary.allocation.workerId}, team ${summary.allocation.teamId}, since ${summary.allocation.since}` : 'no one'}`,
    `  open referrals: ${list(summary.openReferrals.map((r) => `${r.referralId} (${r.receivedOn})`))}; open assessments: ${list(summary.openAssessments.map((a) => `${a.assessmentId} (${a.startedOn})`))}`,
    `  open plans: ${list(summary.openPlans.map((p) => `${p.planType} ${p.planId} since ${p.startedOn}`))}`,
    `  looked after: ${summary.lookedAfter ? `period ${summary.lookedAfter.periodId} since ${summary.lookedAfter.since}, legal status ${summary.lookedAfter.legalStatus}, placement ${summary.lookedAfter.placement.placementId} (${summary.lookedAfter.placement.placementType}) since ${summary.lookedAfter.placement.since}` : 'no'}`,
    `  ${visit('last visit', summary.lastVisit?.on)}; ${visit('last seen', summary.lastVisitSeen?.on)}; ${visit('last seen alone', summary.lastVisitSeenAlone?.on)}`,
    `  open clocks:${openClocks.length === 0 ? ' none' : ''}`,
    ...openClocks.map(
      (clock: Clock) =>
        `    ${clock.rule} ${clock.subjectId}${clock.sequence ? ` #${clock.sequence}` : ''}: due ${clock.dueAt ?? clock.dueOn} (${clock.state})`,
    ),
    `Folded from ${foldedFrom.events} events (revisions ${foldedFrom.firstRevision ?? '-'} to ${foldedFrom.lastRevision ?? '-'}, ${foldedFrom.retractions} retractions); ` +
      `rule table ${versions.ruleTable}, calendar ${versions.calendar}, local standards ${versions.localStandards}.`,
  ];
  return lines;
}

/** One line per stream checked, and the first break where there is one. */
export function renderVerification(result: ChildHistoryVerification): string[] {
  return result.streams.flatMap((stream) => {
    const checkpoint = stream.checkpoint;
    const signed =
      checkpoint?.status === 'matches' ? `, signed head at revision ${checkpoint.revision} matches` : checkpoint ? `, signed head: ${checkpoint.status}` : '';
    if (stream.firstBreak) {
      return [
        `${stream.streamId}: BROKEN at revision ${stream.firstBreak.revision}, event ${stream.firstBreak.eventId}: ${stream.firstBreak.problem}`,
        `  ${stream.firstBreak.message}`,
        `  ${stream.checked} events before it verified`,
        ...(checkpoint && 'message' in checkpoint ? [`  ${checkpoint.message}`] : []),
      ];
    }
    if (!stream.intact && checkpoint && 'message' in checkpoint) {
      return [`${stream.streamId}: BROKEN: ${checkpoint.status}`, `  ${checkpoint.message}`, `  ${stream.checked} events chain correctly`];
    }
    return [`${stream.streamId}: ${stream.checked} events, chain intact (last hash ${stream.lastHash})${signed}`];
  });
}

function list(items: readonly string[]): string {
  return items.length === 0 ? 'none' : items.join(', ');
}

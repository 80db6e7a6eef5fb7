import type { CaseloadFigures, ContinuityFigures, RuleTimeliness, WaitingFigures } from '@csc/projections';
import type { TimelinessView } from '../../read-models/queries/timeliness/get-timeliness.query';
import { monthsBetween, type ChartSpec } from './chart-spec';

/** A rule's line in the timeliness table: T2 and T3 are measured from two anchors, each its own line. */
export function ruleLabel(rule: Pick<RuleTimeliness, 'rule' | 'anchor'>): string {
  return rule.anchor ? `${rule.rule} from ${rule.anchor.replace(/-/g, ' ')}` : rule.rule;
}

/** Percentage met per month of the period, one line per rule (and anchor). */
export function timelinessChart(view: TimelinessView): ChartSpec {
  const labels = monthsBetween(view.from, view.to);
  return {
    id: 'timeliness-monthly',
    title: `Clocks met on time, by month due, ${view.from} to ${view.to}`,
    type: 'line',
    unit: '% met',
    labels,
    datasets: view.rules.map((rule) => {
      const byMonth = new Map(rule.monthly.map((month) => [month.month, month.percentMet]));
      return { label: ruleLabel(rule), data: labels.map((month) => byMonth.get(month) ?? null) };
    }),
  };
}

/** Continuity at each of twelve month ends: the share of the cohort who had three or more workers in the window. */
export function continuityChart(trend: readonly ContinuityFigures[]): ChartSpec {
  return {
    id: 'continuity-monthly',
    title: 'Children with three or more social workers in the window, at each month end',
    type: 'line',
    unit: '% with 3 or more',
    labels: trend.map((figures) => figures.asOf),
    datasets: [{ label: '% with 3 or more workers', data: trend.map((figures) => figures.percentThreeOrMore) }],
    // DfE, Children looked after in England 2025: 24% of children looked after on 31 March had 3 or more social workers in the year.
    reference: trend[0]?.cohort === 'cla' ? { label: 'England 2025 (looked after)', value: 24 } : undefined,
  };
}

export function changesChart(figures: ContinuityFigures): ChartSpec {
  const reasons = Object.keys(figures.changesByReason).sort();
  return {
    id: 'continuity-reasons',
    title: `Changes of social worker by reason (SW_REASON), ${figures.windowStart} to ${figures.asOf}`,
    type: 'bar',
    unit: 'changes',
    labels: reasons,
    datasets: [{ label: 'Changes', data: reasons.map((reason) => figures.changesByReason[reason]) }],
  };
}

/** The caseload per case-holding FTE at each month end (one caseloads figure per month end). */
export function caseloadChart(trend: readonly CaseloadFigures[], target: number | undefined): ChartSpec {
  return {
    id: 'caseloads-monthly',
    title: 'Cases per case-holding FTE at each month end',
    type: 'line',
    unit: 'cases per FTE',
    labels: trend.map((figures) => figures.asOf),
    datasets: [{ label: 'Cases per FTE', data: trend.map((figures) => figures.overall.caseloadPerFte) }],
    reference: target === undefined ? undefined : { label: 'Target (social worker)', value: target },
  };
}

/** The median of how long the children waiting now have waited (nearest rank, as the stages' medians). */
export function medianWait(waiting: ReadonlyArray<{ daysWaited: number }>): number | null {
  if (waiting.length === 0) return null;
  const sorted = waiting.map((entry) => entry.daysWaited).sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1];
}

export function waitingQueues(figures: WaitingFigures) {
  return [
    { name: 'a worker', id: 'awaiting-allocation', waiting: figures.queue.awaitingAllocation },
    { name: 'an assessment to start', id: 'awaiting-assessment', waiting: figures.queue.awaitingAssessment },
  ].map((queue) => ({ ...queue, count: queue.waiting.length, median: medianWait(queue.waiting), longest: queue.waiting[0]?.daysWaited ?? null }));
}

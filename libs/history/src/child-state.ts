import type { ChildEvent } from '@csc/contracts';
import { describeChildCase, evolveChildCase, initialChildCaseState, type ChildCaseSummary } from '@csc/domain';
import { CALENDAR_VERSION, RULE_TABLE_VERSION, clocksOfCase, type Clock, type LocalStandards } from '@csc/timescales';
import type { HistoryEntry } from './child-history';

const OPEN_STATES = new Set<Clock['state']>(['open', 'due-soon', 'overdue']);

export interface ChildStateAt {
  /** The date the case and its clocks are judged on (end of that day). */
  asOf: string;
  /** The case as the domain's own fold describes it. */
  case: ChildCaseSummary;
  /** The clocks still running on asOf, with their due dates. */
  openClocks: Clock[];
  /** The events folded: which part of the log this answer rests on. */
  foldedFrom: { events: number; firstRevision: number | null; lastRevision: number | null; lastPosition: number | null; retractions: number };
  versions: { ruleTable: string; calendar: string; localStandards: string };
}

/**
 * Folds exactly the given events (in stream order) through the domain's fold and computes the clocks from
 * that fold: the log itself, never a read model.
 */
export function childStateAt(entries: readonly HistoryEntry[], asOf: string, standards: LocalStandards): ChildStateAt {
  const events = entries.map((entry) => entry.envelope as ChildEvent);
  const state = events.reduce(evolveChildCase, initialChildCaseState);
  const clocks = clocksOfCase(state, { asOf, standards });
  const first = entries[0];
  const last = entries[entries.length - 1];
  return {
    asOf,
    case: describeChildCase(state, asOf),
    openClocks: clocks.filter((clock) => OPEN_STATES.has(clock.state)),
    foldedFrom: {
      events: entries.length,
      firstRevision: first?.revision ?? null,
      lastRevision: last?.revision ?? null,
      lastPosition: last?.position ?? null,
      retractions: entries.filter((entry) => entry.type === 'EventRetracted').length,
    },
    versions: { ruleTable: RULE_TABLE_VERSION, calendar: CALENDAR_VERSION, localStandards: standards.version },
  };
}

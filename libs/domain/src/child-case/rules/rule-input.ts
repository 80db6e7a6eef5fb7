// What a rule of the case sees: the facts as they stood just before the event (everything that happened on an
// earlier date, or on the same date and arrived earlier), the event, and a look at what the timeline holds after it.
import type { ChildEvent } from '@csc/contracts';
import type { DatedEntry } from '../../timeline/dated-timeline';
import type { AllocationFact, CaseEpisode, CaseFacts, PeriodOfCareFact, PlanFact } from '../case-facts';

/**
 * 'new': the event being decided, judged strictly. 'recorded': an already-recorded later event, re-judged because the
 * new event comes before it; a start that finds its slot taken by an earlier start with no end yet is then read as
 * bounding that one (its end is still to come), since that is what a late-recorded earlier start means.
 */
export type RuleMode = 'new' | 'recorded';

export interface CaseFactsView extends CaseFacts {
  openEpisode(): CaseEpisode | undefined;
  currentAllocation(): AllocationFact | undefined;
  openPlanOfType(planType: PlanFact['planType']): PlanFact | undefined;
  openPeriodOfCare(): PeriodOfCareFact | undefined;
}

export interface RuleInput<E extends ChildEvent = ChildEvent> {
  readonly facts: CaseFactsView;
  readonly event: E;
  /** The London date of the event's occurredAt. */
  readonly on: string;
  readonly mode: RuleMode;
  readonly later: LaterEntries;
}

/** The kinds of id a child's events introduce; each is recorded once per child. */
export type IdKind =
  | 'contact'
  | 'referral'
  | 'strategy discussion'
  | 'section 47 enquiry'
  | 'conference'
  | 'assessment'
  | 'plan'
  | 'period of care'
  | 'visit'
  | 'health assessment'
  | 'missing episode'
  | 'missing episode end';

/** The entries of the timeline from the new event onwards, indexed lazily by the ids they introduce. */
export class LaterEntries {
  private index: Map<string, DatedEntry<ChildEvent>[]> | undefined;

  constructor(
    private readonly timeline: readonly DatedEntry<ChildEvent>[],
    private readonly from: number,
  ) {}

  /** The first entry from here on, other than the event itself, that introduces this id. */
  introducing(kind: IdKind, id: string, exceptEventId: string): DatedEntry<ChildEvent> | undefined {
    return this.indexed()
      .get(`${kind}|${id}`)
      ?.find((entry) => entry.event.eventId !== exceptEventId);
  }

  private indexed(): Map<string, DatedEntry<ChildEvent>[]> {
    if (this.index === undefined) {
      this.index = new Map();
      for (let i = this.from; i < this.timeline.length; i++) {
        for (const key of introducedIds(this.timeline[i].event)) {
          const list = this.index.get(key);
          if (list === undefined) this.index.set(key, [this.timeline[i]]);
          else list.push(this.timeline[i]);
        }
      }
    }
    return this.index;
  }
}

function introducedIds(event: ChildEvent): string[] {
  switch (event.type) {
    case 'ContactReceived':
      return [`contact|${event.data.contactId}`];
    case 'ReferralReceived':
      return [`referral|${event.data.referralId}`];
    case 'StrategyDiscussionHeld': {
      const keys = [`strategy discussion|${event.data.strategyDiscussionId}`];
      if (event.data.section47Started && event.data.section47Id !== undefined) keys.push(`section 47 enquiry|${event.data.section47Id}`);
      return keys;
    }
    case 'InitialChildProtectionConferenceHeld':
    case 'PreBirthConferenceHeld':
      return [`conference|${event.data.conferenceId}`];
    case 'AssessmentStarted':
      return [`assessment|${event.data.assessmentId}`];
    case 'PlanStarted':
      return [`plan|${event.data.planId}`];
    case 'BecameLookedAfter':
      return [`period of care|${event.data.periodId}`];
    case 'StatutoryVisitMade':
      return [`visit|${event.data.visitId}`];
    case 'HealthAssessmentCompleted':
      return [`health assessment|${event.data.healthAssessmentId}`];
    case 'MissingEpisodeStarted':
      return [`missing episode|${event.data.missingEpisodeId}`];
    case 'MissingEpisodeEnded':
      return [`missing episode end|${event.data.missingEpisodeId}`];
    default:
      return [];
  }
}

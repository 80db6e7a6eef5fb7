// Visit punctuality from the stream: the gaps between a child's seen visits (sorted by date, so late-recorded visits
// count in their place; retracted ones do not), against the limit that applies. Only gaps that start in the window count.
import type { SimulationCalendar } from '../simulation/simulation-calendar';
import type { CaseLedger, ChildLedger, PlacementStart, Visit } from './case-ledger';

type CpPlan = NonNullable<ChildLedger['cpPlan']>;
type Period = NonNullable<ChildLedger['period']>;

export class VisitPunctuality {
  readonly counts = { cpOnTime: 0, cpGaps: 0, lacOnTime: 0, lacGaps: 0 };

  constructor(
    private readonly calendar: SimulationCalendar,
    private readonly startDay: number,
  ) {}

  visit(child: ChildLedger, visit: Visit): void {
    child.cpPlan?.visits.push(visit);
    child.period?.visits.push(visit);
  }

  retract(child: ChildLedger, eventId: string): void {
    for (const visits of [child.cpPlan?.visits, child.period?.visits]) {
      const index = visits?.findIndex((visit) => visit.eventId === eventId) ?? -1;
      if (index >= 0) visits!.splice(index, 1);
    }
  }

  /** T7: each seen visit within 10 working days of the plan's start or of the visit before. */
  endCpPlan(plan: CpPlan): void {
    let anchor = plan.start;
    for (const visit of [...plan.visits].sort((a, b) => a.day - b.day)) {
      if (anchor >= this.startDay) {
        this.counts.cpGaps += 1;
        if (this.calendar.workingDaysBetween(anchor, visit.day) <= 10) this.counts.cpOnTime += 1;
      }
      anchor = visit.day;
    }
    plan.visits.length = 0;
  }

  /** T6: within a week of each placement's start, then 6-weekly (3-monthly in a long-term placement after its first year). */
  endPeriod(period: Period): void {
    const moments: (Visit | PlacementStart)[] = [...period.visits, ...period.placements];
    // On one day a visit comes before a move: the child was visited, then moved.
    moments.sort((a, b) => a.day - b.day || ('eventId' in a ? -1 : 1) - ('eventId' in b ? -1 : 1));
    let anchor = period.start;
    let placement: PlacementStart = { day: period.start, longTerm: false };
    let first = true;
    for (const moment of moments) {
      if (!('eventId' in moment)) {
        [placement, anchor, first] = [moment, moment.day, true];
        continue;
      }
      const limit = first ? 7 : placement.longTerm && anchor - placement.day >= 365 ? 91 : 42;
      if (anchor >= this.startDay) {
        this.counts.lacGaps += 1;
        if (moment.day - anchor <= limit) this.counts.lacOnTime += 1;
      }
      [anchor, first] = [moment.day, false];
    }
    period.visits.length = 0;
  }

  /** Plans and periods still open at the end of the run. */
  finish(ledger: CaseLedger): void {
    for (const child of ledger.children.values()) {
      if (child.cpPlan !== undefined) this.endCpPlan(child.cpPlan);
      if (child.period !== undefined) this.endPeriod(child.period);
    }
  }
}

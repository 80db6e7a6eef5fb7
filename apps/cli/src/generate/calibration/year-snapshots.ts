// Stocks read at each simulated year's end (as at 31 March when the run starts on 1 April) and middle (30 September,
// the workforce census date): CP plans by length, looked-after children with their placements and workers in the
// year, children in need, caseloads per FTE, turnover and agency share.
import type { CaseLedger, ChildLedger } from './case-ledger';

export interface YearFigures {
  /** Day number of the year's last day. */
  readonly yearEnd: number;
  cpOpen: number;
  /** Open CP plans by length: up to 3 months, 3-6 months, 6-12 months, 1-2 years, 2 years or more (d5's bands). */
  cpLengths: number[];
  lookedAfter: number;
  threeOrMorePlacements: number;
  threeOrMoreWorkers: number;
  childrenInNeed: number;
  casesHeld: number;
  fteHoldingCases: number;
  inPost: number;
  agency: number;
  leavers: number;
}

type Snapshot = { day: number; kind: 'middle' | 'end'; figures: YearFigures };

function emptyFigures(yearEnd: number): YearFigures {
  const figures = { yearEnd, cpOpen: 0, cpLengths: [0, 0, 0, 0, 0], lookedAfter: 0, threeOrMorePlacements: 0, threeOrMoreWorkers: 0 };
  return { ...figures, childrenInNeed: 0, casesHeld: 0, fteHoldingCases: 0, inPost: 0, agency: 0, leavers: 0 };
}

export class YearSnapshots {
  readonly figures: YearFigures[] = [];
  private readonly pending: Snapshot[] = [];
  private readonly leaverDays: number[] = [];

  /** One year per whole simulated year; a run shorter than a year is read once, at its end. */
  constructor(
    private readonly ledger: CaseLedger,
    startDay: number,
    endDay: number,
  ) {
    const years = Math.max(1, Math.floor((endDay - startDay + 1) / 365.25));
    for (let year = 0; year < years; year++) {
      const yearStart = startDay + Math.round(year * 365.25);
      const yearEnd = Math.min(endDay, startDay + Math.round((year + 1) * 365.25)) - 1;
      const figures = emptyFigures(yearEnd);
      this.pending.push({ day: Math.min(yearStart + 182, yearEnd), kind: 'middle', figures }, { day: yearEnd, kind: 'end', figures });
    }
  }

  leaver(day: number): void {
    this.leaverDays.push(day);
  }

  /** Takes every snapshot dated before `day` (all of that day's structural events have been seen). */
  before(day: number): void {
    while (this.pending.length > 0 && this.pending[0].day < day) {
      const snapshot = this.pending.shift()!;
      if (snapshot.kind === 'middle') this.middle(snapshot.figures);
      else this.end(snapshot.day, snapshot.figures);
    }
  }

  private middle(figures: YearFigures): void {
    for (const worker of this.ledger.workers.values()) {
      if (!worker.inPost || worker.cases <= 0 || worker.role === 'team-manager') continue;
      figures.casesHeld += worker.cases;
      figures.fteHoldingCases += worker.fte;
    }
  }

  private end(day: number, figures: YearFigures): void {
    for (const [childId, child] of this.ledger.children) {
      if (child.open) figures.childrenInNeed += 1;
      if (child.cpPlan !== undefined) {
        figures.cpOpen += 1;
        figures.cpLengths[lengthBand(day - child.cpPlan.start)] += 1;
      }
      if (child.period !== undefined) this.lookedAfter(child, day, figures);
      // A closed child matters only for re-referrals within 12 months of their last referral.
      if (!child.open && (child.lastReferral ?? -Infinity) < day - 365 && child.spells.length === 0) this.ledger.children.delete(childId);
    }
    for (const worker of this.ledger.workers.values()) {
      if (!worker.inPost) continue;
      figures.inPost += 1;
      if (worker.agency) figures.agency += 1;
    }
    figures.leavers = this.leaverDays.filter((leaving) => leaving > day - 365 && leaving <= day).length;
    this.figures.push(figures);
  }

  private lookedAfter(child: ChildLedger, day: number, figures: YearFigures): void {
    figures.lookedAfter += 1;
    const yearStart = day - 364;
    const held = (child.period!.start < yearStart ? 1 : 0) + child.placementDays.filter((start) => start >= yearStart && start <= day).length;
    if (held >= 3) figures.threeOrMorePlacements += 1;
    const workers = new Set(
      child.spells.filter((spell) => spell.from <= day && (spell.to === undefined || spell.to >= yearStart)).map((spell) => spell.workerId),
    );
    if (workers.size >= 3) figures.threeOrMoreWorkers += 1;
  }
}

/** d5's bands: 3 months or less, more than 3 up to 6 months, more than 6 months to under 1 year, 1 to under 2 years, 2+. */
function lengthBand(days: number): number {
  if (days <= 91) return 0;
  if (days <= 182) return 1;
  if (days < 365) return 2;
  return days < 730 ? 3 : 4;
}

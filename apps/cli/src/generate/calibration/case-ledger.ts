// What the calibration needs to remember of each child and worker, read from the event stream alone (as any consumer
// of the events would): open plans and periods, placements, allocations, visits, and each worker's cases and details.
import type { CaseEvent, ChildEvent } from '@csc/contracts';

export interface Spell {
  readonly workerId: string;
  readonly from: number;
  to?: number;
}

export interface Visit {
  readonly day: number;
  readonly eventId: string;
}

export interface PlacementStart {
  readonly day: number;
  readonly longTerm: boolean;
}

/** One child's open case, plans, period of care and the histories the year-end figures need (pruned as they age). */
export class ChildLedger {
  lastReferral: number | undefined;
  open = false;
  cpPlan: { id: string; start: number; visits: Visit[] } | undefined;
  cinPlan: string | undefined;
  period: { id: string; start: number; placements: PlacementStart[]; visits: Visit[] } | undefined;
  /** Placement starts (BecameLookedAfter, PlacementChanged) of the last two years, for "3+ placements in the year". */
  placementDays: number[] = [];
  spells: Spell[] = [];
  worker: string | undefined;
  expectedBirth = false;
}

export interface WorkerLedger {
  fte: number;
  agency: boolean;
  role: string;
  inPost: boolean;
  cases: number;
}

/** The day number of an occurredAt (its date part: the generator keeps timestamps on the same London date). */
export type DayOf = (occurredAt: string) => number;

export class CaseLedger {
  readonly children = new Map<string, ChildLedger>();
  readonly workers = new Map<string, WorkerLedger>();

  child(childId: string): ChildLedger {
    let ledger = this.children.get(childId);
    if (ledger === undefined) {
      ledger = new ChildLedger();
      this.children.set(childId, ledger);
    }
    return ledger;
  }

  /** Applies a worker event; returns true for a leaver. */
  applyWorker(event: CaseEvent): boolean {
    const workerId = event.workerId!;
    if (event.type === 'SocialWorkerJoined') {
      const { fte, agency, role } = event.data;
      this.workers.set(workerId, { fte, agency, role, inPost: true, cases: this.workers.get(workerId)?.cases ?? 0 });
    } else if (event.type === 'SocialWorkerDetailsChanged') {
      const worker = this.workers.get(workerId);
      if (worker !== undefined) Object.assign(worker, Object.fromEntries(Object.entries(event.data).filter(([key]) => key !== 'teamId')));
    } else if (event.type === 'SocialWorkerLeft') {
      const worker = this.workers.get(workerId);
      if (worker !== undefined) worker.inPost = false;
      return true;
    }
    return false;
  }

  /** The allocation events: who holds the case from when (a closure ends the spell too). */
  applyAllocation(child: ChildLedger, event: ChildEvent, day: number): void {
    const to = event.type === 'CaseAllocated' ? event.data.workerId : event.type === 'SocialWorkerChanged' ? event.data.toWorkerId : undefined;
    this.endSpell(child, day);
    if (to === undefined) return;
    child.worker = to;
    child.spells.push({ workerId: to, from: day });
    this.caseCount(to, +1);
  }

  endSpell(child: ChildLedger, day: number): void {
    if (child.worker === undefined) return;
    this.caseCount(child.worker, -1);
    const spell = child.spells[child.spells.length - 1];
    if (spell !== undefined && spell.to === undefined) spell.to = day;
    child.worker = undefined;
  }

  /** Forgets what no year-end figure can need any more (spells and placements over two years old). */
  prune(child: ChildLedger, before: number): void {
    if (child.spells.length > 4) child.spells = child.spells.filter((spell) => spell.to === undefined || spell.to >= before);
    if (child.placementDays.length > 4) child.placementDays = child.placementDays.filter((day) => day >= before);
  }

  private caseCount(workerId: string, change: number): void {
    const worker = this.workers.get(workerId);
    if (worker !== undefined) worker.cases += change;
  }
}

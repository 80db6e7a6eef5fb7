// Who holds each case: allocation at the start of work, transfers between teams (TSPROC), other changes (MANAGE,
// ABSENC ...), and a leaver's children, who either move at once (LEFTRL) or wait unallocated and are allocated again.
// After CaseUnallocated the domain needs CaseAllocated (not SocialWorkerChanged), so that is what a waiting child gets.
import type { SocialWorkerChangeReason, UnallocationReason } from '@csc/contracts';
import type { ChildRecord } from './child-record';
import { requeue, type SimulationContext } from './simulation-context';
import { NO_DAY } from './simulation-calendar';
import type { WorkerRecord } from './worker-record';

function attach(child: ChildRecord, worker: WorkerRecord): void {
  child.worker = worker;
  child.workerSlot = worker.children.length;
  worker.children.push(child);
}

function detach(child: ChildRecord): void {
  const worker = child.worker;
  if (worker === undefined) return;
  const last = worker.children.pop()!;
  if (last !== child) {
    worker.children[child.workerSlot] = last;
    last.workerSlot = child.workerSlot;
  }
  child.worker = undefined;
  child.workerSlot = -1;
}

/** The next "other" change of worker (caseload management, absence, requests), as a yearly rate per case. */
function scheduleOtherChange(context: SimulationContext, child: ChildRecord, day: number): void {
  child.tWorker = context.backfill ? NO_DAY : nextOtherChange(context, day);
}

function nextOtherChange(context: SimulationContext, day: number): number {
  const rate = context.config.continuity.otherChangesPerYear;
  return rate <= 0 ? NO_DAY : context.calendar.onOrAfterWorkingDay(day + 1 + Math.floor(context.random.exponential(365.25 / rate)));
}

/** CaseAllocated to the least loaded of a few workers of the child's area (none free: try again in a few days). */
export function allocate(context: SimulationContext, child: ChildRecord, day: number): void {
  if (child.worker !== undefined) return;
  const worker = context.workforce.choose(child.area);
  if (worker === undefined) {
    child.tWorker = context.calendar.onOrAfterWorkingDay(day + 5);
    return;
  }
  allocateTo(context, child, worker, day);
}

/** CaseAllocated to a given worker, on the day or, for a history before the start, from when they joined. */
export function allocateTo(context: SimulationContext, child: ChildRecord, worker: WorkerRecord, day: number): void {
  context.write.child(child, 'CaseAllocated', Math.max(day, worker.joinDay), { workerId: worker.id, teamId: worker.teamId });
  attach(child, worker);
  scheduleOtherChange(context, child, day);
}

/** SocialWorkerChanged to another worker (CaseAllocated if the case has nobody). */
export function changeWorker(context: SimulationContext, child: ChildRecord, day: number, reason: SocialWorkerChangeReason): void {
  const from = child.worker;
  if (from === undefined) return allocate(context, child, day);
  const to = context.workforce.choose(child.area, from);
  if (to === undefined) return;
  context.write.child(child, 'SocialWorkerChanged', day, { fromWorkerId: from.id, toWorkerId: to.id, teamId: to.teamId, reason });
  detach(child);
  attach(child, to);
  scheduleOtherChange(context, child, day);
}

function unallocate(context: SimulationContext, child: ChildRecord, day: number, reason: UnallocationReason): void {
  const worker = child.worker!;
  context.write.child(child, 'CaseUnallocated', day, { workerId: worker.id, reason });
  detach(child);
  const wait = Math.max(1, Math.round(context.random.logNormal(context.config.workforce.unallocatedMedianDays, 0.7)));
  child.tWorker = context.calendar.onOrAfterWorkingDay(day + wait);
}

/** On a worker's leaving day: each child moves to another worker (LEFTRL) or waits unallocated (worker-left). */
export function moveLeaversChildren(context: SimulationContext, worker: WorkerRecord, day: number): void {
  for (const child of [...worker.children]) {
    if (context.random.chance(context.config.workforce.leaverUnallocatedShare)) unallocate(context, child, day, 'worker-left');
    else changeWorker(context, child, day, 'LEFTRL');
    if (child.worker === worker) unallocate(context, child, day, 'worker-left');
    requeue(context, child);
  }
}

/** The child's worker timer: a waiting child is allocated again; an allocated one has another kind of change. */
export function workerTimer(context: SimulationContext, child: ChildRecord, day: number): void {
  child.tWorker = NO_DAY;
  if (child.phase === 'closed' || child.phase === 'referred' || child.phase === 'waiting') return;
  if (child.worker === undefined) return allocate(context, child, day);
  changeWorker(context, child, day, context.choices.otherChangeReasons.draw(context.random));
}

/** A transfer between teams under the standard process, with the configured chance (not for histories before the start). */
export function maybeTransfer(context: SimulationContext, child: ChildRecord, day: number, chance: number): void {
  if (!context.backfill && context.random.chance(chance)) changeWorker(context, child, day, 'TSPROC');
}

/** Closure ends the allocation (no event: CaseClosed ends it). */
export function releaseAtClosure(child: ChildRecord): void {
  detach(child);
}

/** After a history written before the start, the child's changes of worker run from the start. */
export function resumeWorkerChanges(context: SimulationContext, child: ChildRecord): void {
  if (child.worker !== undefined) child.tWorker = nextOtherChange(context, context.startDay - 1);
}

// The social workers: teams of case holders with a manager each, who join (SocialWorkerJoined before any allocation),
// change details (an ASYE becomes a social worker after a year), leave at the configured rates and are replaced.
import type { WorkerLeavingReason, WorkerRole } from '@csc/contracts';
import type { GeneratorConfig } from '../config/generator-config';
import type { CaseEventWriter } from './case-event-writer';
import { DayQueue } from './day-queue';
import { WeightedChoice, type SeededRandom } from './seeded-random';
import type { SimulationCalendar } from './simulation-calendar';
import { WorkerRecord } from './worker-record';

type WorkerTask = { kind: 'notice' | 'leave' | 'newly-qualified-year' | 'details'; worker: WorkerRecord } | { kind: 'replace'; leaver: WorkerRecord };

export interface WorkforceDependencies {
  readonly config: GeneratorConfig;
  readonly random: SeededRandom;
  readonly calendar: SimulationCalendar;
  readonly write: CaseEventWriter;
  readonly startDay: number;
  readonly endDay: number;
  /** Called on a worker's leaving day, before SocialWorkerLeft, to move their children on. */
  readonly onLeaving: (worker: WorkerRecord, day: number) => void;
}

export class Workforce {
  readonly workers: WorkerRecord[] = [];
  private readonly pools: WorkerRecord[][];
  private readonly tasks = new DayQueue<WorkerTask>();
  private readonly fte: WeightedChoice<string>;
  private readonly leavingReasons: WeightedChoice<WorkerLeavingReason>;
  private readonly agencyJoinShare: number;

  constructor(private readonly deps: WorkforceDependencies) {
    const { workforce } = deps.config;
    this.pools = workforce.areas.map(() => []);
    this.fte = new WeightedChoice(workforce.fte);
    this.leavingReasons = new WeightedChoice(workforce.leavingReasons);
    const { permanent, agency } = workforce.leavingRatePerYear;
    const overall = (1 - workforce.agencyShare) * permanent + workforce.agencyShare * agency;
    // Agency staff leave (or turn permanent) faster, so more joiners must be agency for the share in post to hold;
    // newly qualified joiners are never agency staff.
    const agencyOutflow = workforce.agencyShare * (agency + workforce.changesPerYear.agencyToPermanent);
    const experiencedJoiners = 1 - workforce.newlyQualifiedShare.joiners;
    this.agencyJoinShare = overall > 0 && experiencedJoiners > 0 ? Math.min(1, agencyOutflow / overall / experiencedJoiners) : workforce.agencyShare;
  }

  /** Workers in post at the start, their SocialWorkerJoined dated when they joined. */
  open(): void {
    const { workforce, workers } = this.deps.config;
    const teams = Math.ceil(workers / (workforce.teamSize + 1));
    for (let team = 0; team < teams; team++) this.hire(team, 'team-manager', this.openingJoinDay('team-manager', false), false);
    for (let n = 0; n < workers - teams; n++) {
      const role = this.openingRole();
      const agency = this.deps.random.chance(workforce.agencyShare);
      this.hire(n % teams, role, this.openingJoinDay(role, agency), agency);
    }
  }

  /** Joins, notices, leavings and changes of details due on a day. */
  onDay(day: number): void {
    while ((this.tasks.peekDay() ?? Infinity) <= day) {
      const task = this.tasks.pop().item;
      if (task.kind === 'replace') this.replace(task.leaver, day);
      else if (task.worker.leaveDay <= day) continue;
      else if (task.kind === 'notice') this.giveNotice(task.worker);
      else if (task.kind === 'leave') this.leave(task.worker, day);
      else if (task.kind === 'newly-qualified-year') this.changeDetails(task.worker, day, { role: 'social-worker' });
      else this.randomDetailsChange(task.worker, day);
    }
  }

  /** The least loaded of a few workers of the area who can take a case (another area's if this one has none). */
  choose(area: number, exclude?: WorkerRecord): WorkerRecord | undefined {
    const { random, config } = this.deps;
    let pool = this.pools[area];
    if (pool.length === 0 || (pool.length === 1 && pool[0] === exclude)) pool = this.pools.reduce((a, b) => (b.length > a.length ? b : a));
    let best: WorkerRecord | undefined;
    let bestLoad = Infinity;
    for (let i = 0; i < config.workforce.allocationChoices; i++) {
      const candidate = pool[random.int(pool.length)];
      if (candidate === undefined || candidate === exclude) continue;
      const load = (candidate.children.length + 1) / candidate.capacity(config.workforce.newlyQualifiedCapacity);
      if (load < bestLoad) [best, bestLoad] = [candidate, load];
    }
    return best ?? pool.find((candidate) => candidate !== exclude);
  }

  private hire(team: number, role: WorkerRole, joinDay: number, agency: boolean): WorkerRecord {
    const { config, write } = this.deps;
    const { areas } = config.workforce;
    const area = team % areas.length;
    const teamId = `T-${areas[area]}-${Math.floor(team / areas.length) + 1}`;
    const fte = role === 'team-manager' ? 1 : Number(this.fte.draw(this.deps.random));
    const worker = new WorkerRecord(
      this.workers.length,
      `W${String(this.workers.length + 1).padStart(5, '0')}`,
      team,
      teamId,
      area,
      role,
      fte,
      agency,
      joinDay,
    );
    this.workers.push(worker);
    write.worker(worker, 'SocialWorkerJoined', joinDay, { teamId, role, fte, agency });
    if (worker.holdsCases) this.addToPool(worker);
    this.scheduleFuture(worker, Math.max(joinDay, this.deps.startDay));
    return worker;
  }

  private scheduleFuture(worker: WorkerRecord, from: number): void {
    const { config, random, calendar, endDay } = this.deps;
    const { leavingRatePerYear, noticeDays } = config.workforce;
    const rate = worker.agency ? leavingRatePerYear.agency : leavingRatePerYear.permanent;
    const leaveDay = rate > 0 ? calendar.onOrAfterWorkingDay(from + 1 + Math.floor(random.exponential(365.25 / rate))) : Infinity;
    if (leaveDay < endDay) {
      this.tasks.push(Math.max(from, leaveDay - noticeDays), { kind: 'notice', worker });
      this.tasks.push(leaveDay, { kind: 'leave', worker });
    }
    if (worker.role === 'newly-qualified' && worker.joinDay + 365 < Math.min(leaveDay, endDay)) {
      this.tasks.push(calendar.onOrAfterWorkingDay(worker.joinDay + 365), { kind: 'newly-qualified-year', worker });
    }
    this.scheduleNextChange(worker, from);
  }

  private giveNotice(worker: WorkerRecord): void {
    worker.onNotice = true;
    this.removeFromPool(worker);
  }

  private leave(worker: WorkerRecord, day: number): void {
    this.giveNotice(worker);
    this.deps.onLeaving(worker, day);
    worker.leaveDay = day;
    const reason: WorkerLeavingReason = worker.agency && this.deps.random.chance(0.8) ? 'end-of-contract' : this.leavingReasons.draw(this.deps.random);
    this.deps.write.worker(worker, 'SocialWorkerLeft', day, { reason });
    const vacancy = Math.round(this.deps.random.logNormal(this.deps.config.workforce.vacancyMedianDays, 0.6));
    const joinDay = this.deps.calendar.onOrAfterWorkingDay(day + Math.max(1, vacancy));
    if (joinDay < this.deps.endDay) this.tasks.push(joinDay, { kind: 'replace', leaver: worker });
  }

  private replace(leaver: WorkerRecord, day: number): void {
    const { random, config } = this.deps;
    const team = leaver.team;
    if (!leaver.holdsCases) return void this.hire(team, leaver.role, day, false);
    const role: WorkerRole = random.chance(config.workforce.newlyQualifiedShare.joiners)
      ? 'newly-qualified'
      : random.chance(0.1)
        ? 'senior-practitioner'
        : 'social-worker';
    this.hire(team, role, day, role !== 'newly-qualified' && random.chance(this.agencyJoinShare));
  }

  private randomDetailsChange(worker: WorkerRecord, day: number): void {
    const { random, config } = this.deps;
    const { changesPerYear } = config.workforce;
    const u = random.next() * (changesPerYear.fte + changesPerYear.promotion + (worker.agency ? changesPerYear.agencyToPermanent : 0));
    if (u < changesPerYear.fte && worker.role !== 'team-manager') {
      const fte = Number(this.fte.draw(random));
      if (fte !== worker.fte) this.changeDetails(worker, day, { fte });
    } else if (u < changesPerYear.fte + changesPerYear.promotion) {
      if (worker.role === 'social-worker') this.changeDetails(worker, day, { role: 'senior-practitioner' });
    } else if (worker.agency) {
      this.changeDetails(worker, day, { agency: false });
    }
    this.scheduleNextChange(worker, day);
  }

  private scheduleNextChange(worker: WorkerRecord, from: number): void {
    const { changesPerYear } = this.deps.config.workforce;
    const rate = changesPerYear.fte + changesPerYear.promotion + (worker.agency ? changesPerYear.agencyToPermanent : 0);
    const next = rate > 0 ? from + 1 + Math.floor(this.deps.random.exponential(365.25 / rate)) : Infinity;
    if (next < this.deps.endDay) this.tasks.push(this.deps.calendar.onOrAfterWorkingDay(next), { kind: 'details', worker });
  }

  private changeDetails(worker: WorkerRecord, day: number, change: { role?: WorkerRole; fte?: number; agency?: boolean }): void {
    if (change.role !== undefined) worker.role = change.role;
    if (change.fte !== undefined) worker.fte = change.fte;
    if (change.agency !== undefined) worker.agency = change.agency;
    this.deps.write.worker(worker, 'SocialWorkerDetailsChanged', day, change);
  }

  private openingRole(): WorkerRole {
    const { random, config } = this.deps;
    if (random.chance(config.workforce.newlyQualifiedShare.inPost)) return 'newly-qualified';
    return random.chance(config.workforce.seniorShare) ? 'senior-practitioner' : 'social-worker';
  }

  private openingJoinDay(role: WorkerRole, agency: boolean): number {
    const { random, config, calendar, startDay } = this.deps;
    const { openingTenureYears, leavingRatePerYear } = config.workforce;
    const years = role === 'newly-qualified' ? random.between(0.01, 0.99) : random.exponential(agency ? 1 / leavingRatePerYear.agency : openingTenureYears);
    const day = Math.max(calendar.firstDay + 7, startDay - 1 - Math.floor(years * 365.25));
    return calendar.onOrBeforeWorkingDay(day);
  }

  private addToPool(worker: WorkerRecord): void {
    const pool = this.pools[worker.area];
    worker.poolSlot = pool.length;
    pool.push(worker);
  }

  private removeFromPool(worker: WorkerRecord): void {
    if (worker.poolSlot < 0) return;
    const pool = this.pools[worker.area];
    const last = pool.pop()!;
    if (last !== worker) {
      pool[worker.poolSlot] = last;
      last.poolSlot = worker.poolSlot;
    }
    worker.poolSlot = -1;
  }
}

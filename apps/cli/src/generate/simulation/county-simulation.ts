// The county, day by day: the workforce's changes, new referrals (a Poisson number a day, fewer at weekends), then every
// child whose next step falls due. Events leave in (nearly) time order as a lazy iterable: nothing is collected, and
// the consumer's pace is the generator's pace.
import type { CaseEvent, ChildEvent } from '@csc/contracts';
import type { GeneratorConfig } from '../config/generator-config';
import { ArrivalOrder, type Emission } from './arrival-order';
import { moveLeaversChildren } from './case-allocation';
import { CaseEventWriter } from './case-event-writer';
import { advanceChild } from './case-journey';
import type { ChildRecord } from './child-record';
import { DayQueue } from './day-queue';
import { EventIds } from './event-ids';
import { newChild, receiveReferral } from './front-door-journey';
import { openCaseload } from './opening-caseload';
import { SeededRandom } from './seeded-random';
import { ModelChoices, requeue, WorkIds, type SimulationContext } from './simulation-context';
import { dayOfIsoDate, NO_DAY, SimulationCalendar } from './simulation-calendar';
import { Workforce } from './worker-workforce';

const YEAR = 365.25;

function createContext(config: GeneratorConfig): SimulationContext {
  const startDay = dayOfIsoDate(config.start);
  const endDay = startDay + Math.round(config.years * YEAR);
  const calendar = new SimulationCalendar(startDay - Math.ceil(25 * YEAR), endDay + 400);
  const random = new SeededRandom(config.seed, 'journeys');
  // The arrival order asks the writer for retractions; the writer hands its events to the arrival order.
  const arrival: ArrivalOrder = new ArrivalOrder(config.recording, new SeededRandom(config.seed, 'recording'), (event, day): ChildEvent =>
    write.retraction(event, day),
  );
  const write: CaseEventWriter = new CaseEventWriter(new EventIds(config.seed), calendar, arrival, config.sourceSystem);
  const context: SimulationContext = {
    config,
    random,
    choices: new ModelChoices(config),
    calendar,
    write,
    arrival,
    workforce: undefined as unknown as Workforce,
    queue: new DayQueue<ChildRecord>(),
    ids: new WorkIds(),
    startDay,
    endDay,
    backfill: true,
    historyFrom: startDay - config.opening.historyDays,
    childCount: 0,
    reReferralsToday: 0,
  };
  const onLeaving = moveLeaversChildren.bind(undefined, context);
  (context as { workforce: Workforce }).workforce = new Workforce({ config, random, calendar, write, startDay, endDay, onLeaving });
  return context;
}

/** A run of the county: iterate it for the emissions; read the simulated date and counts while it runs. */
export class CountySimulation implements Iterable<Emission> {
  private context: SimulationContext | undefined;
  private day = NO_DAY;

  constructor(readonly config: GeneratorConfig) {}

  /** The simulated date being generated (YYYY-MM-DD), or the start before the run begins. */
  get simulatedDate(): string {
    return this.context === undefined || this.day === NO_DAY ? this.config.start : this.context.calendar.iso(this.day);
  }

  /** True while the open cases' history (dated before the start) is being written. */
  get writingOpeningCaseload(): boolean {
    return this.context?.backfill === true;
  }

  /** Children the county has had so far (those open at the start included). */
  get children(): number {
    return this.context?.childCount ?? 0;
  }

  /** Workers who have been in post so far. */
  get workers(): number {
    return this.context?.workforce.workers.length ?? 0;
  }

  *[Symbol.iterator](): Generator<Emission> {
    const context = createContext(this.config);
    this.context = context;
    context.workforce.open();
    yield* context.arrival.take();
    if (this.config.opening.enabled) yield* this.openingCaseload(context);
    context.backfill = false;
    context.arrival.live = true;
    const referralsOn = this.referralRate(context);
    let excess = 0;
    for (let day = context.startDay; day < context.endDay; day++) {
      this.day = day;
      context.arrival.startDay(day);
      context.workforce.onDay(day);
      const referrals = context.random.poisson(referralsOn(day));
      context.reReferralsToday = 0;
      yield* this.runChildrenDue(context, day);
      // Children coming back are part of the day's referrals; new children make up the rest (a day with more
      // children coming back than referrals drawn takes the excess off the following days).
      const newChildren = referrals - context.reReferralsToday - excess;
      excess = Math.max(0, -newChildren);
      for (let n = newChildren; n > 0; n--) {
        const child = newChild(context, day);
        receiveReferral(context, child, day);
        requeue(context, child);
      }
      yield* this.runChildrenDue(context, day);
      yield* context.arrival.take();
    }
    context.arrival.finish(context.endDay - 1);
    yield* context.arrival.take();
  }

  private *openingCaseload(context: SimulationContext): Generator<Emission> {
    let children = 0;
    for (const _ of openCaseload(context)) if (++children % 128 === 0) yield* context.arrival.take();
    yield* context.arrival.take();
  }

  /** Every child due today; the events leave in small batches, so that they are short-lived garbage. */
  private *runChildrenDue(context: SimulationContext, day: number): Generator<Emission> {
    const { queue, arrival } = context;
    while ((queue.peekDay() ?? Infinity) <= day) {
      const { day: queued, item: child } = queue.pop();
      if (queued !== child.queuedDay) continue;
      child.queuedDay = NO_DAY;
      advanceChild(context, child, day);
      requeue(context, child);
      if (arrival.waiting >= 2048) yield* arrival.take();
    }
  }

  /** Referrals a day: the referrals of a year spread over the days, a weekend day weighing less than a working day. */
  private referralRate(context: SimulationContext): (day: number) => number {
    const { config, calendar, startDay, endDay } = context;
    const weekend = config.frontDoor.weekendReferralWeight;
    const weight = (day: number) => (calendar.isWorkingDay(day) ? 1 : weekend);
    let total = 0;
    for (let day = startDay; day < endDay; day++) total += weight(day);
    const perWeight = (config.referralsPerYear * ((endDay - startDay) / YEAR)) / total;
    return (day) => perWeight * weight(day);
  }
}

/** The events of a generated county, in the order a producer would send them (deliberate duplicates included). */
export function generateCounty(config: GeneratorConfig): Iterable<CaseEvent> {
  return {
    *[Symbol.iterator]() {
      for (const emission of new CountySimulation(config)) yield emission.event;
    },
  };
}

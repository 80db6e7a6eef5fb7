// When the next visit, review or assessment falls, against the limit that applies: on time (60-100% of the limit,
// on a working day) with the configured punctuality, otherwise late (a day to 60% past the limit).
import type { IntervalPunctuality } from '../config/generator-config';
import type { SimulationContext } from './simulation-context';

/** The day of the next event after `from`, against a limit in calendar days. */
export function nextWithinDays(context: SimulationContext, from: number, limitDays: number, punctuality: IntervalPunctuality): number {
  const { random, calendar } = context;
  if (random.chance(punctuality.onTimeShare)) {
    const target = from + Math.max(1, Math.ceil(limitDays * random.between(0.6, 1)));
    const working = calendar.onOrBeforeWorkingDay(target);
    return working > from ? working : target;
  }
  return calendar.onOrAfterWorkingDay(from + limitDays + 1 + Math.floor(limitDays * random.between(0, 0.6)));
}

/** The day of the next event after `from`, against a limit in working days counted after `from`. */
export function nextWithinWorkingDays(context: SimulationContext, from: number, limitWorkingDays: number, punctuality: IntervalPunctuality): number {
  const { random, calendar } = context;
  const onTime = random.chance(punctuality.onTimeShare);
  const low = onTime ? Math.ceil(limitWorkingDays * 0.6) : limitWorkingDays + 1;
  const high = onTime ? limitWorkingDays : Math.ceil(limitWorkingDays * 1.5);
  return calendar.addWorkingDays(calendar.onOrBeforeWorkingDay(from), random.intBetween(low, high));
}

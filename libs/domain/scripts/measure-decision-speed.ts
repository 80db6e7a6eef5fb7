// Measures what the ingest handler does for one busy child: fold a 300-event stream, then decide and fold a request
// of 50 more (some of them late, dated inside the recorded history). Run:
//   node -r ./libs/contracts/scripts/swc-register.js libs/domain/scripts/measure-decision-speed.ts
import { performance } from 'node:perf_hooks';
import type { ChildEvent } from '@csc/contracts';
import { decideChildEvent, evolveChildCase, initialChildCaseState, type ChildCaseState } from '../src';
import { addDays } from '../testing/calendar-days';
import { caseEventFactory } from '../testing/case-event-factory';

/** A child on a CP plan, then looked after: reviews, visits every week, placement moves, worker changes. */
function busyChild(childId: string, count: number): ChildEvent[] {
  const c = caseEventFactory(childId);
  const start = '2022-01-03';
  const events: ChildEvent[] = [
    c.referral(start, 'R1'),
    c.decision(start, 'R1', 'strategy-discussion'),
    c.strategyDiscussion(addDays(start, 1), 'SD1', { referralId: 'R1', section47Id: 'S1' }),
    c.allocated(addDays(start, 1), 'W0'),
    c.icpc(addDays(start, 10), 'ICPC1', { section47Id: 'S1' }),
    c.planStarted(addDays(start, 10), 'CP1', 'CP'),
    c.becameLookedAfter(addDays(start, 20), 'P1'),
    c.planStarted(addDays(start, 21), 'CARE1', 'CLA'),
  ];
  for (let week = 4; events.length < count; week++) {
    const on = addDays(start, week * 7);
    events.push(c.visit(on, `V${week}`, { seen: true, seenAlone: week % 2 === 0 }));
    if (week % 6 === 0) events.push(c.planReviewed(on, 'CARE1'));
    if (week % 9 === 0) events.push(c.placementChanged(on, 'P1', `PL${week}`));
    if (week % 13 === 0) events.push(c.workerChanged(on, `W${week / 13 - 1}`, `W${week / 13}`));
    if (week % 10 === 0) events.push(c.missingStarted(`${on}T10:00:00Z`, `M${week}`), c.missingEnded(`${on}T18:00:00Z`, `M${week}`));
  }
  return events.slice(0, count);
}

function measure(recorded: ChildEvent[], request: ChildEvent[]): { foldMs: number; decideMs: number; refused: number } {
  const t0 = performance.now();
  let state: ChildCaseState = initialChildCaseState;
  for (const event of recorded) state = evolveChildCase(state, event);
  const t1 = performance.now();
  let refused = 0;
  for (const event of request) {
    const decision = decideChildEvent(state, event, { today: '2030-01-01', workers: new Map() });
    if (decision.ok) state = evolveChildCase(state, event);
    else refused += 1;
  }
  return { foldMs: t1 - t0, decideMs: performance.now() - t1, refused };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const all = busyChild('C-BUSY', 350);
const appended = { recorded: all.slice(0, 300), request: all.slice(300) };
// Very late: 50 visits dated early in the recorded history, so every one is judged against the events after it.
const c = caseEventFactory('C-BUSY', 'late');
const late = { recorded: all.slice(0, 300), request: Array.from({ length: 50 }, (_, i) => c.visit(addDays('2022-03-01', i * 7 + 3), `LATE${i}`)) };

// Slightly late: 50 visits dated a week before the last recorded event, as a CMS that records a few days behind would send.
const lastRecorded = all[299].occurredAt.slice(0, 10);
const slightlyLate = { recorded: all.slice(0, 300), request: Array.from({ length: 50 }, (_, i) => c.visit(addDays(lastRecorded, -7), `RECENT${i}`)) };

for (const [name, scenario] of Object.entries({ appended, slightlyLate, late })) {
  const runs = Array.from({ length: 30 }, () => measure(scenario.recorded, scenario.request));
  const last = runs[runs.length - 1];
  console.log(
    `${name.padEnd(12)} fold 300: ${median(runs.map((r) => r.foldMs)).toFixed(2)} ms; decide + fold 50: ${median(runs.map((r) => r.decideMs)).toFixed(2)} ms ` +
      `(median of ${runs.length}; refused ${last.refused})`,
  );
}

// Every event of a small county is valid under the contract and accepted by the real deciders of @csc/domain, judged
// in the order emitted as the ingest handler judges them; the deliberate duplicates are exactly the repeated event ids.
import { isTimestamp, validateEnvelope, type ChildEvent, type WorkerEvent } from '@csc/contracts';
import {
  decideChildEvent,
  decideWorkerEvent,
  evolveChildCase,
  evolveWorker,
  initialChildCaseState,
  initialWorkerState,
  workersNamedBy,
  type ChildCaseState,
  type DomainError,
  type WorkerState,
} from '@csc/domain';
import { countyConfig } from './config/county-config';
import type { Emission } from './simulation/arrival-order';
import { CountySimulation } from './simulation/county-simulation';
import { dayOfIsoDate, isoDateOfDay } from './simulation/simulation-calendar';

const config = countyConfig('county', { referralsPerYear: 600, workers: 29, years: 2, seed: 2024 });
const emissions: Emission[] = [...new CountySimulation(config)];
const lastDate = emissions.reduce((last, { event }) => (event.occurredAt.slice(0, 10) > last ? event.occurredAt.slice(0, 10) : last), '');
const today = isoDateOfDay(dayOfIsoDate(lastDate) + 1);

interface Judged {
  refusals: { event: ChildEvent | WorkerEvent; error: DomainError }[];
  invalid: { eventId: string; errors: unknown }[];
  firstSent: Map<string, string>;
  duplicates: { resent: boolean; identical: boolean }[];
}

function judgeInEmissionOrder(): Judged {
  const children = new Map<string, ChildCaseState>();
  const workers = new Map<string, WorkerState>();
  const judged: Judged = { refusals: [], invalid: [], firstSent: new Map(), duplicates: [] };
  for (const { event, resent } of emissions) {
    const json = JSON.stringify(event);
    const first = judged.firstSent.get(event.eventId);
    if (first !== undefined) {
      judged.duplicates.push({ resent, identical: first === json });
      continue;
    }
    judged.firstSent.set(event.eventId, json);
    const validated = validateEnvelope(JSON.parse(json));
    if (!validated.ok) {
      judged.invalid.push({ eventId: event.eventId, errors: validated.errors });
      continue;
    }
    if (event.workerId !== undefined) {
      const state = workers.get(event.workerId) ?? initialWorkerState;
      const decision = decideWorkerEvent(state, event as WorkerEvent, { today });
      if (decision.ok) workers.set(event.workerId, evolveWorker(state, event as WorkerEvent));
      else judged.refusals.push({ event: event as WorkerEvent, error: decision.error });
      continue;
    }
    const child = event as ChildEvent;
    const state = children.get(child.childId) ?? initialChildCaseState;
    const named = new Map(workersNamedBy(child).flatMap((id) => (workers.has(id) ? [[id, workers.get(id)!] as const] : [])));
    const decision = decideChildEvent(state, child, { today, workers: named });
    if (decision.ok) children.set(child.childId, evolveChildCase(state, child));
    else judged.refusals.push({ event: child, error: decision.error });
  }
  return judged;
}

describe('a generated county (600 referrals a year, 2 years) against the contract and the domain', () => {
  const judged = judgeInEmissionOrder();

  it('is valid under the contract, every envelope', () => {
    expect(judged.invalid).toEqual([]);
  });

  it('is accepted by the deciders in emission order: zero refusals', () => {
    expect(judged.refusals.map(({ event, error }) => `${error.code}: ${error.message} (${event.type} ${event.eventId})`)).toEqual([]);
  });

  it('repeats only the deliberate duplicates, each identical to its first emission', () => {
    expect(judged.duplicates.length).toBeGreaterThan(10);
    expect(judged.duplicates.every((duplicate) => duplicate.resent && duplicate.identical)).toBe(true);
    expect(emissions.filter((emission) => emission.resent).length).toBe(judged.duplicates.length);
  });

  it('names every worker (SocialWorkerJoined) before a case is given to them', () => {
    const joined = new Set<string>();
    const late: string[] = [];
    for (const { event } of emissions) {
      if (event.type === 'SocialWorkerJoined') joined.add(event.workerId);
      if (event.type === 'CaseAllocated' && !joined.has(event.data.workerId)) late.push(event.data.workerId);
      if (event.type === 'SocialWorkerChanged' && !joined.has(event.data.toWorkerId)) late.push(event.data.toWorkerId);
    }
    expect(late).toEqual([]);
  });

  it('arrives as from a real system: some events recorded late, visits retracted, workers leaving with their children moved on', () => {
    const newest = new Map<string, string>();
    let late = 0;
    for (const { event, resent } of emissions) {
      if (resent || event.childId === undefined) continue;
      const date = event.occurredAt.slice(0, 10);
      if (date < (newest.get(event.childId) ?? '') && date >= config.start) late += 1;
      if (date > (newest.get(event.childId) ?? '')) newest.set(event.childId, date);
    }
    const types = (type: string) => emissions.filter(({ event }) => event.type === type).map(({ event }) => event);
    const visitIds = new Set(types('StatutoryVisitMade').map((event) => event.eventId));
    const retracted = types('EventRetracted').map((event) => (event as Extract<ChildEvent, { type: 'EventRetracted' }>).data.retractedEventId);
    expect(late).toBeGreaterThan(20);
    expect(retracted.length).toBeGreaterThan(0);
    expect(retracted.every((eventId) => visitIds.has(eventId))).toBe(true);
    expect(types('SocialWorkerLeft').length).toBeGreaterThan(0);
    const reasons = types('SocialWorkerChanged').map((event) => (event as Extract<ChildEvent, { type: 'SocialWorkerChanged' }>).data.reason);
    expect(reasons).toContain('LEFTRL');
    expect(types('CaseUnallocated').every((event) => (event as Extract<ChildEvent, { type: 'CaseUnallocated' }>).data.reason === 'worker-left')).toBe(true);
  });

  it('dates with ISO dates, and missing episodes and return home interviews with timestamps', () => {
    const moments = new Set(['MissingEpisodeStarted', 'MissingEpisodeEnded', 'ReturnHomeInterviewCompleted']);
    const wrong = emissions.filter(({ event }) => (moments.has(event.type) ? !isTimestamp(event.occurredAt) : !/^\d{4}-\d{2}-\d{2}$/.test(event.occurredAt)));
    expect(wrong).toEqual([]);
    expect(emissions.some(({ event }) => moments.has(event.type))).toBe(true);
  });
});

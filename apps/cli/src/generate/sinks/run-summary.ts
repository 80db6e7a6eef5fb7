// The closing summary of a run: events by type, children, workers, duration and rate.
import type { RunTally } from './run-tally';

export interface RunFacts {
  readonly tally: RunTally;
  readonly children: number;
  readonly workers: number;
  readonly seconds: number;
  /** Where the events went, and what the destination said (e.g. the service's recorded/duplicate/rejected). */
  readonly destination: string;
  readonly peakRssBytes?: number;
}

const number = (value: number) => value.toLocaleString('en-GB');

export function renderRunSummary(facts: RunFacts): string {
  const { tally, seconds } = facts;
  const types = [...tally.byType].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...types.map(([type]) => type.length), 10);
  const lines = [
    `Generated ${number(tally.events)} events in ${seconds.toFixed(1)} s: ${number(Math.round(tally.events / Math.max(seconds, 0.001)))} events/s.`,
    `  ${number(tally.beforeStart)} of them the history of the cases open at the start (dated before it); ${number(tally.duplicates)} deliberate duplicates.`,
    `Children: ${number(facts.children)}. Workers: ${number(facts.workers)}.${facts.peakRssBytes === undefined ? '' : ` Peak memory (RSS): ${Math.round(facts.peakRssBytes / 1e6)} MB.`}`,
    facts.destination,
    'Events by type:',
    ...types.map(([type, count]) => `  ${type.padEnd(width)}  ${number(count).padStart(12)}`),
  ];
  return `${lines.join('\n')}\n`;
}

import type { CaseEvent } from '@csc/contracts';
import { countyConfig, generateCounty } from '../../apps/cli/src/generate';
import { bearer } from './tokens';

/** A small synthetic county (the project's generator): about 10,000 events, 550 children, three teams, April 2025 to March 2026. */
export const SMALL_COUNTY = { referralsPerYear: 400, workers: 20, years: 1, seed: 16, start: '2025-04-01', lastDay: '2026-03-31' } as const;

export function smallCountyEvents(): CaseEvent[] {
  const { lastDay: _, ...options } = SMALL_COUNTY;
  return [...generateCounty(countyConfig('county', options))];
}

/**
 * Records a county through POST /v1/events in batches of 1,000 (as a case management system would) and waits
 * until the read models have applied the last one (minPosition), never by sleeping. Answers the last position.
 */
export async function loadCounty(baseUrl: string, events: readonly CaseEvent[]): Promise<number> {
  let position = 0;
  for (let start = 0; start < events.length; start += 1_000) {
    const response = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers: { Authorization: bearer('recorder', { subject: 'county-loader' }), 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: events.slice(start, start + 1_000) }),
    });
    if (!response.ok) throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
    const body = (await response.json()) as { position: number | null; summary: { rejected: number } };
    if (body.summary.rejected > 0) throw new Error(`${body.summary.rejected} generated events were rejected`);
    if (typeof body.position === 'number') position = Math.max(position, body.position);
  }
  // Between them these queries wait on all five read models.
  for (const path of ['/v1/metrics/timeliness', '/v1/metrics/continuity', '/v1/metrics/waiting', '/v1/metrics/caseloads']) {
    const caughtUp = await fetch(`${baseUrl}${path}?minPosition=${position}`, { headers: { Authorization: bearer('admin') } });
    if (!caughtUp.ok) throw new Error(`${path} had not reached position ${position}: ${caughtUp.status} ${await caughtUp.text()}`);
  }
  return position;
}

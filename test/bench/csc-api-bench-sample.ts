// A CSC API file for the import bench: a generated county's children as our own export maps them (the pure
// mapping, no store), written as NDJSON request bodies of at most 100 children, as GET /v1/returns/csc-api sends it.
import { Readable } from 'node:stream';
import type { ChildEvent } from '@csc/contracts';
import { cscApiChildOf, CSC_API_BATCH, type ImportFile } from '@csc/returns';
import { countyConfig, generateCounty } from '../../apps/cli/src/generate';

const AS_AT = '2026-03-31';

/** The county's CSC API records as at its last day; each call of `file(run)` names the children afresh. */
export function cscApiBenchSample(scale: number): (run: string) => ImportFile[] {
  const byChild = new Map<string, ChildEvent[]>();
  const county = countyConfig('county', { referralsPerYear: Math.max(50, Math.round(400 * scale)), workers: 20, years: 1, seed: 16, start: '2025-04-01' });
  for (const event of generateCounty(county)) {
    if (!('childId' in event) || event.childId === undefined) continue;
    const events = byChild.get(event.childId) ?? [];
    events.push(event as ChildEvent);
    byChild.set(event.childId, events);
  }
  const children: string[] = [];
  for (const [childId, events] of byChild) {
    const mapped = cscApiChildOf(childId, events, AS_AT, '2025-04-01');
    if (mapped.kind === 'child') children.push(JSON.stringify(mapped.child));
  }
  const lines: string[] = [];
  for (let at = 0; at < children.length; at += CSC_API_BATCH) lines.push(`[${children.slice(at, at + CSC_API_BATCH).join(',')}]\n`);
  const text = lines.join('');
  const run = (suffix: string): string => text.replace(/"la_child_id":"([A-Za-z0-9]+)"/g, `"la_child_id":"$1${suffix}"`);
  return (suffix) => [{ name: 'county-csc-api.ndjson', open: () => Readable.from([run(suffix.replace(/[^A-Za-z0-9]/g, ''))]) }];
}

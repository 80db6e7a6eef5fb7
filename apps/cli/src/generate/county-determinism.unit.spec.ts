import { createHash } from 'node:crypto';
import { countyConfig } from './config/county-config';
import { generateCounty } from './simulation/county-simulation';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The NDJSON bytes of a small county, as a digest (and the count and ids, for the other checks). */
function run(seed: number) {
  const hash = createHash('sha256');
  const ids: string[] = [];
  for (const event of generateCounty(countyConfig('county', { referralsPerYear: 400, workers: 20, years: 1, seed }))) {
    hash.update(`${JSON.stringify(event)}\n`);
    ids.push(event.eventId);
  }
  return { digest: hash.digest('hex'), ids };
}

describe('csc generate is deterministic by seed', () => {
  it('gives byte-identical output for the same seed', () => {
    expect(run(11).digest).toBe(run(11).digest);
  });

  it('gives other output, and other event ids, for another seed', () => {
    const [a, b] = [run(11), run(12)];
    expect(a.digest).not.toBe(b.digest);
    expect(new Set(a.ids).size).toBeGreaterThan(0);
    expect(a.ids.filter((id) => b.ids.includes(id))).toEqual([]);
  });

  it('uses UUIDs (version 4 layout) derived from the seed for event ids', () => {
    const { ids } = run(11);
    expect(ids.every((id) => UUID.test(id))).toBe(true);
    const repeated = ids.length - new Set(ids).size;
    expect(repeated).toBeGreaterThan(0); // the deliberate duplicates
    expect(repeated).toBeLessThan(ids.length * 0.01);
  });
});

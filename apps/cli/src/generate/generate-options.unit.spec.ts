import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFromFlags, GenerateFlagError, seedOf } from './generate-options';

const flags = (more: Partial<Parameters<typeof configFromFlags>[0]> = {}) => configFromFlags({ preset: 'county', openingCaseload: true, ...more });

describe('csc generate flags', () => {
  it('override the preset, and a --config file sits between them', () => {
    const directory = mkdtempSync(join(tmpdir(), 'csc-generate-'));
    const file = join(directory, 'authority.json');
    writeFileSync(file, JSON.stringify({ referralsPerYear: 4_000, workers: 150, workforce: { teamSize: 5 } }));
    const config = flags({ config: file, workers: '170', years: '2', start: '2023-04-01', seed: 'demo' });
    expect(config.referralsPerYear).toBe(4_000);
    expect(config.workers).toBe(170);
    expect(config.workforce.teamSize).toBe(5);
    expect([config.years, config.start, config.seed]).toEqual([2, '2023-04-01', seedOf('demo')]);
  });

  it('take --children-per-year as referrals a year, and --no-opening-caseload', () => {
    const config = flags({ childrenPerYear: '900', openingCaseload: false });
    expect(config.referralsPerYear).toBe(900);
    expect(config.opening.enabled).toBe(false);
  });

  it('say what is wrong with a flag', () => {
    expect(() => flags({ preset: 'london' })).toThrow(new GenerateFlagError('--preset must be one of county, england, county-stressed; got "london"'));
    expect(() => flags({ workers: 'many' })).toThrow(/--workers must be a whole number of at least 2/);
    expect(() => flags({ years: '-1' })).toThrow(/--years must be a number above 0/);
    expect(() => flags({ config: '/nonexistent/authority.json' })).toThrow(/--config \/nonexistent\/authority.json cannot be read \(ENOENT\)/);
  });

  it('read a number as the seed, and any other text as its hash', () => {
    expect(seedOf('42')).toBe(42);
    expect(seedOf('west-sussex')).toBe(seedOf('west-sussex'));
    expect(seedOf('west-sussex')).not.toBe(seedOf('east-sussex'));
  });
});

import { countyConfig } from './county-config';
import { GeneratorConfigError } from './config-merge';

describe('countyConfig: presets and overrides', () => {
  it('sizes the presets as published: a county, England, and the county before improvement', () => {
    const county = countyConfig('county');
    const england = countyConfig('england');
    const stressed = countyConfig('county-stressed');
    expect([county.referralsPerYear, england.referralsPerYear]).toEqual([6_000, 630_000]);
    expect(england.workers).toBe(36_000);
    // A team manager per six case holders: about 250 case holders in the county.
    expect(county.workers - Math.ceil(county.workers / 7)).toBeGreaterThanOrEqual(245);
    expect(stressed.workers).toBeLessThan(county.workers);
    expect(stressed.targets.caseloadPerFte.value).toBe(27.5);
  });

  it('merges a partial config over the preset, deeply, and keeps targets that follow the settings in step', () => {
    const config = countyConfig('county', { years: 3, safeguarding: { visits: { onTimeShare: 0.5 } }, frontDoor: { sources: { '6': 60 } } });
    expect(config.years).toBe(3);
    expect(config.safeguarding.visits.onTimeShare).toBe(0.5);
    expect(config.safeguarding.reviews.onTimeShare).toBe(0.9);
    expect(config.targets.cpVisitsOnTimeShare.value).toBe(0.5);
    expect(config.targets.policeReferralShare.value).toBeCloseTo(60 / 131, 3);
  });

  it('refuses an unknown setting, naming it and the ones that exist there', () => {
    expect(() => countyConfig('county', { safeguarding: { visitz: 1 } } as never)).toThrow(GeneratorConfigError);
    expect(() => countyConfig('county', { safeguarding: { visitz: 1 } } as never)).toThrow(/safeguarding\.visitz is not a setting \(known here: .*visits/);
  });

  it('refuses values that cannot work, each with the field at fault', () => {
    const attempt = () =>
      countyConfig('county', {
        start: '2024-02-30',
        years: 0,
        assessment: { notInNeedShare: 1.5 },
        lookedAfter: { periodDurations: [{ uptoDays: 10, share: 0.5 }] },
      });
    expect(attempt).toThrow(/start must be a date/);
    expect(attempt).toThrow(/years must be above 0/);
    expect(attempt).toThrow(/assessment\.notInNeedShare is a share/);
    expect(attempt).toThrow(/lookedAfter\.periodDurations: the band shares must add up to 1/);
  });
});

describe('the first and last start a county can have', () => {
  it('refuses a start whose opening histories would fall before the first date the contract accepts, naming the range', () => {
    expect(() => countyConfig('county', { start: '2004-04-01' })).toThrow(/start must be a date YYYY-MM-DD from 2009-01-01 to 2039-12-31.*2005-01-01/);
    expect(() => countyConfig('county', { start: '2008-12-31' })).toThrow(/from 2009-01-01/);
  });

  it('refuses a run that would go past the last date the contract accepts', () => {
    expect(() => countyConfig('county', { start: '2038-04-01', years: 5 })).toThrow(/run past 2040-12-31/);
  });
});

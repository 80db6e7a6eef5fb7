import { countyConfig } from '../config/county-config';
import { CountySimulation } from '../simulation/county-simulation';
import { checkCalibration, renderCalibration } from './calibration-check';

describe('the calibration of a county-sized run', () => {
  it('lands every figure of the county preset (2 years) within its stated tolerance of the published target', () => {
    const config = countyConfig('county', { years: 2, seed: 7 });
    const results = checkCalibration(config, new CountySimulation(config));
    expect(
      results.filter((result) => !result.pass).map((result) => `${result.measure}: ${result.generated} against ${result.target} ± ${result.tolerance}`),
    ).toEqual([]);
    expect(results.length).toBeGreaterThanOrEqual(28);
  });

  it('lands the stressed county on its own targets: caseloads of 25-30, slow assessments, more changes of worker', () => {
    const config = countyConfig('county-stressed', { years: 2, seed: 7 });
    const results = checkCalibration(config, new CountySimulation(config));
    expect(results.filter((result) => !result.pass).map((result) => `${result.measure}: ${result.generated} against ${result.target}`)).toEqual([]);
    const caseload = results.find((result) => result.measure === 'caseloadPerFte')!;
    expect(caseload.generated).toBeGreaterThanOrEqual(25);
  });

  it('fails a figure whose target the data does not meet, and says so in the table', () => {
    const config = countyConfig('county', {
      referralsPerYear: 1_500,
      workers: 75,
      years: 1,
      seed: 7,
      targets: { reReferralShare: { value: 0.6, tolerance: 0.01, source: 'a test' } },
    });
    const results = checkCalibration(config, new CountySimulation(config));
    const reReferrals = results.find((result) => result.measure === 'reReferralShare')!;
    expect(reReferrals.pass).toBe(false);
    const table = renderCalibration(results);
    expect(table).toMatch(/reReferralShare\s+60\.0%\s+\d+\.\d%\s+±1\.0 pts\s+FAIL\s+a test/);
    expect(table).toMatch(/figures outside tolerance\.$/);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Holidays from 'date-holidays';
import bankHolidays from '../../bank-holidays/england-and-wales.json';
import corrections from '../../bank-holidays/corrections.json';

// The repository root is /work/main in development; ../shared sits beside it only on the team's machines.
const REPO_ROOT = path.resolve(__dirname, '../../../..');
const VALIDATOR_CSV = path.resolve(REPO_ROOT, '../shared/data/csc-validator-be-cin/england_bank_holidays_from_england_holidates_py.csv');

function weekdayPublicHolidays(region: 'ENG' | 'WLS', year: number): string[] {
  return new Holidays('GB', region)
    .getHolidays(year, 'en')
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => holiday.date.slice(0, 10))
    .filter((date) => ![0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay()));
}

const fileDates = bankHolidays.dates.map((holiday) => holiday.date);
const datesIn = (year: number) => fileDates.filter((date) => date.startsWith(`${year}-`));
const YEARS = Array.from({ length: 36 }, (_, i) => 2005 + i);

/** date-holidays' list for a year, with the corrections the file records (each citing GOV.UK's announcement). */
function expectedIn(year: number): string[] {
  const removed = new Set(corrections.removals.map((entry) => entry.date));
  const added = corrections.additions.map((entry) => entry.date).filter((date) => date.startsWith(`${year}-`));
  return [...weekdayPublicHolidays('ENG', year).filter((date) => !removed.has(date)), ...added].sort();
}

describe('bank holiday data file', () => {
  it('covers 2005 to 2040 and says where it came from', () => {
    expect(bankHolidays).toMatchObject({ coversFrom: '2005-01-01', coversTo: '2040-12-31' });
    expect(bankHolidays.generatedFrom).toMatch(/^date-holidays \d+\.\d+\.\d+ region GB-ENG/);
    expect(bankHolidays.source).toContain('england-and-wales');
  });

  it('has a version that is the hash of its dates, so an edit without regeneration is caught', () => {
    const hash = createHash('sha256').update(JSON.stringify(bankHolidays.dates)).digest('hex').slice(0, 8);
    expect(bankHolidays.version).toBe(`2005-2040.${hash}`);
  });

  it.each(YEARS)('matches date-holidays GB-ENG (weekdays only, with the recorded corrections) for %i', (year) => {
    expect(datesIn(year)).toEqual(expectedIn(year));
  });

  it.each(YEARS)('GB-ENG and GB-WLS are the same list in %i (England and Wales share bank holidays)', (year) => {
    expect(weekdayPublicHolidays('WLS', year)).toEqual(weekdayPublicHolidays('ENG', year));
  });

  it('lists only weekdays, in order, once each', () => {
    for (const date of fileDates) expect([0, 6]).not.toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
    expect([...fileDates].sort()).toEqual(fileDates);
    expect(new Set(fileDates).size).toBe(fileDates.length);
  });

  it('holds the one-off holidays date-holidays lacks: the 2011 royal wedding, and the 2012 spring holiday moved for the Diamond Jubilee', () => {
    const named = Object.fromEntries(bankHolidays.dates.map((holiday) => [holiday.date, holiday.name]));
    expect(named['2011-04-29']).toBe('Royal wedding');
    expect(named['2012-06-04']).toBe('Spring bank holiday');
    expect(named['2012-06-05']).toMatch(/Diamond Jubilee/);
    expect(named['2012-05-28']).toBeUndefined();
    for (const correction of corrections.additions) expect(correction.cite).toMatch(/\w/);
  });

  it('holds the one-off holidays of 2020-2023 and the substitute days', () => {
    const named = Object.fromEntries(bankHolidays.dates.map((holiday) => [holiday.date, holiday.name]));
    expect(named['2020-05-08']).toMatch(/VE day/);
    expect(named['2022-06-02']).toBe('Spring bank holiday');
    expect(named['2022-06-03']).toMatch(/Platinum Jubilee/);
    expect(named['2022-09-19']).toMatch(/Funeral/);
    expect(named['2023-05-08']).toMatch(/Coronation/);
    for (const date of ['2021-12-27', '2021-12-28', '2022-01-03', '2022-12-27', '2023-01-02', '2026-12-28', '2027-12-27', '2027-12-28']) {
      expect(named[date]).toMatch(/substitute/);
    }
    expect(named['2020-05-04']).toBeUndefined(); // the early May holiday moved to VE Day that year
  });

  const validatorCsvPresent = existsSync(VALIDATOR_CSV);
  if (!validatorCsvPresent) {
    console.warn(`${VALIDATOR_CSV} is absent (no ../shared beside this clone): the cross-check with the DfE-replica validator is skipped`);
  }
  const itWithValidatorCsv = validatorCsvPresent ? it : it.skip;
  itWithValidatorCsv(`matches the DfE-replica CIN validator's England list for 2022-2027 (skipped when ../shared/data is absent, as in users' clones)`, () => {
    const csv = readFileSync(VALIDATOR_CSV, 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('date');
    const validatorDates = csv.slice(1).map((line) => line.trim());
    const ours = fileDates.filter((date) => date >= '2022-01-01' && date <= '2027-12-31');
    expect(ours).toEqual(validatorDates);
  });
});

#!/usr/bin/env node
// Writes libs/timescales/bank-holidays/england-and-wales.json from the `date-holidays` package.
// Run from the repository root:  node libs/timescales/scripts/generate-bank-holidays.js [--from 2005] [--to 2040]
// The output is deterministic: the version is a hash of the dates, so rerunning with the same
// package version changes nothing, and any change to the list changes the version.
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const Holidays = require('date-holidays');

const OUTPUT = path.resolve(__dirname, '../bank-holidays/england-and-wales.json');
const SOURCE = 'GOV.UK bank holidays, division england-and-wales (https://www.gov.uk/bank-holidays.json), via the date-holidays rules';

// Where the package differs from what GOV.UK announced (one-off holidays it lacks, or dates it has wrong),
// with each announcement cited, kept in one file that the tests read too. A new one-off holiday goes there.
const CORRECTIONS = require('../bank-holidays/corrections.json');
const ADDITIONS = CORRECTIONS.additions;
const REMOVALS = CORRECTIONS.removals;

function argument(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

function weekday(isoDate) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

// Public holidays only (the package also lists observances such as Mother's Day).
function publicHolidays(region, year) {
  const [country, state] = region.split('-');
  return new Holidays(country, state)
    .getHolidays(year, 'en')
    .filter((holiday) => holiday.type === 'public')
    .map((holiday) => ({ date: holiday.date.slice(0, 10), name: holiday.name }));
}

function sameList(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function collect(fromYear, toYear) {
  const dates = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    const england = publicHolidays('GB-ENG', year);
    // England and Wales share one list of bank holidays; refuse to write if the package disagrees.
    if (!sameList(england, publicHolidays('GB-WLS', year))) {
      throw new Error(`date-holidays lists different holidays for GB-ENG and GB-WLS in ${year}`);
    }
    dates.push(...england);
  }
  return dates;
}

function applyCorrections(dates) {
  const removed = new Set(REMOVALS.map((entry) => entry.date));
  const kept = dates.filter((entry) => !removed.has(entry.date));
  const added = ADDITIONS.map(({ date, name }) => ({ date, name }));
  return [...kept, ...added].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

// One holiday a line, so a new one-off holiday shows as a one-line diff in review; the layout is the one
// Prettier gives, so formatting the repository never rewrites the file.
function render(file) {
  const { dates, ...header } = file;
  const head = JSON.stringify(header, null, 2).replace(/\n}$/, ',');
  const rows = dates.map(({ date, name }) => `    { "date": ${JSON.stringify(date)}, "name": ${JSON.stringify(name)} }`).join(',\n');
  return `${head}\n  "dates": [\n${rows}\n  ]\n}\n`;
}

function main() {
  const fromYear = argument('from', 2005);
  const toYear = argument('to', 2040);
  // Weekend-dated entries (Christmas on a Saturday...) are not extra days off: their substitute days are listed.
  const weekdays = applyCorrections(collect(fromYear, toYear)).filter((entry) => ![0, 6].includes(weekday(entry.date)));
  const hash = crypto.createHash('sha256').update(JSON.stringify(weekdays)).digest('hex').slice(0, 8);
  const packageVersion = require('date-holidays/package.json').version;
  const file = {
    version: `${fromYear}-${toYear}.${hash}`,
    source: SOURCE,
    generatedFrom: `date-holidays ${packageVersion} region GB-ENG (checked equal to GB-WLS)`,
    coversFrom: `${fromYear}-01-01`,
    coversTo: `${toYear}-12-31`,
    dates: weekdays,
  };
  fs.writeFileSync(OUTPUT, render(file));
  console.log(`wrote ${path.relative(process.cwd(), OUTPUT)}: ${weekdays.length} weekday bank holidays, version ${file.version}`);
}

main();

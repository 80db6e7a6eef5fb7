import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { childStreamId, fromStoredEvent, type ChildEvent } from '@csc/contracts';
import { caseFactsOf, evolveChildCase, initialChildCaseState } from '@csc/domain';
import { type EventStore } from '@csc/event-store';
import { describeForEachDatabase, openEventStoreForSuite } from '@csc/test-support';
import { runImport, type ImportFile, type ImportReport } from '../imports';

const FIVE_YEARS = join(__dirname, '../../../../../shared/data/cs-demand-model/cs_demand_model_samples/combined');
const YEARS = ['2017', '2018', '2019', '2020', '2021'];
const TODAY = '2026-12-02';

/** The files of the folder whose names contain one of `years`, each child's id given a suffix of this run. */
function filesOf(run: string, years: readonly string[]): ImportFile[] {
  return readdirSync(FIVE_YEARS)
    .filter((name) => years.some((year) => name.startsWith(year)))
    .sort()
    .map((name) => {
      const [header, ...lines] = readFileSync(join(FIVE_YEARS, name), 'utf8').split('\n');
      const text = [header, ...lines.map((line) => line.replace(/^([^,]+),/, `$1-${run},`))].join('\n');
      return { name, open: () => Readable.from([text]) };
    });
}

const importYears = (store: EventStore, run: string, years: readonly string[]): Promise<ImportReport> =>
  runImport('ssda903', filesOf(run, years), { store, today: TODAY, authority: '999' });

/** DD/MM/YYYY to YYYY-MM-DD. */
const iso = (date: string): string => (date ? `${date.slice(6)}-${date.slice(3, 5)}-${date.slice(0, 2)}` : '');

interface YearFigures {
  lookedAfterAtEnd: number;
  started: number;
  ceased: number;
}

/** What Episodes rows say of a year, for the children given: who is looked after on 31 March, who started, who ceased. */
function figuresOf(rows: readonly string[][], year: string, children: ReadonlySet<string>): YearFigures {
  const [from, to] = [`${year}-04-01`, `${Number(year) + 1}-03-31`];
  const ofChildren = rows.filter(([child]) => children.has(child));
  const atEnd = new Set(ofChildren.filter((r) => iso(r[1]) <= to && (r[7] === '' || iso(r[7]) > to)).map((r) => r[0]));
  return {
    lookedAfterAtEnd: atEnd.size,
    started: ofChildren.filter((r) => r[2] === 'S' && iso(r[1]) >= from && iso(r[1]) <= to).length,
    ceased: ofChildren.filter((r) => r[7] !== '' && r[8] !== 'X1' && iso(r[7]) >= from && iso(r[7]) <= to).length,
  };
}

const returnRows = (year: string): string[][] =>
  readFileSync(join(FIVE_YEARS, `${year}-episodes.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));

/** The same figures from the children's histories in the store, through the domain's own reading of them. */
async function figuresOfHistory(store: EventStore, year: string, children: ReadonlyMap<string, string>): Promise<YearFigures> {
  const [from, to] = [`${year}-04-01`, `${Number(year) + 1}-03-31`];
  const figures = { lookedAfterAtEnd: 0, started: 0, ceased: 0 };
  for (const stored of children.values()) {
    const events = (await store.readStream(childStreamId(stored))).map((event) => fromStoredEvent(event) as ChildEvent);
    const periods = [...caseFactsOf(events.reduce(evolveChildCase, initialChildCaseState)).periodsOfCare.values()];
    if (periods.some((p) => p.on <= to && (p.end === undefined || p.end.on > to))) figures.lookedAfterAtEnd += 1;
    figures.started += periods.filter((p) => p.reasonNewEpisode === 'S' && p.on >= from && p.on <= to).length;
    figures.ceased += periods.filter((p) => p.end?.by === 'recorded' && p.end.on >= from && p.end.on <= to).length;
  }
  return figures;
}

/** The five returns taken together, as the import reads them: the latest return's row of each episode. */
function mergedReturnRows(): string[][] {
  const byKey = new Map<string, string[]>();
  for (const year of YEARS) {
    for (const line of readFileSync(join(FIVE_YEARS, `${year}-episodes.csv`), 'utf8')
      .trim()
      .split('\n')
      .slice(1)) {
      const cells = line.split(',');
      byKey.set(`${cells[0]} ${cells[1]}`, cells);
    }
  }
  return [...byKey.values()];
}

function expectEveryRowAccountedFor(report: ImportReport): void {
  for (const [table, counts] of Object.entries(report.tables)) {
    expect({ table, read: counts.read }).toEqual({ table, read: counts.recorded + counts.known + counts.refused });
  }
}

if (!existsSync(FIVE_YEARS)) {
  describe('SSDA903 import of five years of one authority', () => {
    it.skip('skipped: ../shared/data/cs-demand-model is absent', () => undefined);
  });
}

(existsSync(FIVE_YEARS) ? describeForEachDatabase : () => undefined)(
  'SSDA903 import of five years of one authority (cs-demand-model samples)',
  (openDatabase) => {
    let store: EventStore;
    openEventStoreForSuite(openDatabase, (suite) => ({ store } = suite));

    it("imports five years into one history per child whose looked-after figures of each year match the returns'; again records nothing", async () => {
      const run = randomUUID().slice(0, 8);
      const report = await importYears(store, run, YEARS);
      expectEveryRowAccountedFor(report);
      expect(report.tables.Episodes.read).toBe(3737);
      expect(report.skipped.map((s) => s.table)).toEqual(expect.arrayContaining(['Header', 'Reviews', 'UASC', 'OC2', 'OC3', 'PrevPerm']));
      // The samples hold overlapping episodes for some children (a second period starting inside an open one): those
      // children are refused whole, with the domain's code, and left out of both sides of the comparison.
      expect(new Set(report.refused.map((row) => row.code))).toEqual(new Set(['PERIODS_OVERLAP', 'CHILD_NOT_IMPORTED']));
      const refused = new Set(report.refused.map((row) => row.naturalKey.split(' ')[0].replace(`-${run}`, '')));
      expect(report.children.refused).toBe(refused.size);
      expect(report.children.recorded).toBeGreaterThan(0.9 * report.children.read);

      const allChildren = new Set(
        YEARS.flatMap((year) =>
          readFileSync(join(FIVE_YEARS, `${year}-episodes.csv`), 'utf8')
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.split(',')[0]),
        ),
      );
      const imported = new Map([...allChildren].filter((child) => !refused.has(child)).map((child) => [child, `${child}-${run}`]));
      // The samples' returns do not always agree (a later one holds an earlier year's episode the earlier one lacks, or
      // ends it otherwise): the history follows the latest return, so each year is compared with the returns taken together.
      const merged = mergedReturnRows();
      for (const year of YEARS) {
        const inReturns = figuresOf(merged, year, new Set(imported.keys()));
        expect({ year, ...(await figuresOfHistory(store, year, imported)) }).toEqual({ year, ...inReturns });
        expect(inReturns.lookedAfterAtEnd).toBeGreaterThan(0);
      }

      const again = await importYears(store, run, YEARS);
      expect(again.events.recorded).toBe(0);
      expect(again.children.known).toBe(report.children.recorded);
    });

    it("imports each year's return on its own into histories whose looked-after figures are the return's own", async () => {
      for (const year of YEARS) {
        const run = randomUUID().slice(0, 8);
        const report = await importYears(store, run, [year]);
        expectEveryRowAccountedFor(report);
        const refused = new Set(report.refused.map((row) => row.naturalKey.split(' ')[0].replace(`-${run}`, '')));
        const children = new Set(
          returnRows(year)
            .map(([child]) => child)
            .filter((child) => !refused.has(child)),
        );
        const inReturn = figuresOf(returnRows(year), year, children);
        const stored = new Map([...children].map((child) => [child, `${child}-${run}`]));
        expect({ year, ...(await figuresOfHistory(store, year, stored)) }).toEqual({ year, ...inReturn });
        expect(inReturn.lookedAfterAtEnd).toBeGreaterThan(0);
      }
    });

    it('gives the same facts imported a year at a time, oldest first, as all five at once', async () => {
      const together = randomUUID().slice(0, 8);
      const yearly = randomUUID().slice(0, 8);
      const all = await importYears(store, together, YEARS);
      for (const year of YEARS) await importYears(store, yearly, [year]);
      const refused = new Set(all.refused.map((row) => row.naturalKey.split(' ')[0].replace(`-${together}`, '')));
      const sample = [
        ...new Set(
          readFileSync(join(FIVE_YEARS, '2019-episodes.csv'), 'utf8')
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.split(',')[0]),
        ),
      ]
        .filter((child) => !refused.has(child))
        .slice(0, 60);
      const facts = async (childId: string) => {
        const events = (await store.readStream(childStreamId(childId))).map((event) => fromStoredEvent(event) as ChildEvent);
        const state = events.reduce(evolveChildCase, initialChildCaseState);
        return [...caseFactsOf(state).periodsOfCare.values()].map((p) => ({ on: p.on, end: p.end?.on, placements: p.placements.map((pl) => pl.on) }));
      };
      for (const child of sample) expect({ child, facts: await facts(`${child}-${yearly}`) }).toEqual({ child, facts: await facts(`${child}-${together}`) });
    });
  },
);

import { existsSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupRowsByChild } from './ssda903-child-grouping';
import type { Ssda903Row } from './ssda903-import-mapping';

const row = (child: string, line: number, file = '2021-episodes.csv'): Ssda903Row => ({
  table: 'Episodes',
  file,
  line,
  year: '2021',
  values: { CHILD: child, DECOM: `0${line % 9}/04/2021` },
});

async function* rowsOf(rows: readonly Ssda903Row[]): AsyncGenerator<Ssda903Row> {
  yield* rows;
}

async function groups(rows: readonly Ssda903Row[], maxRowsInMemory: number, spillDirectory?: string): Promise<Record<string, Ssda903Row[]>> {
  const out: Record<string, Ssda903Row[]> = {};
  for await (const [child, childRows] of groupRowsByChild(rowsOf(rows), { maxRowsInMemory, spillDirectory })) {
    expect(out[child]).toBeUndefined(); // each child once, whole
    out[child] = childRows;
  }
  return out;
}

describe('903 rows gathered by child in bounded memory', () => {
  // Children interleaved across two files, as the tables of five years are.
  const rows = [
    ...['B', 'A', 'C', 'A', 'D', 'B'].map((child, at) => row(child, at + 2, '2020-episodes.csv')),
    ...['C', 'A', 'E', 'B', 'A'].map((child, at) => row(child, at + 2, '2021-episodes.csv')),
  ];

  it('gives the same children, each with its rows in the order read, whether the rows fit in memory or spill to sorted runs', async () => {
    const inMemory = await groups(rows, 1000);
    const spilled = await groups(rows, 2); // six runs of two rows each
    expect(spilled).toEqual(inMemory);
    expect(inMemory.A.map((r) => `${r.file}:${r.line}`)).toEqual(['2020-episodes.csv:3', '2020-episodes.csv:5', '2021-episodes.csv:3', '2021-episodes.csv:6']);
    expect(Object.keys(inMemory).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);
  });

  it('removes its run files when done, and when the reader stops early', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'grouping-test-'));
    try {
      await groups(rows, 3, directory);
      expect(readdirSync(directory)).toEqual([]);
      for await (const _ of groupRowsByChild(rowsOf(rows), { maxRowsInMemory: 3, spillDirectory: directory })) break;
      expect(readdirSync(directory)).toEqual([]);
    } finally {
      if (existsSync(directory)) rmSync(directory, { recursive: true, force: true });
    }
  });
});

// A child's 903 rows span tables, files and years, so they are gathered before the child is mapped. Gathering in
// memory grows with the county; past `maxRowsInMemory` rows the gathered rows are sorted by child and spilled to a
// run file on disk, and the runs are merged back child by child (an external merge sort). Memory then holds at most
// `maxRowsInMemory` rows while reading, and one child's rows plus one row per run while merging.
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Ssda903Row } from './ssda903-import-mapping';

export interface GroupingOptions {
  /** Rows held before a run is spilled to disk (default 100,000: about 60 MB of rows). */
  readonly maxRowsInMemory?: number;
  /** Where run files go (default: a fresh folder under the system's temporary folder, removed afterwards). */
  readonly spillDirectory?: string;
}

export const DEFAULT_MAX_ROWS_IN_MEMORY = 100_000;

/** Each child's rows, together. In memory when they fit; else in child order through sorted runs on disk. */
export async function* groupRowsByChild(rows: AsyncIterable<Ssda903Row>, options: GroupingOptions = {}): AsyncGenerator<[string, Ssda903Row[]]> {
  const limit = options.maxRowsInMemory ?? DEFAULT_MAX_ROWS_IN_MEMORY;
  let buffer: Ssda903Row[] = [];
  let directory: string | undefined;
  const runs: string[] = [];
  try {
    for await (const row of rows) {
      buffer.push(row);
      if (buffer.length < limit) continue;
      directory ??= await mkdtemp(join(options.spillDirectory ?? tmpdir(), 'csc-903-'));
      runs.push(await writeRun(directory, runs.length, buffer));
      buffer = [];
    }
    if (runs.length === 0) {
      const byChild = new Map<string, Ssda903Row[]>();
      for (const row of buffer) {
        const child = byChild.get(row.values.CHILD ?? '');
        if (child) child.push(row);
        else byChild.set(row.values.CHILD ?? '', [row]);
      }
      buffer = [];
      yield* byChild;
      return;
    }
    if (buffer.length > 0) runs.push(await writeRun(directory!, runs.length, buffer));
    buffer = [];
    yield* mergeRuns(runs);
  } finally {
    if (directory) await rm(directory, { recursive: true, force: true });
  }
}

const childOf = (row: Ssda903Row): string => row.values.CHILD ?? '';

async function writeRun(directory: string, index: number, rows: Ssda903Row[]): Promise<string> {
  const path = join(directory, `run-${index}.ndjson`);
  // Stable: a child's rows keep the order they were read in.
  const sorted = rows.map((row, at) => ({ row, at })).sort((a, b) => compare(childOf(a.row), childOf(b.row)) || a.at - b.at);
  const out = createWriteStream(path, 'utf8');
  for (const { row } of sorted) if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  return path;
}

/** Code-unit order (not locale order), so every run sorts the same way. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function* mergeRuns(paths: readonly string[]): AsyncGenerator<[string, Ssda903Row[]]> {
  const readers = paths.map((path) => createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]());
  const heads: (Ssda903Row | undefined)[] = await Promise.all(readers.map(nextRow));
  try {
    for (;;) {
      let child: string | undefined;
      for (const head of heads) if (head && (child === undefined || compare(childOf(head), child) < 0)) child = childOf(head);
      if (child === undefined) return;
      const rows: Ssda903Row[] = [];
      for (const [at, reader] of readers.entries()) {
        while (heads[at] && childOf(heads[at]!) === child) {
          rows.push(heads[at]!);
          heads[at] = await nextRow(reader);
        }
      }
      yield [child, rows];
    }
  } finally {
    await Promise.all(readers.map((reader) => reader.return?.()));
  }
}

async function nextRow(reader: AsyncIterator<string>): Promise<Ssda903Row | undefined> {
  const next = await reader.next();
  return next.done ? undefined : (JSON.parse(next.value) as Ssda903Row);
}

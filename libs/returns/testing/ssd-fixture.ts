// The SSD fixture (testing/ssd-fixture/*.csv) as import files, each child's id given a suffix of this run so runs
// against one database do not meet, optionally edited; and the same folder as one zip, as HTTP sends it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { zipSync } from 'fflate';

export const SSD_FIXTURE = join(__dirname, 'ssd-fixture');

/** The fixture's CSV files by name, with each child id (CH0001 …) suffixed by `run`, and `edit` applied to each text. */
export function ssdFixtureTexts(run: string, edit: (name: string, text: string) => string = (_, text) => text): Map<string, string> {
  return new Map(
    readdirSync(SSD_FIXTURE)
      .filter((name) => name.endsWith('.csv'))
      .sort()
      .map((name) => [name, edit(name, readFileSync(join(SSD_FIXTURE, name), 'utf8').replace(/\bCH(\d{4})\b/g, `CH$1-${run}`))]),
  );
}

export function ssdFixtureFiles(texts: ReadonlyMap<string, string>): { name: string; open: () => Readable }[] {
  return [...texts].map(([name, text]) => ({ name, open: () => Readable.from([Buffer.from(text)]) }));
}

/** The folder zipped, its files under `ssd-extract/` as a zip of a folder holds them. */
export function ssdFixtureZip(texts: ReadonlyMap<string, string>): Buffer {
  return Buffer.from(zipSync(Object.fromEntries([...texts].map(([name, text]) => [`ssd-extract/${name}`, Buffer.from(text)]))));
}

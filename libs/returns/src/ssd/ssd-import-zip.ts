// A folder of SSD tables sent as one body: a zip of the folder (HTTP cannot send a folder). The zip is held in memory
// as it came (compressed, at most MAX_ZIP_BYTES); each CSV inside is inflated as a stream when its turn comes.
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { ImportInputError } from '../import-xml';

export interface NamedFile {
  readonly name: string;
  open(): Readable;
}

/** The largest zip accepted: an authority's whole extract compresses to well under this. */
export const MAX_ZIP_BYTES = 512 * 1024 * 1024;
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * The files the input holds: a zip's CSV entries (folders flattened, hidden and non-CSV entries such as a README
 * left out), or the file itself, read again from its first byte.
 */
export async function filesOf(file: NamedFile): Promise<NamedFile[]> {
  const input = file.open();
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const head = first.done ? Buffer.alloc(0) : Buffer.from(first.value);
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return zipEntries(file.name, await readAll(head, iterator, file.name));
  if (file.name.toLowerCase().endsWith('.zip')) throw new ImportInputError('NOT_ZIP', file.name, 1, 'the file is named .zip but is not a zip archive');
  let replayed = false;
  return [
    {
      name: file.name,
      open: () => {
        if (replayed) return file.open();
        replayed = true;
        return Readable.from(
          (async function* () {
            if (!first.done) yield head;
            for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
          })(),
        );
      },
    },
  ];
}

async function readAll(head: Buffer, iterator: AsyncIterator<Buffer>, name: string): Promise<Buffer> {
  const chunks = [head];
  let size = head.length;
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    size += next.value.length;
    if (size > MAX_ZIP_BYTES)
      throw new ImportInputError('ZIP_TOO_LARGE', name, 1, `the zip is larger than ${MAX_ZIP_BYTES / 1024 / 1024} MiB: import the folder's files in parts`);
    chunks.push(Buffer.from(next.value));
  }
  return Buffer.concat(chunks);
}

function zipEntries(zipName: string, zip: Buffer): Promise<NamedFile[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true, validateEntrySizes: true }, (error, archive) => {
      if (error || !archive) return reject(new ImportInputError('NOT_ZIP', zipName, 1, `not a readable zip archive: ${error?.message ?? 'no entries'}`));
      const entries: yauzl.Entry[] = [];
      archive.on('entry', (entry: yauzl.Entry) => {
        const base = entry.fileName.split('/').pop() ?? '';
        if (!entry.fileName.endsWith('/') && !base.startsWith('.') && !entry.fileName.startsWith('__MACOSX/') && /\.csv$/i.test(base)) entries.push(entry);
        archive.readEntry();
      });
      archive.on('error', (cause: Error) => reject(new ImportInputError('NOT_ZIP', zipName, 1, `not a readable zip archive: ${cause.message}`)));
      archive.on('end', () => {
        if (entries.length === 0)
          return reject(new ImportInputError('EMPTY_ZIP', zipName, 1, 'the zip holds no .csv file: zip the folder of SSD table extracts'));
        resolve(
          entries
            .sort((a, b) => a.fileName.localeCompare(b.fileName))
            .map((entry) => ({ name: `${zipName}/${entry.fileName}`, open: () => entryStream(archive, entry, `${zipName}/${entry.fileName}`) })),
        );
      });
      archive.readEntry();
    });
  });
}

/** The entry inflated as a stream; a damaged entry fails the stream, which the CSV reader reports with the file's name. */
function entryStream(archive: yauzl.ZipFile, entry: yauzl.Entry, name: string): Readable {
  return Readable.from(
    (async function* () {
      try {
        const stream = await new Promise<Readable>((resolve, reject) =>
          archive.openReadStream(entry, (error, opened) => (error || !opened ? reject(error ?? new Error('no stream')) : resolve(opened))),
        );
        yield* stream;
      } catch (error) {
        throw new ImportInputError('NOT_ZIP', name, 1, `this entry of the zip cannot be inflated: ${(error as Error).message}`);
      }
    })(),
  );
}

// NDJSON: one envelope a line, written in chunks with backpressure (the generator waits while the stream drains).
import type { Writable } from 'node:stream';
import type { Emission } from '../simulation/arrival-order';

const CHUNK_CHARACTERS = 1 << 18;

/** Writes every emission (duplicates included: they are part of the stream) and returns how many were written. */
export async function writeNdjson(emissions: Iterable<Emission>, output: Writable): Promise<number> {
  let failure: Error | undefined;
  const onError = (error: Error) => (failure ??= error);
  output.on('error', onError);
  let written = 0;
  let chunk = '';
  try {
    for (const { event } of emissions) {
      chunk += `${JSON.stringify(event)}\n`;
      written += 1;
      if (chunk.length < CHUNK_CHARACTERS) continue;
      if (failure !== undefined) break;
      const flowing = output.write(chunk);
      chunk = '';
      if (!flowing) await drained(output);
    }
    if (chunk.length > 0 && failure === undefined) output.write(chunk);
  } finally {
    output.off('error', onError);
  }
  // A reader that stopped early (| head) is not an error of the generator.
  if (failure !== undefined && (failure as NodeJS.ErrnoException).code !== 'EPIPE') throw failure;
  return written;
}

/** Resolves when the stream drains or fails, leaving no listener behind. */
function drained(output: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      output.off('drain', done);
      output.off('error', done);
      resolve();
    };
    output.on('drain', done);
    output.on('error', done);
  });
}

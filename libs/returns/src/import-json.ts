// A streaming reader of JSON imports (stream-json's tokenizer): it keeps one record in memory at a time. The file
// may hold one JSON value or many in a row (NDJSON, one per line); each value is a record or an array of records.
import type { Duplex, Readable } from 'node:stream';
import { parser } from 'stream-json';
import { ImportInputError } from './import-xml';

export interface JsonRecord {
  /** Which top-level value of the file holds the record, counting from 1: the NDJSON line, or 1 for one document. */
  readonly line: number;
  /** The record's JSONPath within that value: `$` (the value itself) or `$[3]` (the array's fourth item). */
  readonly path: string;
  /** As JSON.parse would give it; not necessarily an object (a wrong item is the mapping's to refuse). */
  readonly value: unknown;
}

interface Token {
  readonly name: string;
  readonly value?: string;
}

type Container = unknown[] | Record<string, unknown>;

/** Streams `input`, yielding each record whole. A top-level value that is neither an object nor an array is the wrong file. */
export async function* readJsonRecords(input: Readable, file: string): AsyncGenerator<JsonRecord> {
  const tokens = parser.asStream({ jsonStreaming: true, streamValues: false });
  input.on('error', (error) => tokens.destroy(error));
  input.pipe(tokens);

  let line = 0;
  let index = 0;
  let topIsArray = false;
  const stack: Container[] = [];
  const keys: (string | undefined)[] = [];
  const records: JsonRecord[] = [];

  /** Puts a finished value where it belongs: into its parent, or out as a record. */
  const place = (value: unknown): void => {
    if (stack.length === 0) {
      line += 1;
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) records.push({ line, path: '$', value });
      else throw new ImportInputError('WRONG_SCHEMA', file, line, `value ${line} of the file is ${describe(value)}, not a record or an array of records`);
      return;
    }
    if (stack.length === 1 && topIsArray) {
      records.push({ line, path: `$[${index++}]`, value });
      return;
    }
    const parent = stack[stack.length - 1];
    if (Array.isArray(parent)) parent.push(value);
    else parent[keys[keys.length - 1]!] = value;
  };
  const open = (container: Container): void => {
    if (stack.length === 0) {
      topIsArray = Array.isArray(container);
      index = 0;
      if (topIsArray) line += 1;
    }
    stack.push(container);
    keys.push(undefined);
  };
  const close = (): void => {
    const container = stack.pop()!;
    keys.pop();
    // The top-level array's items went out one by one; the array itself is not a record.
    if (stack.length === 0 && topIsArray) return;
    place(container);
  };

  try {
    for await (const token of tokensOf(tokens)) {
      switch (token.name) {
        case 'startObject':
          open({});
          break;
        case 'startArray':
          open([]);
          break;
        case 'endObject':
        case 'endArray':
          close();
          break;
        case 'keyValue':
          keys[keys.length - 1] = token.value;
          break;
        case 'stringValue':
          place(token.value);
          break;
        case 'numberValue':
          place(Number(token.value));
          break;
        case 'trueValue':
          place(true);
          break;
        case 'falseValue':
          place(false);
          break;
        case 'nullValue':
          place(null);
          break;
      }
      while (records.length > 0) yield records.shift()!;
    }
  } catch (error) {
    if (error instanceof ImportInputError) throw error;
    // The value being read: the open top-level array already counted itself.
    const at = stack.length > 0 && topIsArray ? line : line + 1;
    throw new ImportInputError('NOT_JSON', file, at, `not JSON (value ${at} of the file): ${(error as Error).message}`);
  } finally {
    input.unpipe(tokens);
    tokens.destroy();
  }
  if (line === 0) throw new ImportInputError('NOT_JSON', file, 1, 'the file holds no JSON value');
}

/**
 * The parser's tokens in order, every token it read before a fault delivered before the fault itself (a stream's own
 * async iterator may throw first), so the error names the value it happened in. Paused while 4096 wait: bounded memory.
 */
async function* tokensOf(stream: Duplex): AsyncGenerator<Token> {
  const queue: Token[] = [];
  let failure: Error | undefined;
  let ended = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  stream.on('data', (token: Token) => {
    queue.push(token);
    if (queue.length >= 4096) stream.pause();
    notify();
  });
  stream.on('error', (error: Error) => {
    failure = error;
    notify();
  });
  stream.on('end', () => {
    ended = true;
    notify();
  });
  for (;;) {
    if (queue.length > 0) {
      const batch = queue.splice(0);
      if (stream.isPaused()) stream.resume();
      yield* batch;
      continue;
    }
    if (failure) throw failure;
    if (ended) return;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : `a ${typeof value}`;
}

import { Readable } from 'node:stream';
import { readJsonRecords, type JsonRecord } from './import-json';
import { ImportInputError } from './import-xml';

async function recordsOf(text: string, chunk = 7): Promise<JsonRecord[]> {
  // Small chunks: a record split across reads must come out whole.
  const chunks = Array.from({ length: Math.ceil(text.length / chunk) }, (_, at) => Buffer.from(text.slice(at * chunk, (at + 1) * chunk)));
  const records: JsonRecord[] = [];
  for await (const record of readJsonRecords(Readable.from(chunks), 'csc.json')) records.push(record);
  return records;
}

async function failureOf(text: string): Promise<ImportInputError> {
  const error = await recordsOf(text).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof ImportInputError)) throw new Error(`expected an ImportInputError, got ${String(error)}`);
  return error;
}

describe('JSON records, streamed', () => {
  it('reads NDJSON of request bodies (our export): each line an array, each item a record with its line and path', async () => {
    const text = '[{"la_child_id":"C1","n":[1,{"a":null}]},{"la_child_id":"C2","b":true}]\n[{"la_child_id":"C3","s":"x\\"y"}]\n';
    expect(await recordsOf(text)).toEqual([
      { line: 1, path: '$[0]', value: { la_child_id: 'C1', n: [1, { a: null }] } },
      { line: 1, path: '$[1]', value: { la_child_id: 'C2', b: true } },
      { line: 2, path: '$[0]', value: { la_child_id: 'C3', s: 'x"y' } },
    ]);
  });

  it('reads one JSON array of children, one child, and NDJSON of single children', async () => {
    expect(await recordsOf('  [\n {"la_child_id":"C1"},\n {"la_child_id":"C2"}\n]')).toEqual([
      { line: 1, path: '$[0]', value: { la_child_id: 'C1' } },
      { line: 1, path: '$[1]', value: { la_child_id: 'C2' } },
    ]);
    expect(await recordsOf('{"la_child_id":"C1","purge":true}')).toEqual([{ line: 1, path: '$', value: { la_child_id: 'C1', purge: true } }]);
    expect((await recordsOf('{"la_child_id":"C1"}\n{"la_child_id":"C2"}\n')).map((r) => [r.line, r.path])).toEqual([
      [1, '$'],
      [2, '$'],
    ]);
  });

  it('passes an item that is not an object on, for the mapping to refuse with its path', async () => {
    expect(await recordsOf('[1, "x"]')).toEqual([
      { line: 1, path: '$[0]', value: 1 },
      { line: 1, path: '$[1]', value: 'x' },
    ]);
  });

  it('says a file is not JSON, naming the value it could not read', async () => {
    const xml = await failureOf('<Message><Header/></Message>');
    expect([xml.code, xml.file, xml.line]).toEqual(['NOT_JSON', 'csc.json', 1]);
    const truncated = await failureOf('[{"la_child_id":"C1"}]\n[{"la_child_id":"C2"');
    expect([truncated.code, truncated.line]).toEqual(['NOT_JSON', 2]);
    expect((await failureOf('')).message).toContain('holds no JSON value');
  });

  it('says a top-level value that is neither a record nor an array of them is the wrong file', async () => {
    const error = await failureOf('[{"la_child_id":"C1"}]\n"hello"\n');
    expect([error.code, error.line]).toEqual(['WRONG_SCHEMA', 2]);
    expect(error.message).toContain('value 2 of the file is a string');
  });
});

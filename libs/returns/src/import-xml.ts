// A streaming reader of the returns' XML: it keeps one record (a Child) in memory at a time, as a small tree
// whose every element knows its line and path, and hands the header over before the first record.
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import type { Readable } from 'node:stream';
import type { ImportReport } from './import-report';

export interface XmlElement {
  readonly name: string;
  readonly line: number;
  /** e.g. /Message/Children/Child[3]/CINdetails[1] */
  readonly path: string;
  readonly children: XmlElement[];
  text: string;
}

/** The file cannot be read at all (not XML, or not this return): nothing after this point was imported. */
export class ImportInputError extends Error {
  /** What was recorded before the file became unreadable (each child whole), set by runImport. */
  report?: ImportReport;

  constructor(
    readonly code: string,
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = 'ImportInputError';
  }
}

/** The element's first child of that name. */
export function childElement(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name);
}

export function childElements(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/**
 * Streams `input`, yielding each element at `recordPath` (e.g. Message/Children/Child) whole. The root must be
 * `recordPath[0]`; anything else is the wrong file.
 */
export function readXmlRecords(input: Readable, file: string, recordPath: readonly string[]): AsyncIterable<XmlElement> & { header(): XmlElement } {
  const root: XmlElement = { name: '#document', line: 1, path: '', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const counters: Map<string, number>[] = [new Map()];
  const ready: XmlElement[] = [];
  const parser = new SaxesParser({ position: true });
  let failure: ImportInputError | undefined;
  const fail = (code: string, message: string): void => {
    failure ??= new ImportInputError(code, file, parser.line, message);
  };
  parser.on('error', (error) => fail('NOT_XML', `not well-formed XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`));
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    const depth = stack.length - 1;
    if (depth === 0 && tag.name !== recordPath[0])
      fail('WRONG_SCHEMA', `the root element is <${tag.name}>, not <${recordPath[0]}>: this is not the file the format expects`);
    const seen = counters[counters.length - 1];
    const index = (seen.get(tag.name) ?? 0) + 1;
    seen.set(tag.name, index);
    const element: XmlElement = { name: tag.name, line: parser.line, path: `${parent.path}/${tag.name}[${index}]`, children: [], text: '' };
    const isRecord =
      depth === recordPath.length - 1 && tag.name === recordPath[depth] && stack.every((open, at) => at === 0 || open.name === recordPath[at - 1]);
    // A record is not kept in its parent: once yielded it is gone, so memory holds one record at a time.
    if (!isRecord) parent.children.push(element);
    stack.push(element);
    counters.push(new Map());
  });
  parser.on('text', (text) => {
    if (stack.length > 1) stack[stack.length - 1].text += text;
  });
  parser.on('closetag', () => {
    const element = stack.pop()!;
    counters.pop();
    element.text = element.text.trim();
    if (stack.length === recordPath.length && element.name === recordPath[recordPath.length - 1] && !stack[stack.length - 1].children.includes(element))
      ready.push(element);
  });

  async function* records(): AsyncGenerator<XmlElement> {
    const decoder = new StringDecoder('utf8');
    let started = false;
    for await (const chunk of input) {
      const text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
      if (!started) {
        // A CSV or JSON file sent as XML: say so at line 1, rather than wherever the parser first trips.
        const first = /[^\s\uFEFF]/.exec(text);
        if (first !== null && first[0] !== '<')
          throw new ImportInputError(
            'NOT_XML',
            file,
            1 + (text.slice(0, first.index).match(/\n/g)?.length ?? 0),
            'not XML: the file does not start with an XML element (<)',
          );
        started = first !== null;
      }
      parser.write(text);
      yield* drain();
    }
    parser.write(decoder.end());
    if (failure === undefined) parser.close();
    if (failure === undefined && root.children.length === 0) fail('NOT_XML', 'the file holds no XML element');
    yield* drain();
  }
  function* drain(): Generator<XmlElement> {
    while (ready.length > 0) {
      if (failure) break;
      yield ready.shift()!;
    }
    if (failure) throw failure;
  }
  const iterable = records();
  return Object.assign(iterable, { header: () => root.children[0] ?? root });
}

// Posts the stream to a running service (POST /v1/events) in batches of up to 1,000. Events go to lanes by stream
// (child or worker), each lane sending one batch at a time, so a child's events always arrive in order while up to
// `concurrency` requests are in flight. 5xx answers and connection errors are retried with backoff; a 4xx stops the run.
import { streamIdFor } from '@csc/contracts';
import type { Emission } from '../simulation/arrival-order';
import { hashText } from '../simulation/seeded-random';

export const MAX_BATCH = 1_000;

export interface HttpSinkOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  readonly batchSize?: number;
  readonly concurrency?: number;
  /** A bearer token with the recorder role (the service refuses requests without one). */
  readonly token?: string;
  /** Attempts per batch before giving up (5xx and connection errors only). */
  readonly maxAttempts?: number;
  /** Waits between attempts; tests pass a fast one. */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface Rejection {
  readonly eventId?: string;
  readonly code: string;
  readonly message: string;
}

export interface HttpSinkReport {
  requests: number;
  retries: number;
  recorded: number;
  duplicate: number;
  rejected: number;
  /** The first rejections, for the summary. */
  readonly rejections: Rejection[];
}

/** The run cannot go on: the service refused a request (4xx) or stayed unreachable. The message says what to do. */
export class HttpSinkError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HttpSinkError';
  }
}

interface Lane {
  batch: unknown[];
  inFlight: Promise<void> | undefined;
}

export async function postEvents(emissions: Iterable<Emission>, options: HttpSinkOptions): Promise<HttpSinkReport> {
  const endpoint = eventsEndpoint(options.url);
  const batchSize = Math.min(MAX_BATCH, Math.max(1, options.batchSize ?? MAX_BATCH));
  const lanes: Lane[] = Array.from({ length: Math.max(1, options.concurrency ?? 4) }, () => ({ batch: [], inFlight: undefined }));
  const report: HttpSinkReport = { requests: 0, retries: 0, recorded: 0, duplicate: 0, rejected: 0, rejections: [] };
  let failure: unknown;
  const send = (lane: Lane) => {
    const batch = lane.batch;
    lane.batch = [];
    lane.inFlight = sendBatch(endpoint, batch, options, report).catch((error: unknown) => void (failure ??= error));
  };
  for (const { event } of emissions) {
    if (failure !== undefined) break;
    const lane = lanes[hashText(streamIdFor(event)) % lanes.length];
    lane.batch.push(event);
    if (lane.batch.length < batchSize) continue;
    await lane.inFlight;
    if (failure !== undefined) break;
    send(lane);
  }
  for (const lane of lanes) {
    await lane.inFlight;
    if (lane.batch.length > 0 && failure === undefined) send(lane);
  }
  await Promise.all(lanes.map((lane) => lane.inFlight));
  if (failure !== undefined) throw failure;
  return report;
}

function eventsEndpoint(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new HttpSinkError(`--to must be the service's URL, such as http://127.0.0.1:3000; got ${JSON.stringify(url)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HttpSinkError(`--to must be an http:// or https:// URL; got ${url}`);
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}/v1/events`;
}

async function sendBatch(endpoint: string, events: unknown[], options: HttpSinkOptions, report: HttpSinkReport): Promise<void> {
  const maxAttempts = options.maxAttempts ?? 8;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const body = JSON.stringify({ events });
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) };
  for (let attempt = 1; ; attempt++) {
    let problem: string;
    try {
      report.requests += 1;
      const response = await fetch(endpoint, { method: 'POST', headers, body });
      const text = await response.text();
      if (response.ok) return tally(report, text);
      if (response.status < 500 && response.status !== 429) throw refused(response.status, text);
      problem = `HTTP ${response.status}`;
    } catch (error) {
      if (error instanceof HttpSinkError) throw error;
      problem = describeConnectionError(error);
    }
    if (attempt >= maxAttempts) {
      throw new HttpSinkError(
        `${endpoint} still failed after ${attempt} attempts (${problem}). Check that the service is running and healthy (GET /health), then run again: events already recorded come back as duplicates.`,
      );
    }
    report.retries += 1;
    await sleep(Math.min(8_000, 250 * 2 ** (attempt - 1)));
  }
}

function tally(report: HttpSinkReport, text: string): void {
  const outcome = JSON.parse(text) as {
    summary?: Partial<Record<'recorded' | 'duplicate' | 'rejected', number>>;
    results?: { eventId?: string; status: string; error?: { code: string; message: string } }[];
  };
  report.recorded += outcome.summary?.recorded ?? 0;
  report.duplicate += outcome.summary?.duplicate ?? 0;
  report.rejected += outcome.summary?.rejected ?? 0;
  for (const result of outcome.results ?? []) {
    if (result.status !== 'rejected' || report.rejections.length >= 10) continue;
    report.rejections.push({ eventId: result.eventId, code: result.error?.code ?? 'UNKNOWN', message: result.error?.message ?? '' });
  }
}

function refused(status: number, text: string): HttpSinkError {
  let detail = text.slice(0, 300);
  try {
    const error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (error?.message !== undefined) detail = `${error.code ?? ''} ${error.message}`.trim();
  } catch {
    // Not JSON: the text itself is the best description.
  }
  const hints: Record<number, string> = {
    401: ' Pass a token with the recorder role: --token or CSC_TOKEN (csc token --role recorder --subject <system>).',
    403: ' The token needs the recorder role (csc token --role recorder --subject <system>).',
    404: " Is --to the service's base URL (without /v1/events)?",
    413: ' Send smaller batches (--batch-size) or raise HTTP_BODY_LIMIT on the service.',
  };
  const hint = hints[status] ?? '';
  return new HttpSinkError(`The service refused a batch with HTTP ${status}: ${detail}.${hint} No further batches were sent.`);
}

function describeConnectionError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? String(error);
}

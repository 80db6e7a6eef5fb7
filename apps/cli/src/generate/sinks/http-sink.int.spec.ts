// The HTTP sink against a small local server (node:http) that answers as POST /v1/events does, not a mock of the service.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { streamIdFor, type CaseEvent } from '@csc/contracts';
import { countyConfig } from '../config/county-config';
import type { Emission } from '../simulation/arrival-order';
import { CountySimulation } from '../simulation/county-simulation';
import { HttpSinkError, postEvents } from './http-sink';

type Answer = (events: CaseEvent[], request: number) => { status: number; body: unknown } | undefined;

interface TestServer {
  url: string;
  /** Accepted batches, in the order the requests arrived. */
  batches: CaseEvent[][];
  requests: number;
  maxInFlight: number;
  close(): Promise<void>;
}

const recordedAll = (events: CaseEvent[]) => ({
  status: 200,
  body: {
    results: events.map((event) => ({ eventId: event.eventId, status: 'recorded', streamId: streamIdFor(event), revision: 0 })),
    summary: { recorded: events.length, duplicate: 0, rejected: 0 },
    position: 1,
  },
});

async function startServer(answer: Answer = () => undefined): Promise<TestServer> {
  const state = { batches: [] as CaseEvent[][], requests: 0, inFlight: 0, maxInFlight: 0 };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const number = ++state.requests;
      state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
      const events = (JSON.parse(Buffer.concat(chunks).toString()) as { events: CaseEvent[] }).events;
      const reply = answer(events, number) ?? recordedAll(events);
      if (reply.status === 200) state.batches.push(events);
      setTimeout(() => {
        state.inFlight -= 1;
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      }, 3);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get batches() {
      return state.batches;
    },
    get requests() {
      return state.requests;
    },
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const emissions: Emission[] = [...new CountySimulation(countyConfig('county', { referralsPerYear: 200, workers: 10, years: 1, seed: 5 }))];
const noWait = async () => undefined;

describe('postEvents: the HTTP sink', () => {
  it('sends every event in batches of at most the batch size, each stream in emission order, with bounded concurrency', async () => {
    const server = await startServer();
    try {
      const report = await postEvents(emissions, { url: `${server.url}/`, batchSize: 250, concurrency: 3 });
      expect(server.batches.every((batch) => batch.length <= 250)).toBe(true);
      expect(server.batches.flat()).toHaveLength(emissions.length);
      expect(report.recorded).toBe(emissions.length);
      expect(server.maxInFlight).toBeLessThanOrEqual(3);
      const arrived = new Map<string, string[]>();
      for (const event of server.batches.flat()) arrived.set(streamIdFor(event), [...(arrived.get(streamIdFor(event)) ?? []), event.eventId]);
      const emitted = new Map<string, string[]>();
      for (const { event } of emissions) emitted.set(streamIdFor(event), [...(emitted.get(streamIdFor(event)) ?? []), event.eventId]);
      expect(arrived).toEqual(emitted);
    } finally {
      await server.close();
    }
  });

  it('retries a batch the service answers with a 5xx, and counts what it finally recorded', async () => {
    const server = await startServer((_events, request) =>
      request <= 2 ? { status: 503, body: { error: { code: 'EVENT_STORE_UNAVAILABLE', message: 'busy' } } } : undefined,
    );
    try {
      const report = await postEvents(emissions, { url: server.url, concurrency: 1, sleep: noWait });
      expect(report.retries).toBe(2);
      expect(report.recorded).toBe(emissions.length);
    } finally {
      await server.close();
    }
  });

  it("stops at a 4xx with the service's own message, and sends nothing more", async () => {
    const server = await startServer(() => ({
      status: 400,
      body: { error: { code: 'TOO_MANY_EVENTS', message: '"events" has 1000 events; send at most 500 per request' } },
    }));
    try {
      const attempt = postEvents(emissions, { url: server.url, concurrency: 2, sleep: noWait });
      await expect(attempt).rejects.toThrow(HttpSinkError);
      await expect(attempt).rejects.toThrow(
        'The service refused a batch with HTTP 400: TOO_MANY_EVENTS "events" has 1000 events; send at most 500 per request. No further batches were sent.',
      );
      expect(server.requests).toBeLessThanOrEqual(2);
    } finally {
      await server.close();
    }
  });

  it('reports the events the service rejected, with their codes', async () => {
    const server = await startServer((events, request) => {
      if (request !== 1) return undefined;
      const results = events.map((event, index) =>
        index === 0
          ? { eventId: event.eventId, status: 'rejected', error: { code: 'CASE_CLOSED', message: 'closed' } }
          : { eventId: event.eventId, status: 'recorded' },
      );
      return { status: 200, body: { results, summary: { recorded: events.length - 1, duplicate: 0, rejected: 1 }, position: 1 } };
    });
    try {
      const report = await postEvents(emissions, { url: server.url, concurrency: 1 });
      expect(report.rejected).toBe(1);
      expect(report.rejections).toEqual([{ eventId: emissions[0].event.eventId, code: 'CASE_CLOSED', message: 'closed' }]);
    } finally {
      await server.close();
    }
  });

  it('gives up on a service that cannot be reached, saying what to check', async () => {
    const server = await startServer();
    const { url } = server;
    await server.close();
    await expect(postEvents(emissions.slice(0, 10), { url, maxAttempts: 3, sleep: noWait })).rejects.toThrow(
      /still failed after 3 attempts \(ECONNREFUSED\)\. Check that the service is running/,
    );
  });

  it('sends the bearer token, and says how to get one when the service answers 401', async () => {
    const seen: (string | undefined)[] = [];
    const authenticating = createServer((request, response) => {
      seen.push(request.headers.authorization);
      request.resume();
      request.on('end', () => {
        const body = JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'This endpoint needs a bearer token' } });
        response.writeHead(401, { 'content-type': 'application/json' }).end(body);
      });
    });
    await new Promise<void>((resolve) => authenticating.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(authenticating.address() as AddressInfo).port}`;
      await expect(postEvents(emissions.slice(0, 5), { url, token: 'abc', concurrency: 1 })).rejects.toThrow(
        /HTTP 401: UNAUTHENTICATED .*--token or CSC_TOKEN/,
      );
      expect(seen).toEqual(['Bearer abc']);
    } finally {
      await new Promise<void>((resolve) => authenticating.close(() => resolve()));
    }
  });

  it('refuses a --to that is not an http URL', async () => {
    await expect(postEvents(emissions.slice(0, 1), { url: 'localhost:3000' })).rejects.toThrow(/--to must be/);
  });
});

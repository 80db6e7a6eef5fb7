import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const KAFKA_SCRIPT = resolve(__dirname, '../../infra/kafka/kafka.sh');

/** Listens on 127.0.0.1:port, or returns undefined when something else already does. */
function hold(port: number): Promise<Server | undefined> {
  return new Promise((resolveHold) => {
    const server = createServer();
    server.once('error', () => resolveHold(undefined));
    server.listen(port, '127.0.0.1', () => resolveHold(server));
  });
}

function portIsFree(port: number): Promise<boolean> {
  return hold(port).then(async (server) => {
    if (!server) return false;
    await new Promise<void>((done) => server.close(() => done()));
    return true;
  });
}

describe('infra/kafka/kafka.sh choosing its ports', () => {
  let runtimeDir: string;
  beforeEach(() => {
    runtimeDir = mkdtempSync(join(tmpdir(), 'csc-kafka-ports-'));
  });
  afterEach(() => rmSync(runtimeDir, { recursive: true, force: true }));

  async function portsChosen(env: NodeJS.ProcessEnv = {}): Promise<number[]> {
    // Only the ports this test gives: none from the run's own environment.
    const { KAFKA_PORT: _port, KAFKA_CONTROLLER_PORT: _controller, ...inherited } = process.env;
    const { stdout } = await run('bash', [KAFKA_SCRIPT, 'ports'], { env: { ...inherited, KAFKA_RUNTIME_DIR: runtimeDir, ...env }, timeout: 30_000 });
    return stdout.trim().split(' ').map(Number);
  }

  it('passes over 9092 when another process holds it and picks two free ports instead', async () => {
    // Hold 9092 unless something (a broker of another run) already does: either way it is taken.
    const held = await hold(9092);
    try {
      const [client, controller] = await portsChosen();
      expect(client).not.toBe(9092);
      expect(controller).not.toBe(client);
      expect(await portIsFree(client)).toBe(true);
      expect(await portIsFree(controller)).toBe(true);
    } finally {
      await new Promise<void>((done) => (held ? held.close(() => done()) : done()));
    }
  });

  it('uses the ports it is given as given, even when they are taken (start then refuses and names them)', async () => {
    expect(await portsChosen({ KAFKA_PORT: '9092', KAFKA_CONTROLLER_PORT: '9093' })).toEqual([9092, 9093]);
  });
});

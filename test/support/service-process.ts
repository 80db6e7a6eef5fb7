import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { withTestMasterKey } from './tokens';

const MAIN = resolve(__dirname, '../../dist/apps/case-tracker/src/main.js');

export interface LogRecord {
  level: string;
  msg?: string;
  [field: string]: unknown;
}

export interface ServiceProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: LogRecord[];
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** How long to wait for the "listening" log line before failing. */
  timeoutMs?: number;
}

/**
 * Starts the built service (dist/, built by the Jest global setup) as a real process on a free port
 * and resolves when it logs that it is listening, or rejects with its logs if it exits first.
 */
export async function startService(options: StartOptions): Promise<ServiceProcess> {
  const { child, logs, exited, listening } = spawnService(options.env);
  const timeoutMs = options.timeoutMs ?? 30_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    const url = await Promise.race([
      listening,
      exited.then((code) => Promise.reject(new Error(`the service exited with code ${code} before listening:\n${render(logs)}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the service did not listen within ${timeoutMs} ms:\n${render(logs)}`)), timeoutMs);
      }),
    ]);
    return {
      url,
      child,
      logs,
      exited,
      async stop(signal: NodeJS.Signals = 'SIGTERM') {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal);
        return exited;
      },
    };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the service expecting it to refuse to start; resolves with its exit code and logs. */
export async function runServiceToExit(env: NodeJS.ProcessEnv): Promise<{ code: number | null; logs: LogRecord[]; stderr: string }> {
  const { logs, exited, stderr } = spawnService(env);
  const code = await exited;
  return { code, logs, stderr: stderr() };
}

function spawnService(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [MAIN], {
    // Info level always: the tests read the service's structured log (the 'listening' line, shutdown).
    env: { PATH: process.env.PATH, PORT: '0', ...withTestMasterKey(env), LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogRecord[] = [];
  let stderrText = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderrText += chunk.toString()));
  let onListening!: (url: string) => void;
  const listening = new Promise<string>((resolveUrl) => (onListening = resolveUrl));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      const record = JSON.parse(line) as LogRecord;
      logs.push(record);
      if (record.msg === 'listening' && typeof record.url === 'string') onListening(record.url);
    } catch {
      logs.push({ level: 'raw', msg: line });
    }
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, logs, exited, listening, stderr: () => stderrText };
}

function render(logs: LogRecord[]): string {
  return logs.map((record) => JSON.stringify(record)).join('\n');
}

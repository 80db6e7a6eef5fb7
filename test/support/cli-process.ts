import { spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { withTestMasterKey } from './tokens';

const CLI = resolve(__dirname, '../../dist/apps/cli/src/main.js');

/** Runs the built `csc` CLI (dist/, built by the Jest global setup) to completion. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...withTestMasterKey(env) },
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the built CLI without blocking the event loop, so a service in this process can answer it. */
export function runCliInBackground(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...withTestMasterKey(env) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

import { spawn, type ChildProcess } from 'node:child_process';
import { SERVER_NODE_FLAGS } from '../../server/cli/node-flags.ts';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  /** Kills the process at once, as a crash would (no shutdown handlers run). */
  crash: () => Promise<void>;
}

/**
 * Starts `charlens serve` as a real process, the way a user would, and waits until it listens: from the sources
 * through tsx (bin/charlens.js), or with `bundle` the esbuild bundle `npm start` runs (dist/server/charlens.js).
 */
export async function startCharlens(env: Record<string, string>, args: string[] = [], options: { bundle?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort();
  const command = options.bundle ? [...SERVER_NODE_FLAGS, 'dist/server/charlens.js'] : ['bin/charlens.js'];
  const child = spawn(process.execPath, [...command, 'serve', ...args], {
    cwd: repoRoot,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  let stopping = false;
  // A server that dies under a test should say why, not just refuse connections.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`charlens serve exited unexpectedly (${code ?? signal}):\n${output}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`charlens did not start in time:\n${output}`)), 60_000);
    const check = () => {
      if (output.includes('charlens is listening')) {
        clearTimeout(timer);
        resolve();
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`charlens exited with ${child.exitCode}:\n${output}`));
      } else setTimeout(check, 50);
    };
    check();
  });
  return {
    url,
    process: child,
    output: () => output,
    crash: async () => {
      stopping = true;
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    },
    stop: async () => {
      stopping = true;
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Runs the `charlens` CLI to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['bin/charlens.js', ...args], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (c) => resolve(c ?? -1)));
  return { code, stdout, stderr };
}

import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { SERVER_NODE_FLAGS } from '../server/cli/node-flags.ts';
import { freePort, repoRoot } from '../tests/helpers/server.ts';

export const BENCH_TOKEN = 'clt_bench-token';

let built = false;

/** The bundled server `npm start` runs (dist/server/charlens.js), built once per bench process. */
export function serverBundle() {
  if (!built) execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: repoRoot, stdio: 'inherit' });
  built = true;
  return 'dist/server/charlens.js';
}

/** A real `charlens serve` process on `databaseUrl` (and `env`), with its peak resident memory readable from /proc. */
export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}) {
  const port = await freePort();
  // BENCH_SERVER_NODE_ARGS: node flags for the server only, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (not
  // allowed in NODE_OPTIONS) to see where a bench's server time goes.
  const nodeArgs = process.env['BENCH_SERVER_NODE_ARGS']?.split(' ').filter(Boolean) ?? [];
  // The flags `npm start` runs the server with (server/cli/node-flags.ts), then the bench's own.
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, serverBundle(), 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      CHARLENS_INIT_ADMIN_EMAIL: 'bench@example.com',
      CHARLENS_INIT_ADMIN_PASSWORD: 'bench-password',
      CHARLENS_INIT_API_TOKEN: BENCH_TOKEN,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Peak resident set size (VmHWM) in MB. */
    peakRssMb: () => procStatusMb(child.pid, 'VmHWM'),
    /** Resident set size now (VmRSS) in MB. */
    rssMb: () => procStatusMb(child.pid, 'VmRSS'),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Writes NDJSON lines `0…count-1` to a file, so that an upload measures the server, not the making of lines. */
export async function writeNdjson(file: string, count: number, line: (i: number) => unknown): Promise<number> {
  const out = createWriteStream(file);
  let bytes = 0;
  for (let i = 0; i < count; ) {
    let chunk = '';
    for (let n = 0; n < 500 && i < count; n++, i++) chunk += JSON.stringify(line(i)) + '\n';
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return bytes;
}

function procStatusMb(pid: number | undefined, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
}

/** Streams NDJSON lines made on the fly, so the client never holds the whole upload. */
export async function streamUpload(url: string, count: number, line: (i: number) => unknown): Promise<{ status: number; body: unknown; bytes: number }> {
  let i = 0;
  let bytes = 0;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i >= count) return controller.close();
      let chunk = '';
      for (let n = 0; n < 50 && i < count; n++, i++) chunk += JSON.stringify(line(i)) + '\n';
      const encoded = encoder.encode(chunk);
      bytes += encoded.byteLength;
      controller.enqueue(encoded);
    },
  });
  const init: RequestInit & { duplex: 'half' } = {
    method: 'POST',
    headers: { authorization: `Bearer ${BENCH_TOKEN}`, 'content-type': 'application/x-ndjson' },
    body,
    duplex: 'half',
  };
  const res = await fetch(`${url}/api/v1/transcripts/batch`, init);
  return { status: res.status, body: await res.json(), bytes };
}

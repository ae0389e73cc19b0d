import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { freePort, repoRoot } from '../tests/helpers/server.ts';
import { SERVER_NODE_FLAGS } from '../server/cli/node-flags.ts';
import { BENCH_TOKEN, serverBundle } from './server.ts';

/**
 * `npm run bench:peer` (opt-in, not CI): charlens against promptfoo on the same records, whole processes.
 * promptfoo 0.121.20 (drizzle + libSQL, like charlens) is installed into a temp folder, never as a project
 * dependency; `../shared/peer/promptfoo/` makes an eval export of N results and the same results as native
 * NDJSON. promptfoo: `promptfoo import export.json` on a fresh config folder. charlens: a fresh database,
 * the bundled `charlens serve`, `charlens upload native.ndjson`, stop. A warm-up of each, then 3 runs each
 * alternating; medians of wall time, and each side's peak resident memory (VmHWM of every process in its
 * tree, polled from /proc). PEER_N sets N (default 10,000); PROMPTFOO_PREFIX reuses an installed promptfoo.
 */
const N = Number(process.env['PEER_N'] ?? '10000');
const RUNS = 3;
const PROMPTFOO_VERSION = '0.121.20';
const peerDir = join(repoRoot, '../shared/peer/promptfoo');
const log = (s: string) => process.stderr.write(`${s}\n`);

if (!existsSync(join(peerDir, 'gen_export.py'))) {
  log(`bench:peer skipped: ${peerDir} (the peer's record generator) is absent`);
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'charlens-peer-'));
try {
  const prefix = process.env['PROMPTFOO_PREFIX'] ?? join(dir, 'promptfoo');
  const promptfoo = join(prefix, 'node_modules', '.bin', 'promptfoo');
  if (!existsSync(promptfoo)) {
    log(`installing promptfoo@${PROMPTFOO_VERSION} into ${prefix}…`);
    execFileSync('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', `promptfoo@${PROMPTFOO_VERSION}`], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  log(`generating ${N} records with ${peerDir}…`);
  const exportFile = join(dir, 'export.json');
  const nativeFile = join(dir, 'native.ndjson');
  execFileSync('python3', [join(peerDir, 'gen_export.py'), String(N), exportFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('python3', [join(peerDir, 'to_native.py'), exportFile, nativeFile], { stdio: ['ignore', 'ignore', 'inherit'] });
  const bundle = serverBundle();

  const runPromptfoo = async (run: string) => {
    const configDir = mkdtempSync(join(dir, `promptfoo-${run}-`));
    const env = { ...process.env, PROMPTFOO_CONFIG_DIR: configDir, PROMPTFOO_DISABLE_TELEMETRY: '1', PROMPTFOO_DISABLE_UPDATE: '1', PROMPTFOO_DISABLE_SHARING: '1' };
    const start = performance.now();
    const child = spawn(promptfoo, ['import', exportFile], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const done = exited(child, 'promptfoo import');
    const peak = watchPeak(child);
    await done;
    const seconds = (performance.now() - start) / 1000;
    rmSync(configDir, { recursive: true, force: true });
    return { seconds, peakMib: peak.stop() };
  };

  const runCharlens = async (run: string) => {
    const dbFile = join(dir, `charlens-${run}.db`);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env,
      DATABASE_URL: `file:${dbFile}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      CHARLENS_INIT_ADMIN_EMAIL: 'bench@example.com',
      CHARLENS_INIT_ADMIN_PASSWORD: 'bench-password',
      CHARLENS_INIT_API_TOKEN: BENCH_TOKEN,
    };
    const start = performance.now();
    const server = spawn(process.execPath, [...SERVER_NODE_FLAGS, bundle, 'serve'], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const serverDone = exited(server, 'charlens serve');
    const serverPeak = watchPeak(server);
    await new Promise<void>((resolve, reject) => {
      server.stdout?.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
      server.once('exit', (code) => reject(new Error(`charlens serve exited with ${code}`)));
    });
    const upload = spawn(process.execPath, [bundle, 'upload', nativeFile, '--url', url, '--token', BENCH_TOKEN], { cwd: repoRoot, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const uploadDone = exited(upload, 'charlens upload');
    const uploadPeak = watchPeak(upload);
    await uploadDone;
    server.kill('SIGTERM');
    await serverDone;
    const seconds = (performance.now() - start) / 1000;
    const stored = await createDb(`file:${dbFile}`);
    const count = Number((await stored.client.execute('SELECT count(*) FROM transcripts')).rows[0]?.[0]);
    stored.close();
    if (count !== N) throw new Error(`charlens stored ${count} of ${N} transcripts`);
    for (const f of readdirSync(dir)) if (f.startsWith(`charlens-${run}.db`)) rmSync(join(dir, f), { force: true });
    return { seconds, peakMib: serverPeak.stop(), uploadPeakMib: uploadPeak.stop() };
  };

  log('warm-up: one run of each…');
  await runPromptfoo('warmup');
  await runCharlens('warmup');
  const peer: Awaited<ReturnType<typeof runPromptfoo>>[] = [];
  const ours: Awaited<ReturnType<typeof runCharlens>>[] = [];
  for (let run = 1; run <= RUNS; run++) {
    peer.push(await runPromptfoo(String(run)));
    log(`run ${run}/${RUNS}: promptfoo ${peer.at(-1)?.seconds.toFixed(2)} s`);
    ours.push(await runCharlens(String(run)));
    log(`run ${run}/${RUNS}: charlens ${ours.at(-1)?.seconds.toFixed(2)} s`);
  }
  const peerSeconds = median(peer.map((r) => r.seconds));
  const ourSeconds = median(ours.map((r) => r.seconds));
  const mib = (values: number[]) => `${Math.max(...values).toFixed(0)} MiB`;
  const rows = [
    ['promptfoo import', `${peerSeconds.toFixed(2)} s (${(N / peerSeconds).toFixed(0)}/s)`, `peak ${mib(peer.map((r) => r.peakMib))}`],
    ['charlens serve + upload', `${ourSeconds.toFixed(2)} s (${(N / ourSeconds).toFixed(0)}/s)`, `server peak ${mib(ours.map((r) => r.peakMib))}, upload CLI peak ${mib(ours.map((r) => r.uploadPeakMib))}`],
    ['charlens vs promptfoo', `${(peerSeconds / ourSeconds).toFixed(2)}× faster`, 'target ≥ 3×'],
  ];
  console.log(`peer benchmark, N = ${N}, whole processes, medians of ${RUNS} alternating runs (runs: promptfoo ${peer.map((r) => r.seconds.toFixed(2)).join(', ')} s; charlens ${ours.map((r) => r.seconds.toFixed(2)).join(', ')} s)`);
  for (const [what, time, memory] of rows) console.log(`| ${what?.padEnd(24)} | ${time?.padEnd(22)} | ${memory} |`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** Settles when the process ends: fails, with the end of its stderr, unless it ended with 0. Call it right after spawning. */
async function exited(child: ChildProcess, what: string): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`${what} exited with ${code}: ${stderr}`);
}

/** Polls the peak resident set (VmHWM) of the process and every process below it; `stop` gives the largest, in MiB. */
function watchPeak(child: ChildProcess) {
  const peaks = new Map<number, number>();
  const poll = () => {
    for (const pid of tree(child.pid)) {
      const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readOr(`/proc/${pid}/status`))?.[1] ?? 0);
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, kb));
    }
  };
  poll();
  const timer = setInterval(poll, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(0, ...peaks.values()) / 1024;
    },
  };
}

function tree(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  const out = [pid];
  let tasks: string[] = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const task of tasks) {
    for (const child of readOr(`/proc/${pid}/task/${task}/children`).split(' ').filter(Boolean)) out.push(...tree(Number(child)));
  }
  return out;
}

function readOr(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

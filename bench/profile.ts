import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { benchLine } from './data.ts';
import { uploadFile } from '../server/cli/upload.ts';
import { BENCH_TOKEN, serverBundle, writeNdjson } from './server.ts';
import { freePort, repoRoot } from '../tests/helpers/server.ts';

/**
 * `npm run bench:profile -- [N | FILE]`: one upload of N bench lines (default 10,000), or of an NDJSON file, to
 * the bundled server run under
 * `node --cpu-prof`, and where its CPU time went, by ingest phase (idle time left out). A sample goes to the
 * first phase of the list below that any frame of its stack belongs to. SQLite's own work (inserts, indexes,
 * the FTS triggers, the commit's WAL checkpoint) runs on the write thread, whose busy time is printed after the
 * main thread's phases (with a database file; on the main thread otherwise, as `write (libsql)` and `commit`).
 * KEEP_PROFILE=1 keeps the .cpuprofile files. PROFILE_FTS=off drops the FTS insert trigger before the server starts, so that comparing the
 * two runs' write-thread time shows what full-text indexing costs (the profile cannot see inside SQLite).
 */
const arg = process.argv[2] ?? '10000';
const given = existsSync(arg) ? arg : null;
const count = given ? readFileSync(arg, 'utf8').split('\n').filter(Boolean).length : Number(arg);
const dir = mkdtempSync(join(tmpdir(), 'charlens-profile-'));
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Phases in the order they are tried: the first whose rule matches a frame of the stack wins. */
const PHASES: [phase: string, matches: (frame: CallFrame) => boolean][] = [
  ['commit', (f) => f.functionName === 'commit' && f.url.includes('@libsql')],
  ['write (libsql: SQL, indexes, FTS)', (f) => f.functionName === 'executeStmt' || (f.url.includes('libsql/index.js') && f.functionName !== '')],
  ['read lines', (f) => f.functionName === 'readNdjsonLines'],
  ['parse (JSON.parse)', (f) => f.functionName === 'parseJson'],
  ['validate (zod)', (f) => f.functionName === 'parseNativeLine'],
  ['prepare (hash, flatten, evidence)', (f) => f.functionName === 'prepareTranscript'],
  ['spool (body to file and back)', (f) => (f.url.includes('dist/server/') && (f.functionName === 'spooled' || f.functionName === 'counted')) || f.functionName.startsWith('WriteStream.') || f.functionName.startsWith('ReadStream.')],
  ['write (js: rows, SQL building)', (f) => f.url.includes('drizzle-orm') || f.url.includes('@libsql') || (f.url.includes('dist/server/') && /^(writeBatch|writeChunk|insertRows|insert\w*|resolve\w*|traitValueRows)$/.test(f.functionName))],
  ['http (request body)', (f) => f.url.includes('hono') || f.url.includes('node:internal/webstreams') || f.url.includes('undici')],
  ['gc', (f) => f.functionName === '(garbage collector)'],
  ['server start (module loading)', (f) => f.url.startsWith('node:internal/modules')],
];

interface CallFrame {
  functionName: string;
  url: string;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

try {
  const file = given ?? join(dir, 'upload.ndjson');
  if (!given) await writeNdjson(file, count, benchLine);
  const databaseUrl = `file:${join(dir, 'profile.db')}`;
  if (process.env['PROFILE_FTS'] === 'off') {
    const database = await createDb(databaseUrl);
    await database.client.execute('DROP TRIGGER messages_fts_ai');
    database.close();
    log('FTS insert trigger dropped: messages are not indexed in this run');
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, serverBundle(), 'serve'], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, HOST: '127.0.0.1', PORT: String(port), CHARLENS_INIT_ADMIN_EMAIL: 'bench@example.com', CHARLENS_INIT_ADMIN_PASSWORD: 'bench-password', CHARLENS_INIT_API_TOKEN: BENCH_TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => d.toString().includes('listening') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const start = performance.now();
  const upload = await uploadFile(file, { url: `http://127.0.0.1:${port}`, token: BENCH_TOKEN, atomic: true, progress: false });
  const seconds = (performance.now() - start) / 1000;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
  if (!upload.ok) throw new Error(`upload failed: ${JSON.stringify(upload)}`);
  // One profile per thread, named CPU.<date>.<time>.<pid>.<thread>.<seq>: thread 0 is the main one.
  const profileFiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).sort((a, b) => threadOf(a) - threadOf(b));
  const [mainFile, ...workerFiles] = profileFiles;
  if (!mainFile) throw new Error('no .cpuprofile was written');
  const profile: Profile = JSON.parse(readFileSync(join(dir, mainFile), 'utf8'));
  console.log(`${count} transcripts in ${seconds.toFixed(1)} s = ${(count / seconds).toFixed(0)}/s`);
  console.log('main thread:');
  for (const [phase, ms] of breakdown(profile)) console.log(`${phase.padEnd(36)} ${ms.share}  (${(ms.ms / 1000).toFixed(2)} s)`);
  // The worker threads (the write thread, readers): busy time only; the write thread's is SQLite's work.
  for (const file of workerFiles) {
    const worker: Profile = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const busy = breakdown(worker).reduce((sum, [, ms]) => sum + ms.ms, 0);
    console.log(`worker thread ${threadOf(file)}: busy ${(busy / 1000).toFixed(2)} s`);
  }
} finally {
  if (process.env['KEEP_PROFILE']) log(`profile kept in ${dir} (open it in Chrome DevTools' Performance panel)`);
  else rmSync(dir, { recursive: true, force: true });
}

function threadOf(file: string): number {
  return Number(file.split('.').at(-3));
}

/** CPU time per phase as a share of the busy time (idle excluded). */
function breakdown(profile: Profile): [string, { ms: number; share: string }][] {
  const parent = new Map<number, number>();
  const byId = new Map<number, ProfileNode>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const c of node.children ?? []) parent.set(c, node.id);
  }
  const phaseOf = new Map<number, string>();
  const classify = (id: number): string => {
    const known = phaseOf.get(id);
    if (known) return known;
    const frames: CallFrame[] = [];
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const node = byId.get(n);
      if (node) frames.push(node.callFrame);
    }
    let phase = frames[0]?.functionName === '(idle)' ? 'idle' : 'other';
    for (const [name, matches] of PHASES) {
      if (frames.some(matches)) {
        phase = name;
        break;
      }
    }
    phaseOf.set(id, phase);
    return phase;
  };
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const phase = classify(id);
    totals.set(phase, (totals.get(phase) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  totals.delete('idle');
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  return [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([phase, ms]) => [phase, { ms, share: `${((ms / busy) * 100).toFixed(1).padStart(5)}%` }]);
}

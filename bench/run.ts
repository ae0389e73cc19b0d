import { existsSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { writeDirect } from './baseline.ts';
import { benchLine } from './data.ts';
import { readBench } from './read.ts';
import { mixedBench } from './mixed.ts';
import { heavyReadsBench } from './heavy-reads.ts';
import { runMillionMode } from './million.ts';
import { BENCH_TOKEN, startBenchServer, streamUpload } from './server.ts';
import { webBench } from './web.ts';
import { judgeBench } from './judge.ts';
import { fuzzBench } from './fuzz.ts';
import { labelingBench } from './labeling.ts';
import { repoRoot } from '../tests/helpers/server.ts';

/**
 * `npm run bench`: every benchmark, printed as one table. Sizes can be lowered with BENCH_SCALE=0.1;
 * BENCH_ONLY=reads runs the read benchmarks alone (list, search, statistics, mixed load, slow reads).
 */
const scale = Number(process.env['BENCH_SCALE'] ?? '1');
const only = process.env['BENCH_ONLY'];
if (only !== undefined && only !== 'reads') throw new Error(`BENCH_ONLY=${only}: the one subset is reads`);
const all = only === undefined;
const INGEST_N = Math.round(20_000 * scale);
const MEMORY_MB = Math.round(200 * scale);
const READ_N = Math.round(100_000 * scale);
// BENCH_SCALE=10 is the one-million-transcripts mode: reads at 1,000,000 (bench/million.ts), nothing else.
if (scale >= 10) process.exit(await runMillionMode());

interface Row {
  benchmark: string;
  result: string;
  target: string;
}
const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'charlens-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);

try {
  if (all) await ingestAndMemory();
  // 3. List, search and statistics at READ_N transcripts, filled through HTTP with scores (bench/read.ts).
  rows.push(...(await readBench(dir, READ_N)));
  const seconds = Math.max(5, Math.round(30 * Math.min(1, scale)));
  // 3b. /health and a list page while slow reads run, reads on the main thread vs the read workers (bench/heavy-reads.ts).
  rows.push(...(await heavyReadsBench(join(dir, 'read.db'), READ_N, seconds)));
  // 3c. Mixed load on that database: 20 uploaders alone, then with 20 readers (bench/mixed.ts); it adds transcripts.
  rows.push(...(await mixedBench(join(dir, 'read.db'), READ_N, seconds)));
  if (all) await theRest();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

async function ingestAndMemory() {
  // 1. Ingest through HTTP against the baseline, in the same run.
  log(`baseline: ${INGEST_N} transcripts through client.batch()…`);
  const base = await createDb(`file:${join(dir, 'baseline.db')}`);
  let start = performance.now();
  await writeDirect(base.client, 0, INGEST_N);
  const baselineRate = INGEST_N / ((performance.now() - start) / 1000);
  await base.close();

  log(`http: ${INGEST_N} transcripts through POST /api/v1/transcripts/batch…`);
  const ingestServer = await startBenchServer(`file:${join(dir, 'http.db')}`);
  start = performance.now();
  const upload = await streamUpload(ingestServer.url, INGEST_N, benchLine);
  const httpRate = INGEST_N / ((performance.now() - start) / 1000);
  await ingestServer.stop();
  if (upload.status !== 200) throw new Error(`ingest failed: ${JSON.stringify(upload.body)}`);
  rows.push({ benchmark: `ingest baseline (client.batch), ${INGEST_N} × 10 msgs`, result: `${baselineRate.toFixed(0)} transcripts/s`, target: '' });
  rows.push({
    benchmark: `ingest HTTP NDJSON, ${INGEST_N} × 10 msgs (${(upload.bytes / INGEST_N / 1024).toFixed(1)} KB each)`,
    result: `${httpRate.toFixed(0)} transcripts/s = ${(httpRate / baselineRate).toFixed(2)}× baseline`,
    target: '≥ 0.5× baseline',
  });

  // 2. Peak server memory for a large upload.
  const lineBytes = JSON.stringify(benchLine(1)).length + 1;
  const memoryN = Math.ceil((MEMORY_MB * 1024 * 1024) / lineBytes);
  log(`memory: ${MEMORY_MB} MB upload (${memoryN} transcripts)…`);
  const memServer = await startBenchServer(`file:${join(dir, 'memory.db')}`);
  const idleMb = memServer.peakRssMb();
  const big = await streamUpload(memServer.url, memoryN, benchLine);
  const peakMb = memServer.peakRssMb();
  await memServer.stop();
  if (big.status !== 200) throw new Error(`large upload failed: ${JSON.stringify(big.body)}`);
  rows.push({
    benchmark: `server peak RSS, ${(big.bytes / 1024 / 1024).toFixed(0)} MB upload`,
    result: `${peakMb.toFixed(0)} MB (${idleMb.toFixed(0)} MB at start)`,
    target: '< 300 MB',
  });

  // 2b. Importing both Spiral-Bench result files through the imports endpoint (issue 3), when the data is here.
  const spiralDir = join(repoRoot, '../shared/data/spiral-bench/res_v0.2');
  if (existsSync(spiralDir)) {
    log('import: both Spiral-Bench files through POST /api/v1/imports…');
    const importServer = await startBenchServer(`file:${join(dir, 'import.db')}`);
    const form = new FormData();
    let bytes = 0;
    for (const name of ['claude-3.5-sonnet.json', 'claude-sonnet-4.json']) {
      const blob = await openAsBlob(join(spiralDir, name));
      bytes += blob.size;
      form.append('file', blob, name);
    }
    start = performance.now();
    const res = await fetch(`${importServer.url}/api/v1/imports`, { method: 'POST', headers: { authorization: `Bearer ${BENCH_TOKEN}` }, body: form });
    const seconds = (performance.now() - start) / 1000;
    const body: unknown = await res.json();
    const peak = importServer.peakRssMb();
    await importServer.stop();
    if (res.status !== 200) throw new Error(`spiral import failed: ${JSON.stringify(body)}`);
    rows.push({
      benchmark: `import both Spiral-Bench files (${(bytes / 1024 / 1024).toFixed(1)} MB, 60 transcripts)`,
      result: `${seconds.toFixed(2)} s, server peak RSS ${peak.toFixed(0)} MB`,
      target: '< 5 s',
    });
  } else {
    log(`import: skipped, ${spiralDir} is absent`);
  }

}

async function theRest() {
  // 4. The judge: pipeline overhead, throughput at 300 ms latency, prompt-cache share (bench/judge.ts).
  rows.push(...(await judgeBench(scale)));

  // 5. The web app in Chromium (issue 4): first turn of a long transcript, first list page, JS size.
  log('web: Chromium…');
  rows.push(...(await webBench()));

  // 6. Labeling under load: 20 labelers claiming and submitting for 30 s (bench/labeling.ts).
  rows.push(...(await labelingBench(dir, Math.max(5, Math.round(30 * Math.min(1, scale))))));

  // 7. The fuzz suite at scale: ≥ 10,000 seeded hostile requests (tests/fuzz runs a few hundred in CI).
  log('fuzz…');
  rows.push(...(await fuzzBench(Math.max(1000, Math.round(10_000 * scale)))));
}

const widths = [0, 1, 2].map((c) => Math.max(...[['benchmark', 'result', 'target'], ...rows.map((r) => [r.benchmark, r.result, r.target])].map((r) => (r[c] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(['benchmark', 'result', 'target']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line([r.benchmark, r.result, r.target]));

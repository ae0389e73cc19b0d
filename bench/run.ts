import { existsSync, mkdtempSync, openAsBlob, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ingestBench } from './ingest.ts';
import { benchLine } from './data.ts';
import { readBench } from './read.ts';
import { heavyReadsBench } from './heavy-reads.ts';
import { mixedBench } from './mixed.ts';
import { runMillionMode } from './million.ts';
import { BENCH_TOKEN, startBenchServer, streamUpload } from './server.ts';
import { webBench } from './web.ts';
import { overviewBench } from './overview.ts';
import { judgeBench } from './judge.ts';
import { fuzzBench } from './fuzz.ts';
import { labelingBench } from './labeling.ts';
import { repoRoot } from '../tests/helpers/server.ts';

/**
 * `npm run bench`: every benchmark, printed as one table. Sizes can be lowered with BENCH_SCALE=0.1; BENCH_ONLY
 * (comma-separated: ingest, memory, import, read, heavy, mixed, judge, web, overview, labeling, fuzz) runs only
 * those sections. BENCH_SCALE=10 is the million mode alone. BENCH_DIR=folder keeps the filled read and million
 * databases there, and a later run with the same folder reads them instead of filling again.
 */
const scale = Number(process.env['BENCH_SCALE'] ?? '1');
const SECTIONS = ['ingest', 'memory', 'import', 'read', 'heavy', 'mixed', 'judge', 'web', 'overview', 'labeling', 'fuzz'];
const only = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim()).filter(Boolean) ?? SECTIONS;
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length) throw new Error(`BENCH_ONLY: unknown section ${unknown.join(', ')} (expected ${SECTIONS.join(', ')})`);
const wanted = (section: string) => only.includes(section);
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
// BENCH_DIR keeps the databases the bench fills (bench/read.ts, bench/million.ts) for the next run to reuse.
const keptDir = process.env['BENCH_DIR'];
const dir = keptDir ?? mkdtempSync(join(tmpdir(), 'charlens-bench-'));
const log = (s: string) => process.stderr.write(`${s}\n`);

try {
  // 1. Ingest through HTTP against the in-process ceiling, in the same run (bench/ingest.ts).
  if (wanted('ingest')) rows.push(...(await ingestBench(dir, INGEST_N)));

  // 2. Peak server memory for a large upload.
  if (wanted('memory')) await memoryBench();

  // 2b. Importing both Spiral-Bench result files through the imports endpoint (issue 3), when the data is here.
  if (wanted('import')) await spiralImportBench();

  // 3. List, search and statistics at READ_N transcripts, filled through HTTP with scores (bench/read.ts).
  // heavy and mixed run on the read database, so they fill it too when read is not asked for.
  if (wanted('read') || wanted('heavy') || wanted('mixed')) {
    const read = await readBench(dir, READ_N);
    if (wanted('read')) rows.push(...read);
  }
  const seconds = Math.max(5, Math.round(30 * Math.min(1, scale)));
  // 3b. /health and a list page while slow reads run, reads on the main thread vs the read workers (bench/heavy-reads.ts).
  if (wanted('heavy')) rows.push(...(await heavyReadsBench(join(dir, 'read.db'), READ_N, seconds)));
  // 3c. Mixed load on that database: 20 uploaders alone, then with 20 readers (bench/mixed.ts); it adds transcripts.
  if (wanted('mixed')) rows.push(...(await mixedBench(join(dir, 'read.db'), READ_N, seconds)));

  // 4. The judge: pipeline overhead, throughput at 300 ms latency, prompt-cache share (bench/judge.ts).
  if (wanted('judge')) rows.push(...(await judgeBench(scale)));

  // 5. The web app in Chromium (issue 4): first turn of a long transcript, first list page, JS size.
  if (wanted('web')) {
    log('web: Chromium…');
    rows.push(...(await webBench()));
  }
  // The overview over 100,000 transcripts × 3 versions × 6 traits (issue 11), first visit and later ones.
  if (wanted('overview')) rows.push(...(await overviewBench(scale)));

  // 6. Labeling under load: 20 labelers claiming and submitting for 30 s (bench/labeling.ts).
  if (wanted('labeling')) rows.push(...(await labelingBench(dir, Math.max(5, Math.round(30 * Math.min(1, scale))))));

  // 7. The fuzz suite at scale: ≥ 10,000 seeded hostile requests (tests/fuzz runs a few hundred in CI).
  if (wanted('fuzz')) {
    log('fuzz…');
    rows.push(...(await fuzzBench(Math.max(1000, Math.round(10_000 * scale)))));
  }
} finally {
  if (!keptDir) rmSync(dir, { recursive: true, force: true });
}

async function memoryBench() {
  const lineBytes = JSON.stringify(benchLine(1)).length + 1;
  const memoryN = Math.ceil((MEMORY_MB * 1024 * 1024) / lineBytes);
  log(`memory: ${MEMORY_MB} MB upload (${memoryN} transcripts)…`);
  const memServer = await startBenchServer(`file:${join(dir, 'memory.db')}`);
  // Idle: resident once start-up work has settled; the start-up peak is shown beside it.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleMb = memServer.rssMb();
  const startPeakMb = memServer.peakRssMb();
  const big = await streamUpload(memServer.url, memoryN, benchLine);
  const peakMb = memServer.peakRssMb();
  await memServer.stop();
  if (big.status !== 200) throw new Error(`large upload failed: ${JSON.stringify(big.body)}`);
  rows.push({
    benchmark: `server peak RSS, ${(big.bytes / 1024 / 1024).toFixed(0)} MB upload`,
    result: `${peakMb.toFixed(0)} MB`,
    target: '< 200 MB',
  });
  rows.push({
    benchmark: 'server idle RSS (started, before the upload)',
    result: `${idleMb.toFixed(0)} MB (start-up peak ${startPeakMb.toFixed(0)} MB)`,
    target: '< 120 MB',
  });
}

async function spiralImportBench() {
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
    const start = performance.now();
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

const widths = [0, 1, 2].map((c) => Math.max(...[['benchmark', 'result', 'target'], ...rows.map((r) => [r.benchmark, r.result, r.target])].map((r) => (r[c] ?? '').length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
console.log(line(['benchmark', 'result', 'target']));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line([r.benchmark, r.result, r.target]));

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { benchRows, writeRows } from './ceiling.ts';
import { benchLine } from './data.ts';
import { uploadFile } from '../server/cli/upload.ts';
import { BENCH_TOKEN, startBenchServer, writeNdjson } from './server.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/**
 * HTTP ingest against its ceiling, in one run: the same N transcripts written by `@libsql/client` in this
 * process as fast as it can (bench/ceiling.ts), then uploaded from a file to a real server as NDJSON (the CLI's own `uploadFile`); twice,
 * alternating, each on a fresh database, and the better of the two of each kept (the machine is shared: the
 * better run is the less disturbed one, for both alike). Both inputs are made before the clock starts: the
 * ceiling's rows in memory, the upload's lines in a file, streamed as `charlens upload` streams one.
 */
export async function ingestBench(dir: string, n: number) {
  log(`ingest: making the rows and the NDJSON file of ${n} transcripts…`);
  const rows = benchRows(0, n, { models: new Map(), scenarios: new Map() });
  const file = join(dir, 'ingest.ndjson');
  const bytes = await writeNdjson(file, n, benchLine);
  const ceiling: number[] = [];
  const http: number[] = [];
  for (let run = 1; run <= 2; run++) {
    log(`ingest ${run}/2: ceiling, ${n} transcripts in one libSQL transaction…`);
    const ceilingFile = join(dir, `ceiling-${run}.db`);
    const db = await createDb(`file:${ceilingFile}`);
    let start = performance.now();
    await writeRows(db.client, rows);
    ceiling.push(n / ((performance.now() - start) / 1000));
    db.close();
    rmSync(ceilingFile, { force: true });

    log(`ingest ${run}/2: HTTP, ${n} transcripts through POST /api/v1/transcripts/batch…`);
    const httpFile = join(dir, `http-${run}.db`);
    const server = await startBenchServer(`file:${httpFile}`);
    start = performance.now();
    const upload = await uploadFile(file, { url: server.url, token: BENCH_TOKEN, atomic: true, progress: false });
    http.push(n / ((performance.now() - start) / 1000));
    await server.stop();
    rmSync(httpFile, { force: true });
    if (!upload.ok || upload.inserted !== n) throw new Error(`ingest failed: ${JSON.stringify(upload)}`);
  }
  rmSync(file, { force: true });
  const ceilingRate = Math.max(...ceiling);
  const httpRate = Math.max(...http);
  const runs = (rates: number[]) => rates.map((r) => r.toFixed(0)).join(', ');
  return [
    {
      benchmark: `ingest ceiling: @libsql/client in-process, multi-row INSERTs, one transaction, FTS on, ${n} × 10 msgs`,
      result: `${ceilingRate.toFixed(0)} transcripts/s (runs: ${runs(ceiling)})`,
      target: '',
    },
    {
      benchmark: `ingest HTTP NDJSON, same ${n} transcripts (${(bytes / n / 1024).toFixed(1)} KB each)`,
      result: `${httpRate.toFixed(0)} transcripts/s = ${(httpRate / ceilingRate).toFixed(2)}× ceiling (runs: ${runs(http)})`,
      target: '≥ 0.7× ceiling',
    },
  ];
}

import { join } from 'node:path';
import { COMMON_TERM, RARE_TERM, SCORE_SAMPLES, scoredBenchLine, STATS_MODELS } from './data.ts';
import type { BenchRow } from './judge.ts';
import { BENCH_TOKEN, startBenchServer, streamUpload } from './server.ts';
import { timeRequests } from './stats.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Transcripts per upload: a user sends a large set as several files, each one transaction. */
const UPLOAD_TRANSCRIPTS = 10_000;

/**
 * List and search latency on one database of `transcripts` transcripts, filled through the real
 * ingest path (POST /api/v1/transcripts/batch), with the scores and trait values
 * the writer makes.
 * Three model versions share every scenario, ten transcripts per scenario in all (3–4 per model).
 */
export async function readBench(dir: string, transcripts: number): Promise<BenchRow[]> {
  const scenarios = Math.max(1, Math.round(transcripts / 10));
  log(`read: uploading ${transcripts} transcripts with ${SCORE_SAMPLES} scores each…`);
  const server = await startBenchServer(`file:${join(dir, 'read.db')}`);
  try {
    const start = performance.now();
    for (let from = 0; from < transcripts; from += UPLOAD_TRANSCRIPTS) {
      const count = Math.min(UPLOAD_TRANSCRIPTS, transcripts - from);
      const upload = await streamUpload(server.url, count, (j) => scoredBenchLine(from + j, scenarios));
      if (upload.status !== 200) throw new Error(`read upload failed: ${JSON.stringify(upload.body)}`);
    }
    log(`read: filled in ${((performance.now() - start) / 1000).toFixed(0)} s`);

    const fetchOk = async (path: string) => {
      const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${BENCH_TOKEN}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res;
    };
    const get = (path: string) => async () => {
      await (await fetchOk(path)).arrayBuffer();
    };
    const rows: BenchRow[] = [];
    const list = await timeRequests(200, get(`/api/v1/transcripts?model=${STATS_MODELS[1]}&limit=50`));
    rows.push({ benchmark: `list, model filter, ${transcripts} transcripts`, result: ms(list), target: 'p95 < 20 ms' });
    const rare = await timeRequests(50, get(`/api/v1/transcripts?q=${RARE_TERM}`));
    rows.push({ benchmark: `search rare term, ${transcripts} transcripts`, result: ms(rare), target: 'reported' });
    const common = await timeRequests(20, get(`/api/v1/transcripts?q=${COMMON_TERM}`));
    rows.push({ benchmark: `search common term, ${transcripts} transcripts`, result: ms(common), target: 'reported' });

    return rows;
  } finally {
    await server.stop();
  }
}

function ms(t: { p50: number; p95: number }): string {
  return `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`;
}

import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createDb } from '../db/client.ts';
import { pairedComparisonSchema } from '../server/queries/stats/compare.ts';
import { traitSummaryListSchema } from '../server/queries/stats/summary.ts';
import { COMMON_TERM, RARE_EVERY, RARE_TERM, SCORE_SAMPLES, scoredBenchLine, STATS_MODELS, STATS_TRAIT } from './data.ts';
import type { BenchRow } from './judge.ts';
import { BENCH_TOKEN, startBenchServer, streamUpload } from './server.ts';
import { timeRequests } from './stats.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Transcripts per upload: a user sends a large set as several files, each one transaction. */
const UPLOAD_TRANSCRIPTS = 10_000;
const STATS_REPETITIONS = 20;
/** The statistics endpoints' default, stated here so the row label cannot drift from what ran. */
const RESAMPLES = 2000;

/**
 * List, search and statistics latency on one database of `transcripts` transcripts, filled through the real
 * ingest path (POST /api/v1/transcripts/batch), so the statistics read the trait_values the writer made.
 * Three model versions share every scenario, ten transcripts per scenario in all (3–4 per model).
 */
export async function readBench(dir: string, transcripts: number): Promise<BenchRow[]> {
  const scenarios = Math.max(1, Math.round(transcripts / 10));
  // With BENCH_DIR a copy of the filled database is kept (the mixed bench adds to read.db) and reused.
  const kept = process.env['BENCH_DIR'] ? join(dir, `read-${transcripts}.filled.db`) : null;
  const reuse = kept !== null && existsSync(kept);
  if (reuse) copyFileSync(kept, join(dir, 'read.db'));
  log(reuse ? `read: reusing ${kept}` : `read: uploading ${transcripts} transcripts with ${SCORE_SAMPLES} scores each…`);
  const server = await startBenchServer(`file:${join(dir, 'read.db')}`);
  try {
    const start = performance.now();
    for (let from = 0; !reuse && from < transcripts; from += UPLOAD_TRANSCRIPTS) {
      const count = Math.min(UPLOAD_TRANSCRIPTS, transcripts - from);
      const upload = await streamUpload(server.url, count, (j) => scoredBenchLine(from + j, scenarios));
      if (upload.status !== 200) throw new Error(`read upload failed: ${JSON.stringify(upload.body)}`);
    }
    if (!reuse) log(`read: filled in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    if (kept && !reuse) {
      // A consistent copy while the server runs (WAL lets this connection read beside it).
      const copy = await createDb(`file:${join(dir, 'read.db')}`, { readWorkers: 0 });
      await copy.client.execute({ sql: 'VACUUM INTO ?', args: [kept] });
      await copy.close();
    }

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
    rows.push({ benchmark: `search rare term (1 in ${RARE_EVERY.toLocaleString('en')} transcripts), ${transcripts} transcripts`, result: ms(rare), target: 'p95 < 10 ms' });
    const common = await timeRequests(50, get(`/api/v1/transcripts?q=${COMMON_TERM}`));
    rows.push({ benchmark: `search common term (in 50% of transcripts), ${transcripts} transcripts`, result: ms(common), target: 'p95 < 30 ms' });

    // The statistics: checked once for the expected shape, so a 200 with empty or degenerate numbers is not timed.
    const design = `${STATS_MODELS.length} models × ${scenarios} scenarios × ${(transcripts / STATS_MODELS.length / scenarios).toFixed(1)} transcripts, ${SCORE_SAMPLES * transcripts} scores`;
    const traitsPath = `/api/v1/stats/traits?trait=${STATS_TRAIT}&resamples=${RESAMPLES}`;
    const summary = traitSummaryListSchema.parse(await (await fetchOk(traitsPath)).json());
    const perModel = summary.items.map((item) => `${item.model} ${item.mean?.toFixed(3)} [${item.ciLow?.toFixed(3)}, ${item.ciHigh?.toFixed(3)}] over ${item.scenarios}`);
    log(`read: trait summary ${perModel.join('; ')}`);
    if (summary.items.length !== STATS_MODELS.length || summary.items.some((item) => item.scenarios !== scenarios || item.ciLow === null)) {
      throw new Error(`trait summary is not one interval per model over ${scenarios} scenarios: ${perModel.join('; ')}`);
    }
    // A new seed per request: the stats routes keep answers per query (queries/memo.ts), and the figure
    // wanted here is the computation, not the cache. The cached answer is timed on its own.
    let seed = 1;
    const fresh = (path: string) => () => get(`${path}&seed=${seed++}`)();
    const traitTimes = await timeRequests(STATS_REPETITIONS, fresh(traitsPath));
    rows.push({ benchmark: `stats trait summary, ${STATS_MODELS.length} models in one request, ${design}, ${RESAMPLES} resamples`, result: ms(traitTimes), target: 'p95 < 500 ms' });
    const cachedTimes = await timeRequests(STATS_REPETITIONS, get(traitsPath));
    rows.push({ benchmark: 'stats trait summary again, same query, no write since', result: ms(cachedTimes), target: 'reported' });

    const comparePath = `/api/v1/stats/compare?trait=${STATS_TRAIT}&a=${STATS_MODELS[0]}&b=${STATS_MODELS[1]}&resamples=${RESAMPLES}`;
    const comparison = pairedComparisonSchema.parse(await (await fetchOk(comparePath)).json());
    log(`read: compare delta ${comparison.meanDelta?.toFixed(3)} [${comparison.ciLow?.toFixed(3)}, ${comparison.ciHigh?.toFixed(3)}], p ${comparison.pValue} (${comparison.pValueMethod}), d_z ${comparison.effectSize?.toFixed(2)}`);
    if (comparison.n !== scenarios || comparison.ciLow === null || comparison.pValue === null) {
      throw new Error(`comparison is not over ${scenarios} shared scenarios with an interval and a p-value: ${JSON.stringify({ ...comparison, scenarios: undefined })}`);
    }
    const compareTimes = await timeRequests(STATS_REPETITIONS, fresh(comparePath));
    rows.push({
      benchmark: `stats paired compare a vs b, ${comparison.n} shared scenarios of ${transcripts} transcripts, ${RESAMPLES} resamples + ${comparison.pValueMethod === 'exact' ? 'exact' : '10,000'} sign flips`,
      result: ms(compareTimes),
      target: 'p95 < 500 ms',
    });
    return rows;
  } finally {
    await server.stop();
  }
}

export function ms(t: { p50: number; p95: number }): string {
  return `p50 ${t.p50.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms`;
}

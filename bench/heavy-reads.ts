import { DEFAULT_READ_WORKERS } from '../db/read-pool.ts';
import { COMMON_TERM, STATS_MODELS, STATS_TRAIT } from './data.ts';
import type { BenchRow } from './judge.ts';
import { ms } from './read.ts';
import { BENCH_TOKEN, startBenchServer } from './server.ts';
import { percentile } from './stats.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/** Clients sending slow reads back to back. */
const HEAVY_CLIENTS = 4;
/** A probe waits this long between its requests, so that probing does not become load of its own. */
const PROBE_PAUSE_MS = 20;

/**
 * The slow reads, in turn: a search whose filter keeps none of the common term's hits (it walks every hit of
 * the term), the statistics of a trait (2,000 resamples), a paired comparison, and the thinking summary.
 * (scoredBenchLine tags exactly the transcripts without the common term `pushback`.) Each statistic with a new
 * seed: the stats routes keep answers per query (queries/memo.ts), and what is wanted here is the work.
 */
const HEAVY: Record<string, (seed: number) => string> = {
  'search common term, filtered to none of its hits': () => `/api/v1/transcripts?q=${COMMON_TERM}&tag=pushback`,
  'trait summary': (seed) => `/api/v1/stats/traits?trait=${STATS_TRAIT}&seed=${seed}`,
  'paired compare': (seed) => `/api/v1/stats/compare?trait=${STATS_TRAIT}&a=${STATS_MODELS[0]}&b=${STATS_MODELS[1]}&seed=${seed}`,
  'thinking summary': (seed) => `/api/v1/stats/thinking?seed=${seed}`,
};
/** What a person waits on while someone else's slow read runs: liveness, and a page of the list. */
const PROBES: Record<string, string> = {
  '/health': '/api/v1/health',
  'list page (model filter, 50)': `/api/v1/transcripts?model=${STATS_MODELS[1]}&limit=50`,
};

/**
 * Does one slow read hold every other request? On the read database (bench/read.ts), the server with reads on
 * its main thread (CHARLENS_READ_WORKERS=0, as before the read workers) and then with the default read
 * workers: first the probes alone, then the probes while HEAVY_CLIENTS send slow reads for `seconds`.
 */
export async function heavyReadsBench(databaseFile: string, transcripts: number, seconds: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const workers of [0, DEFAULT_READ_WORKERS]) {
    const setting = workers ? `${workers} read workers (default)` : 'reads on the main thread (CHARLENS_READ_WORKERS=0)';
    const server = await startBenchServer(`file:${databaseFile}`, { CHARLENS_READ_WORKERS: String(workers) });
    try {
      const headers = { authorization: `Bearer ${BENCH_TOKEN}` };
      const get = async (path: string): Promise<number> => {
        const begin = performance.now();
        const res = await fetch(`${server.url}${path}`, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        return performance.now() - begin;
      };
      // Each slow read once, untimed: caches warm, and a failing one stops the bench here.
      let seed = 1;
      for (const path of Object.values(HEAVY)) await get(path(seed++));

      // A request that fails (a stalled server resets connections) is counted, not timed.
      const failures = new Map<string, number>();
      const attempt = async (path: string): Promise<number | null> =>
        get(path).catch(() => {
          failures.set(path, (failures.get(path) ?? 0) + 1);
          return null;
        });
      const probe = async (path: string, until: number) => {
        const times: number[] = [];
        while (performance.now() < until) {
          const time = await attempt(path);
          if (time !== null) times.push(time);
          await new Promise((resolve) => setTimeout(resolve, PROBE_PAUSE_MS));
        }
        return times;
      };
      log(`heavy reads, ${setting}: probes alone…`);
      const idleUntil = performance.now() + Math.max(2, seconds / 3) * 1000;
      const idle = await Promise.all(Object.values(PROBES).map((path) => probe(path, idleUntil)));

      log(`heavy reads, ${setting}: probes with ${HEAVY_CLIENTS} clients sending slow reads for ${seconds} s…`);
      const until = performance.now() + seconds * 1000;
      const heavyTimes = new Map<string, number[]>(Object.keys(HEAVY).map((k) => [k, []]));
      const heavy = async (client: number) => {
        const kinds = Object.keys(HEAVY);
        for (let n = client; performance.now() < until; n++) {
          const kind = kinds[n % kinds.length] ?? '';
          const path = HEAVY[kind];
          const time = path ? await attempt(path(seed++)) : null;
          if (time !== null) heavyTimes.get(kind)?.push(time);
        }
      };
      const [loaded] = await Promise.all([Promise.all(Object.values(PROBES).map((path) => probe(path, until))), Promise.all(Array.from({ length: HEAVY_CLIENTS }, (_, c) => heavy(c)))]);
      for (const [kind, times] of heavyTimes) log(`heavy reads, ${setting}: ${kind}: ${times.length} done, ${ms(p(times))}`);

      const slow = [...heavyTimes.values()].flat();
      const failed = [...failures.values()].reduce((a, b) => a + b, 0);
      Object.entries(PROBES).forEach(([name, path], i) => {
        const alone = p(idle[i] ?? []);
        const during = p(loaded[i] ?? []);
        const lost = failures.get(path) ?? 0;
        rows.push({
          benchmark: `${name} during slow reads, ${setting}, ${transcripts} transcripts, ${seconds} s`,
          result: `${ms(during)}, max ${Math.max(...(loaded[i] ?? [NaN])).toFixed(0)} ms, ${loaded[i]?.length ?? 0} answered${lost ? `, ${lost} failed` : ''} (alone: ${ms(alone)})`,
          target: workers ? 'p95 < 100 ms' : 'for comparison',
        });
      });
      rows.push({
        benchmark: `  the slow reads meanwhile (${HEAVY_CLIENTS} clients: ${Object.keys(HEAVY).join(', ')}), ${setting}`,
        result: `${slow.length} done, ${ms(p(slow))}${failed ? `; ${failed} requests failed in all` : ''}`,
        target: 'reported',
      });
    } finally {
      await server.stop();
    }
  }
  return rows;
}

function p(values: number[]): { p50: number; p95: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
}

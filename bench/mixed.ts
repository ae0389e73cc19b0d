import { scoredBenchLine, COMMON_TERM, RARE_TERM, STATS_MODELS, STATS_TRAIT } from './data.ts';
import type { BenchRow } from './judge.ts';
import { ms } from './read.ts';
import { BENCH_TOKEN, startBenchServer, streamUpload } from './server.ts';
import { percentile } from './stats.ts';

const log = (s: string) => process.stderr.write(`${s}\n`);

/** BENCH_READ_PAUSE_MS: each reader's pause between reads (none by default: a closed loop, as issue 15 set it). */
const PAUSE_MS = Number(process.env['BENCH_READ_PAUSE_MS'] ?? 0);
const UPLOADERS = 20;
const READERS = 20;
/** Transcripts per upload request: many small batches, as scripts that upload as they sample send them. */
const UPLOAD_TRANSCRIPTS = 100;
/** New uploads number their lines from here, far past the read database's own. */
const FIRST_NEW_LINE = 100_000_000;

/** What the readers ask for, in turn (each reader starts at a different place in the cycle). */
const READS = ['list', 'search common', 'detail', 'search rare', 'stats'] as const;
type ReadKind = (typeof READS)[number];

/**
 * Mixed load (issue 15): on the read database of `transcripts` transcripts (bench/read.ts), 20 uploaders
 * sending batches for `seconds`, first alone, then with 20 readers cycling through a model-filtered list
 * page, a search for a term in half the transcripts, a transcript, a search for a rare term and a trait
 * summary. Uploads should keep ≥ 0.8× their rate alone; reads p95 < 100 ms. The uploads are scored lines like
 * the read database's, so a term in half the transcripts stays in half of the newest too.
 */
export async function mixedBench(databaseFile: string, transcripts: number, seconds: number): Promise<BenchRow[]> {
  const server = await startBenchServer(`file:${databaseFile}`);
  // New uploads are like the read database's transcripts (its scenarios, ratings, the common term in half), so
  // "a term in half the transcripts" stays true of the newest ones that a search walks first.
  const scenarios = Math.max(1, Math.round(transcripts / 10));
  const headers = { authorization: `Bearer ${BENCH_TOKEN}` };
  let nextLine = FIRST_NEW_LINE;
  try {
    const listed = (await (await fetch(`${server.url}/api/v1/transcripts?limit=500`, { headers })).json()) as { items: { id: string }[] };
    const ids = listed.items.map((i) => i.id);
    const paths: Record<ReadKind, (n: number) => string> = {
      list: () => `/api/v1/transcripts?model=${STATS_MODELS[1]}&limit=50`,
      'search common': () => `/api/v1/transcripts?q=${COMMON_TERM}`,
      detail: (n) => `/api/v1/transcripts/${ids[(n * 7919) % ids.length]}`,
      'search rare': () => `/api/v1/transcripts?q=${RARE_TERM}`,
      stats: () => `/api/v1/stats/traits?trait=${STATS_TRAIT}`,
    };

    const phase = async (withReaders: boolean) => {
      const start = performance.now();
      const until = start + seconds * 1000;
      const uploadTimes: number[] = [];
      const readTimes = new Map<ReadKind, number[]>(READS.map((k) => [k, []]));
      // A request that fails is counted and reported, not timed (a stalled server resets connections).
      const failures: string[] = [];
      let uploaded = 0;
      let lastUpload = start;
      const uploader = async () => {
        while (performance.now() < until) {
          const from = nextLine;
          nextLine += UPLOAD_TRANSCRIPTS;
          const begin = performance.now();
          const res = await streamUpload(server.url, UPLOAD_TRANSCRIPTS, (j) => scoredBenchLine(from + j, scenarios)).catch((err: unknown) => ({ status: 0, body: String(err) }));
          if (res.status !== 200) {
            failures.push(`upload: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
            continue;
          }
          uploadTimes.push(performance.now() - begin);
          uploaded += UPLOAD_TRANSCRIPTS;
          lastUpload = performance.now();
        }
      };
      const reader = async (r: number) => {
        for (let n = r; performance.now() < until; n++) {
          const kind = READS[n % READS.length] ?? 'list';
          const begin = performance.now();
          const status = await fetch(`${server.url}${paths[kind](n)}`, { headers }).then(
            async (res) => (await res.arrayBuffer(), res.status),
            (err: unknown) => String(err),
          );
          if (status !== 200) failures.push(`${kind}: ${status}`);
          else readTimes.get(kind)?.push(performance.now() - begin);
          if (PAUSE_MS) await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
        }
      };
      await Promise.all([...Array.from({ length: UPLOADERS }, uploader), ...(withReaders ? Array.from({ length: READERS }, (_, r) => reader(r)) : [])]);
      if (failures.length) log(`mixed: ${failures.length} requests failed, e.g. ${failures.slice(0, 3).join('; ')}`);
      return { rate: uploaded / ((lastUpload - start) / 1000), uploads: uploadTimes.length, uploadP50: percentile(sorted(uploadTimes), 50), readTimes, failures: failures.length };
    };

    log(`mixed: ${UPLOADERS} uploaders alone for ${seconds} s…`);
    const alone = await phase(false);
    log(`mixed: ${UPLOADERS} uploaders and ${READERS} readers for ${seconds} s…`);
    const mixed = await phase(true);
    for (const [kind, times] of mixed.readTimes) log(`mixed: ${kind}: ${times.length} reads, ${ms(p(times))}, max ${Math.max(...times).toFixed(0)} ms`);

    const interactive = sorted(READS.filter((k) => k !== 'stats').flatMap((k) => mixed.readTimes.get(k) ?? []));
    const stats = mixed.readTimes.get('stats') ?? [];
    const upload = (r: { rate: number; uploads: number; uploadP50: number; failures: number }) =>
      `${r.rate.toFixed(0)} transcripts/s (${r.uploads} uploads, p50 ${(r.uploadP50 / 1000).toFixed(2)} s${r.failures ? `; ${r.failures} requests failed` : ''})`;
    const on = `${transcripts}+ transcripts, ${seconds} s`;
    return [
      { benchmark: `mixed load: ${UPLOADERS} uploaders × ${UPLOAD_TRANSCRIPTS} transcripts alone, ${on}`, result: upload(alone), target: '' },
      { benchmark: `mixed load: the same uploaders with ${READERS} readers`, result: `${upload(mixed)} = ${(mixed.rate / alone.rate).toFixed(2)}× alone`, target: '≥ 0.8× alone' },
      { benchmark: `mixed load: reads (list, search common/rare, transcript), ${interactive.length} reads`, result: `${ms(p(interactive))}, max ${(interactive.at(-1) ?? NaN).toFixed(0)} ms`, target: 'p95 < 100 ms' },
      ...READS.filter((k) => k !== 'stats').map((k) => ({ benchmark: `  ${k}, ${mixed.readTimes.get(k)?.length ?? 0} reads`, result: ms(p(mixed.readTimes.get(k) ?? [])), target: 'reported' })),
      { benchmark: `mixed load: trait summary (2,000 resamples), ${stats.length} reads`, result: ms(p(stats)), target: 'reported' },
    ];
  } finally {
    await server.stop();
  }
}

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

function p(values: number[]): { p50: number; p95: number } {
  const s = sorted(values);
  return { p50: percentile(s, 50), p95: percentile(s, 95) };
}

import Anthropic from '@anthropic-ai/sdk';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDb, type Database } from '../db/client.ts';
import { DEFAULT_PRICES } from '../server/judge/prices.ts';
import { createRun, estimatePlan, planRun, requestForJob, type RunBody } from '../server/judge/runs.ts';
import { runView } from '../server/judge/run-view.ts';
import { syncRubrics } from '../server/judge/rubrics.ts';
import { defaultRubricsDir } from '../server/judge/setup.ts';
import { defaultJudgeConfig, startJudgeWorker, type JudgeConfig } from '../server/judge/worker.ts';
import { silentLogger } from '../server/lib/logger.ts';
import { startFakeAnthropic, type FakeAnthropic } from '../tests/helpers/fake-anthropic.ts';
import { writeDirect } from './ceiling.ts';

export interface BenchRow {
  benchmark: string;
  result: string;
  target: string;
}

const log = (s: string) => process.stderr.write(`${s}\n`);

async function setupDb(dir: string, name: string, transcripts: number) {
  const database = await createDb(`file:${join(dir, `${name}.db`)}`);
  await writeDirect(database.client, 0, transcripts);
  const rubrics = new Map((await syncRubrics(database, defaultRubricsDir)).map((r) => [r.slug, r]));
  return { database, rubrics };
}

/**
 * Plans a run of one rubric over every transcript; `beforeRun` gets the planned requests (the overhead
 * benchmark sends them straight through the SDK first); then stores the run and runs a worker until it is done.
 */
async function judgeAll(
  database: Database,
  rubrics: Awaited<ReturnType<typeof setupDb>>['rubrics'],
  fake: FakeAnthropic,
  concurrency: number,
  beforeRun?: (client: Anthropic, requests: Anthropic.MessageCreateParamsNonStreaming[]) => Promise<void>,
) {
  const config: JudgeConfig = { ...defaultJudgeConfig, prices: DEFAULT_PRICES, concurrency, pollMs: 10 };
  const client = new Anthropic({ apiKey: 'bench', baseURL: fake.url, maxRetries: 2 });
  const body: RunBody = { traits: ['pushback'], where: {}, samples: 1, mode: 'sync', pairwise: false, budgetUsd: 1000 };
  const plan = await planRun(database.db, body, rubrics, config);
  if (beforeRun) {
    const rubric = rubrics.get('pushback');
    if (!rubric) throw new Error('pushback rubric missing');
    const requests = [];
    for (const job of plan.jobs) requests.push((await requestForJob(database.db, job, rubric, plan.judgeModel)).request);
    await beforeRun(client, requests);
  }
  const estimate = await estimatePlan(database.db, plan, 'sync', null);
  const id = await createRun(database, plan, body, estimate, null);
  const start = performance.now();
  const worker = startJudgeWorker({ database, client, config, logger: silentLogger, owner: 'bench' });
  let view = await runView(database.db, id);
  while (view && view.status !== 'done') {
    // Looking too often would steal the worker's event loop and inflate what is measured.
    await new Promise((r) => setTimeout(r, 25));
    view = await runView(database.db, id);
  }
  const seconds = (performance.now() - start) / 1000;
  await worker.stop();
  if (!view || view.counts.done !== plan.jobs.length) throw new Error(`bench run ended with ${JSON.stringify(view?.counts)}`);
  return { seconds, view };
}

/**
 * The judge benchmarks: pipeline overhead per job (the worker against a zero-latency fake, minus the same
 * requests sent straight through the SDK), throughput at 300 ms latency and concurrency 16, and the share of
 * prompt tokens read from the prompt cache on one rubric over 100 transcripts.
 */
export async function judgeBench(scale = 1): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'charlens-bench-judge-'));
  const rows: BenchRow[] = [];
  const fake = await startFakeAnthropic();
  try {
    const overheadN = Math.max(300, Math.round(500 * scale));
    log(`judge overhead: ${overheadN} jobs against a zero-latency fake…`);
    const a = await setupDb(dir, 'overhead', overheadN);
    // First the same requests straight through the SDK, one at a time: the fake's and the SDK's own cost
    // (this also warms both up, so the worker is not charged for their first-call costs).
    let directSeconds = 0;
    const worker = await judgeAll(a.database, a.rubrics, fake, 1, async (client, requests) => {
      const start = performance.now();
      for (const request of requests) await client.messages.create(request);
      directSeconds = (performance.now() - start) / 1000;
    });
    a.database.close();
    const overheadMs = ((worker.seconds - directSeconds) * 1000) / overheadN;
    rows.push({
      benchmark: `judge pipeline overhead per job, ${overheadN} jobs, zero-latency fake`,
      result: `${overheadMs.toFixed(2)} ms (${((worker.seconds * 1000) / overheadN).toFixed(2)} ms/job vs ${((directSeconds * 1000) / overheadN).toFixed(2)} ms/job direct SDK)`,
      target: '< 5 ms',
    });

    const throughputN = Math.max(100, Math.round(1000 * scale));
    log(`judge throughput: ${throughputN} jobs at 300 ms latency, concurrency 16…`);
    fake.latencyMs = 300;
    const b = await setupDb(dir, 'throughput', throughputN);
    const run = await judgeAll(b.database, b.rubrics, fake, 16);
    b.database.close();
    const ideal = (throughputN / 16) * 0.3;
    rows.push({
      benchmark: `judge ${throughputN} jobs, 300 ms fake latency, concurrency 16`,
      result: `${run.seconds.toFixed(1)} s (ideal ${ideal.toFixed(1)} s)`,
      target: `< ${(25 * throughputN / 1000).toFixed(0)} s`,
    });

    log('judge cache share: one rubric over 100 transcripts…');
    fake.latencyMs = 0;
    const fresh = await startFakeAnthropic();
    try {
      const c = await setupDb(dir, 'cache', 100);
      const cached = await judgeAll(c.database, c.rubrics, fresh, 4);
      c.database.close();
      const t = cached.view.tokens;
      rows.push({
        benchmark: 'judge prompt-cache read share, 1 rubric × 100 transcripts',
        result: `${(t.cacheReadShare * 100).toFixed(1)}% of prompt tokens (${t.cacheRead} read, ${t.cacheWrite} written, ${t.input} uncached); cost $${cached.view.costUsd.toFixed(4)}`,
        target: 'reported',
      });
    } finally {
      await fresh.close();
    }
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await judgeBench(Number(process.env['BENCH_SCALE'] ?? '1'));
  for (const r of rows) console.log(`| ${r.benchmark} | ${r.result} | ${r.target} |`);
}

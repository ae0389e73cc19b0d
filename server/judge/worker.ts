import Anthropic from '@anthropic-ai/sdk';
import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/client.ts';
import { judgeJobs, judgeRuns, type Json } from '../../db/schema/index.ts';
import type { Logger } from '../lib/logger.ts';
import { judgeWithRepair, usageOf, type CallOutcome } from './call.ts';
import { checkComparison, checkJudgment, type Checked, type Judgment, type PairVerdict } from './judgment.ts';
import { costUsd, priceOf, type PriceTable } from './prices.ts';
import { buildRepairRequest, renderTranscript, toParams, type MessageCreateParams } from './prompt.ts';
import { loadRubricVersion, requestForJob } from './runs.ts';
import type { Rubric } from './rubrics.ts';
import { recordAttemptFailed, recordRepairNeeded, recordResult, type JobResult, type JobRow } from './store.ts';
import { parseStoredContent } from './stored-content.ts';

export interface JudgeConfig {
  defaultModel: string;
  prices: PriceTable;
  /** Sync requests in flight per worker process. */
  concurrency: number;
  /** A claimed job is this worker's until then; renewed while the request runs, taken over after a crash. */
  leaseMs: number;
  /** How often an idle worker looks for work (it is also woken when a run starts). */
  pollMs: number;
  batchPollMs: number;
  /** Attempts per job before it is marked failed (API errors, errored or expired batch entries). */
  maxAttempts: number;
  /** Requests per Message Batch; the API allows 100,000 requests or 256 MB. */
  maxBatchRequests: number;
}

export const defaultJudgeConfig: JudgeConfig = {
  // The SDK's current Sonnet (its own examples use it); not in the SDK's DEPRECATED_MODELS list.
  defaultModel: 'claude-sonnet-5-5',
  prices: {},
  concurrency: 8,
  leaseMs: 120_000,
  pollMs: 1_000,
  batchPollMs: 30_000,
  maxAttempts: 3,
  maxBatchRequests: 10_000,
};

export interface JudgeWorker {
  owner: string;
  wake(): void;
  stop(): Promise<void>;
}

type ClaimedJob = JobRow & { key: string; attempts: number; repair: { content: Json; error: string } | null };

interface RunInfo {
  judgeModel: string;
  mode: 'sync' | 'batch';
}

/**
 * The judge's worker: claims jobs of running runs with leases (so a restart, or a second process, carries on
 * where a crashed one stopped), keeps at most `concurrency` sync requests in flight, stops claiming when a run's
 * budget would be exceeded, and in batch mode submits Message Batches and collects their results.
 */
export function startJudgeWorker(deps: { database: Database; client: Anthropic; config: JudgeConfig; logger: Logger; owner?: string }): JudgeWorker {
  const { database, client, config, logger } = deps;
  const { db } = database;
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const inflight = new Map<string, Promise<void>>();
  const rubricCache = new Map<string, Rubric>();
  const runCache = new Map<string, RunInfo>();
  let stopping = false;
  let wakeUp: (() => void) | null = null;

  const wake = () => {
    wakeUp?.();
    wakeUp = null;
  };
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const rubricOf = async (id: string) => {
    const hit = rubricCache.get(id);
    if (hit) return hit;
    const rubric = await loadRubricVersion(db, id);
    rubricCache.set(id, rubric);
    return rubric;
  };
  const runOf = async (id: string): Promise<RunInfo> => {
    const hit = runCache.get(id);
    if (hit) return hit;
    const [row] = await db.select({ judgeModel: judgeRuns.judgeModel, mode: judgeRuns.mode }).from(judgeRuns).where(eq(judgeRuns.id, id));
    if (!row) throw new Error(`run ${id} is gone`);
    runCache.set(id, row);
    return row;
  };
  const priceFor = (model: string) => {
    const price = priceOf(config.prices, model);
    if (!price) throw new Error(`no price for ${model}`);
    return price;
  };

  /** Claims up to `limit` jobs of running runs in `mode`, within each run's budget. One UPDATE per run: atomic across processes. */
  async function claim(mode: 'sync' | 'batch', limit: number): Promise<ClaimedJob[]> {
    return database.write(async (tx) => {
      const now = Date.now();
      const runs = await tx
        .select({ id: judgeRuns.id, costUsd: judgeRuns.costUsd, budgetUsd: judgeRuns.budgetUsd, estimate: judgeRuns.estimate, jobCount: judgeRuns.jobCount })
        .from(judgeRuns)
        .where(and(eq(judgeRuns.status, 'running'), eq(judgeRuns.mode, mode)))
        .orderBy(asc(judgeRuns.createdAt));
      const claimed: ClaimedJob[] = [];
      for (const run of runs) {
        if (claimed.length >= limit) break;
        const [{ n: leased = 0 } = {}] = await tx
          .select({ n: sql<number>`count(*)` })
          .from(judgeJobs)
          .where(and(eq(judgeJobs.runId, run.id), eq(judgeJobs.status, 'running'), sql`${judgeJobs.leaseExpiresAt} >= ${now}`));
        // Budget: what is spent, plus what the jobs in flight will likely cost, must leave room for one more job.
        const perJob = Math.max(run.estimate.costUsd / Math.max(run.jobCount, 1), 1e-9);
        const room = Math.floor((run.budgetUsd - run.costUsd) / perJob) - Number(leased);
        if (room <= 0) {
          if (Number(leased) === 0) {
            await tx.update(judgeRuns).set({ status: 'budget_exhausted', updatedAt: now, error: `stopped at its budget of $${run.budgetUsd}` }).where(eq(judgeRuns.id, run.id));
            logger.warn('judge.budget_exhausted', { runId: run.id, costUsd: run.costUsd, budgetUsd: run.budgetUsd });
          }
          continue;
        }
        const take = Math.min(room, limit - claimed.length);
        const candidates = tx
          .select({ id: judgeJobs.id })
          .from(judgeJobs)
          .where(
            and(
              eq(judgeJobs.runId, run.id),
              or(eq(judgeJobs.status, 'pending'), and(eq(judgeJobs.status, 'running'), lt(judgeJobs.leaseExpiresAt, now))),
            ),
          )
          .orderBy(asc(judgeJobs.id))
          .limit(take);
        const rows = await tx
          .update(judgeJobs)
          .set({ status: 'running', leaseOwner: owner, leaseExpiresAt: now + config.leaseMs, attempts: sql`${judgeJobs.attempts} + 1`, updatedAt: now })
          .where(and(inArray(judgeJobs.id, candidates), or(eq(judgeJobs.status, 'pending'), and(eq(judgeJobs.status, 'running'), lt(judgeJobs.leaseExpiresAt, now)))))
          .returning();
        claimed.push(...rows.map((r) => ({ ...r, kind: r.kind, repair: r.repair ?? null })));
      }
      return claimed;
    });
  }

  function checker(rubric: Rubric, first: Parameters<typeof renderTranscript>[0], second: Parameters<typeof renderTranscript>[0] | null) {
    const firstTexts = renderTranscript(first, rubric.seesThinking).messageTexts;
    if (!second) return (content: Anthropic.ContentBlock[]): Checked<JobCheck> => wrapScore(checkJudgment(content, rubric, firstTexts));
    const secondTexts = renderTranscript(second, rubric.seesThinking).messageTexts;
    return (content: Anthropic.ContentBlock[]): Checked<JobCheck> => wrapPair(checkComparison(content, firstTexts, secondTexts));
  }

  async function runSyncJob(job: ClaimedJob) {
    try {
      const run = await runOf(job.runId);
      const rubric = await rubricOf(job.rubricVersionId);
      const { request, first, second } = await requestForJob(db, job, rubric, run.judgeModel);
      const outcome = await judgeWithRepair(client, request, checker(rubric, first, second), job.key);
      const cost = costUsd(priceFor(run.judgeModel), outcome.usage, 'sync');
      await recordResult(database, job, toJobResult(job.kind, outcome), outcome.usage, cost, rawOf(outcome.raw));
    } catch (err) {
      const retryable = !(err instanceof Anthropic.APIError) || err.status === undefined || err.status === 429 || err.status >= 500;
      logger.warn('judge.job_failed', { jobId: job.id, attempt: job.attempts, message: err instanceof Error ? err.message : String(err) });
      await recordAttemptFailed(database, job, err instanceof Error ? err.message : String(err), config.maxAttempts, retryable).catch((e: unknown) =>
        logger.error('judge.record_failed', { jobId: job.id, message: e instanceof Error ? e.message : String(e) }),
      );
    }
  }

  async function renewLeases() {
    const ids = [...inflight.keys()];
    if (!ids.length) return;
    await database.write((tx) =>
      tx
        .update(judgeJobs)
        .set({ leaseExpiresAt: Date.now() + config.leaseMs })
        .where(and(inArray(judgeJobs.id, ids), eq(judgeJobs.leaseOwner, owner), eq(judgeJobs.status, 'running'))),
    );
  }

  async function syncLoop() {
    while (!stopping) {
      const free = config.concurrency - inflight.size;
      let claimed: ClaimedJob[] = [];
      if (free > 0) {
        try {
          claimed = await claim('sync', free);
        } catch (err) {
          logger.error('judge.claim_failed', { message: err instanceof Error ? err.message : String(err) });
        }
      }
      for (const job of claimed) {
        const work = runSyncJob(job).finally(() => {
          inflight.delete(job.id);
          wake();
        });
        inflight.set(job.id, work);
      }
      if (stopping) break;
      if (!claimed.length || inflight.size >= config.concurrency) await pause(config.pollMs);
    }
  }

  /** Batch mode, step 1: claimed jobs go out as one Message Batch; its id is stored before anything polls it. */
  async function submitBatch(): Promise<boolean> {
    const jobs = await claim('batch', config.maxBatchRequests);
    if (!jobs.length) return false;
    const requests: { custom_id: string; params: MessageCreateParams }[] = [];
    for (const job of jobs) {
      const run = await runOf(job.runId);
      const rubric = await rubricOf(job.rubricVersionId);
      const { request } = await requestForJob(db, job, rubric, run.judgeModel);
      const repair = job.repair ? parseStoredContent(job.repair.content) : null;
      requests.push({ custom_id: job.key, params: repair && job.repair ? buildRepairRequest(request, repair, job.repair.error) : request });
    }
    try {
      const batch = await client.messages.batches.create({ requests });
      await database.write((tx) =>
        tx
          .update(judgeJobs)
          .set({ status: 'submitted', batchId: batch.id, leaseOwner: null, leaseExpiresAt: null, updatedAt: Date.now() })
          .where(inArray(judgeJobs.id, jobs.map((j) => j.id))),
      );
      logger.info('judge.batch_submitted', { batchId: batch.id, requests: requests.length });
    } catch (err) {
      for (const job of jobs) await recordAttemptFailed(database, job, err instanceof Error ? err.message : String(err), config.maxAttempts, true);
    }
    return true;
  }

  /** Batch mode, step 2: every stored batch id is polled; ended batches' results are streamed and recorded. */
  async function collectBatches() {
    const rows = await db.selectDistinct({ batchId: judgeJobs.batchId }).from(judgeJobs).where(eq(judgeJobs.status, 'submitted'));
    for (const { batchId } of rows) {
      if (!batchId || stopping) continue;
      const batch = await client.messages.batches.retrieve(batchId);
      if (batch.processing_status !== 'ended') continue;
      const results = await client.messages.batches.results(batchId);
      for await (const entry of results) {
        const [job] = await db.select().from(judgeJobs).where(and(eq(judgeJobs.batchId, batchId), eq(judgeJobs.customId, entry.custom_id), eq(judgeJobs.status, 'submitted')));
        if (!job) continue;
        await recordBatchEntry({ ...job, repair: job.repair ?? null }, entry.result);
      }
    }
  }

  async function recordBatchEntry(job: ClaimedJob, result: Anthropic.Messages.MessageBatchResult) {
    if (result.type !== 'succeeded') {
      const reason = result.type === 'errored' ? `batch entry errored: ${result.error.error.message}` : `batch entry ${result.type}`;
      await recordAttemptFailed(database, job, reason, config.maxAttempts, true);
      return;
    }
    const run = await runOf(job.runId);
    const rubric = await rubricOf(job.rubricVersionId);
    const { first, second } = await requestForJob(db, job, rubric, run.judgeModel);
    const message = result.message;
    const usage = usageOf(message);
    const cost = costUsd(priceFor(run.judgeModel), usage, 'batch');
    const checked = checker(rubric, first, second)(message.content);
    if (checked.ok) {
      await recordResult(database, job, toJobResult(job.kind, { status: 'valid', value: checked.value, usage, raw: [message] }), usage, cost, rawOf([message]));
    } else if (!job.repair) {
      // One repair turn, sent in the next batch with the error.
      await recordRepairNeeded(database, job, usage, cost, { content: rawOf(toParams(message.content)), error: checked.error }, rawOf([message]));
    } else {
      await recordResult(database, job, { kind: job.kind, status: 'invalid', error: `${job.repair.error}; after repair: ${checked.error}` }, usage, cost, rawOf([message]));
    }
  }

  async function batchLoop() {
    while (!stopping) {
      try {
        while (!stopping && (await submitBatch()));
        await collectBatches();
      } catch (err) {
        logger.error('judge.batch_loop', { message: err instanceof Error ? err.message : String(err) });
      }
      if (!stopping) await pause(config.batchPollMs);
    }
  }

  const heartbeat = setInterval(() => {
    renewLeases().catch((err: unknown) => logger.error('judge.lease_renew_failed', { message: err instanceof Error ? err.message : String(err) }));
  }, Math.max(50, Math.floor(config.leaseMs / 3)));
  heartbeat.unref();
  const loops = [syncLoop(), batchLoop()];

  return {
    owner,
    wake,
    stop: async () => {
      stopping = true;
      wake();
      clearInterval(heartbeat);
      // The loops end after their current step; the requests in flight finish and are recorded.
      await Promise.allSettled([...loops, ...inflight.values()]);
    },
  };
}

type JobCheck = { kind: 'score'; judgment: Judgment } | { kind: 'pairwise'; verdict: PairVerdict };

function wrapScore(c: Checked<Judgment>): Checked<JobCheck> {
  return c.ok ? { ok: true, value: { kind: 'score', judgment: c.value } } : c;
}
function wrapPair(c: Checked<PairVerdict>): Checked<JobCheck> {
  return c.ok ? { ok: true, value: { kind: 'pairwise', verdict: c.value } } : c;
}

function toJobResult(kind: 'score' | 'pairwise', outcome: CallOutcome<JobCheck>): JobResult {
  if (outcome.status === 'invalid') return { kind, status: 'invalid', error: outcome.error };
  const v = outcome.value;
  return v.kind === 'score' ? { kind: 'score', status: 'valid', judgment: v.judgment } : { kind: 'pairwise', status: 'valid', verdict: v.verdict };
}

/** API objects are plain JSON data; a round trip through JSON gives them the stored type. */
function rawOf(value: unknown): Json {
  const json: Json = JSON.parse(JSON.stringify(value));
  return json;
}

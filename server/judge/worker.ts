import type Anthropic from '@anthropic-ai/sdk';
// The error classes alone (a few MB resident, where the whole SDK is ~16): setup.ts loads the client only with a key.
import { APIError } from '@anthropic-ai/sdk/error';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../../db/client.ts';
import { judgeJobs, judgeRuns } from '../../db/schema/index.ts';
import type { Logger } from '../lib/logger.ts';
import { collectBatches, MAX_BATCH_BYTES, submitBatch, type BatchDeps } from './batch.ts';
import { judgeWithRepair } from './call.ts';
import { createJobContext, rawOf, toJobResult, type ClaimedJob } from './jobs.ts';
import { costUsd, type PriceTable } from './prices.ts';
import { recordAttemptFailed, recordResult } from './store.ts';

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
  maxBatchBytes: number;
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
  maxBatchBytes: MAX_BATCH_BYTES,
};

export interface JudgeWorker {
  owner: string;
  wake(): void;
  stop(): Promise<void>;
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
  const jobs = createJobContext({ database, logger, owner, leaseMs: config.leaseMs, prices: config.prices });
  const batchDeps: BatchDeps = { database, client, logger, jobs, maxAttempts: config.maxAttempts, maxBatchRequests: config.maxBatchRequests, maxBatchBytes: config.maxBatchBytes };
  const inflight = new Map<string, Promise<void>>();
  // Jobs are claimed a few at a time, so one claim (a write) serves several jobs; the lease covers them all.
  const queue: ClaimedJob[] = [];
  const prefetch = Math.max(8, config.concurrency);
  let stopping = false;
  // Each loop waits on its own channel: a finished job wakes the sync loop; a new run or stop wakes both.
  const waiters = { sync: new Set<() => void>(), batch: new Set<() => void>() };
  const wakeLoop = (loop: 'sync' | 'batch') => {
    for (const resolve of [...waiters[loop]]) resolve();
  };
  const wake = () => {
    wakeLoop('sync');
    wakeLoop('batch');
  };
  const pause = (loop: 'sync' | 'batch', ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        waiters[loop].delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters[loop].add(done);
    });
  const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

  async function runSyncJob(job: ClaimedJob) {
    try {
      const { request, check, price } = await jobs.prepare(job);
      const outcome = await judgeWithRepair(client, request, check, job.key);
      await recordResult(database, job, toJobResult(job.kind, outcome), outcome.usage, costUsd(price, outcome.usage, 'sync'), rawOf(outcome.raw));
    } catch (err) {
      // The SDK has already retried 408/409/429/5xx (honouring retry-after); other API errors will not get better.
      const retryable = !(err instanceof APIError) || err.status === undefined || err.status === 429 || err.status >= 500;
      logger.warn('judge.job_failed', { jobId: job.id, attempt: job.attempts, message: message(err) });
      await recordAttemptFailed(database, job, message(err), config.maxAttempts, retryable).catch((e: unknown) => logger.error('judge.record_failed', { jobId: job.id, message: message(e) }));
    }
  }

  async function renewLeases() {
    const ids = [...inflight.keys(), ...queue.map((j) => j.id)];
    if (!ids.length) return;
    await database.write((tx) =>
      tx
        .update(judgeJobs)
        .set({ leaseExpiresAt: Date.now() + config.leaseMs })
        .where(and(inArray(judgeJobs.id, ids), eq(judgeJobs.leaseOwner, owner), eq(judgeJobs.status, 'running'))),
    );
  }

  /**
   * Gives claimed jobs that will not run here back: pending again, or cancelled with their run. Claiming
   * counted an attempt; these were never sent, so it is given back (else cancel/resume cycles would use up
   * a job's attempts and fail it without a single request).
   */
  async function release(released: ClaimedJob[], requested: 'pending' | 'cancelled') {
    if (!released.length) return;
    const now = Date.now();
    await database.write(async (tx) => {
      // "Cancelled" only while the run still is: a resume may have come since its status was read, and a job
      // cancelled after it would be lost to the run (final, never sent). Checked inside the write queue, which
      // the resume also goes through.
      let status = requested;
      if (requested === 'cancelled') {
        const runIds = [...new Set(released.map((j) => j.runId))];
        const still = await tx.select({ id: judgeRuns.id }).from(judgeRuns).where(and(inArray(judgeRuns.id, runIds), eq(judgeRuns.status, 'cancelled')));
        if (still.length < runIds.length) status = 'pending';
      }
      await tx
        .update(judgeJobs)
        .set({
          status,
          attempts: sql`max(${judgeJobs.attempts} - 1, 0)`,
          leaseOwner: null,
          leaseExpiresAt: null,
          updatedAt: now,
          finishedAt: status === 'cancelled' ? now : null,
        })
        .where(and(inArray(judgeJobs.id, released.map((j) => j.id)), eq(judgeJobs.leaseOwner, owner), eq(judgeJobs.status, 'running')));
    });
  }

  const statusCache = new Map<string, { status: string | undefined; at: number }>();
  /**
   * A run's status, cached for 200 ms while it is running. A status that stops work is always read afresh: a
   * cached "cancelled" outliving a resume would cancel the resumed jobs as they are claimed, leaving the run
   * running with nothing open (measured: 1 of 3 runs of the resume-right-after-cancel test).
   */
  async function runStatus(runId: string): Promise<string | undefined> {
    const hit = statusCache.get(runId);
    if (hit && hit.status === 'running' && Date.now() - hit.at < 200) return hit.status;
    const [run] = await db.select({ status: judgeRuns.status }).from(judgeRuns).where(eq(judgeRuns.id, runId));
    statusCache.set(runId, { status: run?.status, at: Date.now() });
    return run?.status;
  }

  async function syncLoop() {
    while (!stopping) {
      if (!queue.length && inflight.size < config.concurrency) {
        try {
          queue.push(...(await jobs.claim('sync', prefetch)));
        } catch (err) {
          logger.error('judge.claim_failed', { message: message(err) });
        }
      }
      let started = 0;
      while (!stopping && queue.length && inflight.size < config.concurrency) {
        const job = queue.shift();
        if (!job) break;
        // A queued job's run may have been cancelled or stopped since the claim (looked up at most every 200 ms).
        const status = await runStatus(job.runId);
        if (status !== 'running') {
          await release([job], status === 'cancelled' ? 'cancelled' : 'pending');
          continue;
        }
        const work = runSyncJob(job).finally(() => {
          inflight.delete(job.id);
          wakeLoop('sync');
        });
        inflight.set(job.id, work);
        started++;
      }
      if (stopping) break;
      if (!started || inflight.size >= config.concurrency) await pause('sync', config.pollMs);
    }
    await release(queue.splice(0), 'pending');
  }

  async function batchLoop() {
    while (!stopping) {
      try {
        while (!stopping && (await submitBatch(batchDeps)));
        await collectBatches(batchDeps, () => stopping);
      } catch (err) {
        logger.error('judge.batch_loop', { message: message(err) });
      }
      if (!stopping) await pause('batch', config.batchPollMs);
    }
  }

  const heartbeat = setInterval(() => {
    renewLeases().catch((err: unknown) => logger.error('judge.lease_renew_failed', { message: message(err) }));
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

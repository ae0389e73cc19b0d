import type Anthropic from '@anthropic-ai/sdk';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { judgeJobs } from '../../db/schema/index.ts';
import type { Logger } from '../lib/logger.ts';
import { usageOf } from './call.ts';
import { rawOf, toJobResult, type ClaimedJob, type JobContext } from './jobs.ts';
import { costUsd } from './prices.ts';
import { buildRepairRequest, toParams, type MessageCreateParams } from './prompt.ts';
import { recordAttemptFailed, recordRepairNeeded, recordResult } from './store.ts';
import { parseStoredContent } from './stored-content.ts';

/** The API takes at most 256 MB per batch; a margin keeps the request under it. */
export const MAX_BATCH_BYTES = 200 * 1024 * 1024;

export interface BatchDeps {
  database: Database;
  client: Anthropic;
  logger: Logger;
  jobs: JobContext;
  maxAttempts: number;
  maxBatchRequests: number;
  maxBatchBytes: number;
}

/**
 * Batch mode, step 1: claimed jobs go out as one Message Batch (custom_id = job key), and the batch id is
 * stored on them at once, so a restart polls that batch instead of paying for it again. Returns whether
 * anything was submitted.
 */
export async function submitBatch(deps: BatchDeps): Promise<boolean> {
  const { database, client, logger } = deps;
  const jobs = await deps.jobs.claim('batch', deps.maxBatchRequests);
  if (!jobs.length) return false;
  const requests: { custom_id: string; params: MessageCreateParams }[] = [];
  let bytes = 0;
  let taken = 0;
  for (const job of jobs) {
    const { request } = await deps.jobs.prepare(job);
    // A job whose last answer was invalid goes out with its repair turn.
    const params = job.repair ? buildRepairRequest(request, parseStoredContent(job.repair.content), job.repair.error) : request;
    const size = Buffer.byteLength(JSON.stringify(params)) + job.key.length + 64;
    if (requests.length && bytes + size > deps.maxBatchBytes) break;
    bytes += size;
    taken++;
    requests.push({ custom_id: job.key, params });
  }
  // What did not fit under the size limit goes back for the next batch, without using up an attempt.
  const left = jobs.slice(taken);
  if (left.length) {
    await database.write((tx) =>
      tx
        .update(judgeJobs)
        .set({ status: 'pending', attempts: sql`${judgeJobs.attempts} - 1`, leaseOwner: null, leaseExpiresAt: null, updatedAt: Date.now() })
        .where(inArray(judgeJobs.id, left.map((j) => j.id))),
    );
  }
  const sent = jobs.slice(0, taken);
  try {
    const batch = await client.messages.batches.create({ requests });
    await database.write((tx) =>
      tx
        .update(judgeJobs)
        .set({ status: 'submitted', batchId: batch.id, leaseOwner: null, leaseExpiresAt: null, updatedAt: Date.now() })
        .where(inArray(judgeJobs.id, sent.map((j) => j.id))),
    );
    logger.info('judge.batch_submitted', { batchId: batch.id, requests: requests.length });
  } catch (err) {
    for (const job of sent) await recordAttemptFailed(database, job, err instanceof Error ? err.message : String(err), deps.maxAttempts, true);
  }
  return true;
}

/** Batch mode, step 2: every stored batch id is polled; an ended batch's results are streamed from its results_url and recorded. */
export async function collectBatches(deps: BatchDeps, stopping: () => boolean): Promise<void> {
  const { database, client } = deps;
  const rows = await database.db.selectDistinct({ batchId: judgeJobs.batchId }).from(judgeJobs).where(eq(judgeJobs.status, 'submitted'));
  for (const { batchId } of rows) {
    if (!batchId || stopping()) continue;
    const batch = await client.messages.batches.retrieve(batchId);
    if (batch.processing_status !== 'ended') continue;
    for await (const entry of await client.messages.batches.results(batchId)) {
      // Entries already recorded (before a restart) are no longer `submitted` and are skipped.
      const [job] = await database.db
        .select()
        .from(judgeJobs)
        .where(and(eq(judgeJobs.batchId, batchId), eq(judgeJobs.customId, entry.custom_id), eq(judgeJobs.status, 'submitted')));
      if (job) await recordBatchEntry(deps, { ...job, repair: job.repair ?? null }, entry.result);
    }
  }
}

async function recordBatchEntry(deps: BatchDeps, job: ClaimedJob, result: Anthropic.Messages.MessageBatchResult) {
  const { database } = deps;
  if (result.type !== 'succeeded') {
    const reason = result.type === 'errored' ? `batch entry errored: ${result.error.error.message}` : `batch entry ${result.type}`;
    await recordAttemptFailed(database, job, reason, deps.maxAttempts, true);
    return;
  }
  const { check, price } = await deps.jobs.prepare(job);
  const message = result.message;
  const usage = usageOf(message);
  const cost = costUsd(price, usage, 'batch');
  const checked = check(message.content);
  if (checked.ok) {
    await recordResult(database, job, toJobResult(job.kind, { status: 'valid', value: checked.value, usage, raw: [message] }), usage, cost, rawOf([message]));
  } else if (!job.repair) {
    // One repair turn, sent in the next batch with the error.
    await recordRepairNeeded(database, job, usage, cost, { content: rawOf(toParams(message.content)), error: checked.error }, rawOf([message]));
  } else {
    await recordResult(database, job, toJobResult(job.kind, { status: 'invalid', error: `${job.repair.error}; after repair: ${checked.error}`, usage, raw: [message] }), usage, cost, rawOf([message]));
  }
}
